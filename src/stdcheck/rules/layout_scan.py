"""One pass over a file's tokens, gathering what the layout rules need.

The layout rules (STD101-STD108) look at lines, comments, strings,
indentation, line breaks inside brackets and blank lines. Rather than
each walking the tokens, :func:`scan` walks them once and records the
few facts each rule reads.
"""

from __future__ import annotations

import keyword
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

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
        pragma_cols: Lines ending in a ``# noqa`` or ``# type:``
            comment, with the column where it starts.
        indents: ``(line, width before, width after)`` of every
            indented block whose indentation holds no tab.
        breaks: ``(line, col, operator)`` of binary or boolean
            operators that end a line inside brackets.
    """

    statements: list[Statement] = field(default_factory=list)
    string_lines: set[int] = field(default_factory=set)
    inside_string: set[int] = field(default_factory=set)
    doc_lines: dict[int, bool] = field(default_factory=dict)
    comment_lines: set[int] = field(default_factory=set)
    pragma_cols: dict[int, int] = field(default_factory=dict)
    indents: list[tuple[int, int, int]] = field(default_factory=list)
    breaks: list[tuple[int, int, str]] = field(default_factory=list)


def expand_indent(text: str) -> int:
    """Return the width of leading whitespace (tab stops every 8)."""
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


def scan(
    tokens: Sequence[tokenize.TokenInfo], lines: Sequence[str]
) -> LayoutScan:
    """Walk the tokens once and gather the layout facts.

    Args:
        tokens: The file's tokens.
        lines: The file's physical lines.

    Returns:
        The facts the layout rules read.
    """
    return _Scanner(lines).run(tokens)


class _Scanner:
    """The state of the one pass (see :func:`scan`).

    :meth:`run` keeps the state of the logical line being read in local
    variables, as it runs once per token; the rarer events (a line
    break, a comment, an indentation, the end of a statement) go to the
    methods after it.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        """Start with no tokens seen."""
        self.lines = lines
        self.found = LayoutScan()
        self.blank_lines = 0
        self.blank_before = 0
        self.indent_stack = [""]

    def run(self, tokens: Sequence[tokenize.TokenInfo]) -> LayoutScan:
        """Read every token, closing each logical line at its end."""
        first: tokenize.TokenInfo | None = None  # the line's first token
        last: tokenize.TokenInfo | None = None  # its last code or string
        before_last: tokenize.TokenInfo | None = None
        for_in: tokenize.TokenInfo | None = None  # the latest ``for``'s in
        strings: list[tokenize.TokenInfo] = []
        only_strings = True
        depth = 0
        pending_for = [0]  # ``for`` awaiting their ``in``, per bracket
        string_start = 0
        for token in tokens:
            kind = token.type
            if kind not in PLAIN_CODE:  # else the usual case, below
                if kind == tokenize.STRING:
                    if first is None:
                        first = token
                    if token.start[0] != token.end[0]:
                        self._string_span(token.start[0], token.end[0])
                    strings.append(token)
                    before_last, last = last, token
                    continue
                if kind in NOT_CODE:
                    if kind == tokenize.NL and depth:
                        self._operator_at_break(
                            token.start[0], last, before_last, for_in
                        )
                        continue
                    if kind == tokenize.COMMENT:
                        self._comment(token)
                        if first is None:
                            first = token
                        continue
                    if kind == tokenize.INDENT:
                        self._indent(token)
                    elif kind == tokenize.DEDENT:
                        self.indent_stack.pop()
                    elif kind == tokenize.NL and first is None:
                        self.blank_lines += 1
                    elif first is not None:  # NEWLINE, NL or ENDMARKER
                        self._statement_end(
                            first, last, only_strings, strings
                        )
                        first = None
                        strings = []
                        only_strings = True
                        pending_for = [0]
                        depth = 0
                    continue
                if kind in STRING_STARTS:
                    string_start = token.start[0]
                elif kind in STRING_ENDS:
                    self._string_span(string_start, token.end[0])
            if first is None:
                first = token
            only_strings = False
            text = token.string
            if kind == tokenize.OP:
                if text in OPENING:
                    depth += 1
                    pending_for.append(0)
                elif text in CLOSING and depth:
                    depth -= 1
                    pending_for.pop()
            elif text == "for":
                pending_for[-1] += 1
            elif text == "in" and pending_for[-1]:
                pending_for[-1] -= 1
                for_in = token
            before_last, last = last, token
        if first is not None:
            self._statement_end(first, last, only_strings, strings)
        return self.found

    def _string_span(self, start: int, end: int) -> None:
        """Record a string running from line ``start`` to ``end``."""
        if start != end:
            self.found.string_lines.update(range(start, end))
            self.found.inside_string.update(range(start + 1, end + 1))

    def _comment(self, token: tokenize.TokenInfo) -> None:
        """Record own-line comments and trailing pragma comments."""
        row, col = token.start
        if not self.lines[row - 1][:col].strip():
            self.found.comment_lines.add(row)
        match = PRAGMA.search(token.string)
        if match is not None:
            self.found.pragma_cols[row] = col + match.start()

    def _operator_at_break(
        self,
        row: int,
        last: tokenize.TokenInfo | None,
        before: tokenize.TokenInfo | None,
        for_in: tokenize.TokenInfo | None,
    ) -> None:
        """Record a binary operator ending line ``row`` in brackets.

        Args:
            row: The line that breaks.
            last: The last code or string token before the break.
            before: The token before ``last``.
            for_in: The ``in`` of the latest ``for`` (not an operator).
        """
        if last is None or before is None or last.end[0] != row:
            return
        text = last.string
        if last.type == tokenize.OP:
            binary = text in BINARY_SYMBOLS and (
                text not in UNARY_TOO or _ends_operand(before)
            )
        elif last.type != tokenize.NAME:
            binary = False
        elif text == "in":
            binary = last is not for_in
        elif text == "not":
            binary = before.string == "is" or _ends_operand(before)
        else:
            binary = text in ("and", "or", "is")
        if binary:
            self.found.breaks.append((last.start[0], last.start[1], text))

    def _indent(self, token: tokenize.TokenInfo) -> None:
        """Record an indentation step (tab-free ones only)."""
        outer = self.indent_stack[-1]
        self.indent_stack.append(token.string)
        if "\t" not in token.string + outer:
            self.found.indents.append(
                (token.start[0], len(outer), len(token.string))
            )

    def _statement_end(
        self,
        first: tokenize.TokenInfo,
        last: tokenize.TokenInfo | None,
        only_strings: bool,
        strings: list[tokenize.TokenInfo],
    ) -> None:
        """Record a logical line that has ended.

        Args:
            first: Its first token.
            last: Its last code or string token.
            only_strings: Whether it holds string literals only.
            strings: Its string tokens.
        """
        row, col = first.start
        if first.type == tokenize.COMMENT:
            kind = "comment"
        elif only_strings:
            kind = "string"
            for string in strings:
                start, end = string.start[0], string.end[0]
                self.found.doc_lines.update(
                    dict.fromkeys(range(start, end), False)
                )
                self.found.doc_lines[end] = True
        else:
            kind = _kind(first)
        self.blank_before = max(self.blank_before, self.blank_lines)
        self.found.statements.append(
            Statement(
                row,
                expand_indent(self.lines[row - 1][:col]),
                kind,
                kind in ("def", "class")
                and last is not None
                and last.string != ":",
                self.blank_before,
                self.blank_lines,
            )
        )
        if kind != "comment":
            self.blank_before = 0
        self.blank_lines = 0


def _kind(first: tokenize.TokenInfo) -> str:
    """Classify a logical line by its first token."""
    text = first.string
    if text in ("def", "async") and first.type == tokenize.NAME:
        return "def" if text == "def" or _is_async_def(first) else "code"
    if text == "class" and first.type == tokenize.NAME:
        return "class"
    if text == "@" and first.type == tokenize.OP:
        return "decorator"
    return "code"


def _is_async_def(first: tokenize.TokenInfo) -> bool:
    """Return whether an ``async`` token starts ``async def``."""
    rest = first.line[first.end[1]:].lstrip()
    return rest.startswith("def") and not rest[3:4].isidentifier()


def _ends_operand(token: tokenize.TokenInfo) -> bool:
    """Return whether a token can end an operand (a name, `)`, ...)."""
    if token.type == tokenize.NAME:
        return token.string in OPERAND_WORDS or not keyword.iskeyword(
            token.string
        )
    if token.type == tokenize.OP:
        return token.string in OPERAND_SYMBOLS
    return token.type in (tokenize.NUMBER, tokenize.STRING, FSTRING_END,
                          TSTRING_END)
