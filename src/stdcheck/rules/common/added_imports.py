"""Names a fix imports go where the import rules want them.

libcst's ``AddImportsVisitor`` puts a name it adds to an existing
``from m import ...`` first, whatever the order (``from datetime
import timezone, datetime``): the fix then makes an STD303 finding and
the engine withholds it. :class:`AddsImports` moves each added name to
its sorted place (the order STD303 checks, :mod:`stdcheck.rules.
imports.sort`), taking the separator of its neighbours so that a
one-name-a-line import stays one. An import statement of its own
(``from typing import Optional``) comes at the end of the module's
first run of imports, whatever its group: it moves up to its group and
sorted place, within its block as the checks read blocks.

Only fix modules import this module: it imports libcst.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

import libcst as cst
from libcst.helpers import get_full_name_for_node

from stdcheck.core.source import split_lines
from stdcheck.fix.base import Fix
from stdcheck.rules.imports.checks import (
    Directives,
    ImportLines,
    allowed_above_imports,
    import_blocks,
)
from stdcheck.rules.imports.classify import Group
from stdcheck.rules.imports.fixes import bound_names, imports_only, place
from stdcheck.rules.imports.sort import StatementKey, name_key

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
        before = tree
        tree = super().imports_added(tree, original)
        added = {
            (item.module, item.obj_name, item.alias)
            for item in scheduled
            if item.obj_name is not None and not item.relative
        } - set(_imported(original))
        if not added:
            return tree
        tree = tree.with_changes(
            body=[_sorted_in(statement, added) for statement in tree.body]
        )
        new = next(
            (
                index for index, statement in enumerate(tree.body)
                if _wholly_added(statement, added)
            ),
            None,
        )
        if new is None:
            return tree
        return self._placed_statement(tree, new, before)

    def _placed_statement(
        self, tree: cst.Module, new: int, before: cst.Module
    ) -> cst.Module:
        """Move the import statement libcst added to its sorted place.

        libcst adds ``from m import x`` at the end of the module's
        first run of imports, whatever its group (or at its top, see
        :func:`_first_imports_end`). It goes up its block
        to before the first import that sorts after it, with the blank
        lines the checks want; comments above that import stay above
        it. It stays where it is when isort leaves it alone, or when it
        would go first in its group under the comment heading the block
        (the module's header comments, above the first statement, are
        not such a comment).

        Args:
            tree: The module with the import added.
            new: The import's index in the module's body.
            before: The module before libcst added it.

        Returns:
            The module with the import in place.
        """
        unspaced = _unspaced(tree, new, before)
        end = _first_imports_end(tree, new)
        if end != new:
            body: list[cst.BaseStatement] = list(unspaced.body)
            body.insert(end, body.pop(new))
            moved = unspaced.with_changes(body=body)
            if _block_start(moved, end) is not None:
                tree = unspaced = moved
                new = end
        start = _block_start(tree, new)
        if start is None:
            return tree
        body = list(tree.body)
        statement = cst.ensure_type(body[new], cst.SimpleStatementLine)
        if start == new:  # alone in its block
            if start and _is_import_line(body[start - 1]):
                return tree
            return _first_import(tree, new)
        key = self._key(statement)
        block = [
            cst.ensure_type(other, cst.SimpleStatementLine)
            for other in body[start:new]
        ]
        position = next(
            (
                index for index, other in enumerate(block)
                if self._key(other) > key
            ),
            len(block),
        )
        if position == len(block):
            body[new] = statement.with_changes(
                leading_lines=self._gap(block[-1], statement)
            )
            return tree.with_changes(body=body)
        below = block[position]
        heading = _heading(below.leading_lines)
        if position:
            leading = self._gap(block[position - 1], statement)
        elif (
            heading < len(below.leading_lines)
            and self._key(below)[0] == key[0]
        ):
            return tree
        else:
            leading = list(below.leading_lines[:heading])
        block[position:position + 1] = [
            statement.with_changes(leading_lines=leading),
            below.with_changes(
                leading_lines=[
                    *self._gap(statement, below),
                    *below.leading_lines[heading:],
                ]
            ),
        ]
        return unspaced.with_changes(
            body=[*body[:start], *block, *unspaced.body[new + 1:]]
        )

    def _key(
        self, statement: cst.SimpleStatementLine
    ) -> tuple[Group, StatementKey]:
        """Return where a line of imports sorts: group, then key."""
        small = statement.body[0]
        assert isinstance(small, (cst.Import, cst.ImportFrom))
        group, key, _ = place(small, self.config, self.filename)
        return group, key

    def _gap(
        self, above: cst.SimpleStatementLine, below: cst.SimpleStatementLine
    ) -> list[cst.EmptyLine]:
        """Return the blank lines wanted between two import lines."""
        if self._key(above)[0] == self._key(below)[0]:
            return []
        return [cst.EmptyLine()]


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


def _is_import_line(statement: cst.BaseStatement) -> bool:
    """Return whether a statement is a line of imports only."""
    return isinstance(statement, cst.SimpleStatementLine) and imports_only(
        statement
    )


def _unspaced(
    tree: cst.Module, new: int, before: cst.Module
) -> cst.Module:
    """Give the statement below a new import its own blank lines back.

    libcst gives the statement it puts the import above a blank line
    if it had none; where the import moves away, that is undone.
    """
    if len(tree.body) != len(before.body) + 1 or new + 1 == len(tree.body):
        return tree
    body = list(tree.body)
    body[new + 1] = body[new + 1].with_changes(
        leading_lines=before.body[new].leading_lines
    )
    return tree.with_changes(body=body)


def _first_imports_end(tree: cst.Module, new: int) -> int:
    """Return where an import libcst put on top goes: the first imports.

    libcst puts it at the top (below the docstring) when the module
    does not start with imports. Where only simple statements that may
    stand above imports (``__all__ = ...``, a ``sys.path`` tweak: see
    STD304) come before the first import line, it goes to the end of
    the run of import lines there.

    Args:
        tree: The module with the import added.
        new: The import's index in the module's body.

    Returns:
        The index it goes to once taken out (``new`` if it stays).
    """
    body = tree.body
    if new and _is_import_line(body[new - 1]):
        return new
    end = new + 1
    while end < len(body) and not _is_import_line(body[end]):
        statement = body[end]
        if not isinstance(statement, cst.SimpleStatementLine):
            return new
        parsed = ast.parse(tree.code_for_node(statement)).body
        if not all(allowed_above_imports(small, end) for small in parsed):
            return new
        end += 1
    if end == len(body):
        return new
    while end + 1 < len(body) and _is_import_line(body[end + 1]):
        end += 1
    return end


def _block_start(tree: cst.Module, new: int) -> int | None:
    """Return where the block of an import added at a run's end starts.

    Blocks as the checks read them
    (:func:`~stdcheck.rules.imports.checks.import_blocks`).

    Args:
        tree: The module with the import added.
        new: The import's index in the module's body.

    Returns:
        The index of the block's first statement; None when isort
        leaves the new import alone (``# isort: off``).
    """
    body = tree.body
    start = new
    while start and _is_import_line(body[start - 1]):
        start -= 1
    text = tree.with_changes(body=body[:new + 1], footer=()).code
    line = len(tree.header) + sum(
        len(split_lines(tree.code_for_node(other))) for other in body[:start]
    )
    spans: list[ImportLines] = []
    for statement in body[start:new + 1]:
        imports = cst.ensure_type(statement, cst.SimpleStatementLine)
        first = line + len(imports.leading_lines) + 1
        line += len(split_lines(tree.code_for_node(imports)))
        spans.append((first, line, bound_names(imports)))
    numbers = import_blocks(spans, Directives.of(text, split_lines(text)))
    if numbers[-1] is None:
        return None
    return start + numbers.index(numbers[-1])


def _heading(lines: Sequence[cst.EmptyLine]) -> int:
    """Return the index of the first comment line (or their number)."""
    return next(
        (index for index, line in enumerate(lines) if line.comment),
        len(lines),
    )


def _first_import(tree: cst.Module, new: int) -> cst.Module:
    """Set the blank lines around the module's first import.

    One above it, below the docstring or the header comments (``#!``,
    a licence); two below it before a definition (STD106).
    """
    body: list[cst.BaseStatement] = list(tree.body)
    statement = cst.ensure_type(body[new], cst.SimpleStatementLine)
    header = list(tree.header)
    comments = [index for index, line in enumerate(header) if line.comment]
    if new:
        statement = statement.with_changes(leading_lines=[cst.EmptyLine()])
    elif comments:
        header[comments[-1] + 1:] = [cst.EmptyLine()]
    body[new:] = [statement, *_spaced(body[new + 1:])]
    return tree.with_changes(header=header, body=body)


def _spaced(rest: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """Give a definition below a lone import its 2 blank lines."""
    if not rest or not isinstance(rest[0], (cst.FunctionDef, cst.ClassDef)):
        return rest
    first = rest[0]
    heading = _heading(first.leading_lines)
    if heading >= 2:
        return rest
    return [
        first.with_changes(
            leading_lines=[
                cst.EmptyLine(), cst.EmptyLine(),
                *first.leading_lines[heading:],
            ]
        ),
        *rest[1:],
    ]
