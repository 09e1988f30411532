"""Facts about one file, computed at most once and shared by all rules.

Rules read the context; they do not re-derive its facts or attach
attributes to AST nodes. Anything costly is a cached property, so a
file pays only for what its enabled rules ask for. The context knows
no rule: a fact only one family needs is computed by that family, and
kept once per file by :meth:`FileContext.fact`.
"""

from __future__ import annotations

import ast
import functools
import os
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from stdcheck.core.config import Config, project_root
from stdcheck.core.findings import Finding
from stdcheck.core.registry import FixSafety, Rule
from stdcheck.core.tokens import Token, tokens_of

if TYPE_CHECKING:
    from stdcheck.core.checker import Checker

_Helper = TypeVar("_Helper", bound="Checker")
_Fact = TypeVar("_Fact")
TEST_FOLDERS = frozenset({"tests", "test", "testing"})


class FileContext:
    """One file being checked: its text, tree, tokens and findings.

    Attributes:
        path: The path as shown to the user.
        source: The decoded text, with ``\\n`` newlines.
        lines: The physical lines, each ending in ``\\n`` (flake8's
            ``lines``).
        tree: The module's syntax tree.
        config: The configuration that applies to the file.
        parents: The ancestors of the node being visited, outermost
            first (maintained by the engine's walk).
        findings: What the rules reported so far.
    """

    def __init__(
        self,
        path: str,
        lines: list[str],
        tree: ast.Module,
        config: Config,
        tokens: Sequence[Token] | None = None,
    ) -> None:
        """Hold one file's parsed forms (tokens are made on demand)."""
        self.path = path
        self.lines = lines
        self.tree = tree
        self.config = config
        self.parents: list[ast.AST] = []
        self.findings: list[Finding] = []
        if tokens is not None:
            self.__dict__["tokens"] = tokens

    @functools.cached_property
    def source(self) -> str:
        """Return the whole text."""
        return "".join(self.lines)

    @functools.cached_property
    def tokens(self) -> Sequence[Token]:
        """Return the file's tokens (tokenized once, on first use)."""
        return tokens_of(self.source)

    @property
    def has_tokens(self) -> bool:
        """Return whether the tokens are at hand (given or made)."""
        return "tokens" in self.__dict__

    @functools.cached_property
    def facts(self) -> dict[Callable[[FileContext], Any], Any]:
        """Return the facts found so far, by their finding function."""
        return {}

    def fact(self, find: Callable[[FileContext], _Fact]) -> _Fact:
        """Return a fact about the file, found once, on first use.

        A family's checks (and the core's ``noqa``, through
        :data:`stdcheck.core.noqa.SPANS`) share a costly fact this way
        without the context knowing the family.

        Args:
            find: A module-level function finding it from the context.

        Returns:
            What ``find`` returned for this file (called once).
        """
        facts = self.facts
        if find not in facts:
            facts[find] = find(self)
        return cast(_Fact, facts[find])

    @functools.cached_property
    def filename(self) -> str:
        """Return the file's base name."""
        return os.path.basename(self.path)

    @functools.cached_property
    def module_name(self) -> str:
        """Return the module name (``pkg`` for ``pkg/__init__.py``)."""
        stem = os.path.splitext(self.filename)[0]
        if stem == "__init__":
            folder = os.path.dirname(os.path.abspath(self.path))
            return os.path.basename(folder)
        return stem

    @functools.cached_property
    def is_stub(self) -> bool:
        """Return whether the file is a ``.pyi`` stub."""
        return self.path.endswith(".pyi")

    @functools.cached_property
    def is_test(self) -> bool:
        """Return whether the file is a test module or under tests.

        A test module is named ``test_*.py``, ``*_test.py`` or
        ``conftest.py``, or lies in a folder named ``tests``, ``test``
        or ``testing`` below the project root: the folders above the
        project (a CI workspace, ``~/test/repo``) say nothing about
        its files.
        """
        stem = os.path.splitext(self.filename)[0]
        return (
            stem.startswith("test_")
            or stem.endswith("_test")
            or stem == "conftest"
            or not TEST_FOLDERS.isdisjoint(self._project_folders())
        )

    def _project_folders(self) -> list[str]:
        """Return the folders from the project root down to the file.

        The root is the configuration's folder, else the nearest one
        above holding a project file (``pyproject.toml``, ``setup.py``,
        ``setup.cfg``), else the current folder; a file outside the
        root found has every folder of its path (no better is known).
        """
        folder = os.path.dirname(os.path.realpath(self.path))
        root = self.config.root
        found = str(root) if root is not None else (
            project_root(folder) or os.path.realpath(os.getcwd())
        )
        try:
            relative = os.path.relpath(folder, found)
        except ValueError:  # another drive
            relative = os.pardir
        if relative == os.curdir:
            return []
        if relative.split(os.sep)[0] == os.pardir:
            return folder.split(os.sep)
        return relative.split(os.sep)

    def report(
        self,
        rule: Rule,
        line: int,
        col: int = 0,
        *,
        end_line: int | None = None,
        end_col: int | None = None,
        fix: FixSafety | None = None,
        **details: Any,
    ) -> None:
        """Record a finding at a line and (character) column.

        Args:
            rule: The rule violated.
            line: 1-based line.
            col: 0-based character column.
            end_line: Where the offending code ends, if known.
            end_col: Where the offending code ends, if known.
            fix: This finding's fix safety, when it differs from the
                rule's (e.g. safe for a local name, unsafe for public).
            **details: Values for the rule's message template.
        """
        self._record(rule, line, col, end_line, end_col, fix, details)

    def report_node(
        self,
        rule: Rule,
        node: ast.AST,
        *,
        fix: FixSafety | None = None,
        **details: Any,
    ) -> None:
        """Record a finding spanning a node (byte offsets converted).

        Args:
            rule: The rule violated.
            node: The offending node (a statement or expression).
            fix: This finding's fix safety, if not the rule's.
            **details: Values for the rule's message template.
        """
        line = getattr(node, "lineno", 1)
        end_line = getattr(node, "end_lineno", None)
        end_col = getattr(node, "end_col_offset", None)
        self._record(
            rule,
            line,
            self.char_col(line, getattr(node, "col_offset", 0)),
            end_line,
            None
            if end_line is None or end_col is None
            else self.char_col(end_line, end_col),
            fix,
            details,
        )

    def _record(
        self,
        rule: Rule,
        line: int,
        col: int,
        end_line: int | None,
        end_col: int | None,
        fix: FixSafety | None,
        details: dict[str, Any],
    ) -> None:
        """Add a finding (:meth:`report` and :meth:`report_node`)."""
        self.findings.append(
            Finding(
                self.path,
                line,
                col,
                rule.code,
                rule.message.format_map(details),
                end_line,
                end_col,
                rule.fix if fix is None else fix,
            )
        )

    def char_col(self, line: int, byte_col: int) -> int:
        """Convert an AST (UTF-8 byte) column to a character column."""
        if not 0 < line <= len(self.lines):
            return byte_col
        text = self.lines[line - 1]
        if text.isascii():
            return byte_col
        head = text.encode("utf-8", "surrogateescape")[:byte_col]
        return len(head.decode("utf-8", "replace"))

    # -- What the module makes public --------------------------------

    @functools.cached_property
    def dunder_all(self) -> frozenset[str] | None:
        """Return the names in the module's ``__all__``, if it is known.

        Returns:
            The names of a literal ``__all__`` (with ``+=`` and
            ``.extend`` of literals), or None if there is none or it
            is computed.
        """
        names: set[str] = set()
        found = False
        for statement in self.tree.body:
            value = _all_value(statement)
            if value is None:
                continue
            found = True
            if not isinstance(value, (ast.List, ast.Tuple)):
                return None
            for item in value.elts:
                if not isinstance(item, ast.Constant) or not isinstance(
                    item.value, str
                ):
                    return None
                names.add(item.value)
        return frozenset(names) if found else None

    def is_public(self, node: ast.AST) -> bool:
        """Return whether a definition being visited is public.

        Public: no function encloses it, and its name and those of the
        enclosing classes have no leading underscore (a method's dunder
        name is public); when the module has a literal ``__all__``, a
        top-level name is public if and only if it is listed there (as
        pydocstyle decides).

        Args:
            node: A class or function; ``self.parents`` must hold its
                ancestors (call it from a ``visit_`` hook).

        Returns:
            Whether the definition is part of the public interface.
        """
        names = []
        for parent in self.parents:
            if isinstance(parent, ast.ClassDef):
                names.append(parent.name)
            elif isinstance(
                parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
            ):
                return False
        names.append(getattr(node, "name", ""))
        listed = self.dunder_all is not None
        if listed and names[0] not in (self.dunder_all or ()):
            return False
        for depth, name in enumerate(names):
            dunder = name.startswith("__") and name.endswith("__")
            if depth == 0 and listed or not name.startswith("_"):
                continue
            if not (depth and dunder):
                return False
        return True

    # Backend practices (STD6xx-STD9xx): what module-level names mean.

    @functools.cached_property
    def module_bindings(self) -> dict[str, str]:
        """Return module-level imports and definitions by bound name.

        ``import time as t`` maps ``t`` to ``time``, ``from a import b``
        maps ``b`` to ``a.b``, and a top-level ``def open`` maps
        ``open`` to ``<module>.open`` (it shadows the builtin). Imports
        under module-level ``if``/``try``/``with`` count; those inside
        functions are learnt during the walk
        (:class:`stdcheck.rules.common.calls.Names`).
        """
        bindings: dict[str, str] = {}
        pending: list[ast.stmt] = list(self.tree.body)
        while pending:
            statement = pending.pop(0)
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                bindings.update(import_bindings(statement))
            elif isinstance(
                statement,
                (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef),
            ):
                bindings[statement.name] = (
                    f"{self.module_name}.{statement.name}"
                )
            elif isinstance(statement, (ast.If, ast.Try, ast.With)):
                pending[:0] = [
                    child
                    for block in ast.iter_child_nodes(statement)
                    for child in (
                        block.body
                        if isinstance(block, ast.ExceptHandler)
                        else [block]
                    )
                    if isinstance(child, ast.stmt)
                ]
        return bindings

    # Fix runs (stdcheck.fix): names the run's other files take.

    outside: Collection[str] = frozenset()
    """Names the other files of a ``stdcheck fix`` run import, read as
    attributes, pass as keywords or spell in strings
    (:mod:`stdcheck.fix.run_names`); empty when checking. A rename fix
    must not rename those (STD2xx)."""

    # The engine (issue 7): helpers, rule-less checkers several
    # checkers read (stdcheck.rules.common.calls.Names).

    @functools.cached_property
    def helpers(self) -> dict[type[Checker], Checker]:
        """Return the helpers made so far, by class, in order."""
        return {}

    def helper(self, kind: type[_Helper]) -> _Helper:
        """Return the file's one instance of a helper checker.

        A helper gathers facts during the walk for several checkers
        (what names stand for, ...). A checker asks for it in its
        ``__init__``; the engine walks the helpers before the checkers,
        so on each node the facts are up to date when a checker's hook
        reads them.

        Args:
            kind: The helper's class (a checker without rules).

        Returns:
            The instance, made on first request.
        """
        if kind not in self.helpers:
            self.helpers[kind] = kind(self)
        return cast(_Helper, self.helpers[kind])

    visit_hooks: dict[type[ast.AST], list[Callable[[ast.AST], None]]] = {}
    """The walk's visit hooks by node type: set by the engine for the
    walk, edited by :meth:`stdcheck.core.checker.Checker.switch`,
    emptied when the file is done."""


def _all_value(statement: ast.stmt) -> ast.expr | None:
    """Return the value a statement adds to ``__all__``, if it does."""
    if isinstance(statement, ast.Assign):
        if any(
            isinstance(target, ast.Name) and target.id == "__all__"
            for target in statement.targets
        ):
            return statement.value
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        target = statement.target
        if isinstance(target, ast.Name) and target.id == "__all__":
            return statement.value
    elif isinstance(statement, ast.Expr) and isinstance(
        statement.value, ast.Call
    ):
        func = statement.value.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "extend"
            and isinstance(func.value, ast.Name)
            and func.value.id == "__all__"
            and len(statement.value.args) == 1
        ):
            return statement.value.args[0]
    return None


def import_bindings(node: ast.Import | ast.ImportFrom) -> dict[str, str]:
    """Map each name an import statement binds to what it stands for."""
    if isinstance(node, ast.Import):
        return {
            alias.asname or alias.name.split(".")[0]: (
                alias.name if alias.asname else alias.name.split(".")[0]
            )
            for alias in node.names
        }
    module = "." * node.level + (node.module or "")
    return {
        alias.asname or alias.name: f"{module}.{alias.name}"
        for alias in node.names
        if alias.name != "*"
    }
