"""Which fields of each AST node type can hold nodes worth walking.

The engine's walk follows only these fields: identifiers, strings,
numbers and constants never hold nodes, and the context and operator
singletons (``ast.Load``, ``ast.Add``, ...) are followed only when a
hook asks for them. The field types come from each node class's ASDL
signature, e.g. ``FunctionDef(identifier name, arguments args, ...)``;
a field whose type is not declared there is followed.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator

from stdcheck.core.checker import NODE_TYPES

SIGNATURE_FIELD = re.compile(r"(\w+)[*?]? (\w+)")
SCALAR_TYPES = frozenset({"identifier", "string", "constant", "int"})
LEAF_KINDS: dict[str, type[ast.AST]] = {
    "expr_context": ast.expr_context,
    "operator": ast.operator,
    "boolop": ast.boolop,
    "unaryop": ast.unaryop,
    "cmpop": ast.cmpop,
}

Plan = dict[type[ast.AST], tuple[str, ...]]


def declared_types(node_type: type[ast.AST]) -> dict[str, str]:
    """Map a node type's fields to their ASDL types (where declared)."""
    signature = (node_type.__doc__ or "").partition("(")[2]
    return {
        field: kind for kind, field in SIGNATURE_FIELD.findall(signature)
    }


@functools.lru_cache(maxsize=64)
def walk_plan(hooked: frozenset[type[ast.AST]]) -> Plan:
    """Return, per node type, the fields to walk, last field first.

    Args:
        hooked: The node types some hook is called for.

    Returns:
        Field names in reverse order (the walk pushes them on a stack),
        for every concrete node type.
    """
    wanted_leaves = {
        name
        for name, kind in LEAF_KINDS.items()
        if any(issubclass(node_type, kind) for node_type in hooked)
    }
    plan: Plan = {}
    for node_type in NODE_TYPES.values():
        types = declared_types(node_type)
        plan[node_type] = tuple(
            field
            for field in reversed(node_type._fields)
            if types.get(field) not in SCALAR_TYPES
            and (types.get(field) not in LEAF_KINDS
                 or types.get(field) in wanted_leaves)
        )
    return plan


def statement_lists(statement: ast.AST) -> Iterator[list[ast.stmt]]:
    """Return the statement lists of a compound statement, in order.

    Its body, ``else`` and ``finally`` blocks, and the bodies of its
    ``except`` handlers and ``case`` clauses.
    """
    for name in ("body", "orelse", "finalbody"):
        block = getattr(statement, name, None)
        if isinstance(block, list) and block and isinstance(
            block[0], ast.stmt
        ):
            yield block
    for handler in getattr(statement, "handlers", ()):
        yield handler.body
    for case in getattr(statement, "cases", ()):
        yield case.body


BLOCK_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})
"""The fields of a compound statement that hold its statement lists."""
COMPOUND = tuple(
    kind for kind in ast.stmt.__subclasses__()
    if BLOCK_FIELDS.intersection(kind._fields)
)
"""The statements that hold statement lists (as this Python parses)."""


def first_line(statement: ast.stmt) -> int:
    """Return a statement's first line (its first decorator's)."""
    decorators: list[ast.expr] = getattr(statement, "decorator_list", [])
    if decorators:
        return min(statement.lineno, decorators[0].lineno)
    return statement.lineno


def all_statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """Return every statement of a module, without its expressions."""
    pending = list(reversed(tree.body))
    while pending:
        statement = pending.pop()
        yield statement
        if isinstance(statement, COMPOUND):
            for block in reversed(list(statement_lists(statement))):
                pending.extend(reversed(block))
