"""The base class of checkers, the code that finds rule violations.

A checker is instantiated once per file with the file's
:class:`~stdcheck.core.context.FileContext`. During the engine's single
walk of the syntax tree it receives ``visit_<NodeType>(node)`` calls on
the way down and ``leave_<NodeType>(node)`` calls on the way up, for the
node types it defines methods for; ``ctx.parents`` holds the ancestors
of the node being visited. ``finish()`` runs after the walk, for checks
over lines or tokens. Checkers register themselves by subclassing.

A visit hook that matters only in some files or some parts of a file
can be named in ``on_demand``: the walk calls it only while the checker
has switched it on (:meth:`Checker.switch`), sparing a call per node
where it would return at once.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from stdcheck.core.context import FileContext
    from stdcheck.core.registry import Rule

NodeHook = Callable[[ast.AST], None]

CHECKERS: list[type[Checker]] = []

NODE_TYPES: dict[str, type[ast.AST]] = {
    name: value
    for name, value in vars(ast).items()
    if isinstance(value, type) and issubclass(value, ast.AST)
}

# The node types a tree can hold. From Python 3.12, the deprecated
# ``ast.Num``, ``ast.NameConstant``, ... are made on first use, not
# found in the module: they subclass ``ast.Constant`` yet are never
# parsed, and the walk has no entry for them.
_PARSED = frozenset(NODE_TYPES.values())


class Checker:
    """Finds the violations of one or more related rules.

    Attributes:
        rules: The rules this checker reports.
        on_demand: The visit hooks called only while switched on.
    """

    rules: ClassVar[tuple[Rule, ...]] = ()
    on_demand: ClassVar[frozenset[str]] = frozenset()
    visits: ClassVar[dict[type[ast.AST], str]]
    leaves: ClassVar[dict[type[ast.AST], str]]

    def __init_subclass__(cls) -> None:
        """Register the checker and index its node hooks."""
        super().__init_subclass__()
        cls.visits = _hooks(cls, "visit_")
        cls.leaves = _hooks(cls, "leave_")
        if cls.rules:
            CHECKERS.append(cls)

    def __init__(self, ctx: FileContext) -> None:
        """Start checking one file."""
        self.ctx = ctx
        self.switched_on: set[str] = set()

    def switch(self, hook: str, on: bool) -> None:
        """Start or stop the walk's calls of an on-demand visit hook.

        Called in ``__init__``, it chooses the hooks for the whole file;
        called from a hook, it applies to the nodes visited next (switch
        the hooks of other node types than the one being visited).

        Args:
            hook: The name of a visit hook listed in ``on_demand``.
            on: Whether the walk should call it.
        """
        if (hook in self.switched_on) == on:
            return
        method = getattr(self, hook)
        if on:
            self.switched_on.add(hook)
        else:
            self.switched_on.discard(hook)
        for node_type, name in self.visits.items():
            hooks = self.ctx.visit_hooks.get(node_type)
            if name == hook and hooks is not None:  # else: not walking
                if on:
                    hooks.append(method)
                else:
                    hooks.remove(method)

    def finish(self) -> None:
        """Run checks that need the whole file (after the walk)."""


def _hooks(cls: type[Checker], prefix: str) -> dict[type[ast.AST], str]:
    """Map each AST node type to the method named ``prefix + type``."""
    hooks: dict[type[ast.AST], str] = {}
    for attribute in dir(cls):
        if not attribute.startswith(prefix):
            continue
        node_type = NODE_TYPES.get(attribute[len(prefix):])
        if node_type is None:
            raise TypeError(f"{cls.__name__}.{attribute}: unknown node type")
        hooks[node_type] = attribute
        for subclass in _subclasses(node_type):
            if subclass in _PARSED:
                hooks.setdefault(subclass, attribute)
    return hooks


def _subclasses(node_type: type[ast.AST]) -> list[type[ast.AST]]:
    """Return every subclass (``ast.stmt`` -> ``ast.If``, ...)."""
    found = []
    for subclass in node_type.__subclasses__():
        found.append(subclass)
        found.extend(_subclasses(subclass))
    return found
