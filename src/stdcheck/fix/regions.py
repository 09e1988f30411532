"""Where a fix that reads only its findings' statements may be run.

libcst's cost (parse, positions, code generation) grows with the text
it is given. A fix that reads and changes only the statement holding
each finding (:attr:`~stdcheck.fix.base.Fix.region`) need not be given
the whole module: the engine cuts out those statements, parses each on
its own, runs the fixes on it and puts the result back. This module
finds the statements, from the :mod:`ast` tree (no libcst).

An indented statement is parsed after an ``if True:`` line: a block
may be indented by any amount, so its lines are parsed unchanged, at
their own columns.
"""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stdcheck.core.ast_fields import first_line, statement_lists

STATEMENT = "statement"
"""The innermost statement holding the finding's line."""
IMPORTS = "imports"
"""The run of import statements side by side in one body holding it."""
FUNCTION = "function"
"""The outermost function holding it (with every closure inside)."""

HEADER = "if True:\n"
"""Put above an indented region to parse it as a block."""

ELIF = re.compile(r"elif\b")
Body = list[ast.stmt]
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Region:
    """Whole lines of the text holding whole statements of one body.

    Attributes:
        first: Its first line (1-based).
        last: Its last line.
        indented: Whether it is indented (parsed after :data:`HEADER`).
    """

    first: int
    last: int
    indented: bool

    def text(self, lines: Sequence[str]) -> str:
        """Return the region's text, ready to parse."""
        body = "".join(lines[self.first - 1:self.last])
        return HEADER + body if self.indented else body

    def lines_of(self, code: str) -> list[str] | None:
        """Return the region's lines in what a fix made of its text.

        Args:
            code: The fixed text of the region.

        Returns:
            Its lines, without the header; None if a fix changed it.
        """
        if self.indented:
            if not code.startswith(HEADER):
                return None
            code = code[len(HEADER):]
        return io.StringIO(code, newline="").readlines()

    def offset(self) -> int:
        """Return what to add to a line of the text for the region's."""
        return (2 if self.indented else 1) - self.first


def regions(
    tree: ast.Module, lines: Sequence[str], wanted: Iterable[tuple[int, str]]
) -> list[Region] | None:
    """Return the regions that hold some findings, apart and in order.

    Args:
        tree: The text's syntax tree.
        lines: Its lines (split at newlines only).
        wanted: Each finding's line, with the region its fix reads
            (:data:`STATEMENT`, :data:`IMPORTS`, :data:`FUNCTION`, or
            ``""`` for the whole text).

    Returns:
        The regions, none inside another (an outer one is kept); None
        if a finding is on no statement (of its kind), or its kind is
        ``""``: then the whole text is needed.
        A statement that shares a line with another (after a ``;``, or
        on its block's line) is taken with the statement around it.
    """
    found: list[Region] = []
    for line, kind in wanted:
        region = None
        chain = _holding(tree.body, line)
        if kind == FUNCTION:
            chain = [
                (body, index) for body, index in chain
                if isinstance(body[index], FUNCTIONS)
            ][:1]
        elif not kind:
            chain = []
        while chain and region is None:
            body, index = chain.pop()
            first, last = index, index
            if kind == IMPORTS:
                while first and _imports(body[first - 1]):
                    first -= 1
                while last + 1 < len(body) and _imports(body[last + 1]):
                    last += 1
            region = _region(body, first, last, lines)
        if region is None:
            return None
        found.append(region)
    return _outermost(found)


def _holding(body: Body, line: int) -> list[tuple[Body, int]]:
    """Return the bodies and indexes of the statements holding a line.

    From the outermost in; empty if no statement holds it.
    """
    chain: list[tuple[Body, int]] = []
    while True:
        for index, statement in enumerate(body):
            if first_line(statement) <= line <= _end(statement):
                chain.append((body, index))
                inner = [
                    block for block in statement_lists(statement)
                    if block and first_line(block[0]) <= line
                ]
                if not inner or line < first_line(inner[0][0]):
                    return chain
                body = inner[-1]
                break
        else:
            return chain


def _region(
    body: Body, first: int, last: int, lines: Sequence[str]
) -> Region | None:
    """Return the lines of some statements of a body, if only theirs."""
    start, end = first_line(body[first]), _end(body[last])
    head = lines[start - 1]
    indent = head[:len(head) - len(head.lstrip(" \t"))]
    if body[first].col_offset != len(indent) or _is_elif(head, indent):
        return None
    if first and _end(body[first - 1]) >= start:
        return None
    if last + 1 < len(body) and first_line(body[last + 1]) <= end:
        return None
    return Region(start, end, bool(indent))


def _is_elif(line: str, indent: str) -> bool:
    """Return whether a line opens an ``elif``."""
    return ELIF.match(line, len(indent)) is not None


def _outermost(found: list[Region]) -> list[Region]:
    """Return the regions not inside another, in order, once each."""
    found.sort(key=lambda region: (region.first, -region.last))
    kept: list[Region] = []
    for region in found:
        if kept and region.first <= kept[-1].last:
            continue
        kept.append(region)
    return kept


def _imports(statement: ast.stmt) -> bool:
    """Return whether a statement is an import."""
    return isinstance(statement, (ast.Import, ast.ImportFrom))


def _end(statement: ast.stmt) -> int:
    """Return a statement's last line."""
    return statement.end_lineno or statement.lineno
