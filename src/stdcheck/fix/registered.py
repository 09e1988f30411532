"""What every fix class has, and the fix class registered for each code.

A fix class registers itself under its codes when its module is
imported; :func:`stdcheck.fix.registry.fix_for` imports the module a
code needs and reads the class here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.fix.verify import Verify


class RegisteredFix:
    """The part of a fix the engine reads: codes, safety, findings.

    On libcst's tree (:class:`stdcheck.fix.base.Fix`) or on the text
    (:class:`stdcheck.fix.text.TextFix`).

    Attributes:
        codes: The rule codes this fix handles (class attribute).
        verify: What the engine checks before accepting the result
            (class attribute).
        stage: When the fix runs in a pass (class attribute): fixes of
            a lower stage first, then by first code.
        independent: Whether each finding's change is the same whatever
            other findings the fix is given (class attribute): a rename
            changes every use of its name, far from the finding, so the
            engine traces a finding the result adds to the finding
            whose change made it by fixing each alone (not for fixes
            whose findings interact, such as sorting an import block).
        all_or_none: Whether the fix takes all its findings of a file or
            none (class attribute): where its result adds a finding, no
            finding is fixed, rather than those far from it (blocks
            re-indented in part leave lines indented by both tabs and
            spaces).
        findings: The findings to fix, sorted.
        config: The file's configuration.
        filename: The file's path.
    """

    codes: ClassVar[tuple[str, ...]] = ()
    verify: ClassVar[Verify] = Verify.SAME_AST
    stage: ClassVar[int] = 0
    independent: ClassVar[bool] = False
    all_or_none: ClassVar[bool] = False

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
        """Fix the given findings of one file.

        Args:
            findings: The findings this fix should fix.
            config: The file's configuration (defaults if None).
            filename: The file's path.
        """
        super().__init__()
        self.findings = sorted(findings)
        self.config = config if config is not None else Config()
        self.filename = filename


AnyFix = type[RegisteredFix]
"""A fix class: on libcst's tree or on the text."""
FIXES: dict[str, AnyFix] = {}
"""The fix of each code."""
