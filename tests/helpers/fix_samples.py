"""Test-only rules and fixes that exercise the fix engine itself.

They are registered only inside :func:`registered` (or for a whole
process with ``python -m tests.helpers.fix_samples``), so that no other
test sees them. Their codes, ``STD09x``, belong to no real family;
their fixes are in ``tests.helpers.fix_samples_fixes``, found through
``FIX_MODULES`` and imported only when a finding is to be fixed, as a
family's are.

- STD091 ``sample-single-quotes``: a string written with single quotes;
  its fix requotes it (``Verify.SAME_AST``). A string whose text is
  ``unsafe`` is reported with an unsafe fix.
- STD092 ``sample-name-x``: a name ``x``; its fix renames it to ``y``
  but claims ``Verify.SAME_AST``, so verification must refuse it.
- STD093 ``sample-toggle``: a ``# toggle`` comment; its fix flips it
  between two spacings forever (it never settles).
- STD094 ``sample-crash``: a ``pass`` statement; its fix raises.
- STD095 ``sample-unfinished``: a module without ``done = True``; its
  fix appends that line with an explicit ``\\n`` newline.
- STD096 ``sample-double-quotes``: STD091 the other way round.
- STD097 ``sample-ellipsis``: an ``...``; its fix changes nothing.
"""

from __future__ import annotations

import ast
import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from stdcheck.core import registry
from stdcheck.core.checker import CHECKERS, Checker
from stdcheck.core.registry import FixSafety, Rule
from stdcheck.fix.registry import FIX_MODULES
from stdcheck.rules import load

CODES = (
    "STD091", "STD092", "STD093", "STD094", "STD095", "STD096", "STD097"
)
FIX_MODULE = "tests.helpers.fix_samples_fixes"


def _rule(code: str, name: str) -> Rule:
    """Make a test rule with a safe fix (registers it)."""
    return Rule(
        code=code, name=name, message=name, summary=name, rationale=name,
        bad="", good="", fix=FixSafety.SAFE, default=False,
    )


def _define() -> list[Any]:
    """Define the rules and their checker; return what registered."""
    quotes = _rule("STD091", "sample-single-quotes")
    name_x = _rule("STD092", "sample-name-x")
    toggle = _rule("STD093", "sample-toggle")
    crash = _rule("STD094", "sample-crash")
    unfinished = _rule("STD095", "sample-unfinished")
    double = _rule("STD096", "sample-double-quotes")
    ellipsis = _rule("STD097", "sample-ellipsis")

    class SampleChecks(Checker):
        """Reports the samples' findings."""

        rules = (
            quotes, name_x, toggle, crash, unfinished, double, ellipsis
        )

        def visit_Constant(self, node: ast.Constant) -> None:
            """Report single- and double-quoted strings."""
            line = self.ctx.lines[node.lineno - 1].encode()
            quote = line[node.col_offset:node.col_offset + 1]
            if node.value is Ellipsis:
                self.ctx.report_node(ellipsis, node)
            if not isinstance(node.value, str):
                return
            if quote == b"'":
                safety = FixSafety.UNSAFE if node.value == "unsafe" else None
                self.ctx.report_node(quotes, node, fix=safety)
            elif quote == b'"':
                self.ctx.report_node(double, node)

        def visit_Name(self, node: ast.Name) -> None:
            """Report names ``x``."""
            if node.id == "x":
                self.ctx.report_node(name_x, node)

        def visit_Pass(self, node: ast.Pass) -> None:
            """Report ``pass``."""
            self.ctx.report_node(crash, node)

        def finish(self) -> None:
            """Report ``# toggle`` comments and unfinished modules."""
            for number, line in enumerate(self.ctx.lines, start=1):
                if "toggle" in line:
                    self.ctx.report(toggle, number, line.index("toggle"))
            if "done = True\n" not in self.ctx.lines:
                self.ctx.report(unfinished, 1)

    return [
        quotes, name_x, toggle, crash, unfinished, double, ellipsis,
        SampleChecks,
    ]


def register() -> list[Any]:
    """Register the samples; return what to pass to :func:`forget`."""
    load()
    sys.modules.pop(FIX_MODULE, None)
    FIX_MODULES["0"] = FIX_MODULE
    return _define()


def forget(defined: list[Any]) -> None:
    """Remove the samples from every registry."""
    for item in defined:
        if isinstance(item, Rule):
            registry._BY_CODE.pop(item.code, None)  # noqa: STD208
            registry._BY_NAME.pop(item.name, None)  # noqa: STD208
        elif item in CHECKERS:
            CHECKERS.remove(item)
    FIX_MODULES.pop("0", None)
    if "stdcheck.fix.base" in sys.modules:  # else no fix registered
        from stdcheck.fix.registered import FIXES

        for code in CODES:
            FIXES.pop(code, None)


@contextlib.contextmanager
def registered() -> Iterator[None]:
    """Register the sample rules and fixes for the ``with`` block."""
    defined = register()
    try:
        yield
    finally:
        forget(defined)


if __name__ == "__main__":
    from stdcheck.frontends.cli import main

    register()
    sys.argv[0] = "stdcheck"
    main()
