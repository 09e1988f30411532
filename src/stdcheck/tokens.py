"""A faster tokenizer giving exactly the tokens of :mod:`tokenize`.

Before Python 3.12, :func:`tokenize.generate_tokens` is pure Python
and matches a regular expression per token on each physical line:
it was the hottest single thing in a check of the standard library
(about 30% of the time). This module does the same work with one
compiled expression matched over the whole text (its strings taken
at once, without match objects), the token kind read from the text of
each, and plain tuples of the fields of :class:`tokenize.TokenInfo`
(named tuples cost twice as much to make). Its logic (indentation,
``NL`` versus ``NEWLINE``, comments, continuation lines) follows the
stdlib's state machine, so the result equals the stdlib's list, token
for token.

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

# A token: its type, string, start, end and line, the fields of
# :class:`tokenize.TokenInfo` (which is one too). Readers index it.
Token = tuple[int, str, tuple[int, int], tuple[int, int], str]

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
# A match is the spaces before a token (group 1), then the token: an
# ASCII name (group 2, the most frequent) or any other (group 3).
# :func:`re.findall` gives these strings without match objects, and
# the token kind is read from them. Where alternatives overlap, their
# order keeps the stdlib's priorities: strings before names
# (``rb"..."``). An ASCII name directly followed by a quote (it may be
# a string prefix) or by any other word character is left to the
# later alternatives. The regular expression engine skips most
# alternatives by their first character.
_TOKEN = re.compile(
    r"([ \t]*)(?:"
    r"([A-Za-z_][A-Za-z0-9_]*)(?![\w'\"])"  # name
    r"|("
    rf"{_OPERATORS}"
    r"|\n"  # end of line
    r"|[()\[\]{}]"  # bracket
    rf"|{_NUMBER_PATTERN}"
    rf"|{_PREFIX}(?:{_LONG_STRING})"
    rf"|{_PREFIX}(?:{_SHORT_STRING})"
    r"|#[^\n]*"  # comment
    r"|\w+"  # other name (or not a name)
    r"|\\\n"  # continuation line
    r"|[\s\S]"  # anything else
    r"))"
)
# Operators, with how each changes the depth of brackets.
_DEPTH = {
    **dict.fromkeys(set(tokenize.EXACT_TOKEN_TYPES) - set("()[]{}"), 0),
    **dict.fromkeys("([{", 1),
    **dict.fromkeys(")]}", -1),
}
_WORD = re.compile(r"\w")
_QUOTES = frozenset("'\"")
_NUMBER_STARTS = frozenset("0123456789.")

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


class _UnsureError(Exception):
    """Raised where the stdlib tokenizer must decide instead."""


def tokens_of(
    source: str, lines: list[str] | None = None
) -> list[Token]:
    """Return a text's tokens, as :func:`tokenize.generate_tokens` does.

    Args:
        source: The text of a module.
        lines: The text's lines, if already split: they must equal
            ``io.StringIO(source).readlines()`` (as
            :func:`stdcheck.source.split_lines` gives for a text
            without ``\\r``, the only texts they are used for).

    Returns:
        Tokens equal to those :func:`tokenize.generate_tokens` gives
        for ``io.StringIO(source).readline`` (plain tuples, or the
        stdlib's named tuples).
    """
    if sys.version_info < (3, 12):
        found = fast_tokens(source, lines)
        if found is not None:
            return found
    return stdlib_tokens(source)


def fast_tokens(
    source: str, lines: list[str] | None = None
) -> list[Token] | None:
    """Return a text's tokens, or None where the stdlib must decide.

    Args:
        source: The text of a module.
        lines: Its lines, as for :func:`tokens_of`.

    Returns:
        The tokens of Python 3.10 and 3.11's :mod:`tokenize`, or None
        for a text this module leaves to it.
    """
    if not _is_plain(source):
        return None
    try:
        return _tokenize(source, lines)
    except _UnsureError:
        return None


def stdlib_tokens(source: str) -> list[Token]:
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


def _tokenize(
    text: str, lines: list[str] | None
) -> list[Token]:
    """Tokenize a text ending in a newline (or raise _UnsureError).

    As in :mod:`tokenize`, columns count characters and a token's line
    is its physical line (all of them for a string over several).
    ``lines`` are the text's lines if already split.
    """
    if lines is None:
        lines = io.StringIO(text).readlines()
    last_row = len(lines)
    tokens: list[Token] = []
    append = tokens.append
    name_type, op_type = _NAME, _OP
    depths = _DEPTH
    row = 1
    line = lines[0] if lines else ""
    column = 0  # where the previous token ended
    depth = 0  # open brackets
    at_statement = True  # at a line that may start a statement
    indents = [0]
    # Where the token starts: a token right after another starts where
    # that one ended, so the same position tuple serves both.
    place = (1, 0)
    pieces = iter(_TOKEN.findall(text))
    for space, name, other in pieces:
        start = column
        if space:
            start += len(space)
            place = (row, start)
        if at_statement:
            if other[:1] == "#":  # a comment line: COMMENT, then NL
                column = start + len(other)
                end = (row, column)
                append((_COMMENT, other, place, end, line))
                place = end
                space, name, other = next(pieces)
                start = column
                if space or other != "\n":
                    raise _UnsureError
            if other == "\n":  # a blank line: NL
                append((_NL, "\n", place, (row, start + 1), line))
                row += 1
                column = 0
                place = (row, 0)
                if row <= last_row:
                    line = lines[row - 1]
                continue
            width = _column(space) if "\t" in space else start
            if width > indents[-1]:
                indents.append(width)
                append((_INDENT, space, (row, 0), place, line))
            elif width < indents[-1]:
                if width not in indents:
                    raise _UnsureError
                while width < indents[-1]:
                    indents.pop()
                    append((_DEDENT, "", place, place, line))
            at_statement = False
        if name:
            column = start + len(name)
            end = (row, column)
            append((name_type, name, place, end, line))
            place = end
            continue
        if other in depths:  # an operator
            depth += depths[other]
            column = start + len(other)
            end = (row, column)
            append((op_type, other, place, end, line))
            place = end
        elif other == "\n":
            append((
                _NL if depth > 0 else _NEWLINE, "\n",
                place, (row, start + 1), line,
            ))
            row += 1
            column = 0
            place = (row, 0)
            if row <= last_row:
                line = lines[row - 1]
            at_statement = depth == 0
        elif other[0] == "#" or other[0] in _NUMBER_STARTS:
            column = start + len(other)
            end = (row, column)
            append((
                _COMMENT if other[0] == "#" else _NUMBER, other,
                place, end, line,
            ))
            place = end
        elif other[-1] in _QUOTES and len(other) > 1:  # a string
            newlines = other.count("\n")
            if newlines:
                last = row + newlines
                column = len(other) - other.rindex("\n") - 1
                end = (last, column)
                whole = "".join(lines[row - 1:last])
                append((_STRING, other, place, end, whole))
                row = last
                line = lines[row - 1]
            else:
                column = start + len(other)
                end = (row, column)
                append((_STRING, other, place, end, line))
            place = end
        elif other == "\\\n" and row < last_row:  # a continuation line
            row += 1
            column = 0
            place = (row, 0)
            line = lines[row - 1]
        elif _WORD.match(other) and other[0].isidentifier():
            # a name going on past ASCII (a word, not any character)
            column = start + len(other)
            end = (row, column)
            append((name_type, other, place, end, line))
            place = end
        else:  # something unexpected
            raise _UnsureError
    if not at_statement:  # the end inside a statement
        raise _UnsureError
    place = (last_row + 1, 0)
    for _ in indents[1:]:
        append((_DEDENT, "", place, place, ""))
    append((_ENDMARKER, "", place, place, ""))
    return tokens
