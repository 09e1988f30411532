"""What a function's own body does: return a value, yield, raise.

:class:`FunctionBodies` is a base for checkers that judge a function by
its body. The facts are gathered once per file during the engine's one
walk by the :class:`Bodies` helper (a nested function or lambda keeps
its statements to itself), which each such checker reads in
:meth:`FunctionBodies.function_done` when the walk leaves a function.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stdcheck.core.checker import Checker
from stdcheck.rules.common.definitions import Function, dotted_name

if TYPE_CHECKING:
    from stdcheck.core.context import FileContext

CATCH_ALL = frozenset({"Exception", "BaseException"})


@dataclass
class BodyFacts:
    """What one function's body does (nested functions left out).

    Attributes:
        returns_value: Whether a ``return`` gives a value other than
            the constant ``None``.
        yields: Whether it yields (it is a generator).
        yields_value: Whether a ``yield`` gives a value other than the
            constant ``None`` (a bare ``yield`` gives nothing, as a
            bare ``return`` returns nothing), or it yields from another.
        raises_watched: Whether the ``raise`` statements are read
            (:meth:`Bodies.watch_raises`); if not, the three facts
            below stay empty.
        raised: The names of the exception classes raised (as written,
            ``ValueError`` or ``errors.Invalid``) that are not caught
            around the ``raise``.
        reraised: The names of the exceptions caught by a handler that
            re-raises what it caught.
        raises_unknown: Whether it raises something whose class cannot
            be read from the code (``raise error``).
    """

    returns_value: bool = False
    yields: bool = False
    yields_value: bool = False
    raises_watched: bool = False
    raised: dict[str, int] = field(default_factory=dict)
    reraised: set[str] = field(default_factory=set)
    raises_unknown: bool = False


class Bodies(Checker):
    """Gathers the :class:`BodyFacts` of each function, in one file.

    It reports nothing: it is a helper, made once per file by the
    first :class:`FunctionBodies` checker asking ``ctx.helper(Bodies)``
    and walked before the checkers, so when they leave a function its
    facts are :attr:`done`.

    Attributes:
        done: The facts of the function the walk left last.
    """

    def __init__(self, ctx: FileContext) -> None:
        """Start with no open function."""
        super().__init__(ctx)
        self._frames: list[BodyFacts] = []
        self.done = BodyFacts()

    def visit_FunctionDef(self, node: ast.AST) -> None:
        """Open a function."""
        self._frames.append(BodyFacts())

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def leave_FunctionDef(self, node: ast.AST) -> None:
        """Close a function: its facts are complete."""
        self.done = self._frames.pop()

    leave_AsyncFunctionDef = leave_FunctionDef
    leave_Lambda = leave_FunctionDef

    def watch_raises(self) -> None:
        """Read the ``raise`` statements of the function being visited.

        Each costs a look up the tree, and few functions have a
        docstring they are compared with: a checker asks for them
        from its ``visit_FunctionDef`` hook.
        """
        self._frames[-1].raises_watched = True

    def visit_Return(self, node: ast.AST) -> None:
        """Note a return of a value."""
        assert isinstance(node, ast.Return)
        value = node.value
        if self._frames and value is not None and not (
            isinstance(value, ast.Constant) and value.value is None
        ):
            self._frames[-1].returns_value = True

    def visit_Yield(self, node: ast.AST) -> None:
        """Note a yield, and whether it gives a value."""
        if self._frames:
            facts = self._frames[-1]
            facts.yields = True
            value = getattr(node, "value", None)
            if isinstance(node, ast.YieldFrom) or value is not None and not (
                isinstance(value, ast.Constant) and value.value is None
            ):
                facts.yields_value = True

    visit_YieldFrom = visit_Yield

    def visit_Raise(self, node: ast.AST) -> None:
        """Note what a ``raise`` raises, unless caught around it."""
        assert isinstance(node, ast.Raise)
        if not self._frames or not self._frames[-1].raises_watched:
            return
        facts = self._frames[-1]
        handler = self._enclosing_handler()
        exc = node.exc
        if exc is None or (
            handler is not None
            and isinstance(exc, ast.Name)
            and exc.id == handler.name
        ):
            if handler is not None:
                facts.reraised.update(_caught(handler))
            return
        name = dotted_name(exc.func if isinstance(exc, ast.Call) else exc)
        last = name.rpartition(".")[2]
        if not last[:1].isupper():
            facts.raises_unknown = True
        elif not self._caught_here(node, last):
            facts.raised.setdefault(name, node.lineno)

    def _enclosing_handler(self) -> ast.ExceptHandler | None:
        """Return the innermost ``except`` (of this function) around."""
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, ast.ExceptHandler):
                return parent
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef,
                                   ast.Lambda)):
                return None
        return None

    def _caught_here(self, node: ast.Raise, name: str) -> bool:
        """Return whether a ``try`` of this function catches it."""
        chain = [*self.ctx.parents, node]
        for index in range(len(chain) - 2, -1, -1):
            parent = chain[index]
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef,
                                   ast.Lambda)):
                return False
            if isinstance(parent, ast.Try) and chain[index + 1] in parent.body:
                for handler in parent.handlers:
                    caught = _caught(handler)
                    if not caught or name in caught or caught & CATCH_ALL:
                        return True
        return False


class FunctionBodies(Checker):
    """A checker base judging functions by their :class:`BodyFacts`."""

    def __init__(self, ctx: FileContext) -> None:
        """Start checking a file, with its functions' facts."""
        super().__init__(ctx)
        self.bodies = ctx.helper(Bodies)

    def function_done(self, node: Function, facts: BodyFacts) -> None:
        """Judge a function once its whole body has been seen."""

    def leave_FunctionDef(self, node: ast.AST) -> None:
        """Judge the function the walk leaves."""
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        self.function_done(node, self.bodies.done)

    leave_AsyncFunctionDef = leave_FunctionDef


def _caught(handler: ast.ExceptHandler) -> set[str]:
    """Return the last name parts of the classes a handler catches."""
    kinds = handler.type
    if kinds is None:
        return set()
    items = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
    return {dotted_name(item).rpartition(".")[2] for item in items}
