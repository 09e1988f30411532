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
from collections.abc import Collection, Sequence

from stdcheck.core.ast_fields import COMPOUND, all_statements, first_line
from stdcheck.core.context import FileContext
from stdcheck.core.source import split_lines
from stdcheck.rules.layout.text import fast_scan, layout_facts

ImportKey = tuple[str, str, int, str, str | None]
Sources = tuple[Sequence[str], Sequence[str]]
"""The lines of two texts: before and after a fix."""
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
    """Formatting only: the syntax trees are equal."""
    SAME_IMPORTS = "same-imports"
    """Imports moved, split or joined: each statement list holds the
    same imported names (a multiset of ``(module, name, alias)``), and
    the code without its import statements is unchanged."""
    SAME_AST_BUT_DOCSTRINGS = "same-ast-but-docstrings"
    """Docstring text rewrapped: the trees are equal once every run of
    whitespace in a docstring is one space."""
    NONE_RETURNS = "none-returns"
    """``-> None`` added: the trees are equal once every ``None``
    return annotation is dropped."""
    ANNOTATIONS = "annotations"
    """Annotations changed: the trees are equal once every annotation
    and every import from ``typing`` is dropped."""
    PARSES = "parses"
    """Meaning may change (renames, annotations): the result parses."""


KEEP_SCOPES = frozenset({
    Verify.SAME_AST, Verify.SAME_AST_BUT_DOCSTRINGS, Verify.NONE_RETURNS,
})
"""Modes whose trees bind and read the same names in the same scopes:
a result that passes one compiles as the original did (no compiling
again to see it)."""
DOCSTRING_WHITESPACE = "docstring whitespace"
NONE_RETURN_ANNOTATIONS = "'-> None' annotations"
ANNOTATIONS_AND_TYPING = "annotations and typing imports"
IMPORTS_MOVED = "imports"
"""Left out by :func:`same_imports`, which compares them on its own."""
ALLOWANCES: dict[Verify, frozenset[str]] = {
    Verify.SAME_AST: frozenset(),
    Verify.SAME_AST_BUT_DOCSTRINGS: frozenset({DOCSTRING_WHITESPACE}),
    Verify.NONE_RETURNS: frozenset({NONE_RETURN_ANNOTATIONS}),
    Verify.ANNOTATIONS: frozenset({ANNOTATIONS_AND_TYPING}),
}
"""What the trees may differ in, for each mode that compares them
whole."""
COMBINABLE = frozenset({*ALLOWANCES, Verify.SAME_IMPORTS})
"""The modes that can verify several fixes at once."""


def refusal(mode: Verify, before: str, after: str) -> str | None:
    """Return why ``after`` is not an acceptable fix of ``before``.

    Args:
        mode: What the fix promises to keep.
        before: The source before the fix.
        after: The source after the fix.

    Returns:
        None if the result is acceptable, else a one-line reason.
    """
    return refusal_of_all((mode,), before, after)


def refusal_of_all(
    modes: Collection[Verify], before: str, after: str
) -> str | None:
    """Return why ``after`` is not an acceptable result of some fixes.

    Several fixes run in one traversal are verified together: the
    modes of :data:`COMBINABLE` combine (the trees may differ only as
    one of them allows; with imports moved, the comments of import
    lines are compared as :data:`Verify.SAME_IMPORTS` does, the others
    word by word); :data:`Verify.PARSES` is only verified alone.

    Args:
        modes: What the fixes promise to keep, one mode each.
        before: The source before the fixes.
        after: The source after them.

    Returns:
        None if the result is acceptable, else a one-line reason.
    """
    new = syntax_tree(after)
    if new is None:
        return "the result does not parse"
    imports = Verify.SAME_IMPORTS in modes
    if imports:
        reason = comments_with_imports(before, after, new, len(modes) > 1)
    else:
        reason = same_comment_words(before, after)
    if reason is None and Verify.PARSES not in modes:
        reason = _tree_change(modes, before, after)
    if reason is not None:
        return reason
    if _may_not_compile(modes, after) and (
        not _compiles(after) and _compiles(before)
    ):
        return "the result does not compile"
    return None


def _may_not_compile(modes: Collection[Verify], after: str) -> bool:
    """Return whether a result that passed its modes may not compile.

    Not if its tree keeps every name in its scope (:data:`KEEP_SCOPES`);
    nor if imports only moved in their block, unless one is from
    ``__future__`` (which must come first).
    """
    if KEEP_SCOPES.issuperset(modes):
        return False
    if KEEP_SCOPES.union({Verify.SAME_IMPORTS}).issuperset(modes):
        return "__future__" in after
    return True


def _tree_change(
    modes: Collection[Verify], before: str, after: str
) -> str | None:
    """Return how a result's tree differs more than the modes allow."""
    allowed = frozenset().union(*(
        ALLOWANCES.get(mode, frozenset()) for mode in modes
    ))
    old, new = syntax_tree(before), syntax_tree(after)
    if old is None or new is None:
        return None
    sources = split_lines(before), split_lines(after)
    if Verify.SAME_IMPORTS in modes:
        return same_imports(old, new, allowed, sources)
    if same_tree(old, new, allowed, sources):
        return None
    if not allowed:
        return "the result changes the syntax tree"
    return f"the result changes more than {' and '.join(sorted(allowed))}"


MARKER = re.compile(r"#+:?")
"""A comment's marker: not a word of what the author wrote."""


def remember(text: str, ctx: FileContext) -> None:
    """Keep what a check read of a text, for verifying it.

    Its tree (never to be changed) and the comments of its layout scan:
    a fix's result is checked, then verified, and the verifier reads
    them instead of parsing and scanning the text again.

    Args:
        text: The text.
        ctx: The context the check made of it.
    """
    found = tuple(ctx.fact(layout_facts).comments)
    _known[text] = (ctx.tree, found)
    while len(_known) > KNOWN_TEXTS:
        del _known[next(iter(_known))]


KNOWN_TEXTS = 4
"""The texts whose check :func:`remember` keeps (a pass reads two)."""
_known: dict[str, tuple[ast.Module, tuple[Comment, ...]]] = {}


def comments(text: str) -> tuple[Comment, ...] | None:
    """Return a text's comments in order (None if it does not tokenize).

    As the check found them, if it was remembered, else as
    :func:`_scanned_comments` finds them.
    """
    known = _known.get(text)
    return known[1] if known is not None else _scanned_comments(text)


@functools.lru_cache(maxsize=4)
def _scanned_comments(text: str) -> tuple[Comment, ...] | None:
    """Return a text's comments in order (None if it does not tokenize).

    Found by the layout scan without making tokens where it can (as the
    check does). Cached: one fix's result is the text the next fix
    starts from.
    """
    found = fast_scan(text, split_lines(text))
    if found is not None:
        return tuple(found.comments)
    readline = io.StringIO(text, newline="").readline
    try:
        return tuple(
            (token.start[0], token.string)
            for token in tokenize.generate_tokens(readline)
            if token.type == tokenize.COMMENT
        )
    except (tokenize.TokenError, SyntaxError):
        return None


def comment_words(found: Sequence[Comment]) -> list[str]:
    """Return the words of comments, in order, without their marker.

    The marker is the ``#`` run and the ``:`` of a Sphinx ``#:``
    comment, which a rewrap repeats on each line it makes.
    """
    return [
        word for _, comment in found
        for word in MARKER.sub("", comment, count=1).split()
    ]


def same_comment_words(before: str, after: str) -> str | None:
    """Refuse a result whose comments lost, gained or moved a word."""
    old, new = comments(before), comments(after)
    if old is None:
        return None
    if new is None:
        return "the result cannot be tokenized"
    return same_words(old, new)


def same_words(
    old: Sequence[Comment], new: Sequence[Comment]
) -> str | None:
    """Refuse comments that lost, gained or moved a word."""
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
    before: str, after: str, new_tree: ast.Module, others: bool = False
) -> str | None:
    """Refuse a result whose comments differ, or left their imports.

    The comments must be the same multiset (a pragma, which a split
    import copies to each new statement, counts once), and a comment
    on the lines of an import statement must still be on those of an
    import of one of the same names.

    Args:
        before: The source before the fixes.
        after: The source after them.
        new_tree: The tree of ``after``.
        others: Whether other fixes ran too: then only the comments on
            import lines are compared so, the others word by word.

    Returns:
        None if the comments are kept, else why not.
    """
    old, new = comments(before), comments(after)
    if old is None:
        return None
    if new is None:
        return "the result cannot be tokenized"
    old_tree = syntax_tree(before)
    if old_tree is None:
        return None
    if others:
        old_lines, new_lines = _imported_on(old_tree), _imported_on(new_tree)
        reason = same_words(
            [comment for comment in old if comment[0] not in old_lines],
            [comment for comment in new if comment[0] not in new_lines],
        )
        if reason is not None:
            return reason
        old = tuple(comment for comment in old if comment[0] in old_lines)
        new = tuple(comment for comment in new if comment[0] in new_lines)
    if _comment_counts(old) != _comment_counts(new):
        gone = sorted((_comment_counts(old) - _comment_counts(new)))
        added = sorted((_comment_counts(new) - _comment_counts(old)))
        return (
            "the result changes the comments (lost "
            f"{gone[:2] or 'nothing'}, gained {added[:2] or 'nothing'})"
        )
    old_owners = _import_owners(old, old_tree)
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
    names_on = _imported_on(tree)
    owners: dict[str, set[tuple[str, int, str]]] = {}
    for line, comment in found:
        if line in names_on:
            owners.setdefault(comment.rstrip(), set()).update(names_on[line])
    return owners


def _imported_on(tree: ast.Module) -> dict[int, set[tuple[str, int, str]]]:
    """Return the names imported on each line of import statements."""
    names_on: dict[int, set[tuple[str, int, str]]] = {}
    for node in all_statements(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = getattr(node, "module", None) or ""
            level = getattr(node, "level", 0)
            names = {(module, level, alias.name) for alias in node.names}
            end = node.end_lineno or node.lineno
            for line in range(node.lineno, end + 1):
                names_on.setdefault(line, set()).update(names)
    return names_on


def syntax_tree(text: str) -> ast.Module | None:
    """Return a text's tree, cached: never change it.

    The check's, if it was remembered (:func:`remember`); the fixes of
    a pass are verified against the same text (and the engine finds
    their regions on it).
    """
    known = _known.get(text)
    return known[0] if known is not None else _parsed(text)


@functools.lru_cache(maxsize=4)
def _parsed(text: str) -> ast.Module | None:
    """Return a text's tree, parsed once for a few calls."""
    return _parse(text)


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

    Its tree is compiled (:func:`syntax_tree`, which the check most
    often made), not parsed again. Cached: one fix's result is the
    text the next fix starts from.
    """
    tree = syntax_tree(text)
    if tree is None:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, "<fix>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def same_imports(
    old: ast.Module,
    new: ast.Module,
    allowed: Collection[str] = (),
    sources: Sources | None = None,
) -> str | None:
    """Refuse changes other than moving imports in their block.

    Args:
        old: The tree before.
        new: The tree after.
        allowed: What else may differ (see :func:`same_tree`).
        sources: The lines of the texts (see :func:`same_tree`).

    Returns:
        None if only imports moved, else why not.
    """
    old_imports, new_imports = _imports(old), _imports(new)
    if old_imports != new_imports:
        gone = sorted(old_imports - new_imports)
        added = sorted(new_imports - old_imports)
        return (
            "the result changes the imports "
            f"(lost {_describe(gone)}, gained {_describe(added)})"
        )
    if not same_tree(old, new, {*allowed, IMPORTS_MOVED}, sources):
        return "the result changes code other than imports"
    return None


def _imports(tree: ast.AST) -> collections.Counter[ImportKey]:
    """Count the names of every import statement of a tree.

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
            kept = [
                item for item in value
                if not _counted(item, where, found)
            ]
            pending.extend(
                (item, f"{where}.{index}")
                for index, item in enumerate(kept)
                if isinstance(item, BLOCKS)
            )
    return found


BLOCKS: tuple[type[ast.AST], ...] = (
    *COMPOUND, ast.excepthandler, ast.match_case,
)
"""The nodes that may hold statement lists (a simple statement holds
none: it is counted, not entered)."""


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


def same_tree(
    old: ast.AST,
    new: ast.AST,
    allowed: Collection[str] = (),
    sources: Sources | None = None,
) -> bool:
    """Return whether two syntax trees are equal, but as allowed.

    Fields are compared, not positions (as ``ast.dump`` does, without
    building its strings); constants of different types differ, and
    floats are compared by their ``repr`` (``0.0`` is not ``-0.0``).
    Given the texts' lines, two statements written on the same lines
    (:func:`_written_alike`) are equal without a look inside: a fix
    changes a few lines, and the rest need not be walked.

    Args:
        old: One tree.
        new: The other.
        allowed: :data:`DOCSTRING_WHITESPACE` (docstrings are compared
            with every whitespace run as one space) and
            :data:`NONE_RETURN_ANNOTATIONS` (a ``None`` return
            annotation counts as none), :data:`ANNOTATIONS_AND_TYPING`
            (annotations and imports from ``typing`` are left out),
            :data:`IMPORTS_MOVED` (import statements are left out).
        sources: The lines of the texts ``old`` and ``new`` were parsed
            from (as :func:`~stdcheck.core.source.split_lines` splits),
            if they are module trees.
    """
    docstrings = DOCSTRING_WHITESPACE in allowed
    imports = IMPORTS_MOVED in allowed
    none_returns = NONE_RETURN_ANNOTATIONS in allowed
    annotations = ANNOTATIONS_AND_TYPING in allowed
    pending: list[tuple[object, object]] = [(old, new)]
    while pending:
        one, other = pending.pop()
        if type(one) is not type(other):
            return False
        if isinstance(one, list):
            assert isinstance(other, list)
            if annotations:
                one, other = _untyped(one), _untyped(other)
            if imports:
                one, other = _unimported(one), _unimported(other)
            if len(one) != len(other):
                return False
            pending.extend(
                pair for pair in zip(one, other)
                if sources is None or not _written_alike(*pair, sources)
            )
        elif isinstance(one, ast.AST):
            skip = ""
            assert isinstance(other, ast.AST)
            doc = _docstring(one) if docstrings else None
            other_doc = _docstring(other) if docstrings else None
            if doc is not None and other_doc is not None:
                if " ".join(doc.split()) != " ".join(other_doc.split()):
                    return False
                skip = "body"
                pending.append((
                    getattr(one, "body")[1:], getattr(other, "body")[1:]
                ))
            for name in one._fields:
                if name == skip:
                    continue
                mine, theirs = getattr(one, name, None), getattr(
                    other, name, None
                )
                if annotations and name in ANNOTATION_FIELDS:
                    continue
                if none_returns and name == "returns":
                    mine, theirs = _unless_none(mine), _unless_none(theirs)
                pending.append((mine, theirs))
        elif isinstance(one, (float, complex)):
            if repr(one) != repr(other):
                return False
        elif one != other:
            return False
    return True


def _written_alike(one: object, other: object, sources: Sources) -> bool:
    """Return whether two statements are written the same.

    Their lines (from their decorators on) are the same, and they start
    at the same column: a statement's tree depends on its text alone.
    """
    if not isinstance(one, ast.stmt) or not isinstance(other, ast.stmt):
        return False
    first, other_first = first_line(one), first_line(other)
    old_lines, new_lines = sources
    return (
        one.col_offset == other.col_offset
        and one.end_lineno is not None and other.end_lineno is not None
        and one.end_lineno - first == other.end_lineno - other_first
        and old_lines[first - 1:one.end_lineno]
        == new_lines[other_first - 1:other.end_lineno]
    )


DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
"""The nodes whose body may start with a docstring."""


def _docstring(node: ast.AST) -> str | None:
    """Return a node's docstring, if it may have one and has."""
    if not isinstance(node, DOCUMENTED):
        return None
    body = node.body
    first = body[0] if body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return first.value.value
    return None


ANNOTATION_FIELDS = frozenset({"annotation", "returns"})
"""The fields that hold annotations (of ``arg``, ``AnnAssign`` and
functions)."""


def _untyped(items: list[object]) -> list[object]:
    """Return a list of nodes without its imports from ``typing``."""
    return [
        item for item in items
        if not (isinstance(item, ast.ImportFrom) and item.module == "typing")
    ]


def _unimported(items: list[object]) -> list[object]:
    """Return a list of nodes without its import statements."""
    return [
        item for item in items
        if not isinstance(item, (ast.Import, ast.ImportFrom))
    ]


def _unless_none(annotation: object) -> object:
    """Return an annotation, or None for ``None`` itself."""
    if isinstance(annotation, ast.Constant) and annotation.value is None:
        return None
    return annotation
