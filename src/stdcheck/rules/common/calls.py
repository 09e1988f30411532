"""What called names stand for, shared by the backend practice rules.

:class:`Names` resolves ``t.sleep`` to ``time.sleep`` after ``import
time as t``: module-level imports come from
:attr:`~stdcheck.core.context.FileContext.module_bindings`, imports
inside functions are learnt as the walk meets them. It also remembers,
per function, the last value assigned to each plain name, so that
``query = f"..."; cursor.execute(query)`` can be judged at the call.
A name that is neither imported nor defined resolves to itself
(``open``, ``print``; ``jwt`` in a snippet that never imports it).

The checkers that read it (security, practices, errors, asynchronous)
share one instance per file (``ctx.helper(Names)``), which the walk
updates before their own hooks run.
"""

from __future__ import annotations

import ast
import re

from stdcheck.core.checker import Checker
from stdcheck.core.context import FileContext, import_bindings

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
LOG_METHODS = frozenset({
    "debug", "info", "warning", "warn", "error", "exception", "critical",
    "fatal", "log",
})
LOGGER_NAME = re.compile(
    r"_*(?:\w+_)?log(?:ger|ging)?(?:_\w+)?\Z", re.IGNORECASE
)


class Names(Checker):
    """Knows what imported names and locals stand for, in one file.

    It reports nothing: it is a helper, made once per file by the
    first checker asking ``ctx.helper(Names)`` and walked before the
    checkers.
    """

    def __init__(self, ctx: FileContext) -> None:
        """Start from the module-level bindings of the file."""
        super().__init__(ctx)
        self.aliases = dict(ctx.module_bindings)
        self.values: dict[tuple[int, str], ast.expr] = {}
        # The last call asked about and its name (two attributes, not
        # a tuple: read by every checker at every call).
        self.last_call: ast.Call | None = None
        self.last_name: str | None = None
        self.functions: list[ast.AST] = []  # open functions, innermost last

    def visit_FunctionDef(self, node: ast.AST) -> None:
        """Open a function (a lambda too): its locals are its own."""
        self.functions.append(node)

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def leave_FunctionDef(self, node: ast.AST) -> None:
        """Close the innermost function."""
        self.functions.pop()

    leave_AsyncFunctionDef = leave_FunctionDef
    leave_Lambda = leave_FunctionDef

    def visit_Import(self, node: ast.Import) -> None:
        """Learn the names an import binds (also inside functions)."""
        self.aliases.update(import_bindings(node))
        self.last_call = None

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        """Learn the names a ``from`` import binds."""
        self.aliases.update(import_bindings(node))
        self.last_call = None

    def visit_Assign(self, node: ast.Assign) -> None:
        """Remember the value of ``name = value`` in its function."""
        for target in node.targets:
            if isinstance(target, ast.Name):
                self.values[self._key(target.id)] = node.value

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        """Remember the value of ``name: T = value`` in its function."""
        if isinstance(node.target, ast.Name) and node.value is not None:
            self.values[self._key(node.target.id)] = node.value

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        """Remember ``name += value`` as ``previous + value``."""
        if isinstance(node.target, ast.Name):
            key = self._key(node.target.id)
            previous = self.values.get(key, node.target)
            self.values[key] = ast.BinOp(previous, node.op, node.value)

    def qualified_name(self, node: ast.expr) -> str | None:
        """Return the dotted name an expression stands for, if any.

        Args:
            node: A name or attribute chain (``t.sleep``).

        Returns:
            The name with its root resolved through the imports
            (``time.sleep``), or None for anything else (a call's
            result, a subscript).
        """
        if isinstance(node, ast.Name):  # the most frequent case
            return self.aliases.get(node.id, node.id)
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        parts.append(self.aliases.get(node.id, node.id))
        return ".".join(reversed(parts))

    def call_name(self, call: ast.Call) -> str | None:
        """Return the qualified name of what a call calls.

        Every checker asks it about the call being visited, so the
        last answer is kept (until an import changes the names).
        """
        if call is not self.last_call:
            self.last_call = call
            self.last_name = self.qualified_name(call.func)
        return self.last_name

    def caught(self, node: ast.expr | None) -> set[str]:
        """Return the names of the exception types an ``except`` names.

        Args:
            node: The handler's type (a name, attribute or tuple).

        Returns:
            The qualified names, with ``builtins.`` dropped.
        """
        items = node.elts if isinstance(node, ast.Tuple) else [node]
        names = set()
        for item in items:
            name = self.qualified_name(item) if item is not None else None
            if name is not None:
                names.add(name.removeprefix("builtins."))
        return names

    def bound_value(self, node: ast.expr) -> ast.expr:
        """Return what a plain name was last assigned in this function.

        Args:
            node: Any expression.

        Returns:
            The assigned value for a name with a known assignment in
            the current function, else the node itself.
        """
        if isinstance(node, ast.Name):
            return self.values.get(self._key(node.id), node)
        return node

    def function(self) -> ast.AST | None:
        """Return the innermost function around the current node.

        From a function's own visit hook, that is the function itself
        (this helper's hooks run first).
        """
        return self.functions[-1] if self.functions else None

    def is_logging_call(self, call: ast.Call) -> bool:
        """Return whether a call is a logging call (``log.info(...)``).

        A call is one when it is ``logging.<level>(...)``, or a level
        method on a receiver named like a logger (``logger``, ``log``,
        ``self._log``) or made by ``logging.getLogger(...)``.
        """
        func = call.func
        if not isinstance(func, ast.Attribute) or (
            func.attr not in LOG_METHODS
        ):
            return False
        receiver = func.value
        if isinstance(receiver, ast.Call):
            return self.call_name(receiver) == "logging.getLogger"
        name = self.qualified_name(receiver)
        return name is not None and bool(
            LOGGER_NAME.match(name.rsplit(".", 1)[-1])
        )

    def _key(self, name: str) -> tuple[int, str]:
        """Return the key of a name in the current function."""
        return id(self.functions[-1] if self.functions else None), name


class NameResolver(Checker):
    """A checker reading the file's shared :class:`Names`."""

    def __init__(self, ctx: FileContext) -> None:
        """Start checking a file, with its names."""
        super().__init__(ctx)
        self.names = ctx.helper(Names)


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """Return the value of a call's keyword argument, if given."""
    for item in call.keywords:
        if item.arg == name:
            return item.value
    return None


def has_double_star(call: ast.Call) -> bool:
    """Return whether a call passes ``**mapping`` (hiding keywords)."""
    return any(item.arg is None for item in call.keywords)


def is_constant(node: ast.expr | None, value: object) -> bool:
    """Return whether a node is the constant ``value`` (by identity)."""
    return isinstance(node, ast.Constant) and node.value is value
