"""The rules, one package per family, and the table of families.

Each family package holds its :class:`~stdcheck.core.registry.Rule`
objects and the :class:`~stdcheck.core.checker.Checker` classes that
report them (``checks``), the helpers only that family uses, and its
fixes (``fixes``), which only ``stdcheck fix`` imports (checking never
imports libcst). ``common`` holds the helpers several families share.

The registry does not fill itself: whoever needs the whole catalogue
(the command line, the flake8 plugin, a run's setup, the fix engine,
the documentation) calls :func:`load` once.
"""

from __future__ import annotations

import functools
import importlib
from typing import NamedTuple

from stdcheck.core import registry


class Family(NamedTuple):
    """A family of rules: the codes ``STD<digit>nn``.

    Attributes:
        digit: The hundreds digit of its codes.
        name: What ``stdcheck rules``, the rule pages and SARIF call it.
        package: Its package in ``stdcheck.rules`` (none for STD000,
            the core's internal error).
        fixes: Whether the package has fixes (a ``fixes`` module).
        text_fixes: Whether it has fixes made on the text alone (a
            ``text_fixes`` module, without libcst).
    """

    digit: str
    name: str
    package: str
    fixes: bool
    text_fixes: bool = False


FAMILIES = (
    Family("0", "internal", "", fixes=False),
    Family("1", "layout", "layout", fixes=True, text_fixes=True),
    Family("2", "naming", "naming", fixes=True),
    Family("3", "imports", "imports", fixes=True),
    Family("4", "docstrings", "docstrings", fixes=True),
    Family("5", "type hints", "annotations", fixes=True, text_fixes=True),
    Family("6", "error handling", "errors", fixes=False),
    Family("7", "async", "asynchronous", fixes=False),
    Family("8", "security", "security", fixes=False),
    Family("9", "logging and practices", "practices", fixes=True),
)
"""Every family, by digit: the one table of families."""

_BY_DIGIT = {family.digit: family for family in FAMILIES}


def family_of(code: str) -> Family:
    """Return the family of a rule's code (``STD101``: layout)."""
    return _BY_DIGIT[code[3]]


def module_of(family: Family, part: str) -> str:
    """Return the full name of a module of a family's package.

    Args:
        family: The family (one with a package).
        part: The module: ``checks``, ``fixes`` or ``text_fixes``.

    Returns:
        E.g. ``stdcheck.rules.layout.fixes``.
    """
    return f"{__name__}.{family.package}.{part}"


@functools.cache
def load() -> None:
    """Import every family's checks (registering its rules) once."""
    for family in FAMILIES:
        if family.package:
            importlib.import_module(module_of(family, "checks"))
    registry.mark_loaded()
