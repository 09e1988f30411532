"""Which fix handles which code, found without importing libcst.

A family's fixes are in its package's ``fixes`` module
(:data:`stdcheck.rules.FAMILIES` says which families have one); it is
imported (and with it libcst) only when a finding of that family is to
be fixed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from stdcheck.rules import FAMILIES, module_of

if TYPE_CHECKING:
    from stdcheck.fix.base import Fix

FIX_MODULES = {
    family.digit: module_of(family, "fixes")
    for family in FAMILIES
    if family.fixes
}
"""The module of each family's fixes, by the code's hundreds digit."""


def fix_for(code: str) -> type[Fix] | None:
    """Return the fix registered for a code, importing its module.

    A family without a fix module has no fixes. The fix module
    imports libcst, and with it :mod:`stdcheck.fix.base`, where the
    fixes register.
    """
    name = FIX_MODULES.get(code[3:4])
    if name is None:
        return None
    importlib.import_module(name)
    from stdcheck.fix.base import FIXES

    return FIXES.get(code)
