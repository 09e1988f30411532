"""One pass over a file's tokens, gathering what the layout rules need.

The layout rules (STD101-STD108) look at lines, comments, strings,
indentation, line breaks inside brackets and blank lines; ``noqa``
comments need the lines a statement spans. Rather than each walking the
tokens, :func:`scan` walks them once and records the few facts each
reads. Before Python 3.12 :mod:`stdcheck.rules.layout.text` finds the
same facts from the text, without making tokens; both record them with
:class:`Recorder`.
"""

from __future__ import annotations

import keyword
import re
import tokenize
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from stdcheck.core.tokens import Token

FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
FSTRING_END = getattr(tokenize, "FSTRING_END", -1)
TSTRING_START = getattr(tokenize, "TSTRING_START", -1)
TSTRING_END = getattr(tokenize, "TSTRING_END", -1)
STRING_STARTS = frozenset({FSTRING_START, TSTRING_START})
STRING_ENDS = frozenset({FSTRING_END, TSTRING_END})
PLAIN_CODE = frozenset({tokenize.OP, tokenize.NAME, tokenize.NUMBER})
NOT_CODE = frozenset({
    tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
    tokenize.COMMENT, tokenize.ENDMARKER,
})
DEFINING = frozenset({"def", "async", "class", "@"})
OPENING = frozenset("([{")
CLOSING = frozenset(")]}")
BINARY_SYMBOLS = frozenset({
    "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^",
    "<", ">", "<=", ">=", "==", "!=",
})
UNARY_TOO = frozenset({"+", "-", "*", "**"})
OPERAND_WORDS = frozenset({"None", "True", "False"})
OPERAND_SYMBOLS = frozenset({")", "]", "}", "..."})
PRAGMA = re.compile(r"#\s*(?:noqa\b|type:)", re.IGNORECASE)


class Statement(NamedTuple):
    """A logical line (a statement, or a line holding only a comment).

    Attributes:
        line: Where it starts (1-based).
        indent: Its indentation width (tabs to multiples of 8).
        kind: ``def`` (also ``async def``), ``class``, ``decorator``,
            ``string`` (a statement made of string literals only),
            ``comment`` or ``code``.
        one_liner: A ``def``/``class`` whose body is on its own line.
        blank_before: The longest run of blank lines between the
            previous statement and this one (comments do not break
            the count).
        blank_lines: The run of blank lines directly above.
    """

    line: int
    indent: int
    kind: str
    one_liner: bool
    blank_before: int
    blank_lines: int


# Makes a Statement of a tuple, faster than its constructor does.
_new: Callable[[type[Statement], tuple[int, int, str, bool, int, int]], Any]
_new = tuple.__new__


@dataclass
class LayoutScan:
    """What one pass over the tokens found.

    Attributes:
        statements: Every logical line, in order.
        string_lines: Lines where a multi-line string starts or goes on
            (all of its lines but the last).
        inside_string: Lines that begin inside a string.
        doc_lines: Lines of string-only statements (docstrings), each
            mapped to whether it is the last line of its string.
        comment_lines: Lines holding only a comment.
        comments: Every comment: its line and text (``#`` on, as its
            token has it).
        pragma_cols: Lines ending in a ``# noqa`` or ``# type:``
            comment, with the column where it starts.
        indents: ``(line, width before, width after)`` of every
            indented block whose indentation holds no tab.
        breaks: ``(line, col, operator)`` of binary or boolean
            operators that end a line inside brackets.
        spans: ``(first, last)`` lines of each run of tokens that
            spans lines between two line ends (``NL`` or ``NEWLINE``
            tokens), as flake8 maps a ``noqa`` comment to lines.
    """

    statements: list[Statement] = field(default_factory=list)
    string_lines: set[int] = field(default_factory=set)
    inside_string: set[int] = field(default_factory=set)
    doc_lines: dict[int, bool] = field(default_factory=dict)
    comment_lines: set[int] = field(default_factory=set)
    comments: list[tuple[int, str]] = field(default_factory=list)
    pragma_cols: dict[int, int] = field(default_factory=dict)
    indents: list[tuple[int, int, int]] = field(default_factory=list)
    breaks: list[tuple[int, int, str]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def expand_indent(text: str) -> int:
    """Return the width of leading whitespace (tab stops every 8).

    A form feed in it counts from nothing again, as Python's tokenizer
    counts an indentation.
    """
    text = _after_form_feed(text)
    if "\t" not in text:
        return len(text) - len(text.lstrip(" "))
    width = 0
    for char in text:
        if char == "\t":
            width = width // 8 * 8 + 8
        elif char == " ":
            width += 1
        else:
            break
    return width


def _after_form_feed(text: str) -> str:
    """Return a line from after the last form feed of its indent."""
    if "\f" not in text:
        return text
    lead = len(text) - len(text.lstrip(" \t\f"))
    return text[text.rfind("\f", 0, lead) + 1:]


def scan(tokens: Sequence[Token], lines: Sequence[str]) -> LayoutScan:
    """Walk the tokens once and gather the layout facts.

    Args:
        tokens: The file's tokens.
        lines: The file's physical lines.

    Returns:
        The facts the layout rules read.
    """
    return _Scanner(lines).run(tokens)


class Recorder:
    """Records the facts of one file, in order, as a scan finds them.

    Positions are 1-based lines and 0-based character columns.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        """Start with nothing found."""
        self.lines = lines
        self.found = LayoutScan()
        self.blank_lines = 0
        self.blank_before = 0
        self.indent_stack = [""]

    def string_span(self, start: int, end: int) -> None:
        """Record a string running from line ``start`` to ``end``."""
        if start != end:
            self.found.string_lines.update(range(start, end))
            self.found.inside_string.update(range(start + 1, end + 1))

    def comment(self, row: int, col: int, text: str) -> None:
        """Record a comment, and whether it is alone on its line."""
        self.found.comments.append((row, text))
        if not self.lines[row - 1][:col].strip():
            self.found.comment_lines.add(row)
        match = PRAGMA.search(text)
        if match is not None:
            self.found.pragma_cols[row] = col + match.start()

    def indent(self, row: int, text: str) -> None:
        """Record an indentation step (tab-free ones only)."""
        text = _after_form_feed(text)
        outer = self.indent_stack[-1]
        self.indent_stack.append(text)
        if "\t" not in text + outer:
            self.found.indents.append((row, len(outer), len(text)))

    def docstring(self, start: int, end: int) -> None:
        """Record a string of a string-only statement (lines to end)."""
        self.found.doc_lines.update(dict.fromkeys(range(start, end), False))
        self.found.doc_lines[end] = True

    def statement(
        self, row: int, indent: int, kind: str, one_liner: bool
    ) -> None:
        """Record a logical line that has ended.

        Args:
            row: Where its first token starts.
            indent: As :attr:`Statement.indent`.
            kind: As :attr:`Statement.kind`.
            one_liner: As :attr:`Statement.one_liner`.
        """
        blank_lines = self.blank_lines
        blank_before = self.blank_before
        if blank_lines > blank_before:
            blank_before = blank_lines
        self.found.statements.append(_new(Statement, (
            row,
            indent,
            kind,
            one_liner,
            blank_before,
            blank_lines,
        )))
        self.blank_before = blank_before if kind == "comment" else 0
        self.blank_lines = 0

    def span(self, first: int, last: int) -> None:
        """Record the lines from a run's first token to its line end.

        Args:
            first: The line of the run's first token.
            last: The line of its line end.
        """
        if last > first:
            self.found.spans.append((first, last))

    def operator_at_break(
        self,
        row: int,
        col: int,
        token: tuple[int, str],
        before: tuple[int, str],
        line: Callable[[], Iterable[tuple[int, str]]],
    ) -> None:
        """Record the code ending a line in brackets, if an operator.

        Both scans find the last code token of such a line; whether it
        is a binary or boolean operator is decided here only.

        Args:
            row: Where the token starts.
            col: Its column.
            token: Its type and string.
            before: The type and string of the code token before it.
            line: Gives the type and string of each token of its
                logical line up to it (called only for ``in``).
        """
        kind, text = token
        if is_binary(kind, text, before, line):
            self.found.breaks.append((row, col, text))


class _Scanner(Recorder):
    """The state of the one pass (see :func:`scan`).

    :meth:`run` does as little as it can per token: most are code
    that only matters as the first of a logical line, or when a rarer
    token (a line break, a string, a comment, an indentation, the end
    of a statement) looks back at the tokens before it.
    """

    def run(self, tokens: Sequence[Token]) -> LayoutScan:
        """Read every token, closing each logical line at its end.

        A token is read by index (type, string, start, end, line):
        cheaper than a named tuple's attributes, and a plain tuple is
        a token too.
        """
        first: Token | None = None  # the line's first token
        begin = 0  # the index of ``first``
        run = 0  # the index of the first token after a line end
        string_start = 0
        for index, token in enumerate(tokens):
            kind = token[0]
            if kind in PLAIN_CODE:  # the usual case: nothing to record
                if first is None:
                    first, begin = token, index
                continue
            if kind in NOT_CODE:
                if kind == tokenize.NL or kind == tokenize.NEWLINE:
                    self.span(_first_row(tokens, run), token[3][0])
                    run = index + 1
                if kind == tokenize.COMMENT:
                    self.comment(token[2][0], token[2][1], token[1])
                    if first is None:
                        first, begin = token, index
                elif kind == tokenize.INDENT:
                    self.indent(token[2][0], token[1])
                elif kind == tokenize.DEDENT:
                    self.indent_stack.pop()
                elif first is None:
                    if kind == tokenize.NL:
                        self.blank_lines += 1
                elif kind == tokenize.NL and first[0] != tokenize.COMMENT:
                    # Outside brackets, only comment lines end at NL.
                    self._line_break(tokens, begin, index)
                else:  # NEWLINE, NL or ENDMARKER
                    self._statement_end(tokens, begin, index)
                    first = None
                continue
            if first is None:
                first, begin = token, index
            if kind == tokenize.STRING:
                start, end = token[2][0], token[3][0]
                if start != end:
                    self.string_span(start, end)
            elif kind in STRING_STARTS:
                string_start = token[2][0]
            elif kind in STRING_ENDS:
                self.string_span(string_start, token[3][0])
        if first is not None:
            self._statement_end(tokens, begin, len(tokens))
        return self.found

    def _line_break(
        self, tokens: Sequence[Token], begin: int, index: int
    ) -> None:
        """Find the code token ending a line in brackets (see below).

        :meth:`Recorder.operator_at_break` records it if it is an
        operator.

        Args:
            tokens: The file's tokens.
            begin: The index of the logical line's first token.
            index: The index of the ``NL`` that breaks the line.
        """
        at = _code_before(tokens, index)
        ahead = _code_before(tokens, at) if at is not None else None
        if at is None or ahead is None:
            return
        kind, text, start, end, _ = tokens[at]
        if end[0] == tokens[index][2][0]:
            self.operator_at_break(
                start[0], start[1], (kind, text), tokens[ahead][:2],
                lambda: (token[:2] for token in tokens[begin:at + 1]),
            )

    def _statement_end(
        self, tokens: Sequence[Token], begin: int, end: int
    ) -> None:
        """Record a logical line that has ended.

        Args:
            tokens: The file's tokens.
            begin: The index of its first token.
            end: The index of the token that ends it.
        """
        first = tokens[begin]
        first_type, text, (row, col), (_, end_col), line = first
        if first_type == tokenize.OP or first_type == tokenize.NAME:
            kind = (
                statement_kind(first_type, text, line[end_col:])
                if text in DEFINING else "code"
            )
        elif first_type == tokenize.COMMENT:
            kind = "comment"
        elif first_type == tokenize.STRING and all(
            token[0] == tokenize.STRING or token[0] in NOT_CODE
            for token in tokens[begin:end]
        ):
            kind = "string"
            for string in tokens[begin:end]:
                if string[0] == tokenize.STRING:
                    self.docstring(string[2][0], string[3][0])
        else:
            kind = "code"
        if kind in ("def", "class"):
            at = _code_before(tokens, end)
            one_liner = at is not None and tokens[at][1] != ":"
        else:
            one_liner = False
        indent = expand_indent(self.lines[row - 1][:col])
        self.statement(row, indent, kind, one_liner)


def _first_row(tokens: Sequence[Token], index: int) -> int:
    """Return the line of the first non-dedent token from ``index``."""
    while tokens[index][0] == tokenize.DEDENT:
        index += 1
    return tokens[index][2][0]


def _code_before(tokens: Sequence[Token], index: int) -> int | None:
    """Return the index of the last code or string token before one."""
    while index > 0:
        index -= 1
        if tokens[index][0] not in NOT_CODE:
            return index
    return None


def is_binary(
    kind: int,
    text: str,
    before: tuple[int, str],
    line: Callable[[], Iterable[tuple[int, str]]],
) -> bool:
    """Return whether a token ending a line is a binary operator.

    Args:
        kind: The token's type.
        text: Its string.
        before: The type and string of the code token before it.
        line: Gives the type and string of each token of its logical
            line up to it (called only for ``in``).

    Returns:
        Whether it is a binary or boolean operator (``in`` but the
        one of a ``for``).
    """
    if kind == tokenize.OP:
        return text in BINARY_SYMBOLS and (
            text not in UNARY_TOO or _ends_operand(*before)
        )
    if kind != tokenize.NAME:
        return False
    if text == "in":
        return not _ends_for(line())
    if text == "not":
        return before[1] == "is" or _ends_operand(*before)
    return text in ("and", "or", "is")


def _ends_for(tokens: Iterable[tuple[int, str]]) -> bool:
    """Return whether a line's tokens end with the ``in`` of a ``for``.

    Each ``for`` takes the next ``in`` at its bracket depth.
    """
    pending = [0]  # ``for`` awaiting their ``in``, per bracket
    taken = False
    for kind, text in tokens:
        taken = False
        if kind == tokenize.STRING or kind in NOT_CODE:
            continue
        if kind == tokenize.OP:
            if text in OPENING:
                pending.append(0)
            elif text in CLOSING and len(pending) > 1:
                pending.pop()
        elif text == "for":
            pending[-1] += 1
        elif text == "in" and pending[-1]:
            pending[-1] -= 1
            taken = True
    return taken


def statement_kind(kind: int, text: str, rest: str) -> str:
    """Classify a logical line by its first token.

    Args:
        kind: The token's type.
        text: Its string.
        rest: What follows it on its line.

    Returns:
        The kind, as :attr:`Statement.kind` (not ``string``,
        ``comment``).
    """
    if text in ("def", "async") and kind == tokenize.NAME:
        return "def" if text == "def" or _is_async_def(rest) else "code"
    if text == "class" and kind == tokenize.NAME:
        return "class"
    if text == "@" and kind == tokenize.OP:
        return "decorator"
    return "code"


def _is_async_def(rest: str) -> bool:
    """Return whether what follows an ``async`` starts ``def``."""
    rest = rest.lstrip()
    return rest.startswith("def") and not rest[3:4].isidentifier()


def _ends_operand(kind: int, text: str) -> bool:
    """Return whether a token can end an operand (a name, `)`, ...)."""
    if kind == tokenize.NAME:
        return text in OPERAND_WORDS or not keyword.iskeyword(text)
    if kind == tokenize.OP:
        return text in OPERAND_SYMBOLS
    return kind in (tokenize.NUMBER, tokenize.STRING, FSTRING_END,
                    TSTRING_END)
