"""The layout facts of a text, found without making its tokens.

Before Python 3.12, :func:`tokenize.generate_tokens` is pure Python and
matches a regular expression per token on each physical line; making 1.7
million token tuples for the standard library, then reading each again
in :func:`stdcheck.rules.layout.scan.scan`, took a third of a check.
:func:`fast_scan` matches one compiled expression over the whole text
(its strings taken at once, without match objects), and follows the
stdlib tokenizer's state machine (indentation, ``NL`` versus
``NEWLINE``, comments, continuation lines) only as far as the layout
facts need: a token costs a few operations, and the rarer ones (a line
end, a string, a comment, the end of a statement) record what
:func:`~stdcheck.rules.layout.scan.scan` would, through the same
:class:`~stdcheck.rules.layout.scan.Recorder`. Tests check that both
give the same facts.

Correctness comes first: on anything it is not sure of (no final
newline, a carriage return or form feed, a character no token
matches, a word that cannot start an identifier, a bad dedent, a
bracket left open or closed unopened, a continuation at the end, a
line holding only a continuation), it returns None and the tokens are
scanned instead.
From Python 3.12 on, :mod:`tokenize` runs the C tokenizer, and its
tokens are scanned.
"""

from __future__ import annotations

import re
import sys
import tokenize
from typing import TYPE_CHECKING

from stdcheck.rules.layout.scan import (
    DEFINING,
    LayoutScan,
    Recorder,
    expand_indent,
    scan,
    statement_kind,
)

if TYPE_CHECKING:
    from stdcheck.core.context import FileContext

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
# What a look-back skips (a continuation line is no token).
_NOT_CODE = frozenset({_COMMENT, _NL})
_LINE_ENDS = frozenset({"\n", "\\\n"})
# A match of :data:`_TOKEN`: spaces, ASCII name, other token.
_Piece = tuple[str, str, str]


class _UnsureError(Exception):
    """Raised where the tokens must be scanned instead."""


def layout_facts(ctx: FileContext) -> LayoutScan:
    """Return a file's layout facts (read through ``ctx.fact``).

    From the text where :func:`fast_scan` can, else from the tokens
    (flake8's, when it handed them over).

    Args:
        ctx: The file.

    Returns:
        Its layout facts.
    """
    if not ctx.has_tokens:
        found = fast_scan(ctx.source, ctx.lines)
        if found is not None:
            return found
    return scan(ctx.tokens, ctx.lines)


def statement_spans(ctx: FileContext) -> list[tuple[int, int]]:
    """Return the lines each statement part spans, for ``noqa``.

    Args:
        ctx: The file.

    Returns:
        :attr:`LayoutScan.spans` of its layout facts (found once for
        the layout rules and ``noqa`` both).
    """
    return ctx.fact(layout_facts).spans


def fast_scan(text: str, lines: list[str]) -> LayoutScan | None:
    """Return a text's layout facts, or None where tokens must decide.

    Args:
        text: The text of a module.
        lines: Its lines: they must equal
            ``io.StringIO(text).readlines()`` (as
            :func:`stdcheck.core.source.split_lines` gives for a text
            without ``\\r``, the only texts scanned here).

    Returns:
        What :func:`stdcheck.rules.layout.scan.scan` finds in the text's
        tokens, or None (always from Python 3.12 on).
    """
    if sys.version_info >= (3, 12) or not _is_plain(text):
        return None
    try:
        return _TextScanner(lines).run(_TOKEN.findall(text))
    except _UnsureError:
        return None


def _is_plain(source: str) -> bool:
    """Return whether a text avoids what is left to :mod:`tokenize`."""
    return (
        (not source or source.endswith("\n"))
        and "\r" not in source
        and "\f" not in source
    )


def _kind(piece: _Piece) -> int:
    """Return the token type of a piece (NL for a continuation too)."""
    _, name, other = piece
    if name:
        return _NAME
    if other in _DEPTH:
        return _OP
    if other in _LINE_ENDS:
        return _NL
    if other[0] == "#":
        return _COMMENT
    if other[0] in _NUMBER_STARTS:
        return _NUMBER
    if other[-1] in _QUOTES and len(other) > 1:
        return _STRING
    return _NAME  # a name going on past ASCII


class _TextScanner(Recorder):
    """The state of one pass over a text (see :func:`fast_scan`).

    Unlike the tokenizer, it does not follow columns: the few it needs
    are read from the line (a statement starts after its indentation;
    a comment, and a line end's leading spaces, end their line). Rows
    are followed at line ends. The first token of the current logical
    line is kept as the index of its piece, its line and its column.
    """

    pieces: list[_Piece]

    def run(self, pieces: list[_Piece]) -> LayoutScan:
        """Read every piece, recording what the tokens' scan would."""
        self.pieces = pieces
        lines = self.lines
        last_row = len(lines)
        depths = _DEPTH
        spans = self.found.spans
        row = 1
        depth = 0  # open brackets
        at_statement = True  # at the start of a line, outside a statement
        widths = [0]  # the open indentations
        run_row = 1  # the line of the first token since a line end
        first = first_row = first_col = 0  # the statement's first token
        width = 0  # its indentation's width
        items = iter(enumerate(pieces))
        for index, (space, name, other) in items:
            if at_statement:
                width = expand_indent(space) if "\t" in space else len(space)
                if other[:1] == "#":  # a comment line: COMMENT, then NL
                    self.comment(row, len(space), other)
                    self.statement(row, width, "comment", False)
                    index, (space, name, other) = next(items)
                    if space or other != "\n":
                        raise _UnsureError
                elif other == "\n":  # a blank line
                    self.blank_lines += 1
                if other == "\n":
                    row += 1
                    run_row = row
                    continue
                if width > widths[-1]:
                    widths.append(width)
                    self.indent(row, space)
                elif width < widths[-1]:
                    if width not in widths:
                        raise _UnsureError
                    while width < widths[-1]:
                        widths.pop()
                        self.indent_stack.pop()
                at_statement = False
                first, first_row, first_col = index, row, len(space)
            if name:
                continue
            if other in depths:  # an operator
                depth += depths[other]
            elif other == "\n":  # NL in brackets, else NEWLINE
                if row > run_row:
                    spans.append((run_row, row))
                if depth > 0:
                    self._line_break(index, row, first)
                elif depth < 0:  # more brackets closed than opened
                    raise _UnsureError
                else:
                    self._statement_end(
                        first, first_row, first_col, width, index
                    )
                    at_statement = True
                row += 1
                run_row = row
            elif other[0] == "#":
                self.comment(row, len(lines[row - 1]) - len(other) - 1, other)
            elif other[0] in _NUMBER_STARTS:
                pass
            elif other[-1] in _QUOTES and len(other) > 1:  # a string
                newlines = other.count("\n")
                if newlines:
                    self.string_span(row, row + newlines)
                    row += newlines
            elif other == "\\\n" and row < last_row:  # a continuation
                if not lines[row - 1][:-2].strip():
                    raise _UnsureError  # a line of only a continuation
                row += 1
            elif not (_WORD.match(other) and other[0].isidentifier()):
                # not a name going on past ASCII (a word, not any
                # character): something unexpected
                raise _UnsureError
        if not at_statement:  # the end inside a statement
            raise _UnsureError
        return self.found

    def _code_before(self, index: int) -> int | None:
        """Return the index of the last code piece before one."""
        pieces = self.pieces
        while index > 0:
            index -= 1
            if _kind(pieces[index]) not in _NOT_CODE:
                return index
        return None

    def _line_break(self, index: int, row: int, first: int) -> None:
        """Find the code piece ending a line in brackets (see below).

        :meth:`Recorder.operator_at_break` records it if it is an
        operator.

        Args:
            index: The piece of the line end.
            row: Its line.
            first: The piece of the logical line's first token.
        """
        pieces = self.pieces
        end = len(self.lines[row - 1]) - len(pieces[index][0]) - 1
        at = self._code_before(index)
        ahead = self._code_before(at) if at is not None else None
        if at is None or ahead is None or any(
            piece[2] in _LINE_ENDS for piece in pieces[at + 1:index]
        ):
            return  # the operator (if any) is not on this line
        for space, name, other in pieces[index - 1:at:-1]:
            end -= len(name or other) + len(space)  # a comment
        _, name, other = pieces[at]
        text = name or other
        self.operator_at_break(
            row, end - len(text), (_kind(pieces[at]), text),
            (_kind(pieces[ahead]), pieces[ahead][1] or pieces[ahead][2]),
            lambda: (
                (_kind(piece), piece[1] or piece[2])
                for piece in pieces[first:at + 1]
            ),
        )

    def _statement_end(
        self, first: int, row: int, col: int, indent: int, end: int
    ) -> None:
        """Record a logical line ending at the piece ``end``.

        Args:
            first: The piece of its first token.
            row: That token's line.
            col: That token's column.
            indent: Its indentation's width.
            end: The piece of its ``NEWLINE``.
        """
        pieces = self.pieces
        piece = pieces[first]
        kind = _kind(piece)
        text = piece[1] or piece[2]
        one_liner = False
        if kind == _STRING and all(
            _kind(piece) in (_STRING, _COMMENT, _NL)
            for piece in pieces[first:end]
        ):
            self._docstrings(pieces[first:end], row)
            statement = "string"
        elif text in DEFINING and (kind == _NAME or kind == _OP):
            rest = self.lines[row - 1][col + len(text):]
            statement = statement_kind(kind, text, rest)
            if statement in ("def", "class"):
                at = self._code_before(end)
                one_liner = at is not None and pieces[at][2] != ":"
        else:
            statement = "code"
        self.statement(row, indent, statement, one_liner)

    def _docstrings(self, pieces: list[_Piece], row: int) -> None:
        """Record the strings of a string-only statement at ``row``."""
        for piece in pieces:
            other = piece[2]
            if _kind(piece) == _STRING:
                lines = other.count("\n")
                self.docstring(row, row + lines)
                row += lines
            elif other in _LINE_ENDS:
                row += 1
