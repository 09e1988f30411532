"""Fixes for STD1xx: indentation, operator position and blank lines.

Each fix rewrites whitespace only, through the libcst nodes that hold
it: an ``IndentedBlock``'s ``indent``, the ``EmptyLine`` nodes of
comments and blank lines (``leading_lines``, ``footer``), and the
``ParenthesizedWhitespace`` of a line break inside brackets. The text
of strings is never touched. The prose rewrap (STD102) is made on the
text, in :mod:`stdcheck.rules.layout.text_fixes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import libcst as cst

from stdcheck.fix.base import Fix, Verify
from stdcheck.fix.merge import lines

FOUR = "    "
"""One level of indentation."""

Node = TypeVar("Node", bound=cst.CSTNode)


class Indentation(Fix):
    """Indents blocks by 4 spaces, tabs replaced (STD103, STD104).

    A block (``IndentedBlock``) is re-indented when its first line is
    reported by STD104, or when its own indentation step holds a tab
    and one of its lines is reported by STD103; its statements,
    comments and continuation lines move with it, so the code inside
    keeps its alignment. On other lines STD103 reports (comments,
    continuation lines, lines after a backslash) the tabs of the
    indentation are expanded to 4-column stops. Strings are untouched.
    """

    codes = ("STD103", "STD104")
    verify = Verify.SAME_AST

    def visit_Module(self, node: cst.Module) -> None:
        """Note the module's default indentation step."""
        self.default_indent = node.default_indent

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock,
        updated_node: cst.IndentedBlock,
    ) -> cst.IndentedBlock:
        """Set a reported block's indentation step to 4 spaces."""
        return updated_node.with_changes(
            indent=self._step(original_node, original_node.body)
        )

    def leave_Match(
        self, original_node: cst.Match, updated_node: cst.Match
    ) -> cst.Match:
        """Set the indentation step of reported ``case`` clauses."""
        return updated_node.with_changes(
            indent=self._step(original_node, original_node.cases)
        )

    def _step(
        self, block: cst.IndentedBlock | cst.Match,
        body: Sequence[cst.CSTNode],
    ) -> str:
        """Return the indentation step a block should have."""
        step = self.default_indent if block.indent is None else block.indent
        first = _first_line(self, body)
        if first is not None and self._reported(first, "STD104"):
            return FOUR
        if "\t" in step:
            span = self.position(block)
            if any(
                finding.code == "STD103"
                and span.start.line <= finding.line <= span.end.line
                for finding in self.findings
            ):
                return FOUR
        return step

    def leave_EmptyLine(
        self, original_node: cst.EmptyLine, updated_node: cst.EmptyLine
    ) -> cst.EmptyLine:
        """Expand the tabs before a reported comment."""
        if not self._tabbed(original_node, updated_node.whitespace.value):
            return updated_node
        return updated_node.with_changes(
            whitespace=cst.SimpleWhitespace(
                updated_node.whitespace.value.expandtabs(4)
            )
        )

    def leave_ParenthesizedWhitespace(
        self, original_node: cst.ParenthesizedWhitespace,
        updated_node: cst.ParenthesizedWhitespace,
    ) -> cst.ParenthesizedWhitespace:
        """Expand the tabs starting a reported continuation line."""
        last = updated_node.last_line.value
        line = self.position(original_node).end.line
        if "\t" not in last or not self._reported(line, "STD103"):
            return updated_node
        return updated_node.with_changes(
            last_line=cst.SimpleWhitespace(last.expandtabs(4))
        )

    def leave_SimpleWhitespace(
        self, original_node: cst.SimpleWhitespace,
        updated_node: cst.SimpleWhitespace,
    ) -> cst.SimpleWhitespace:
        """Expand the tabs starting lines after a backslash."""
        value = updated_node.value
        if "\t" not in value or "\n" not in value:
            return updated_node
        line = self.position(original_node).start.line
        parts = value.split("\n")
        for index in range(1, len(parts)):
            part = parts[index]
            body = part.lstrip(" \t")
            if self._reported(line + index, "STD103"):
                parts[index] = part[:len(part) - len(body)].expandtabs(4)
                parts[index] += body
        return updated_node.with_changes(value="\n".join(parts))

    def _tabbed(self, node: cst.CSTNode, whitespace: str) -> bool:
        """Return whether a reported line's own whitespace has a tab."""
        return "\t" in whitespace and self._reported(
            self.position(node).start.line, "STD103"
        )

    def _reported(self, line: int, code: str) -> bool:
        """Return whether a code is reported on a line."""
        return any(
            finding.line == line and finding.code == code
            for finding in self.findings
        )


class OperatorFirst(Fix):
    """Breaks lines before binary and boolean operators (STD105).

    The line break after a reported operator (with its comment and
    the next line's indentation) moves before it, and one space
    follows the operator: ``(a +  # c`` then ``b)`` becomes ``(a  # c``
    then ``+ b)``.
    """

    codes = ("STD105",)
    verify = Verify.SAME_AST
    local = True

    def on_leave(
        self, original_node: Node, updated_node: Node
    ) -> Node | cst.RemovalSentinel:
        """Move the break of a reported operator before it."""
        result = super().on_leave(original_node, updated_node)
        if isinstance(
            result, (cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp)
        ) and self.position(original_node).start.line in self.lines:
            return _break_before(result)
        return result


def _break_before(operator: Node) -> Node:
    """Return an operator with the line break after it moved before."""
    space = cst.SimpleWhitespace(" ")
    for name in ("whitespace_between", "whitespace_after"):
        after = getattr(operator, name, None)
        if not isinstance(after, cst.ParenthesizedWhitespace):
            continue
        before = getattr(operator, "whitespace_before")
        if isinstance(before, cst.ParenthesizedWhitespace):
            if after.first_line.comment or any(
                line.comment for line in after.empty_lines
            ):
                return operator
            return operator.with_changes(**{name: space})
        return operator.with_changes(whitespace_before=after, **{name: space})
    return operator


class BlankLines(Fix):
    """Sets the blank lines around definitions (STD106-STD108).

    Blank lines and comments above a statement are libcst
    ``EmptyLine`` nodes (its ``leading_lines``; a block's ``footer``
    holds the indented comments after its last statement). For a
    definition reported by STD106 (STD107), the comments directly above
    it stay with it and the blank lines above them become exactly 2
    (1); longer runs higher up are shortened to that. A run reported by
    STD108 is shortened to 2 at column 0, else 1. Comment lines are
    never removed.
    """

    codes = ("STD106", "STD107", "STD108")
    verify = Verify.SAME_AST

    def visit_Module(self, node: cst.Module) -> None:
        """Keep the lines, to see which ones are indented."""
        self.source_lines = lines(self.source)

    def on_leave(
        self, original_node: Node, updated_node: Node
    ) -> Node | cst.RemovalSentinel:
        """Respace the empty lines each kind of node holds."""
        result = super().on_leave(original_node, updated_node)
        if not isinstance(result, cst.CSTNode):
            return result
        changes: dict[str, list[cst.EmptyLine]] = {}
        if isinstance(original_node, (cst.FunctionDef, cst.ClassDef)):
            changes["lines_after_decorators"] = self._respace(
                original_node.lines_after_decorators,
                getattr(result, "lines_after_decorators"),
                self.position(original_node).start.line,
                spaced=False,
            )
        if hasattr(original_node, "leading_lines"):
            owner = _first_line(self, [original_node])
            assert owner is not None
            changes["leading_lines"] = self._respace(
                getattr(original_node, "leading_lines"),
                getattr(result, "leading_lines"),
                owner,
                spaced=not isinstance(original_node, cst.Decorator),
            )
        elif isinstance(original_node, cst.IndentedBlock):
            changes["footer"] = self._respace(
                original_node.footer, getattr(result, "footer"), None
            )
        elif isinstance(original_node, cst.Module):
            changes["header"] = self._respace(
                original_node.header, getattr(result, "header"),
                _first_line(self, original_node.body), spaced=False,
            )
        return result.with_changes(**changes) if changes else result

    def _respace(
        self,
        original: Sequence[cst.EmptyLine],
        updated: Sequence[cst.EmptyLine],
        owner: int | None,
        spaced: bool = True,
    ) -> list[cst.EmptyLine]:
        """Return empty lines with their blank runs set as reported.

        Args:
            original: The lines as parsed (for their positions).
            updated: The same lines as transformed so far.
            owner: The line of the statement they stand above (None
                for a block's footer; the first statement's for the
                module's header, whose last blank run STD108 reports
                there).
            spaced: Whether STD106/STD107 findings on the owner apply
                (not to the lines before a decorator or after the
                last, which the definition's finding does not count).
        """
        runs = _runs(updated)
        lines = [self.position(line).start.line for line in original]
        lines.append(owner if owner is not None else 0)
        wanted = self._wanted(owner) if spaced else None
        if wanted is not None and not runs:
            runs.append((_attached(updated),) * 2)
        sizes = []
        for position, (start, end) in enumerate(runs):
            size = end - start
            if wanted is not None:
                size = wanted if position == len(runs) - 1 else min(
                    size, wanted
                )
            following = lines[end]
            if any(
                finding.code == "STD108" and finding.line == following
                for finding in self.findings
            ):
                size = min(size, self._most(following))
            sizes.append(size)
        result: list[cst.EmptyLine] = []
        done = 0
        for (start, end), size in zip(runs, sizes):
            result.extend(updated[done:start])
            result.extend(updated[start:end][:size])
            result.extend(_blank() for _ in range(size - (end - start)))
            done = end
        result.extend(updated[done:])
        return result

    def _wanted(self, owner: int | None) -> int | None:
        """Return the blank lines STD106/STD107 want above a line."""
        for finding in self.findings:
            if finding.line == owner and finding.code == "STD106":
                return 2
            if finding.line == owner and finding.code == "STD107":
                return 1
        return None

    def _most(self, line: int) -> int:
        """Return the most blank lines allowed above a line (STD108)."""
        text = self.source_lines[line - 1] if line else ""
        return 1 if text[:1] in (" ", "\t") else 2


def _runs(lines: Sequence[cst.EmptyLine]) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` index ranges of blank-line runs."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, line in enumerate(lines):
        if line.comment is None and start is None:
            start = index
        elif line.comment is not None and start is not None:
            runs.append((start, index))
            start = None
    if start is not None:
        runs.append((start, len(lines)))
    return runs


def _attached(lines: Sequence[cst.EmptyLine]) -> int:
    """Return where the comments directly above the owner start."""
    index = len(lines)
    while index and lines[index - 1].comment is not None:
        index -= 1
    return index


def _blank() -> cst.EmptyLine:
    """Return a new blank line (no indentation, no comment)."""
    return cst.EmptyLine(indent=False, whitespace=cst.SimpleWhitespace(""))


def _first_line(fix: Fix, body: Sequence[cst.CSTNode]) -> int | None:
    """Return the line a statement list starts on (decorators too)."""
    if not body:
        return None
    first = body[0]
    decorators = getattr(first, "decorators", ())
    return fix.position(decorators[0] if decorators else first).start.line
