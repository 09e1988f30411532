"""Fixes for STD1xx made with libcst: indentation.

The fix rewrites whitespace only, through the libcst nodes that hold
it: an ``IndentedBlock``'s ``indent`` and the ``EmptyLine`` nodes of
comments. The text of strings is never touched. The prose rewrap
(STD102), the operator position (STD105) and the blank lines
(STD106-STD108) are fixed on the text, in
:mod:`stdcheck.rules.layout.text_fixes`.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from stdcheck.fix.base import Fix, Verify

FOUR = "    "
"""One level of indentation."""


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
    all_or_none = True
    """A file's blocks are re-indented together or not at all: a line
    whose tabs would make it too long as spaces leaves the others as
    they are, not indented by both."""

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


def _first_line(fix: Fix, body: Sequence[cst.CSTNode]) -> int | None:
    """Return the line a statement list starts on (decorators too)."""
    if not body:
        return None
    first = body[0]
    decorators = getattr(first, "decorators", ())
    return fix.position(decorators[0] if decorators else first).start.line
