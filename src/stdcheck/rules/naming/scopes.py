"""Scopes and module-level bindings for the naming checks.

The checkers keep a light scope stack during the engine's single walk
(:class:`ScopeTracker`); module-level bindings are kept with the
exclusive branches (``if``/``else``, ``try``/``except``, ``match``
cases) that hold them, to tell a rebinding from alternatives.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from stdcheck.core.checker import Checker
from stdcheck.core.context import FileContext
from stdcheck.core.registry import Rule
from stdcheck.rules.naming.styles import glob_matcher

MODULE, CLASS, FUNCTION = "module", "class", "function"
TRY_NODES = tuple(
    getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name)
)


@dataclass(slots=True)
class Scope:
    """A namespace being walked: the module, a class or a function.

    Attributes:
        node: The scope's node.
        kind: ``module``, ``class`` or ``function`` (lambdas too).
        declared_global: Names a function declares ``global``.
        declared_nonlocal: Names a function declares ``nonlocal``.
        reported: ``"CODE name"`` keys already reported here.
        names: Every name used or bound in the scope, and (once the
            walk has left them) in the scopes inside it.
        unrenamable: Names bound here in ways a rename cannot follow
            (imports, ``match`` captures, ``del``).
        classes: Names bound here by a ``class`` statement.
        functions: Names bound here by a ``def`` statement.
        escaping: Names read here or in the scopes inside it other
            than as the function of a call (the object may be seen).
        printed: Names an f-string prints with ``=`` here or in the
            scopes inside it (renames leave them).
        reads_frames: Whether a frame's names are read here or in the
            scopes inside it (``f_locals``: renames leave them).
    """

    node: ast.AST
    kind: str
    declared_global: set[str] = field(default_factory=set, init=False)
    declared_nonlocal: set[str] = field(default_factory=set, init=False)
    reported: set[str] = field(default_factory=set, init=False)
    names: set[str] = field(default_factory=set, init=False)
    unrenamable: set[str] = field(default_factory=set, init=False)
    classes: set[str] = field(default_factory=set, init=False)
    functions: set[str] = field(default_factory=set, init=False)
    escaping: set[str] = field(default_factory=set, init=False)
    printed: set[str] = field(default_factory=set, init=False)
    reads_frames: bool = field(default=False, init=False)


class ScopeTracker(Checker):
    """A checker that knows the scope enclosing each visited node.

    Scopes are pushed when the walk enters a function, lambda or class
    and popped when it leaves. Subclasses see definitions through
    :meth:`define`, called in the enclosing scope before the push.
    """

    def __init__(self, ctx: FileContext) -> None:
        """Start in the module scope."""
        super().__init__(ctx)
        self.scope = Scope(ctx.tree, MODULE)  # the innermost scope
        self.scopes = [self.scope]
        self.ignored = glob_matcher(ctx.config.ignore_names)

    def is_ignored(self, name: str) -> bool:
        """Return whether ``ignore-names`` matches a name."""
        return self.ignored is not None and bool(self.ignored.match(name))

    def define(self, node: ast.AST) -> None:
        """Handle a ``def`` or ``class`` in its enclosing scope."""

    def visit_FunctionDef(self, node: ast.AST) -> None:
        """Enter a function or lambda (its definition handled)."""
        self.define(node)
        self._enter(Scope(node, FUNCTION))

    visit_AsyncFunctionDef = visit_Lambda = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        """Enter a class body (after its definition is handled)."""
        self.define(node)
        self._enter(Scope(node, CLASS))

    def leave_FunctionDef(self, node: ast.AST) -> None:
        """Leave a function, lambda or class: names join the parent."""
        left = self.scopes.pop()
        self.scope = self.scopes[-1]
        self.scope.names |= left.names
        self.scope.escaping |= left.escaping
        if left.printed or left.reads_frames:
            self.scope.printed |= left.printed
            self.scope.reads_frames |= left.reads_frames

    leave_AsyncFunctionDef = leave_Lambda = leave_ClassDef = leave_FunctionDef

    def _enter(self, scope: Scope) -> None:
        """Make a new scope the innermost."""
        self.scopes.append(scope)
        self.scope = scope

    def report_name(
        self, rule: Rule, node: ast.AST, name: str, **details: Any
    ) -> None:
        """Report a name at its own position.

        A ``Name`` or ``arg`` node starts with the name; for other
        nodes (``def``, ``class``, ``except ... as``, imports) the name
        is looked up on the node's first line.
        """
        line = getattr(node, "lineno", 1)
        column = self.ctx.char_col(line, getattr(node, "col_offset", 0))
        if not isinstance(node, (ast.Name, ast.arg)) and (
            0 < line <= len(self.ctx.lines)
        ):
            found = _word_at(self.ctx.lines[line - 1], name, column)
            if found is not None:
                column = found
        self.ctx.report(
            rule,
            line,
            column,
            end_line=line,
            end_col=column + len(name),
            name=name,
            **details,
        )


def _word_at(text: str, word: str, start: int) -> int | None:
    """Return where ``word`` first stands alone in ``text`` from start.

    As ``re.search(r"(?<!\\w)word(?!\\w)")`` from ``start`` (the
    character before it counts), without compiling a pattern per word.
    """
    index = text.find(word, start)
    while index != -1:
        end = index + len(word)
        if not _is_word(text[index - 1:index]) and not _is_word(
            text[end:end + 1]
        ):
            return index
        index = text.find(word, index + 1)
    return None


def _is_word(char: str) -> bool:
    """Return whether a character (or "") is one ``\\w`` matches."""
    return char.isalnum() or char == "_"


ASSIGN, DECLARE, AUGMENT, LOOP, IMPORT, DEFINE, GLOBAL = (
    "assign", "declare", "augment", "loop", "import", "define", "global"
)
Branch = tuple[tuple[int, str], ...]


@dataclass
class Binding:
    """One module-level binding of a name.

    Attributes:
        node: Where to report it.
        kind: How the name is bound (``assign``, ``loop``, ...).
        constant: Whether it binds a literal or is annotated ``Final``.
        final: Whether it is annotated ``Final``.
        branch: The exclusive branches (``if``/``else``, ``try``/
            ``except``, ``match`` cases) holding the statement.
    """

    node: ast.AST
    kind: str
    constant: bool = False
    final: bool = False
    branch: Branch = ()


def exclusive(first: Branch, second: Branch) -> bool:
    """Return whether two branch paths can never both run."""
    for (node_a, arm_a), (node_b, arm_b) in zip(first, second):
        if node_a != node_b:
            return False
        if arm_a != arm_b:
            return "" not in (arm_a, arm_b)
    return False


def branch_arm(parent: ast.AST, child: ast.AST) -> str | None:
    """Name the exclusive arm of ``parent`` that holds ``child``.

    Returns None when ``parent`` does not branch, and ``""`` for an arm
    that runs whatever happens (``finally``, an ``if`` test).
    """
    if isinstance(parent, ast.If):
        if any(child is stmt for stmt in parent.body):
            return "body"
        return "else" if child is not parent.test else ""
    if isinstance(parent, TRY_NODES):
        for index, handler in enumerate(parent.handlers):
            if child is handler:
                return f"except{index}"
        if any(child is stmt for stmt in parent.finalbody):
            return ""
        return "try"
    if isinstance(parent, ast.Match):
        for index, case in enumerate(parent.cases):
            if child is case:
                return f"case{index}"
        return ""
    return None


def branch_of(parents: list[ast.AST], statement: ast.AST) -> Branch:
    """Return the exclusive arms holding a module-level statement."""
    if len(parents) == 1:  # a statement of the module itself: no arm
        return ()
    path = []
    chain = [*parents, statement]
    for parent, child in zip(chain, chain[1:]):
        arm = branch_arm(parent, child)
        if arm is not None:
            path.append((id(parent), arm))
    return tuple(path)


def rebinding(bindings: list[Binding]) -> Binding | None:
    """Return the first binding that rebinds an earlier one, if any."""
    values = [b for b in bindings if b.kind != LOOP]
    for index, later in enumerate(values):
        if index and later.kind in (AUGMENT, GLOBAL):
            return later
        if any(
            not exclusive(earlier.branch, later.branch)
            for earlier in values[:index]
        ):
            return later
    return None
