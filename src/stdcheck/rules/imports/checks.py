"""STD3xx: import groups and order.

Order, grouping and spacing (STD301-STD303) are checked over blocks:
runs of consecutive import statements in one body (the module, an
``if TYPE_CHECKING:`` or ``try`` body, a function), each block on its
own, as isort does. Comments and blank lines do not end a block; any
other statement does, and so do isort's action comments: an import
marked ``# isort: skip`` or ending in ``# isort: split`` (both left in
place), the lines between ``# isort: off`` and ``# isort: on``, and a
``# isort: split`` comment line. A block also ends before a star import
and after it (which names a star import binds depends on the order),
and before an import that binds a name bound above it in the block
(``from pickle import loads`` then ``from json import loads``: the
order decides which one the module keeps). A file holding
``# isort: skip_file`` is not checked for STD301-STD303 and STD305.
The fixes read the blocks the same way (:class:`Directives`,
:class:`BlockNames`).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from stdcheck.core.checker import Checker
from stdcheck.core.context import FileContext
from stdcheck.rules.imports.classify import Group, classify
from stdcheck.rules.imports.sort import StatementKey, name_key, statement_key
from stdcheck.core.registry import FixSafety, Rule

ImportNode = ast.Import | ast.ImportFrom

ISORT_COMMENT = re.compile(r"#.*?\bisort:\s*(skip|split|off|on)\b")
SKIP_FILE = re.compile(r"#.*?\bisort:\s*skip_file\b")
DUNDER = re.compile(r"__\w+__\Z")
CONDITIONALS = (ast.If, ast.Try, ast.With, getattr(ast, "TryStar", ast.Try))
TWEAKED = ("sys.path", "os.environ", "site.addsitedir")

BLOCK_NOTES = (
    "Blocks of consecutive imports are checked each on its own (the "
    "module's, an `if TYPE_CHECKING:` or `try` body's, a function's); "
    "`# isort: skip`, `# isort: off`/`# isort: on`, `# isort: split` "
    "and `# isort: skip_file` are respected as isort reads them (an "
    "import whose line ends in `# isort: split` is left in place, as "
    "one marked `# isort: skip`). Unlike isort, a block also ends "
    "before and after a star import (`from .helpers import *` then "
    "`from functools import reduce`: the order decides which `reduce` "
    "the module has) and before an import that binds a name bound "
    "above it in the block (`from pickle import loads`, `from json "
    "import loads`): nothing is reordered across them, and no blank "
    "line is asked around them."
)

GROUP_ORDER = Rule(
    code="STD301",
    name="import-group-order",
    message="{this_group} import after {that_group} import ('{this}' "
    "after '{that}')",
    summary=(
        "An import group out of order: `__future__`, standard library, "
        "third-party, local."
    ),
    rationale=(
        "A fixed group order tells the reader at a glance what a module "
        "depends on: the language, outside packages, or the project."
    ),
    bad="import requests\n\nimport os\n",
    good="import os\n\nimport requests\n",
    fix=FixSafety.SAFE,
    options=("known-first-party", "target-version"),
    peers=("isort", "ruff I001"),
    notes=(
        "Local imports are relative imports, modules listed in "
        "`known-first-party`, and the project's own top-level modules "
        "and packages, found beside the file's outermost package (a "
        "folder without `__init__.py` inside a package is a namespace "
        "subpackage of it: `from shop import db` in `shop/api/views.py` "
        "is local), beside the file itself, and in the project root "
        "(the nearest folder holding "
        "`pyproject.toml`, `setup.py` or `setup.cfg`) and its `src` "
        "folder. The standard library is the one of the targeted "
        "Python (`target-version`): modules removed later still count "
        "for older targets. `stdcheck check --show-import-groups` shows "
        "each import's group and why. " + BLOCK_NOTES
    ),
    fix_notes=(
        "The fix rewrites a block holding a finding, and only that "
        "block, so no import crosses other code: statements are ordered "
        "by group and sort key (`__future__` first), names in `from` "
        "imports sorted, groups separated by one blank line. Comment "
        "lines above an import and the comment ending its line move "
        "with it; comments above the block's first import stay on top "
        "as its header, as isort keeps them. The result must import "
        "the same names in each block, the rest of the code unchanged."
    ),
)

GROUP_SPACING = Rule(
    code="STD302",
    name="import-group-spacing",
    message="blank lines before this import: {found}, expected "
    "{expected} ({why})",
    summary=(
        "Import groups not separated by exactly one blank line, or a "
        "blank line inside a group."
    ),
    rationale=(
        "The blank line between groups is what makes the groups visible."
    ),
    bad="import os\nimport requests\n",
    good="import os\n\nimport requests\n",
    fix=FixSafety.SAFE,
    peers=("isort", "ruff I001"),
    notes=(
        "Comment lines between imports are not counted. In the local "
        "group, a blank line between absolute and relative imports is "
        "allowed but not required: isort's default settings put one "
        "there, while the standard has a single local group. "
        + BLOCK_NOTES
    ),
    fix_notes=(
        "When spacing is a block's only finding, the fix changes blank "
        "lines only (keeping the order and any silenced finding); a "
        "blank line between absolute and relative local imports is "
        "kept if there was one."
    ),
)

UNSORTED = Rule(
    code="STD303",
    name="import-unsorted",
    message="{this} should come before {that}",
    summary="Imports in a group, or names in a `from` import, unsorted.",
    rationale=(
        "Sorted imports are easy to scan, and merge without conflicts."
    ),
    bad="import sys\nimport os\n",
    good="import os\nimport sys\n",
    fix=FixSafety.SAFE,
    peers=("isort", "ruff I001"),
    notes=(
        "Within a group, `import x` statements come before `from x "
        "import y` ones (isort's `force_sort_within_sections = false`, "
        "as in the standard's example), each ordered by module name "
        "ignoring case, numbers by value (`a9` before `a10`). In the "
        "local group absolute imports come first, then relative ones, "
        "`from ..` before `from .`. Names in a `from` import follow "
        "isort's default `order_by_type`: `CONSTANTS`, `Classes`, then "
        "other names, each ignoring case; `from x import *` comes "
        "before other `from x` imports. Deliberate differences from "
        "isort: several `from` imports of one module are accepted "
        "(ordered by their first name) rather than merged, `as` names "
        "may stand beside other names rather than on lines of their "
        "own, and a name with an end-of-line comment is sorted like "
        "the others (isort puts it before the module's other names). "
        + BLOCK_NOTES
    ),
    fix_notes=(
        "Fixed with STD301 and STD302 by rewriting the block (see "
        "STD301). The names of a `from` import keep the line breaks "
        "they had, by position; when a name moved onto a line makes "
        "it longer than `max-line-length`, the names are laid out one "
        "a line in parentheses, as black does."
    ),
)

NOT_AT_TOP = Rule(
    code="STD304",
    name="import-not-at-top",
    message="module-level import after code (line {code_line})",
    summary="A module-level import after other code.",
    rationale=(
        "Imports at the top show a module's dependencies in one place, "
        "and an import after code may depend on that code having run."
    ),
    bad="import os\n\nDEBUG = True\n\nimport sys\n",
    good="import os\nimport sys\n\nDEBUG = True\n",
    peers=("pycodestyle E402", "ruff E402"),
    notes=(
        "Allowed before imports, as in pycodestyle: the docstring, "
        "comments, `__future__` imports, assignments to dunder names "
        "(`__all__`, `__version__`...) and `if`, `try` and `with` "
        "statements (conditional imports, `if TYPE_CHECKING:`). Also "
        "allowed, as in ruff: changes to `sys.path` and `os.environ` and "
        "`site.addsitedir()` calls. Imports inside functions or "
        "conditional blocks are not module-level."
    ),
)

MULTIPLE_PER_LINE = Rule(
    code="STD305",
    name="multiple-imports-per-line",
    message="several modules imported by one statement ({names})",
    summary="An `import a, b` statement.",
    rationale=(
        "One module per statement keeps imports sortable and their "
        "diffs one line each."
    ),
    bad="import os, sys\n",
    good="import os\nimport sys\n",
    fix=FixSafety.SAFE,
    fix_notes=(
        "One statement per module, in place; the comment ending the "
        "line stays on the first one, except a pragma (`noqa`, "
        "`type:`, `isort:`, `pragma`, `pylint:`), which each gets."
    ),
    peers=("pycodestyle E401", "ruff E401"),
)

WILDCARD = Rule(
    code="STD306",
    name="wildcard-import",
    message="wildcard import from {module!r}",
    summary="A `from x import *` statement.",
    rationale=(
        "A wildcard import hides where names come from, can silently "
        "shadow names, and defeats linters and readers alike."
    ),
    bad="from os.path import *\n",
    good="from os.path import join\n",
    peers=("pyflakes F403", "ruff F403"),
)


@dataclass(frozen=True)
class Entry:
    """One imported module of a block, with its group.

    ``import a, b`` gives one entry per module; a ``from`` import one
    entry.

    Attributes:
        node: The import statement.
        module: The module (``""`` for ``from . import x``).
        level: The number of dots of a relative import.
        group: The module's group.
    """

    node: ImportNode
    module: str
    level: int
    group: Group

    @property
    def key(self) -> StatementKey:
        """Return the entry's sort key within its group."""
        if isinstance(self.node, ast.Import):
            return statement_key(self.module)
        first = min((alias.name for alias in self.node.names), key=name_key)
        return statement_key(self.module, self.level, True, first)

    def __str__(self) -> str:
        """Return the import as short text for messages."""
        if isinstance(self.node, ast.Import):
            return f"import {self.module}"
        names = self.node.names
        more = ", ..." if len(names) > 1 else ""
        return (
            f"from {'.' * self.level}{self.module} import {names[0].name}"
            + more
        )


def skips_file(source: str) -> bool:
    """Return whether ``# isort: skip_file`` opts a file out."""
    return "isort" in source and SKIP_FILE.search(source) is not None


@dataclass
class Directives:
    """isort action comments of a file, by line.

    Attributes:
        skip: Lines carrying ``# isort: skip``, or code that ends in
            ``# isort: split``.
        split: Comment lines ``# isort: split``.
        off: Lines between ``# isort: off`` and ``# isort: on``.
    """

    skip: set[int] = field(default_factory=set)
    split: set[int] = field(default_factory=set)
    off: set[int] = field(default_factory=set)

    @classmethod
    def scan(cls, lines: list[str]) -> Directives:
        """Find the action comments in a file's lines.

        As isort reads them: a line of code ending in ``# isort: split``
        is left alone (as one marked ``# isort: skip``), a comment line
        ``# isort: split`` ends the block.
        """
        found = cls()
        off_since: int | None = None
        for number, line in enumerate(lines, start=1):
            if off_since is not None:
                found.off.add(number)
            if "isort" not in line:
                continue
            match = ISORT_COMMENT.search(line)
            if match is None:
                continue
            action = match.group(1)
            own_line = line.lstrip().startswith("#")
            if action == "skip" or (action == "split" and not own_line):
                found.skip.add(number)
            elif action == "split":
                found.split.add(number)
            elif action == "off" and own_line:
                off_since = number
            elif action == "on":
                off_since = None
        return found

    def excludes(self, first: int, last: int) -> bool:
        """Return whether an import on these lines is left alone."""
        return any(
            line in self.skip or line in self.off
            for line in range(first, last + 1)
        )

    def splits(self, first: int, last: int) -> bool:
        """Return whether ``# isort: split`` is on one of these lines.

        Args:
            first: The first line of an import.
            last: The line before the next import.

        Returns:
            Whether the two imports are in different blocks.
        """
        return any(line in self.split for line in range(first, last + 1))

    @classmethod
    def of(cls, source: str, lines: list[str]) -> Directives:
        """Return a file's directives (scanning only if it has any)."""
        return cls.scan(lines) if "isort" in source else cls()


class BlockNames:
    """The names a block of imports binds, to know where it must end.

    Sorting must not change what a name is bound to: a block ends
    before and after a star import (``*``) and before an import that
    binds a name bound above it in the block.
    """

    def __init__(self) -> None:
        """Start a block: nothing bound yet."""
        self.bound: set[str] = set()

    def breaks(self, names: set[str]) -> bool:
        """Return whether an import binding these names starts a block.

        Args:
            names: The names it binds (``*`` for a star import).

        Returns:
            Whether it must start a new block (then the names bound
            are its own; else they are added).
        """
        broke = bool(self.bound) and (
            "*" in names or "*" in self.bound
            or not names.isdisjoint(self.bound)
        )
        if broke:
            self.bound = set(names)
        else:
            self.bound |= names  # in place: linear in the block's length
        return broke


ImportLines = tuple[int, int, set[str]]
"""An import statement's first and last line, and the names it binds."""


def import_blocks(
    statements: Iterable[ImportLines | None], directives: Directives
) -> list[int | None]:
    """Return the import block each statement of a body is in.

    The checks, the import fix and the fix adding an import all read
    blocks this way, as isort does: consecutive imports, ended by a
    statement that is not one, by a line isort leaves alone (``#
    isort: skip``, ``off``), by a ``# isort: split`` comment line, and
    before a star import or an import binding a name bound above it in
    the block (:class:`BlockNames`).

    Args:
        statements: Each statement of the body, in order: an import's
            lines and names, or None for another statement.
        directives: The file's isort action comments.

    Returns:
        Each statement's block number (the same for a block's
        statements, greater for each later block), or None for a
        statement in no block (not an import, or left alone).
    """
    numbers: list[int | None] = []
    number, names = 0, BlockNames()
    above: int | None = None  # the first line of the import above
    for statement in statements:
        if statement is None or directives.excludes(*statement[:2]):
            numbers.append(None)
            names, above = BlockNames(), None
            continue
        first, _, bound = statement
        starts = above is None
        if above is not None and directives.splits(above, first - 1):
            starts, names = True, BlockNames()
        if names.breaks(bound) or starts:
            number += 1
        numbers.append(number)
        above = first
    return numbers


def bound_name(name: str, asname: str | None, from_import: bool) -> str:
    """Return the name an imported module or name binds."""
    if asname:
        return asname
    return name if from_import else name.partition(".")[0]


class ImportBlocks(Checker):
    """Reports group order, spacing and sorting in import blocks."""

    rules = (GROUP_ORDER, GROUP_SPACING, UNSORTED)

    def __init__(self, ctx: FileContext) -> None:
        """Start collecting the bodies that hold imports."""
        super().__init__(ctx)
        self.parents: dict[int, ast.AST] = {}

    def visit_Import(self, node: ast.Import) -> None:
        """Note the body holding the import."""
        self._note_parent()

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        """Note the body holding the import."""
        self._note_parent()

    def _note_parent(self) -> None:
        """Remember the node whose body holds the current import."""
        parent = self.ctx.parents[-1]
        self.parents.setdefault(id(parent), parent)

    def finish(self) -> None:
        """Check every block of the bodies that hold imports."""
        if not self.parents or skips_file(self.ctx.source):
            return
        for parent in self.parents.values():
            for _, body in ast.iter_fields(parent):
                if isinstance(body, list) and body and isinstance(
                    body[0], ast.stmt
                ):
                    for block in self._blocks(body):
                        self._check(block)

    @functools.cached_property
    def directives(self) -> Directives:
        """Return the file's isort action comments."""
        return Directives.of(self.ctx.source, self.ctx.lines)

    def _blocks(self, body: list[ast.stmt]) -> list[list[ImportNode]]:
        """Split a body into blocks of consecutive imports."""
        imports = [
            statement if isinstance(statement, (ast.Import, ast.ImportFrom))
            else None
            for statement in body
        ]
        blocks: dict[int, list[ImportNode]] = {}
        numbers = import_blocks(
            (
                None if statement is None else (
                    statement.lineno,
                    statement.end_lineno or statement.lineno,
                    {
                        bound_name(
                            alias.name, alias.asname,
                            isinstance(statement, ast.ImportFrom),
                        )
                        for alias in statement.names
                    },
                )
                for statement in imports
            ),
            self.directives,
        )
        for statement, number in zip(imports, numbers):
            if statement is not None and number is not None:
                blocks.setdefault(number, []).append(statement)
        return list(blocks.values())

    def _entries(self, block: list[ImportNode]) -> list[Entry]:
        """Return a block's imported modules with their groups."""
        config, path = self.ctx.config, self.ctx.path
        entries = []
        for node in block:
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                group = classify(module, node.level, config, path).group
                entries.append(Entry(node, module, node.level, group))
                continue
            for alias in node.names:
                group = classify(alias.name, 0, config, path).group
                entries.append(Entry(node, alias.name, 0, group))
        return entries

    def _check(self, block: list[ImportNode]) -> None:
        """Check one block's group order, spacing and sorting."""
        entries = self._entries(block)
        self._check_order(entries)
        self._check_spacing(entries)
        self._check_sorting(entries)

    def _check_order(self, entries: list[Entry]) -> None:
        """Report the first import placed after a later group's."""
        latest = entries[0]
        for entry in entries:
            if entry.group < latest.group:
                self.ctx.report_node(
                    GROUP_ORDER,
                    entry.node,
                    this_group=entry.group.label,
                    this=entry,
                    that_group=latest.group.label,
                    that=latest,
                )
                return
            if entry.group > latest.group:
                latest = entry

    def _check_spacing(self, entries: list[Entry]) -> None:
        """Report each gap between imports with wrong blank lines."""
        lines = self.ctx.lines
        for before, entry in zip(entries, entries[1:]):
            if before.node is entry.node:
                continue
            expected, why = _blank_lines_wanted(before, entry)
            end = before.node.end_lineno or before.node.lineno
            found = sum(
                1
                for line in lines[end:entry.node.lineno - 1]
                if not line.strip()
            )
            if expected is not None and found != expected:
                self.ctx.report_node(
                    GROUP_SPACING,
                    entry.node,
                    found=found,
                    expected=expected,
                    why=why,
                )

    def _check_sorting(self, entries: list[Entry]) -> None:
        """Report the first import out of order, and unsorted names."""
        previous: dict[Group, Entry] = {}
        reported = False
        for entry in entries:
            above = previous.get(entry.group)
            if not reported and above is not None and entry.key < above.key:
                self.ctx.report_node(
                    UNSORTED, entry.node, this=f"'{entry}'", that=f"'{above}'"
                )
                reported = True
            previous[entry.group] = entry
            if isinstance(entry.node, ast.ImportFrom):
                self._check_names(entry.node)

    def _check_names(self, node: ast.ImportFrom) -> None:
        """Report a ``from`` import whose names are not sorted."""
        names = [alias.name for alias in node.names]
        for first, second in zip(names, names[1:]):
            if name_key(second) < name_key(first):
                self.ctx.report_node(
                    UNSORTED, node, this=f"name {second!r}", that=repr(first)
                )
                return


def _blank_lines_wanted(before: Entry, entry: Entry) -> tuple[int | None, str]:
    """Return the blank lines wanted between two imports, and why.

    None means either none or one: between the absolute and the
    relative imports of the local group.
    """
    if entry.group != before.group:
        return 1, f"{entry.group.label} imports start here"
    if entry.group is Group.LOCAL and before.level == 0 < entry.level:
        return None, "relative imports may stand apart"
    return 0, f"same group as the import above: {entry.group.label}"


class ImportPosition(Checker):
    """Reports module-level imports after code."""

    rules = (NOT_AT_TOP,)

    def visit_Module(self, node: ast.Module) -> None:
        """Scan the module's top-level statements in order."""
        code_line = 0
        for index, statement in enumerate(node.body):
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                if code_line:
                    self.ctx.report_node(
                        NOT_AT_TOP, statement, code_line=code_line
                    )
            elif not code_line and not allowed_above_imports(
                statement, index
            ):
                code_line = statement.lineno


def allowed_above_imports(statement: ast.stmt, index: int) -> bool:
    """Return whether a statement may come before module imports."""
    if isinstance(statement, CONDITIONALS):
        return True
    if isinstance(statement, ast.Expr):
        value = statement.value
        if index == 0 and isinstance(value, ast.Constant) and isinstance(
            value.value, str
        ):
            return True
        return isinstance(value, ast.Call) and _is_path_tweak(value.func)
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        targets = [statement.target]
    return bool(targets) and all(
        (isinstance(target, ast.Name) and DUNDER.match(target.id))
        or _is_path_tweak(target)
        for target in targets
    )


def _is_path_tweak(node: ast.expr) -> bool:
    """Return whether an expression is ``sys.path``/``os.environ``.

    Also accepts their items and methods (``sys.path.insert``,
    ``os.environ["X"]``, ``os.environ.setdefault``) and
    ``site.addsitedir``.
    """
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        if _dotted(node) in TWEAKED:
            return True
        node = node.value
    return False


def _dotted(node: ast.expr) -> str:
    """Return ``a.b`` for a two-part attribute access, else ``""``."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return ""


class ImportStatements(Checker):
    """Reports ``import a, b`` and ``from x import *``."""

    rules = (MULTIPLE_PER_LINE, WILDCARD)

    def visit_Import(self, node: ast.Import) -> None:
        """Report a statement importing several modules."""
        if len(node.names) > 1 and not skips_file(self.ctx.source):
            self.ctx.report_node(
                MULTIPLE_PER_LINE,
                node,
                names=", ".join(alias.name for alias in node.names),
            )

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        """Report a wildcard import."""
        if node.names[0].name == "*":
            module = "." * node.level + (node.module or "")
            self.ctx.report_node(WILDCARD, node, module=module)
