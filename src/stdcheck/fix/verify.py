"""Checking a fix's result before accepting it.

Each :class:`Verify` mode is a comparison of the syntax trees before
and after, and of the comments: what the author wrote is kept as well
as what the code does. None of them needs libcst.

Comments are read with :mod:`tokenize`, whose lines end at ``\\n``,
``\\r\\n`` and ``\\r`` only, as Python's do.
"""

from __future__ import annotations

import ast
import collections
import difflib
import enum
import functools
import io
import re
import tokenize
import warnings
from collections.abc import Callable

ImportKey = tuple[str, str, int, str, str | None]
Comment = tuple[int, str]
"""A comment: its line (1-based) and its text, from ``#`` on."""
PRAGMA = re.compile(r"#\s*(noqa|type:|isort:|pragma|pylint:)", re.IGNORECASE)
"""A comment the import fix may copy to each statement of a split."""


class Verify(enum.Enum):
    """What must hold between a file before and after a fix.

    Every mode also requires that the result parses, and that it
    compiles if the original did; :data:`SAME_IMPORTS` requires the
    same comments (as a multiset, each with its import), every other
    mode the same words of the comments, in the same order.
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
    if mode is Verify.SAME_IMPORTS:
        reason = comments_with_imports(before, after, new)
    else:
        reason = same_comment_words(before, after)
    if reason is not None:
        return reason
    compare = COMPARISONS.get(mode)
    if compare is None:
        return None
    return compare(ast.parse(before), new)


@functools.lru_cache(maxsize=4)
def comments(text: str) -> tuple[Comment, ...] | None:
    """Return a text's comments in order (None if it does not tokenize).

    Cached: one fix's result is the text the next fix starts from.
    """
    readline = io.StringIO(text, newline="").readline
    try:
        return tuple(
            (token.start[0], token.string)
            for token in tokenize.generate_tokens(readline)
            if token.type == tokenize.COMMENT
        )
    except (tokenize.TokenError, SyntaxError):
        return None


def comment_words(found: tuple[Comment, ...]) -> list[str]:
    """Return the words of comments, in order, without their ``#``."""
    return [
        word for _, comment in found
        for word in comment.lstrip("#").split()
    ]


def same_comment_words(before: str, after: str) -> str | None:
    """Refuse a result whose comments lost, gained or moved a word."""
    old, new = comments(before), comments(after)
    if old is None:
        return None
    if new is None:
        return "the result cannot be tokenized"
    old_words, new_words = comment_words(old), comment_words(new)
    if old_words == new_words:
        return None
    matcher = difflib.SequenceMatcher(None, old_words, new_words, False)
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if tag != "equal":
            lost = " ".join(old_words[start:end][:5]) or "nothing"
            gained = " ".join(new_words[new_start:new_end][:5]) or "nothing"
            return (
                f"the result changes the words of comments (lost "
                f"{lost!r}, gained {gained!r})"
            )
    return None  # pragma: no cover  (unequal lists differ somewhere)


def comments_with_imports(
    before: str, after: str, new_tree: ast.Module
) -> str | None:
    """Refuse a result whose comments differ, or left their imports.

    The comments must be the same multiset (a pragma, which a split
    import copies to each new statement, counts once), and a comment
    on the lines of an import statement must still be on those of an
    import of one of the same names.
    """
    old, new = comments(before), comments(after)
    if old is None:
        return None
    if new is None:
        return "the result cannot be tokenized"
    if _comment_counts(old) != _comment_counts(new):
        gone = sorted((_comment_counts(old) - _comment_counts(new)))
        added = sorted((_comment_counts(new) - _comment_counts(old)))
        return (
            "the result changes the comments (lost "
            f"{gone[:2] or 'nothing'}, gained {added[:2] or 'nothing'})"
        )
    old_owners = _import_owners(old, ast.parse(before))
    new_owners = _import_owners(new, new_tree)
    for comment in sorted(new_owners.keys() | old_owners.keys()):
        if not old_owners.get(comment, set()) & new_owners.get(
            comment, set()
        ):
            return f"the comment {comment!r} left its import"
    return None


def _comment_counts(found: tuple[Comment, ...]) -> collections.Counter[str]:
    """Count comments by text; pragmas count once."""
    counts = collections.Counter(comment.rstrip() for _, comment in found)
    for comment in counts:
        if PRAGMA.match(comment):
            counts[comment] = 1
    return counts


def _import_owners(
    found: tuple[Comment, ...], tree: ast.Module
) -> dict[str, set[tuple[str, int, str]]]:
    """Return the names imported on the lines of each import comment."""
    names_on: dict[int, set[tuple[str, int, str]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = getattr(node, "module", None) or ""
            level = getattr(node, "level", 0)
            names = {(module, level, alias.name) for alias in node.names}
            end = node.end_lineno or node.lineno
            for line in range(node.lineno, end + 1):
                names_on.setdefault(line, set()).update(names)
    owners: dict[str, set[tuple[str, int, str]]] = {}
    for line, comment in found:
        if line in names_on:
            owners.setdefault(comment.rstrip(), set()).update(names_on[line])
    return owners


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
