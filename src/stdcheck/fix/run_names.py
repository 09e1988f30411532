"""The names the files of one fix run may take from each other.

An unsafe rename of a module-level name rewrites one file; a module
of the same run that imports the name (``from pkg.mod import old``),
reads it as an attribute (``pkg.old``, ``mod.old``), takes it through
``from mod import *``, or spells it in a string (``getattr``,
``__all__``, ``mock.patch("pkg.mod.old")``) would be left pointing at
a name that no longer exists; so would a call passing a renamed
parameter by keyword. The engine gives these names to the check
(``FileContext.outside``), which then offers no rename for them: a fix
never leaves a dangling reference among the files it fixes.

Gathered only for ``--unsafe-fixes`` (safe renames are local to a
function), with :mod:`ast`, so libcst is still loaded only for files
that have something to fix.
"""

from __future__ import annotations

import ast
import collections
import re
from collections.abc import Iterable, Iterator

from stdcheck.core.source import SourceError, decode, parse, read_bytes

IDENTIFIER = re.compile(r"[^\W\d]\w*")


def names_used(tree: ast.Module) -> set[str]:
    """Return the names a module may take from other modules.

    Args:
        tree: The module.

    Returns:
        Names it imports from a module, reads as an attribute, passes
        as a keyword or spells as a string (an identifier, or a part
        of a dotted path); and, when it has a star import, every name
        it reads where the module's scope holds it (not a name a
        function binds for itself) and does not bind itself.
    """
    found: set[str] = set()
    star = False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                star = star or alias.name == "*"
                found.add(alias.name)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.keyword) and node.arg is not None:
            found.add(node.arg)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts = node.value.split(".")
            if all(IDENTIFIER.fullmatch(part) for part in parts):
                found.update(parts)
    if not star:
        return found
    return found | (_module_reads(tree) - _bound_in(tree))


SCOPES = (
    ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
    ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
)
"""Nodes whose inside is a scope of its own."""


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """Yield a scope's nodes and the scopes inside it (not theirs)."""
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, SCOPES):
            pending.extend(ast.iter_child_nodes(node))


def _bound_in(scope: ast.AST) -> set[str]:
    """Return the names a scope binds itself (``global`` ones aside)."""
    bound: set[str] = set()
    declared: set[str] = set()
    for node in _own_nodes(scope):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update(
                (alias.asname or alias.name).split(".")[0]
                for alias in node.names if alias.name != "*"
            )
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Global):
            declared.update(node.names)
        if isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        ):
            bound.add(node.name)
    return bound - declared


def _module_reads(tree: ast.Module) -> set[str]:
    """Return the names read where the module's scope would hold them.

    A name a function (or a function around it) binds is its own;
    a class body's names are not seen by the functions inside it.
    """
    reads: set[str] = set()
    pending: list[tuple[ast.AST, frozenset[str]]] = [(tree, frozenset())]
    while pending:
        scope, enclosing = pending.pop()
        hidden = enclosing
        if not isinstance(scope, ast.Module):
            hidden = enclosing | _bound_in(scope)
        inside = enclosing if isinstance(scope, ast.ClassDef) else hidden
        for node in _own_nodes(scope):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                if node.id not in hidden:
                    reads.add(node.id)
            elif isinstance(node, SCOPES):
                pending.append((node, inside))
    return reads


class RunNames:
    """For each file of a run, the names its other files take.

    Files that cannot be read or parsed take nothing (they are not
    fixed either).
    """

    def __init__(self, paths: Iterable[str]) -> None:
        """Gather the names each file takes from the others."""
        self.used: dict[str, set[str]] = {}
        for path in paths:
            try:
                text = decode(read_bytes(path)).text
                self.used[path] = names_used(parse(text, path))
            except SourceError:
                continue
        self.counts = collections.Counter(
            name for names in self.used.values() for name in names
        )

    def outside(self, path: str) -> frozenset[str]:
        """Return the names the run's files other than ``path`` take."""
        own = self.used.get(path, set())
        return frozenset(
            name for name, count in self.counts.items()
            if count > (name in own)
        )
