"""Fixes made on the text alone: lines replaced, no libcst.

A fix whose change is already computed on the text by its rule's
check (the comment and docstring rewrap of STD102: the check fills
the paragraph to decide the finding is fixable) is applied as line
replacements: a file whose only fixable findings are of such fixes is
fixed without libcst, and the fix never has to be mapped onto nodes.
The engine verifies the result as it does a libcst fix's, by the
fix's :attr:`TextFix.verify` mode.

A family's text fixes are in its package's ``text_fixes`` module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.fix.merge import Edits, Hunk, lines
from stdcheck.fix.registered import FIXES
from stdcheck.fix.verify import Verify


class TextFix:
    """A fix that replaces lines of the text for its findings.

    Subclasses set :attr:`codes`, :attr:`verify` and :attr:`stage`
    as a libcst fix does (:class:`stdcheck.fix.base.Fix`) and
    implement :meth:`changes`.

    Attributes:
        codes: The rule codes this fix handles (class attribute).
        verify: What the engine checks before accepting the result.
        stage: When the fix runs in a pass: text fixes run after the
            pass's libcst fixes, on their result.
        findings: The findings to fix, sorted.
        config: The file's configuration.
        filename: The file's path.
    """

    codes: ClassVar[tuple[str, ...]] = ()
    verify: ClassVar[Verify] = Verify.SAME_AST
    stage: ClassVar[int] = 0

    def __init_subclass__(cls) -> None:
        """Register the fix under each of its codes."""
        super().__init_subclass__()
        for code in cls.codes:
            FIXES[code] = cls

    def __init__(
        self,
        findings: Sequence[Finding],
        config: Config | None = None,
        filename: str = "example.py",
    ) -> None:
        """Fix the given findings of one text.

        Args:
            findings: The findings this fix should fix.
            config: The file's configuration (defaults if None).
            filename: The file's path.
        """
        self.findings = sorted(findings)
        self.config = config if config is not None else Config()
        self.filename = filename

    def changes(self, text: str, text_lines: list[str]) -> list[Hunk]:
        """Return the line replacements that fix the findings.

        Args:
            text: The text.
            text_lines: Its lines, split at newlines only, endings kept
                (as :func:`stdcheck.fix.merge.lines` splits).

        Returns:
            Replacements of lines apart from each other, any order.
        """
        raise NotImplementedError

    def fixed(self, text: str) -> str:
        """Return the text with the findings fixed."""
        text_lines = lines(text)
        return Edits(text_lines).text(self.changes(text, text_lines))
