"""The order of imports inside a group, shared by the checks and fix.

Within a group, ``import x`` statements come before ``from x import
y`` ones (isort's ``force_sort_within_sections = false``, as in the
standard's example), each ordered by module name ignoring case, with
numbers compared by value (``a9`` before ``a10``, isort's natural
order). In the local group absolute imports come before relative
ones, and among relative ones the farther (``from ..``) before the
nearer (``from .``). Names inside a ``from`` import are ordered as
isort's default ``order_by_type``: ``CONSTANTS``, then ``Classes``,
then the rest, each ignoring case; ``*`` comes first, so ``from x
import *`` precedes other ``from x`` imports.
"""

from __future__ import annotations

import re

DIGITS = re.compile(r"(\d+)")

NaturalKey = tuple[str | int, ...]
NameKey = tuple[int, NaturalKey]
StatementKey = tuple[bool, bool, int, NaturalKey, NameKey]


def natural_key(text: str) -> NaturalKey:
    """Return a case-insensitive key comparing digit runs as numbers."""
    parts = DIGITS.split(text.lower())
    return tuple(
        int(part) if index % 2 else part for index, part in enumerate(parts)
    )


def statement_key(
    module: str, level: int = 0, is_from: bool = False, name: str = ""
) -> StatementKey:
    """Return the sort key of an import statement within its group.

    Args:
        module: The module imported, or imported from; ``""`` for
            ``from . import x``.
        level: The number of dots of a relative import.
        is_from: Whether the statement is ``from ... import``.
        name: The first name a ``from`` import imports once its names
            are sorted (:func:`name_key`): it orders ``from`` imports of
            one module, as isort does once it has split them
            (``force_single_line``) or merged them.

    Returns:
        A key; statements of one group are sorted by it.
    """
    return (is_from, level > 0, -level, natural_key(module), name_key(name))


def name_key(name: str) -> NameKey:
    """Return the sort key of a name inside a ``from`` import.

    Args:
        name: The imported name (not its ``as`` alias).

    Returns:
        A key ordering ``*``, then constants, then classes, then other
        names.
    """
    if name == "*":
        return -1, ()
    if name.isupper() and len(name) > 1:
        kind = 0
    elif name[:1].isupper():
        kind = 1
    else:
        kind = 2
    return kind, natural_key(name)
