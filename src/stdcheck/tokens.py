"""A faster tokenizer giving exactly the tokens of :mod:`tokenize`.

Before Python 3.12, :func:`tokenize.generate_tokens` is pure Python
and matches a regular expression per token on each physical line:
it was the hottest single thing in a check of the standard library
(about 30% of the time). This module does the same work with one
compiled expression matched over the whole text, the token kind read
from the index of the group that matched, and tuples built without
the named tuple's constructor. Its logic (indentation, ``NL`` versus
``NEWLINE``, comments, continuation lines) follows the stdlib's
state machine, so the result is the same list of
:class:`tokenize.TokenInfo`, token for token.

Correctness comes first: on anything it is not sure of (no final
newline, a carriage return or form feed, a character no token
matches, a word that cannot start an identifier, a bad dedent, an
unclosed bracket or continuation at the end), it tokenizes the whole
file with :mod:`tokenize` instead, which also raises the stdlib's
errors. From Python 3.12 on, :mod:`tokenize` runs the C tokenizer and
is used directly.
"""

from __future__ import annotations

import io
import re
import sys
import tokenize
from collections.abc import Callable
from typing import Any

_TokenTuple = tuple[int, str, tuple[int, int], tuple[int, int], str]
_new: Callable[[type[tokenize.TokenInfo], _TokenTuple], Any] = (
    tuple.__new__
)

_TABSIZE = 8
# String prefixes, and numbers in the order tokenize tries their forms
# (imaginary, float, integer: the first that matches wins).
_PREFIX = r"(?:[bB][rR]?|[rR][bBfF]?|[uU]|[fF][rR]?)?"
_DIGITS = r"[0-9](?:_?[0-9])*"
_EXPONENT = r"[eE][-+]?" + _DIGITS
_POINT_FLOAT = (
    rf"(?:{_DIGITS}\.(?:{_DIGITS})?|\.{_DIGITS})(?:{_EXPONENT})?"
)
_FLOAT = rf"(?:{_POINT_FLOAT}|{_DIGITS}{_EXPONENT})"
_INTEGER = (
    r"(?:0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+"
    r"|0(?:_?0)*|[1-9](?:_?[0-9])*)"
)
_NUMBER_PATTERN = rf"(?:{_DIGITS}[jJ]|{_FLOAT}[jJ]|{_FLOAT}|{_INTEGER})"
# The operators of ``tokenize.EXACT_TOKEN_TYPES`` but brackets, the
# longest first (a test checks they match as the stdlib's do). A dot
# before a digit starts a number.
_OPERATORS = (
    r"->|(?:\*\*|//|<<|>>|[-+*/%&@^|<>=:])=?|!=|\.\.\.|\.(?![0-9])"
    r"|[,;~]"
)
# A string in triple quotes, and one in single quotes (which a
# backslash may continue on the next line): an escape can be of any
# character, a newline included.
_LONG_STRING = (
    r"'''[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*'''"
    r'|"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"""'
)
_SHORT_STRING = (
    r"'(?!'')[^\n'\\]*(?:\\[\s\S][^\n'\\]*)*'"
    r'|"(?!"")[^\n"\\]*(?:\\[\s\S][^\n"\\]*)*"'
)
# The spaces before a token are group 1; each alternative ends with an
# empty group, so ``match.lastindex`` says which one matched (and the
# regular expression engine can skip an alternative by its first
# character). Where alternatives overlap, the order keeps the stdlib's
# priorities: strings before names (``rb"..."``). An ASCII name
# directly followed by a quote is left to the later alternatives (it
# may be a string prefix).
_TOKEN = re.compile(
    r"([ \t]*)(?:"
    r"[A-Za-z_]\w*(?![\w'\"])()"  # 2: name
    rf"|(?:{_OPERATORS})()"  # 3: operator
    r"|\n()"  # 4: end of line
    r"|[(\[{]()"  # 5: opening bracket
    r"|[)\]}]()"  # 6: closing bracket
    rf"|{_NUMBER_PATTERN}()"  # 7: number
    rf"|{_PREFIX}(?:{_LONG_STRING})()"  # 8: triple-quoted string
    rf"|{_PREFIX}(?:{_SHORT_STRING})()"  # 9: string
    r"|#[^\n]*()"  # 10: comment
    r"|\w+()"  # 11: other name (or not a name)
    r"|\\\n()"  # 12: continuation line
    r"|\Z()"  # 13: end of text
    r"|[\s\S]()"  # 14: anything else
    r")"
)

_NAME = tokenize.NAME
_OP = tokenize.OP
_NUMBER = tokenize.NUMBER
_STRING = tokenize.STRING
_COMMENT = tokenize.COMMENT
_NL = tokenize.NL
_NEWLINE = tokenize.NEWLINE
_INDENT = tokenize.INDENT
_DEDENT = tokenize.DEDENT
_ENDMARKER = tokenize.ENDMARKER
_TokenInfo = tokenize.TokenInfo


class _UnsureError(Exception):
    """Raised where the stdlib tokenizer must decide instead."""


def tokens_of(source: str) -> list[tokenize.TokenInfo]:
    """Return a text's tokens, as :func:`tokenize.generate_tokens` does.

    Args:
        source: The text of a module.

    Returns:
        The list of tokens :func:`tokenize.generate_tokens` gives
        for ``io.StringIO(source).readline``.
    """
    if sys.version_info < (3, 12):
        found = fast_tokens(source)
        if found is not None:
            return found
    return stdlib_tokens(source)


def fast_tokens(source: str) -> list[tokenize.TokenInfo] | None:
    """Return a text's tokens, or None where the stdlib must decide.

    Args:
        source: The text of a module.

    Returns:
        The tokens of Python 3.10 and 3.11's :mod:`tokenize`, or None
        for a text this module leaves to it.
    """
    if not _is_plain(source):
        return None
    try:
        return _tokenize(source)
    except _UnsureError:
        return None


def stdlib_tokens(source: str) -> list[tokenize.TokenInfo]:
    """Return the stdlib tokenizer's tokens for a text."""
    return list(tokenize.generate_tokens(io.StringIO(source).readline))


def _is_plain(source: str) -> bool:
    """Return whether a text avoids what is left to :mod:`tokenize`."""
    return (
        (not source or source.endswith("\n"))
        and "\r" not in source
        and "\f" not in source
    )


def _column(indent: str) -> int:
    """Return the width of leading blanks, tabs to multiples of 8."""
    column = 0
    for char in indent:
        if char == "\t":
            column = (column // _TABSIZE + 1) * _TABSIZE
        else:
            column += 1
    return column


def _tokenize(text: str) -> list[tokenize.TokenInfo]:
    """Tokenize a text ending in a newline (or raise _UnsureError).

    As in :mod:`tokenize`, columns count characters and a token's line
    is its physical line (all of them for a string over several). The
    ``kind`` of a match is the number of its group in ``_TOKEN``.
    """
    lines = io.StringIO(text).readlines()
    last_row = len(lines)
    tokens: list[tokenize.TokenInfo] = []
    append = tokens.append
    new = _new
    info = _TokenInfo
    name_type, op_type = _NAME, _OP
    row = 1
    line = lines[0] if lines else ""
    line_start = 0  # offset of the current line in the text
    depth = 0  # open brackets
    at_statement = True  # at a line that may start a statement
    indents = [0]
    has_tabs = "\t" in text
    matches = _TOKEN.finditer(text)
    for match in matches:
        kind = match.lastindex
        start = match.end(1)
        end = match.end()
        if at_statement:
            if kind == 10:  # a comment line: COMMENT, then NL
                append(new(info, (
                    _COMMENT, text[start:end], (row, start - line_start),
                    (row, end - line_start), line,
                )))
                match = next(matches)
                kind = match.lastindex
                start = match.end(1)
                end = match.end()
                if kind != 4:
                    raise _UnsureError
            if kind == 4:  # a blank line: NL
                append(new(info, (
                    _NL, "\n", (row, start - line_start),
                    (row, end - line_start), line,
                )))
                row += 1
                line_start = end
                if row <= last_row:
                    line = lines[row - 1]
                continue
            if kind == 13:
                break
            column = start - line_start
            if has_tabs:
                column = _column(text[line_start:start])
            if column > indents[-1]:
                indents.append(column)
                append(new(info, (
                    _INDENT, text[line_start:start], (row, 0),
                    (row, start - line_start), line,
                )))
            elif column < indents[-1]:
                if column not in indents:
                    raise _UnsureError
                place = (row, start - line_start)
                while column < indents[-1]:
                    indents.pop()
                    append(new(info, (_DEDENT, "", place, place, line)))
            at_statement = False
        if kind == 2:
            append(new(info, (
                name_type, text[start:end], (row, start - line_start),
                (row, end - line_start), line,
            )))
        elif kind == 3:
            append(new(info, (
                op_type, text[start:end], (row, start - line_start),
                (row, end - line_start), line,
            )))
        elif kind == 4:
            append(new(info, (
                _NL if depth > 0 else _NEWLINE, "\n",
                (row, start - line_start), (row, end - line_start), line,
            )))
            row += 1
            line_start = end
            if row <= last_row:
                line = lines[row - 1]
            at_statement = depth == 0
        elif kind == 5 or kind == 6:
            depth += 1 if kind == 5 else -1
            append(new(info, (
                op_type, text[start:end], (row, start - line_start),
                (row, end - line_start), line,
            )))
        elif kind == 9 or kind == 8:
            string = text[start:end]
            newlines = string.count("\n")
            if newlines:
                last = row + newlines
                last_start = text.rindex("\n", start, end) + 1
                append(new(info, (
                    _STRING, string, (row, start - line_start),
                    (last, end - last_start),
                    "".join(lines[row - 1:last]),
                )))
                row = last
                line_start = last_start
                line = lines[row - 1]
            else:
                append(new(info, (
                    _STRING, string, (row, start - line_start),
                    (row, end - line_start), line,
                )))
        elif kind == 10 or kind == 7:
            append(new(info, (
                _COMMENT if kind == 10 else _NUMBER, text[start:end],
                (row, start - line_start), (row, end - line_start), line,
            )))
        elif kind == 11 and text[start].isidentifier():
            append(new(info, (
                name_type, text[start:end], (row, start - line_start),
                (row, end - line_start), line,
            )))
        elif kind == 12 and end < len(text):  # a continuation line
            row += 1
            line_start = end
            line = lines[row - 1]
        else:  # the end inside a statement, or something unexpected
            raise _UnsureError
    place = (last_row + 1, 0)
    for _ in indents[1:]:
        append(new(info, (_DEDENT, "", place, place, "")))
    append(new(info, (_ENDMARKER, "", place, place, "")))
    return tokens
