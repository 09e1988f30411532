"""Scopes and module-level bindings for the naming checks.

The checkers keep a light scope stack during the engine's single walk
(:class:`ScopeTracker`); module-level bindings are kept with the
exclusive branches (``if``/``else``, ``try``/``except``, ``match``
cases) that hold them, to tell a rebinding from alternatives.
"""

from __future__ import annotations

import ast
import collections
from dataclasses import dataclass, field
from typing import Any, cast

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
        spelt: Names spelt as text here or in the scopes inside it
            (see :class:`~stdcheck.rules.naming.renames.ScopeReads`).
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
    spelt: set[str] = field(default_factory=set, init=False)
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
        if left.spelt or left.reads_frames:
            self.scope.spelt |= left.spelt
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
        builds: Whether the module's own code builds on the value the
            name holds (``MASK = tuple(MASK)``, ``MASK += (1,)``): a
            step of making one value, not a new one.
    """

    node: ast.AST
    kind: str
    constant: bool = False
    final: bool = False
    branch: Branch = ()
    builds: bool = False


class Branches:
    """Finds the exclusive arms holding module-level statements.

    A path is the ``(id(node), arm)`` pairs of the branching statements
    holding a statement, outermost first. Each node's arms are tabled
    on first use and each ancestor's path is kept for the statements
    inside it, so finding the paths of a module's bindings costs time
    linear in its size. An ``elif`` (an ``if`` alone in the ``else`` of
    another) is an arm of its chain's first ``if``, not an ``if``
    nested in it: the paths of a long chain stay one pair long.
    """

    def __init__(self) -> None:
        """Start with no arms tabled."""
        self.paths: dict[int, Branch] = {}
        self.arms: dict[int, dict[int, str]] = {}
        self.chains: dict[int, tuple[ast.If, int]] = {}

    def path(self, parents: list[ast.AST], statement: ast.AST) -> Branch:
        """Return the exclusive arms that hold a module statement."""
        if len(parents) == 1:  # a statement of the module itself
            return ()
        known = len(parents) - 1
        while known > 0 and id(parents[known]) not in self.paths:
            known -= 1
        path = self.paths.get(id(parents[known]), ())
        chain = [*parents[known:], statement]
        for parent, child in zip(chain, chain[1:]):
            step = self._step(parent, child)
            if step is not None:
                path = (*path, step)
            self.paths[id(child)] = path
        return path

    def _step(self, parent: ast.AST, child: ast.AST) -> tuple[int, str] | None:
        """Return the branching node and arm of parent holding child.

        None when ``parent`` does not branch (or ``child`` is an
        ``elif``); the arm is ``""`` for a part that runs whatever
        happens (``finally``, the first test of an ``if`` chain) and
        ``test`` for the test of an ``elif``.
        """
        if isinstance(parent, ast.If):
            return self._if_step(parent, child)
        if isinstance(parent, TRY_NODES):
            return id(parent), self._arms(parent).get(id(child), "try")
        if isinstance(parent, ast.Match):
            return id(parent), self._arms(parent).get(id(child), "")
        return None

    def _if_step(
        self, parent: ast.If, child: ast.AST
    ) -> tuple[int, str] | None:
        """Return the chain's node and the arm holding an if's child."""
        head, index = self.chains.get(id(parent), (parent, 0))
        if child is parent.test:
            return id(head), "test" if index else ""
        if self._arms(parent).get(id(child)) == "body":
            return id(head), f"body{index}" if index else "body"
        if isinstance(child, ast.If) and len(parent.orelse) == 1:
            self.chains[id(child)] = (head, index + 1)
            return None
        return id(head), "else"

    def _arms(self, parent: ast.AST) -> dict[int, str]:
        """Return the arm of each child of a branching node (tabled)."""
        arms = self.arms.get(id(parent))
        if arms is not None:
            return arms
        arms = {}
        if isinstance(parent, ast.If):
            arms = dict.fromkeys(map(id, parent.body), "body")
        elif isinstance(parent, ast.Match):
            for index, case in enumerate(parent.cases):
                arms[id(case)] = f"case{index}"
        else:  # a try: its body and else are one arm
            parent = cast(ast.Try, parent)  # or TryStar, alike
            for index, handler in enumerate(parent.handlers):
                arms[id(handler)] = f"except{index}"
            arms.update(dict.fromkeys(map(id, parent.finalbody), ""))
        self.arms[id(parent)] = arms
        return arms


def rebinding(bindings: list[Binding]) -> Binding | None:
    """Return the first binding that rebinds an earlier one, if any.

    Two bindings are alternatives when their paths first differ in the
    arm of one branching node, neither arm running whatever happens;
    an ``elif`` test runs after the arms above it were passed over (it
    and they are alternatives) and before the arms below (it and they
    are not). Earlier bindings are counted by path prefix, so a binding
    is judged in time proportional to its path, not to the number of
    bindings before it.
    """
    before: collections.Counter[Branch] = collections.Counter()
    at_node: collections.Counter[tuple[Branch, int]] = collections.Counter()
    seen = 0
    for later in (b for b in bindings if b.kind != LOOP and not b.builds):
        if seen and later.kind in (AUGMENT, GLOBAL):
            return later
        path = later.branch
        alternatives = 0
        for depth, (node, arm) in enumerate(path):
            if not arm:
                continue
            prefix = path[:depth]
            shared = ("", "test") if arm == "test" else ("", "test", arm)
            alternatives += at_node[prefix, node] - sum(
                before[prefix + ((node, other),)] for other in shared
            )
        if seen > alternatives:
            return later
        seen += 1
        for depth in range(len(path) + 1):
            before[path[:depth]] += 1
        for depth, (node, _) in enumerate(path):
            at_node[path[:depth], node] += 1
    return None
