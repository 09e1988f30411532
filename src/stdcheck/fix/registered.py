"""The fix class registered for each code.

Filled as fix modules are imported (each fix class registers itself
under its codes); :func:`stdcheck.fix.registry.fix_for` imports the
module a code needs and reads it here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from stdcheck.fix.base import Fix
    from stdcheck.fix.text import TextFix

AnyFix = Union[type["Fix"], type["TextFix"]]
"""A fix class: on libcst's tree or on the text."""
FIXES: dict[str, AnyFix] = {}
"""The fix of each code."""
