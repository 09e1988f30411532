"""The rules, one package per family.

Each family package holds its :class:`~stdcheck.core.registry.Rule`
objects and the :class:`~stdcheck.core.checker.Checker` classes that
report them (``checks``), the helpers only that family uses, and its
fixes (``fixes``), which only ``stdcheck fix`` imports (checking never
imports libcst). ``common`` holds the helpers several families share.
"""

import functools
import importlib

CHECK_MODULES = (
    "annotations", "asynchronous", "docstrings", "errors", "imports",
    "layout", "naming", "practices", "security",
)


@functools.cache
def load() -> None:
    """Import every family's checks, registering its rules."""
    for family in CHECK_MODULES:
        importlib.import_module(f"stdcheck.rules.{family}.checks")
