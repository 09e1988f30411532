"""STD1xx fixes made on the text alone: the prose rewrap (STD102).

The check fills the paragraph around a long comment or docstring line
to decide that its finding is fixable (:func:`~stdcheck.rules.layout.
checks.rewrap_at`); the fix replaces the paragraph's lines with that
filling. No libcst: a file whose only fixable findings are rewraps is
fixed without it.
"""

from __future__ import annotations

import ast
import functools

from stdcheck.core.context import FileContext
from stdcheck.core.source import parse, split_lines
from stdcheck.fix.merge import Hunk
from stdcheck.fix.text import TextFix
from stdcheck.fix.verify import DOCUMENTED, Verify
from stdcheck.rules.layout.checks import Scope, docstring_spans, rewrap_at
from stdcheck.rules.layout.text import layout_facts
from stdcheck.rules.layout.wrap import Memo, Rewrap


class RewrapProse(TextFix):
    """Rewraps comment and docstring paragraphs to fit (STD102).

    The paragraphs are found and filled by the code the check uses to
    decide that a finding is fixable; each paragraph's lines are
    replaced by the filled ones, with the line ending of its last line.
    """

    codes = ("STD102",)
    verify = Verify.SAME_AST_BUT_DOCSTRINGS
    stage = 1
    """After the fixes that change a docstring's structure (STD404
    adds the blank line after a summary the rewrap must not join)."""

    def changes(self, text: str, text_lines: list[str]) -> list[Hunk]:
        """Return each reported paragraph's lines, rewrapped.

        Args:
            text: The text.
            text_lines: Its lines, endings kept.

        Returns:
            One replacement per paragraph.
        """
        tree = parse(text, self.filename)
        ctx = FileContext(self.filename, split_lines(text), tree, self.config)
        found = ctx.fact(layout_facts)
        memo = Memo()
        spans = functools.cache(
            lambda: docstring_spans(ctx, _documented(tree))
        )
        edits: dict[int, Rewrap] = {}
        for finding in self.findings:
            edit = rewrap_at(ctx, finding.line, found, spans, memo)
            if edit is not None:
                edits[edit.first] = edit
        return [
            Hunk(edit.first - 1, edit.last, tuple(
                line + _ending(text_lines[edit.last - 1])
                for line in edit.text
            ))
            for edit in edits.values()
        ]


def _documented(tree: ast.Module) -> list[Scope]:
    """Return the nodes of a tree that may open with a docstring."""
    return [node for node in ast.walk(tree) if isinstance(node, DOCUMENTED)]


def _ending(line: str) -> str:
    """Return a line's line ending."""
    return line[len(line.rstrip("\r\n")):]
