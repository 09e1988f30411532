"""The rule registry: every rule is defined once and looked up here.

A rule is metadata only (code, name, message, documentation, fix
safety). The logic that finds it lives in a
:class:`~stdcheck.core.checker.Checker`, which may report several
related rules from one analysis.

The registry knows no rule but STD000: rules register as their
family's ``checks`` module is imported, and whoever needs the whole
catalogue loads it once (:func:`stdcheck.rules.load`). Asking before
that is a bug, and raises.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from stdcheck.core.suggest import did_you_mean

CODE_PATTERN = re.compile(r"STD\d{3}\Z")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


class FixSafety(enum.Enum):
    """How ``stdcheck fix`` treats a rule's findings."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Rule:
    """One rule: its stable code, its name and its documentation.

    Attributes:
        code: The stable code, ``STD`` and three digits.
        name: The kebab-case name, accepted wherever a code is.
        message: The finding's message, a ``str.format`` template.
        summary: One line on what the rule reports.
        rationale: Why the standard asks for it.
        bad: Code the rule reports. A first line ``# file: x.py`` or
            ``# folder: pkg/__init__.py`` makes the tests check it (and
            ``good``) as that file, for rules about file and folder
            names.
        good: The same code written to the standard.
        fixed: What ``stdcheck fix`` makes of ``bad`` (with only this
            rule selected, and unsafe fixes where its findings there
            are unsafe), exactly; ``good`` when not given for a rule
            with a fix, empty for a rule without one. Tests check it
            and the rule's page shows it.
        fix: What ``stdcheck fix`` may do about a finding.
        default: Whether the rule runs when not selected by name.
        options: Configuration keys the rule reads.
        peers: Matching codes of other tools, as ``tool CODE``.
        notes: Exemptions and deliberate differences from peers.
        fix_notes: What the fix does and why it is (un)safe.
    """

    code: str
    name: str
    message: str
    summary: str
    rationale: str
    bad: str
    good: str
    fixed: str = ""
    fix: FixSafety = FixSafety.NONE
    default: bool = True
    options: tuple[str, ...] = ()
    peers: tuple[str, ...] = ()
    notes: str = ""
    fix_notes: str = ""

    def __post_init__(self) -> None:
        """Validate the rule and add it to the registry."""
        if not CODE_PATTERN.match(self.code):
            raise ValueError(f"bad rule code {self.code!r}")
        if not NAME_PATTERN.match(self.name):
            raise ValueError(f"bad rule name {self.name!r}")
        if self.code in _BY_CODE or self.name in _BY_NAME:
            raise ValueError(f"rule {self.code} {self.name} defined twice")
        if self.fix is not FixSafety.NONE and not self.fixed:
            object.__setattr__(self, "fixed", self.good)
        _BY_CODE[self.code] = self
        _BY_NAME[self.name] = self


_BY_CODE: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}
_loaded = False  # whether every family's rules are registered


def mark_loaded() -> None:
    """Note that every family's rules are registered (by the loader)."""
    global _loaded
    _loaded = True


def all_rules() -> list[Rule]:
    """Return every registered rule, ordered by code."""
    _require_loaded()
    return sorted(_BY_CODE.values(), key=lambda rule: rule.code)


def lookup(code_or_name: str) -> Rule | None:
    """Return the rule with this exact code or name, if any."""
    _require_loaded()
    return _BY_CODE.get(code_or_name.upper()) or _BY_NAME.get(
        code_or_name.lower()
    )


def expand(selector: str) -> frozenset[str] | None:
    """Return the codes a selector names, or None if it names nothing.

    A selector is a rule name, or a code or code prefix (``STD``,
    ``STD1``, ``STD10``, ``STD101``), as in flake8's ``--select``.

    Args:
        selector: What the user wrote.

    Returns:
        The matching codes, or None when the selector is unknown.
    """
    _require_loaded()
    by_name = _BY_NAME.get(selector.lower())
    if by_name is not None:
        return frozenset({by_name.code})
    prefix = selector.upper()
    codes = frozenset(code for code in _BY_CODE if code.startswith(prefix))
    return codes if codes and prefix.startswith("STD") else None


def suggestion(selector: str) -> str:
    """Return a suggestion for an unknown selector, or ``""``.

    Args:
        selector: A code, code prefix or rule name that names nothing.

    Returns:
        The nearest rule code or name, as a suggestion.
    """
    _require_loaded()
    return did_you_mean(selector, [*_BY_CODE, *_BY_NAME])


def _require_loaded() -> None:
    """Refuse to answer from a registry nobody filled.

    Raises:
        RuntimeError: If :func:`stdcheck.rules.load` was not called.
    """
    if not _loaded:
        raise RuntimeError(
            "the rule catalogue is not loaded: call stdcheck.rules.load()"
        )


INTERNAL_ERROR = Rule(
    code="STD000",
    name="internal-error",
    message="internal error in {checker}: {error} (please report this)",
    summary="A rule crashed on this file; the other rules still ran.",
    rationale=(
        "A bug in one rule must never hide the findings of the others "
        "or crash the run. The crash is reported where it happened so "
        "that it can be reported upstream."
    ),
    bad="",
    good="",
)
