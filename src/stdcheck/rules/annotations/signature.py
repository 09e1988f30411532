"""Whether a ``def``'s signature can grow and stay within the limit.

The STD502 and STD503 fixes add text to a signature (`` -> None``,
`` | None``). Where that makes a line longer than ``max-line-length``,
the fix lays the signature out as black does: the parameters one a
line, indented four more than the ``def``, each with its comma, and
the closing parenthesis with the return annotation on a line of its
own. The checks offer the fix only where the signature, read here from
its tokens, allows that and it fits. Nothing here imports libcst.
"""

from __future__ import annotations

import bisect
import io
import tokenize
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stdcheck.core.ast_fields import first_line
from stdcheck.core.tokens import Token

if TYPE_CHECKING:
    from stdcheck.core.context import FileContext
    from stdcheck.rules.common.definitions import Function

OPENING = frozenset("([{")
CLOSING = frozenset(")]}")
SKIPPED = frozenset({tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT})
INDENT = 4
"""How much deeper than the ``def`` a wrapped parameter is."""


Position = tuple[int, int]
"""A line (1-based) and a column (0-based, in characters)."""


@dataclass(frozen=True)
class Parameter:
    """One parameter of a signature (or its bare ``*`` or ``/``).

    Attributes:
        text: As written, or None when it spans lines.
        start: Where it starts.
        end: Where it ends.
    """

    text: str | None
    start: Position
    end: Position


@dataclass(frozen=True)
class Signature:
    """A ``def`` line through the colon that ends its signature.

    Attributes:
        indent: The column of ``def`` (or ``async``).
        parameters: The parameters, in order.
        closing: From ``)`` to ``:``, as written (``) -> int:``).
        widths: The width of each line of the signature.
        laid_out: Whether the signature can be laid out again: no
            comment in it or after it, its ``(`` on the ``def`` line,
            ``)`` and ``:`` on one line, and nothing after the colon.
        opened: Where the ``(`` of the parameters ends.
        closed: Where their ``)`` starts.
        last: The line of the colon.
    """

    indent: int
    parameters: tuple[Parameter, ...]
    closing: str
    widths: tuple[int, ...]
    laid_out: bool
    opened: Position
    closed: Position
    last: int

    def parameter_at(self, position: Position) -> int | None:
        """Return the index of the parameter holding a position."""
        return next(
            (
                index for index, parameter in enumerate(self.parameters)
                if parameter.start <= position <= parameter.end
            ),
            None,
        )

    def wrapped_within(
        self, limit: int, growths: Mapping[int | None, int]
    ) -> bool:
        """Return whether the wrapped signature, grown, fits ``limit``.

        A signature with a line already too long, or one that cannot
        be laid out again (:attr:`laid_out`), is not wrapped.

        Args:
            limit: The maximum line length.
            growths: How many characters are added to each parameter
                that grows, by index (None for the return annotation,
                before the colon).
        """
        texts = [item.text for item in self.parameters]
        if not self.laid_out or not texts or max(self.widths) > limit:
            return False
        widths = []
        for index, text in enumerate(texts):
            if text is None:
                return False
            widths.append(len(text) + growths.get(index, 0))
        closing = len(self.closing) + growths.get(None, 0)
        return (
            self.indent + INDENT + max(widths) + len(",") <= limit
            and self.indent + closing <= limit
        )


def read_signature(ctx: FileContext, node: Function) -> Signature | None:
    """Read a function's signature from the tokens of its lines.

    Args:
        ctx: The file.
        node: The function.

    Returns:
        The signature, or None if its tokens are not where the tree
        says (a file the tokenizer reads otherwise).
    """
    tokens = _header_tokens(ctx.lines, node)
    start = (node.lineno, ctx.char_col(node.lineno, node.col_offset))
    index = bisect.bisect_left(tokens, start, key=lambda token: token[2])
    if index == len(tokens) or tokens[index][2] != start:
        return None
    opening = _first(tokens, index, "(")
    if opening is None:
        return None
    split = _parameters(tokens, opening)
    if split is None:
        return None
    groups, closing = split
    colon = _first(tokens, closing + 1, ":")
    if colon is None:
        return None
    first, last = node.lineno, tokens[colon][3][0]
    lines = [line.rstrip("\r\n") for line in ctx.lines[first - 1:last]]
    comments = any(
        token[0] == tokenize.COMMENT and token[2][0] <= last
        for token in tokens[index:colon + 2]
    )
    closing_text = _span(ctx, tokens[closing], tokens[colon])
    return Signature(
        indent=start[1],
        parameters=tuple(
            Parameter(_span(ctx, group[0], group[-1]), group[0][2],
                      group[-1][3])
            for group in groups
        ),
        closing=closing_text or "",
        widths=tuple(map(len, lines)),
        laid_out=not comments and closing_text is not None
        and tokens[opening][2][0] == first
        and not lines[-1][tokens[colon][3][1]:].strip(),
        opened=tokens[opening][3],
        closed=tokens[closing][2],
        last=last,
    )


def _header_tokens(lines: Sequence[str], node: Function) -> list[Token]:
    """Return the tokens of a ``def``'s lines, tokenized alone.

    From its line to the line before its body (through its body's line,
    if the body starts on it): a function's signature is read without
    tokenizing its file. A tokenizer error (a string the lines leave
    open) ends the tokens; the signature's come before it.
    """
    first = node.lineno
    body = first_line(node.body[0])
    readline = io.StringIO(
        "".join(lines[first - 1:max(body - 1, first)]), newline=""
    ).readline
    shift = first - 1
    tokens: list[Token] = []
    try:
        for kind, string, start, end, line in tokenize.generate_tokens(
            readline
        ):
            tokens.append((
                kind, string, (start[0] + shift, start[1]),
                (end[0] + shift, end[1]), line,
            ))
    except (tokenize.TokenError, SyntaxError):
        pass  # the tokens so far hold the signature, if it is whole
    return tokens


def _first(tokens: Sequence[Token], index: int, text: str) -> int | None:
    """Return where operator ``text`` is next found outside brackets."""
    depth = 0
    for position in range(index, len(tokens)):
        kind, string = tokens[position][0], tokens[position][1]
        if kind != tokenize.OP:
            continue
        if depth == 0 and string == text:
            return position
        if string in OPENING:
            depth += 1
        elif string in CLOSING:
            depth -= 1
    return None


def _parameters(
    tokens: Sequence[Token], opening: int
) -> tuple[list[list[Token]], int] | None:
    """Split the tokens inside parentheses at the parameters' commas.

    Not at a comma inside brackets, nor between a default's ``lambda``
    and its colon.

    Args:
        tokens: The file's tokens.
        opening: The index of ``(``.

    Returns:
        The tokens of each parameter (comments and line breaks left
        out; none for a trailing comma), and the index of ``)``; None
        if the tokens end before it.
    """
    groups: list[list[Token]] = [[]]
    depth = lambdas = 0  # brackets, and lambdas before their colon
    position = opening + 1
    while True:
        if position == len(tokens):
            return None
        token = tokens[position]
        kind, string = token[0], token[1]
        if kind == tokenize.OP and string in CLOSING and depth == 0:
            break
        if kind == tokenize.NAME and string == "lambda":
            lambdas += 1
        elif kind == tokenize.OP and string == ":" and lambdas and not depth:
            lambdas -= 1
        if kind == tokenize.OP and string == "," and depth == lambdas == 0:
            groups.append([])
        elif kind not in SKIPPED:
            groups[-1].append(token)
            if kind == tokenize.OP and string in OPENING:
                depth += 1
            elif kind == tokenize.OP and string in CLOSING:
                depth -= 1
        position += 1
    return [group for group in groups if group], position


def _span(ctx: FileContext, first: Token, last: Token) -> str | None:
    """Return the text from one token through another on one line."""
    if first[2][0] != last[3][0]:
        return None
    line = ctx.lines[first[2][0] - 1]
    return line[first[2][1]:last[3][1]]
