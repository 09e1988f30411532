"""Facts about ``def`` and ``class`` statements read from their nodes.

Shared by the docstring (STD4xx) and type-hint (STD5xx) rules: which
decorators a definition has, whether its body is a placeholder, which
parameters it declares, and whether it is a test.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

Function = ast.FunctionDef | ast.AsyncFunctionDef
Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef

SCOPES = (
    ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef,
    ast.Lambda,
)
UNITTEST_HOOKS = frozenset({
    "setUp", "tearDown", "setUpClass", "tearDownClass", "asyncSetUp",
    "asyncTearDown", "setUpModule", "tearDownModule",
})


def dotted_name(node: ast.expr) -> str:
    """Return ``a.b.c`` for a name or attribute chain, else ``""``."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def decorators(node: Definition) -> list[str]:
    """Return the dotted names of the decorators (calls unwrapped)."""
    names = []
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call):
            decorator = decorator.func
        names.append(dotted_name(decorator))
    return names


def has_decorator(node: Definition, *names: str) -> bool:
    """Return whether a decorator's last name is one of ``names``."""
    return bool(node.decorator_list) and any(  # most have none: cheap
        name.rpartition(".")[2] in names for name in decorators(node)
    )


def is_overload(node: Function) -> bool:
    """Return whether the function is an ``@overload`` stub."""
    return has_decorator(node, "overload")


def is_abstract(node: Function) -> bool:
    """Return whether the function is an abstract method."""
    return has_decorator(
        node, "abstractmethod", "abstractproperty", "abstractclassmethod",
        "abstractstaticmethod",
    )


def is_property(node: Function) -> bool:
    """Return whether the function is a property's getter."""
    return has_decorator(node, "property", "cached_property")


def is_companion(node: Function, parents: Sequence[ast.AST]) -> bool:
    """Return whether a method completes a property-like defined above.

    ``@total.setter``, ``@total.deleter``, SQLAlchemy's
    ``@total.expression`` or ``@total.inplace.comparator``: a method
    decorated ``@<name>.<anything>``, where ``<name>`` is its own name
    (bound above in the class: the decorator reads it) or a decorated
    method defined above it in the same block, shares that one's
    docstring. Module-level functions are not companions.
    """
    heads = {
        name.partition(".")[0]
        for name in decorators(node)
        if "." in name
    }
    if not heads or not is_method(parents):
        return False
    if node.name in heads:
        return True
    owner = parents[-1] if parents else None
    for block in (getattr(owner, "body", ()), getattr(owner, "orelse", ())):
        for statement in block:
            if statement is node:
                return False
            if (
                isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
                and statement.decorator_list
                and statement.name in heads
            ):
                return True
    return False


def is_stub_body(node: Function) -> bool:
    """Return whether the body only holds a placeholder.

    A placeholder is ``pass``, ``...`` or ``raise NotImplementedError``
    after an optional docstring: the function says what it will do
    without doing it (abstract methods, protocols, interfaces).
    """
    body = node.body
    if body and _is_string(body[0]):
        body = body[1:]
    return all(_is_placeholder(statement) for statement in body)


def _is_string(statement: ast.stmt) -> bool:
    """Return whether a statement is a bare string (a docstring)."""
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _is_placeholder(statement: ast.stmt) -> bool:
    """Return whether a statement is ``pass``, ``...`` or a TODO."""
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr):
        return (
            isinstance(statement.value, ast.Constant)
            and statement.value.value is Ellipsis
        )
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        raised = statement.exc
        if isinstance(raised, ast.Call):
            raised = raised.func
        return dotted_name(raised).rpartition(".")[2] == "NotImplementedError"
    return False


def enclosing_scope(parents: Sequence[ast.AST]) -> ast.AST | None:
    """Return the innermost module, class or function in ``parents``."""
    for parent in reversed(parents):
        if isinstance(parent, SCOPES):
            return parent
    return None


def is_method(parents: Sequence[ast.AST]) -> bool:
    """Return whether a definition with these ancestors is a method.

    It is when the innermost scope around it is a class body (possibly
    through ``if``/``try`` blocks of that body).
    """
    return isinstance(enclosing_scope(parents), ast.ClassDef)


def parameters(node: Function, method: bool) -> list[tuple[str, ast.arg]]:
    """Return the parameters callers pass, in signature order.

    ``*args`` and ``**kwargs`` keep their stars in the name; ``self``
    or ``cls`` (the first parameter of a method that is not a
    ``@staticmethod``) is left out.

    Args:
        node: The function.
        method: Whether it is defined directly in a class body.

    Returns:
        ``(name, node)`` for each parameter.
    """
    arguments = node.args
    found = [
        (item.arg, item) for item in arguments.posonlyargs + arguments.args
    ]
    if method and found and not has_decorator(node, "staticmethod"):
        del found[0]  # self or cls
    if arguments.vararg is not None:
        found.append(("*" + arguments.vararg.arg, arguments.vararg))
    found += [(item.arg, item) for item in arguments.kwonlyargs]
    if arguments.kwarg is not None:
        found.append(("**" + arguments.kwarg.arg, arguments.kwarg))
    return found


def is_test(node: Definition, in_test_module: bool) -> bool:
    """Return whether a definition is a test collected by name.

    In a test module, ``test*`` functions and methods, ``Test*``
    classes and unittest's ``setUp``-style hooks are called by the test
    runner, never by people.
    """
    if not in_test_module:
        return False
    if isinstance(node, ast.ClassDef):
        return node.name.startswith("Test")
    return node.name.startswith("test") or node.name in UNITTEST_HOOKS
