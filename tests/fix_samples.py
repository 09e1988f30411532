"""Test-only rules and fixes that exercise the fix engine itself.

They are registered only inside :func:`registered` (or for a whole
process with ``python -m tests.fix_samples``), so that no other test
sees them. Their codes, ``STD09x``, belong to no real family.

- STD091 ``sample-single-quotes``: a string written with single quotes;
  its fix requotes it (``Verify.SAME_AST``). A string whose text is
  ``unsafe`` is reported with an unsafe fix.
- STD092 ``sample-name-x``: a name ``x``; its fix renames it to ``y``
  but claims ``Verify.SAME_AST``, so verification must refuse it.
- STD093 ``sample-toggle``: a ``# toggle`` comment; its fix flips it
  between two spellings forever (it never settles).
- STD094 ``sample-crash``: a ``pass`` statement; its fix raises.
"""

from __future__ import annotations

import ast
import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import libcst as cst

from stdcheck import registry
from stdcheck.checker import CHECKERS, Checker
from stdcheck.fix.base import FIXES, Fix, Verify
from stdcheck.registry import FixSafety, Rule

CODES = ("STD091", "STD092", "STD093", "STD094")


def _rule(code: str, name: str, fix: FixSafety = FixSafety.SAFE) -> Rule:
    """Make a test rule (registered as a side effect)."""
    return Rule(
        code=code, name=name, message=name, summary=name, rationale=name,
        bad="", good="", fix=fix, default=False,
    )


def _define() -> list[Any]:
    """Define the rules, checkers and fixes; return what registered."""
    quotes = _rule("STD091", "sample-single-quotes")
    name_x = _rule("STD092", "sample-name-x")
    toggle = _rule("STD093", "sample-toggle")
    crash = _rule("STD094", "sample-crash")

    class SampleChecks(Checker):
        """Reports the samples' findings."""

        rules = (quotes, name_x, toggle, crash)

        def visit_Constant(self, node: ast.Constant) -> None:
            """Report single-quoted strings."""
            line = self.ctx.lines[node.lineno - 1].encode()
            if isinstance(node.value, str) and line[node.col_offset:][:1] \
                    == b"'":
                safety = FixSafety.UNSAFE if node.value == "unsafe" else None
                self.ctx.report_node(quotes, node, fix=safety)

        def visit_Name(self, node: ast.Name) -> None:
            """Report names ``x``."""
            if node.id == "x":
                self.ctx.report_node(name_x, node)

        def visit_Pass(self, node: ast.Pass) -> None:
            """Report ``pass``."""
            self.ctx.report_node(crash, node)

        def finish(self) -> None:
            """Report ``# toggle`` comments."""
            for number, line in enumerate(self.ctx.lines, start=1):
                if "# toggle" in line:
                    self.ctx.report(toggle, number, line.index("# toggle"))

    class DoubleQuotes(Fix):
        """Requotes reported single-quoted strings."""

        codes = ("STD091",)
        verify = Verify.SAME_AST

        def leave_SimpleString(
            self, original: cst.SimpleString, updated: cst.SimpleString
        ) -> cst.SimpleString:
            """Swap the quotes of a reported plain string."""
            body = updated.value[1:-1]
            if self.finding_at(original) is None or '"' in body:
                return updated
            return updated.with_changes(value=f'"{body}"')

    class RenameX(Fix):
        """Renames ``x`` to ``y``, claiming not to change the AST."""

        codes = ("STD092",)
        verify = Verify.SAME_AST

        def leave_Name(
            self, original: cst.Name, updated: cst.Name
        ) -> cst.Name:
            """Rename a reported name."""
            if self.finding_at(original) is None:
                return updated
            return updated.with_changes(value="y")

    class Toggle(Fix):
        """Flips ``# toggle`` comments between two spellings."""

        codes = ("STD093",)
        verify = Verify.SAME_AST

        def leave_Comment(
            self, original: cst.Comment, updated: cst.Comment
        ) -> cst.Comment:
            """Flip the comment."""
            flipped = {"# toggle on": "# toggle off"}.get(
                updated.value, "# toggle on"
            )
            return updated.with_changes(value=flipped)

    class Crash(Fix):
        """Raises on the first ``pass``."""

        codes = ("STD094",)

        def leave_Pass(self, original: cst.Pass, updated: cst.Pass) -> None:
            """Fail as a buggy fix would."""
            raise ZeroDivisionError("sample crash")

    return [quotes, name_x, toggle, crash, SampleChecks,
            DoubleQuotes, RenameX, Toggle, Crash]


def _forget(defined: list[Any]) -> None:
    """Remove the samples from every registry."""
    for item in defined:
        if isinstance(item, Rule):
            registry._BY_CODE.pop(item.code, None)
            registry._BY_NAME.pop(item.name, None)
        elif item in CHECKERS:
            CHECKERS.remove(item)
    for code in CODES:
        FIXES.pop(code, None)


@contextlib.contextmanager
def registered() -> Iterator[None]:
    """Register the sample rules and fixes for the ``with`` block."""
    registry.all_rules()
    defined = _define()
    try:
        yield
    finally:
        _forget(defined)


if __name__ == "__main__":
    from stdcheck.cli import main

    registry.all_rules()
    _define()
    sys.argv[0] = "stdcheck"
    main()
