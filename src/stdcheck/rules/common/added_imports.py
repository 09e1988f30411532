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
from libcst.helpers import get_full_name_for_node

from stdcheck.fix.base import Fix
from stdcheck.rules.imports.classify import Group, classify
from stdcheck.rules.imports.sort import StatementKey, name_key, statement_key

Imported = tuple[str, str, str | None]
"""A module, a name imported from it and its alias."""
Separator = cst.Comma | cst.MaybeSentinel


class AddsImports(Fix):
    """A fix whose ``add_needed_import`` names land in sorted order."""

    def imports_added(
        self, tree: cst.Module, original: cst.Module
    ) -> cst.Module:
        """Add the scheduled imports, then move their names in place.

        Args:
            tree: The transformed module.
            original: The module as parsed (what it imported).

        Returns:
            The module with the imports added, names in order.
        """
        scheduled = self.scheduled_imports()
        tree = super().imports_added(tree, original)
        added = {
            (item.module, item.obj_name, item.alias)
            for item in scheduled
            if item.obj_name is not None and not item.relative
        } - set(_imported(original))
        if not added:
            return tree
        body = [_sorted_in(statement, added) for statement in tree.body]
        return tree.with_changes(body=self._placed_statement(body, added))

    def _placed_statement(
        self, body: list[cst.BaseStatement], added: set[Imported]
    ) -> list[cst.BaseStatement]:
        """Move a new ``from m import x`` to its group and sorted place.

        libcst adds it at the end of the module's first run of imports,
        whatever its group; it goes before the first import of the run
        that sorts after it (by group, then as STD303 orders), with the
        blank lines that separate groups. Where a comment sits above
        the import it would go before, or libcst made no new statement,
        the body is left as it is. An import alone in the module gets
        the two blank lines a definition after it needs (STD106).
        """
        new = next(
            (
                index for index, statement in enumerate(body)
                if _wholly_added(statement, added)
            ),
            None,
        )
        if new is None:
            return body
        start, end = new, new + 1
        while start and _import_key(body[start - 1], self) is not None:
            start -= 1
        while end < len(body) and _import_key(body[end], self) is not None:
            end += 1
        statement = cst.ensure_type(body[new], cst.SimpleStatementLine)
        run = [
            cst.ensure_type(other, cst.SimpleStatementLine)
            for other in body[start:new] + body[new + 1:end]
        ]
        if not run:
            if start:  # below a docstring
                statement = statement.with_changes(
                    leading_lines=[cst.EmptyLine()]
                )
            return [*body[:start], statement, *_spaced(body[end:])]
        key = _import_key(statement, self)
        position = next(
            (
                index for index, other in enumerate(run)
                if (_import_key(other, self) or ()) > (key or ())
            ),
            len(run),
        )
        above = run[position - 1] if position else None
        below = run[position] if position < len(run) else None
        group = _group(statement, self)
        if below is not None and not _blank(below.leading_lines):
            return body
        if below is not None and above is None:
            statement = statement.with_changes(
                leading_lines=below.leading_lines
            )
        else:
            new_group = above is None or _group(above, self) != group
            statement = statement.with_changes(
                leading_lines=[cst.EmptyLine()] if new_group else []
            )
        if below is not None:
            below = below.with_changes(
                leading_lines=[] if _group(below, self) == group
                else [cst.EmptyLine()]
            )
            run[position] = below
        run.insert(position, statement)
        return [*body[:start], *run, *body[end:]]


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


def _wholly_added(statement: cst.BaseStatement, added: set[Imported]) -> bool:
    """Return whether a statement is a ``from`` import libcst made."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    if len(statement.body) != 1:
        return False
    module, aliases = _from_import(statement.body[0])
    return bool(aliases) and all(
        (module, *_names(alias)) in added for alias in aliases
    )


def _import_key(
    statement: cst.BaseStatement, fix: Fix
) -> tuple[Group, StatementKey] | None:
    """Return where an import statement sorts (None if it is not one).

    Its group (:func:`~stdcheck.rules.imports.classify.classify`),
    then the order of STD303 within the group.
    """
    if not isinstance(statement, cst.SimpleStatementLine):
        return None
    small = statement.body[0]
    if isinstance(small, cst.Import):
        module = get_full_name_for_node(small.names[0].name) or ""
        level, name, is_from = 0, "", False
    elif isinstance(small, cst.ImportFrom):
        module = (
            get_full_name_for_node(small.module) if small.module else ""
        ) or ""
        level, is_from = len(small.relative), True
        names = small.names
        name = "*" if isinstance(names, cst.ImportStar) else min(
            (_names(alias)[0] for alias in names), key=name_key
        )
    else:
        return None
    group = classify(module, level, fix.config, fix.context.filename or "")
    return group.group, statement_key(module, level, is_from, name)


def _group(statement: cst.BaseStatement, fix: Fix) -> Group | None:
    """Return an import statement's group."""
    key = _import_key(statement, fix)
    return None if key is None else key[0]


def _blank(lines: Sequence[cst.EmptyLine]) -> bool:
    """Return whether leading lines are blank (no comment)."""
    return all(line.comment is None for line in lines)


def _spaced(rest: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """Give a definition after a lone new import its two blank lines."""
    if not rest or not isinstance(rest[0], (cst.FunctionDef, cst.ClassDef)):
        return rest
    first = rest[0]
    if not _blank(first.leading_lines) or len(first.leading_lines) >= 2:
        return rest
    return [
        first.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]),
        *rest[1:],
    ]
