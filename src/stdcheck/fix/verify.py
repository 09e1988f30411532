"""Checking a fix's result before accepting it.

Each :class:`Verify` mode is a comparison of the syntax trees before
and after; none of them needs libcst.
"""

from __future__ import annotations

import ast
import collections
import enum
import functools
import warnings
from collections.abc import Callable

ImportKey = tuple[str, str, int, str, str | None]


class Verify(enum.Enum):
    """What must hold between a file before and after a fix.

    Every mode also requires that the result parses, and that it
    compiles if the original did.
    """

    SAME_AST = "same-ast"
    """Formatting only: ``ast.dump`` of old and new are equal."""
    SAME_IMPORTS = "same-imports"
    """Imports moved, split or joined: each statement list holds the
    same imported names (a multiset of ``(module, name, alias)``), and
    the code without its import statements is unchanged."""
    SAME_AST_BUT_DOCSTRINGS = "same-ast-but-docstrings"
    """Docstring text rewrapped: the trees are equal once every run of
    whitespace in a docstring is one space."""
    PARSES = "parses"
    """Meaning may change (renames, annotations): the result parses."""


def refusal(mode: Verify, before: str, after: str) -> str | None:
    """Return why ``after`` is not an acceptable fix of ``before``.

    Args:
        mode: What the fix promises to keep.
        before: The source before the fix.
        after: The source after the fix.

    Returns:
        None if the result is acceptable, else a one-line reason.
    """
    new = _parse(after)
    if new is None:
        return "the result does not parse"
    if _compiles(before) and not _compiles(after):
        return "the result does not compile"
    old = ast.parse(before)
    compare = COMPARISONS.get(mode)
    if compare is None:
        return None
    return compare(old, new)


def _parse(text: str) -> ast.Module | None:
    """Parse text, or return None if it is not valid Python."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


@functools.lru_cache(maxsize=4)
def _compiles(text: str) -> bool:
    """Return whether text compiles (the symbol table checks too).

    Cached: one fix's result is the text the next fix starts from.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<fix>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def same_ast(old: ast.Module, new: ast.Module) -> str | None:
    """Refuse any change to the syntax tree."""
    if ast.dump(old) != ast.dump(new):
        return "the result changes the syntax tree"
    return None


def same_imports(old: ast.Module, new: ast.Module) -> str | None:
    """Refuse changes other than moving imports in their block."""
    old_imports, new_imports = _imports(old), _imports(new)
    if old_imports != new_imports:
        gone = sorted(old_imports - new_imports)
        added = sorted(new_imports - old_imports)
        return (
            "the result changes the imports "
            f"(lost {_describe(gone)}, gained {_describe(added)})"
        )
    if ast.dump(old) != ast.dump(new):
        return "the result changes code other than imports"
    return None


def _imports(tree: ast.AST) -> collections.Counter[ImportKey]:
    """Remove every import statement from a tree, counting its names.

    Each imported name is keyed by the place of its statement list in
    the import-free tree (``body.3.orelse``), so an import moved into
    another block counts as a different import.
    """
    found: collections.Counter[ImportKey] = collections.Counter()
    pending: list[tuple[ast.AST, str]] = [(tree, "")]
    while pending:
        node, path = pending.pop()
        for name, value in ast.iter_fields(node):
            if not isinstance(value, list):
                continue
            where = f"{path}.{name}"
            value[:] = [
                item for item in value
                if not _counted(item, where, found)
            ]
            pending.extend(
                (item, f"{where}.{index}")
                for index, item in enumerate(value)
                if isinstance(item, (ast.stmt, ast.excepthandler,
                                     ast.match_case))
            )
    return found


def _counted(
    item: object, where: str, found: collections.Counter[ImportKey]
) -> bool:
    """Count an import statement's names; return whether it was one."""
    if isinstance(item, ast.Import):
        found.update(
            (where, "", 0, alias.name, alias.asname) for alias in item.names
        )
        return True
    if isinstance(item, ast.ImportFrom):
        found.update(
            (where, item.module or "", item.level, alias.name, alias.asname)
            for alias in item.names
        )
        return True
    return False


def _describe(keys: list[ImportKey]) -> str:
    """Describe imported names briefly (at most three)."""
    if not keys:
        return "nothing"
    names = [
        "." * level + (f"{module}." if module else "") + name
        + (f" as {asname}" if asname else "")
        for _, module, level, name, asname in keys[:3]
    ]
    return ", ".join(names) + (" ..." if len(keys) > 3 else "")


def same_ast_but_docstrings(old: ast.Module, new: ast.Module) -> str | None:
    """Refuse changes other than the whitespace inside docstrings."""
    if ast.dump(_normalised(old)) != ast.dump(_normalised(new)):
        return "the result changes more than docstring whitespace"
    return None


def _normalised(tree: ast.Module) -> ast.Module:
    """Collapse every whitespace run in docstrings to one space."""
    for node in ast.walk(tree):
        if not isinstance(
            node,
            (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef),
        ):
            continue
        first = node.body[0] if node.body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            first.value.value = " ".join(first.value.value.split())
    return tree


COMPARISONS: dict[Verify, Callable[[ast.Module, ast.Module], str | None]] = {
    Verify.SAME_AST: same_ast,
    Verify.SAME_IMPORTS: same_imports,
    Verify.SAME_AST_BUT_DOCSTRINGS: same_ast_but_docstrings,
}
