"""Names a fix imports go where the import rules want them.

libcst's ``AddImportsVisitor`` puts a name it adds to an existing
``from m import ...`` first, whatever the order (``from datetime
import timezone, datetime``): the fix then makes an STD303 finding and
the engine withholds it. :class:`AddsImports` moves each added name to
its sorted place (the order STD303 checks, :mod:`stdcheck.rules.
imports.sort`), taking the separator of its neighbours so that a
one-name-a-line import stays one.

Only fix modules import this module: it imports libcst.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor, ImportItem
from libcst.helpers import get_full_name_for_node
from libcst.metadata import MetadataWrapper

from stdcheck.fix.base import Fix
from stdcheck.rules.imports.sort import name_key

Imported = tuple[str, str, str | None]
"""A module, a name imported from it and its alias."""
Separator = cst.Comma | cst.MaybeSentinel


class AddsImports(Fix):
    """A fix whose ``add_needed_import`` names land in sorted order."""

    def transform_wrapped(self, wrapper: MetadataWrapper) -> cst.Module:
        """Transform, then move the names added to imports in place.

        Args:
            wrapper: The module, parsed.

        Returns:
            The transformed module.
        """
        tree = super().transform_wrapped(wrapper)
        scheduled: Sequence[ImportItem] = self.context.scratch.get(
            AddImportsVisitor.CONTEXT_KEY, ()
        )
        added = {
            (item.module, item.obj_name, item.alias)
            for item in scheduled
            if item.obj_name is not None and not item.relative
        } - set(_imported(wrapper.module))
        if not added:
            return tree
        return tree.with_changes(
            body=[_sorted_in(statement, added) for statement in tree.body]
        )


def _imported(module: cst.Module) -> list[Imported]:
    """Return what the top-level ``from`` imports of a module import."""
    return [
        (source, *_names(alias))
        for statement in module.body
        if isinstance(statement, cst.SimpleStatementLine)
        for small in statement.body
        for source, aliases in [_from_import(small)]
        for alias in aliases
    ]


def _from_import(
    small: cst.BaseSmallStatement,
) -> tuple[str, Sequence[cst.ImportAlias]]:
    """Return the module and names of ``from m import names``.

    Only an absolute import of names counts (no ``*``); for anything
    else the names are empty.
    """
    if (
        isinstance(small, cst.ImportFrom)
        and small.module is not None
        and not small.relative
        and not isinstance(small.names, cst.ImportStar)
    ):
        return get_full_name_for_node(small.module) or "", small.names
    return "", ()


def _names(alias: cst.ImportAlias) -> tuple[str, str | None]:
    """Return an imported name and its alias (None without ``as``)."""
    asname = alias.asname
    return (
        get_full_name_for_node(alias.name) or "",
        None if asname is None
        else get_full_name_for_node(asname.name),
    )


def _sorted_in(
    statement: cst.BaseStatement, added: set[Imported]
) -> cst.BaseStatement:
    """Return a statement with the added names it imports in order."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return statement
    body = []
    for small in statement.body:
        module, aliases = _from_import(small)
        if aliases:
            small = small.with_changes(
                names=_placed(aliases, module, added)
            )
        body.append(small)
    return statement.with_changes(body=body)


def _placed(
    aliases: Sequence[cst.ImportAlias], module: str, added: set[Imported]
) -> Sequence[cst.ImportAlias]:
    """Return the aliases with each added one moved to its sorted place.

    The others keep their order and the separators between them; an
    added name takes a copy of the separator next to where it lands
    (``", "`` when the import had one name), and the last alias keeps
    the import's trailing comma, if any.
    """
    new = [(module, *_names(alias)) in added for alias in aliases]
    names = [alias for alias, is_new in zip(aliases, new) if not is_new]
    if not names or len(names) == len(aliases):
        return aliases
    separators: list[Separator] = [alias.comma for alias in names[:-1]]
    trailing = names[-1].comma
    for alias, is_new in zip(aliases, new):
        if not is_new:
            continue
        key = name_key(_names(alias)[0])
        index = next(
            (
                place for place, other in enumerate(names)
                if name_key(_names(other)[0]) > key
            ),
            len(names),
        )
        names.insert(index, alias)
        neighbour = (
            separators[min(max(index - 1, 0), len(separators) - 1)]
            if separators else cst.MaybeSentinel.DEFAULT
        )
        separators.insert(min(index, len(separators)), neighbour)
    return [
        alias.with_changes(comma=comma)
        for alias, comma in zip(names, [*separators, trailing])
    ]
