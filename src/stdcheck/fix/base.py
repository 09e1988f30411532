"""What a fix is: a libcst transformer for some rules' findings.

A fix for a family lives beside its checks, in
``stdcheck/rules/<family>_fix.py``, as a :class:`Fix` subclass naming
the codes it fixes. The fix engine imports those modules only for
files that have fixable findings, runs each fix as a libcst codemod
(metadata providers such as ``PositionProvider`` or ``ScopeProvider``
declared in ``METADATA_DEPENDENCIES`` as usual), and checks the result
as the fix's :class:`Verify` mode says before anything is written.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Sequence
from typing import ClassVar

from libcst.codemod import CodemodContext, ContextAwareTransformer

from stdcheck.findings import Finding

FAMILY_MODULES = {
    "1": "layout",
    "2": "naming",
    "3": "imports",
    "4": "docstrings",
    "5": "annotations",
    "6": "errors",
    "7": "asynchronous",
    "8": "security",
    "9": "practices",
}


class Verify(enum.Enum):
    """What must hold between a file before and after a fix."""

    SAME_AST = "same-ast"
    """Formatting only: ``ast.dump`` of old and new are equal."""
    SAME_IMPORTS = "same-imports"
    """Imports moved: the same import statements, the rest unchanged."""
    SAME_AST_BUT_DOCSTRINGS = "same-ast-but-docstrings"
    """Docstring text rewrapped: equal once docstring whitespace is
    normalised, as black checks."""
    PARSES = "parses"
    """Meaning may change (renames, annotations): the result parses."""


FIXES: dict[str, type[Fix]] = {}


class Fix(ContextAwareTransformer):
    """A transformer that fixes the findings of the codes it names.

    Attributes:
        codes: The rule codes this fix handles.
        verify: What the fix engine checks before accepting the result.
        findings: The findings to fix in this module (already filtered
            to the enabled rules and the allowed fix safety).
        lines: The lines of those findings, for quick position tests.
    """

    codes: ClassVar[tuple[str, ...]] = ()
    verify: ClassVar[Verify] = Verify.SAME_AST

    def __init_subclass__(cls) -> None:
        """Register the fix under each of its codes."""
        super().__init_subclass__()
        for code in cls.codes:
            FIXES[code] = cls

    def __init__(
        self, context: CodemodContext, findings: Sequence[Finding]
    ) -> None:
        """Fix the given findings of one module."""
        super().__init__(context)
        self.findings = list(findings)
        self.lines = {finding.line for finding in findings}


def fix_for(code: str) -> type[Fix] | None:
    """Return the fix registered for a code, importing its module."""
    if code not in FIXES:
        module = FAMILY_MODULES.get(code[3:4])
        if module is not None:
            try:
                importlib.import_module(f"stdcheck.rules.{module}_fix")
            except ModuleNotFoundError as error:
                if error.name != f"stdcheck.rules.{module}_fix":
                    raise
    return FIXES.get(code)
