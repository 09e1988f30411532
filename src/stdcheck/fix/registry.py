"""Which fix handles which code, found without importing libcst.

A family's fixes are in the module :data:`FIX_MODULES` names for the
family's digit; it is imported (and with it libcst) only when a finding
of that family is to be fixed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stdcheck.fix.base import Fix

FIX_MODULES = {
    "1": "stdcheck.rules.layout.fixes",
    "2": "stdcheck.rules.naming.fixes",
    "3": "stdcheck.rules.imports.fixes",
    "4": "stdcheck.rules.docstrings.fixes",
    "5": "stdcheck.rules.annotations.fixes",
    "6": "stdcheck.rules.errors.fixes",
    "7": "stdcheck.rules.asynchronous.fixes",
    "8": "stdcheck.rules.security.fixes",
    "9": "stdcheck.rules.practices.fixes",
}
"""The module of each family's fixes, by the code's hundreds digit."""

FIXES: dict[str, type[Fix]] = {}
"""The fix of each code (filled as fix modules are imported)."""


def fix_for(code: str) -> type[Fix] | None:
    """Return the fix registered for a code, importing its module.

    A family without a fix module has no fixes.
    """
    if code not in FIXES:
        name = FIX_MODULES.get(code[3:4])
        if name is not None:
            try:
                importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
    return FIXES.get(code)
