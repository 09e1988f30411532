"""Which fix handles which code, found without importing libcst.

A family's fixes are in its package's ``fixes`` module, and those
computed on the text alone in its ``text_fixes`` module
(:data:`stdcheck.rules.FAMILIES` says which families have them). A
module is imported only when a finding of that family is to be fixed,
the text fixes first: a code they fix needs no libcst.
"""

from __future__ import annotations

import importlib

from stdcheck.fix.registered import FIXES, AnyFix
from stdcheck.rules import FAMILIES, module_of

FIX_MODULES = {
    family.digit: module_of(family, "fixes")
    for family in FAMILIES
    if family.fixes
}
"""The module of each family's fixes, by the code's hundreds digit."""
TEXT_FIX_MODULES = {
    family.digit: module_of(family, "text_fixes")
    for family in FAMILIES
    if family.text_fixes
}
"""The module of each family's text fixes, by hundreds digit."""


def fix_for(code: str) -> AnyFix | None:
    """Return the fix registered for a code, importing its module.

    A family's text fixes are looked in first (they need no libcst);
    then its fix module, which imports libcst. A family without either
    has no fixes.
    """
    digit = code[3:4]
    for modules in (TEXT_FIX_MODULES, FIX_MODULES):
        name = modules.get(digit)
        if name is not None:
            importlib.import_module(name)
            if code in FIXES:
                return FIXES[code]
    return None
