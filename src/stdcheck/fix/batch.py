"""Running several fixes in one traversal of a parsed module.

Each fix is a libcst transformer. :class:`Batch` drives them together,
node by node: every fix sees each node it would have seen alone
(a :attr:`~stdcheck.fix.base.Fix.local` fix still skips the subtrees
without its findings), and at each node the fixes' ``leave`` hooks
are chained, in the order given, each on the node as the fixes before
it left it. One traversal and one code generation then serve them all.

A fix written to run alone may build a node from the original rather
than from what it is given; chained, it would undo another fix's
change. So a fix's change is taken only if it keeps every change the
other fixes made: it changes no field another fix changed on the same
node, and whatever it replaces below holds no other fix's change.
A fix whose change is not taken is *deferred*: its other changes
stand, and the engine runs it again, alone, on the result.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Sequence
from typing import TypeVar

import libcst as cst
from libcst.metadata import MetadataWrapper

from stdcheck.fix.base import Fix

Node = TypeVar("Node", bound=cst.CSTNode)


class Batch(cst.CSTTransformer):
    """A transformer that runs fixes together (see the module).

    Attributes:
        fixes: The fixes, in the order their hooks run at a node.
        deferred: The indexes of the fixes one of whose changes was
            not taken.
    """

    def __init__(self, fixes: Sequence[Fix]) -> None:
        """Drive the given fixes (each made for the module to fix)."""
        super().__init__()
        self.fixes = list(fixes)
        self.deferred: set[int] = set()
        self.skipping: list[cst.CSTNode | None] = [None] * len(fixes)
        """The node whose subtree each fix does not enter, if any."""
        self.attributes = [
            fix for fix in self.fixes if fix.attribute_hooks
        ]
        """The fixes with hooks on nodes' fields."""
        self.below: list[set[int]] = [set()]
        """For each node being visited, the fixes that changed it or a
        node under it."""
        self.holds: dict[int, tuple[set[int], cst.CSTNode]] = {}
        """The fixes that changed a node left so far or a node under
        it, by the node's ``id`` (the node is kept: its ``id`` stays
        its own); nodes without a change are not in it."""

    def transform(self, wrapper: MetadataWrapper) -> cst.Module:
        """Run the fixes over a parsed module; return the new module.

        Each fix resolves its metadata on the shared wrapper (so a
        provider is resolved once for all), and the imports a fix
        scheduled are added afterwards, as it would alone.
        """
        with contextlib.ExitStack() as stack:
            for fix in self.fixes:
                stack.enter_context(fix.resolve(wrapper))
                fix.wrapper = wrapper
            tree = wrapper.module.visit(self)
        for fix in self.fixes:
            fix.wrapper = None
            tree = fix.imports_added(tree, wrapper.module)
        return tree

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Visit a node for each fix that enters it."""
        self.below.append(set())
        entered = False
        for index, fix in enumerate(self.fixes):
            if self.skipping[index] is not None:
                continue
            if fix.on_visit(node):
                entered = True
            else:
                self.skipping[index] = node
        return entered

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        """Pass on the visit of a node's field (to fixes with hooks)."""
        for fix in self.attributes:
            if self.skipping[self.fixes.index(fix)] is None:
                fix.on_visit_attribute(node, attribute)

    def on_leave_attribute(
        self, original_node: cst.CSTNode, attribute: str
    ) -> None:
        """Pass on the end of a node's field (to fixes with hooks)."""
        for fix in self.attributes:
            if self.skipping[self.fixes.index(fix)] is None:
                fix.on_leave_attribute(original_node, attribute)

    def on_leave(
        self, original_node: Node, updated_node: Node
    ) -> Node | cst.RemovalSentinel | cst.FlattenSentinel[Node]:
        """Chain the fixes' ``leave`` hooks; take those that fit."""
        below = self.below.pop()
        current: Node | cst.RemovalSentinel | cst.FlattenSentinel[Node] = (
            updated_node
        )
        changed: dict[str, int] = {}
        for index, fix in enumerate(self.fixes):
            skipped = self.skipping[index]
            if skipped is original_node:
                self.skipping[index] = None
            elif skipped is not None:
                continue
            if isinstance(current, (cst.RemovalSentinel, cst.FlattenSentinel)):
                break  # removed or flattened: no node to pass on
            new = fix.on_leave(original_node, current)
            fields = [] if new is current else _changed_fields(current, new)
            if not fields:
                continue  # the same node, or one made of the same parts
            others = {*changed.values(), *below} - {index}
            if others and (
                "*" in fields
                or any(changed.get(name, index) != index for name in fields)
                or self._lost(current, new, fields, index)
            ):
                self.deferred.add(index)
                continue
            changed.update(dict.fromkeys(fields, index))
            current = new
        below.update(changed.values())
        if below:
            self.below[-1].update(below)
            if not isinstance(
                current, (cst.RemovalSentinel, cst.FlattenSentinel)
            ):
                self.holds[id(current)] = below, current
        return current

    def _lost(
        self,
        old: cst.CSTNode,
        new: cst.CSTNode | cst.RemovalSentinel
        | cst.FlattenSentinel[cst.CSTNode],
        fields: Sequence[str],
        index: int,
    ) -> bool:
        """Return whether a change drops another fix's change below.

        A field's nodes that hold another fix's change must all be in
        the field as changed (rebuilt from them would do, but cannot
        be told from rebuilt without them).
        """
        kept = (
            {id(node) for node in _parts(new, fields)}
            if isinstance(new, cst.CSTNode) else set()
        )
        return any(
            self.holds.get(id(node), (set(),))[0] - {index}
            and id(node) not in kept
            for node in _parts(old, fields)
        )


def _changed_fields(
    old: cst.CSTNode,
    new: cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode],
) -> list[str]:
    """Return the fields a change replaced ("*": the node's type)."""
    if type(new) is not type(old):
        return ["*"]
    return [
        field.name for field in dataclasses.fields(old)
        if not _same(getattr(new, field.name), getattr(old, field.name))
    ]


def _same(one: object, other: object) -> bool:
    """Return whether two field values are the same node or nodes.

    A sequence rebuilt with the same nodes is the same.
    """
    if one is other:
        return True
    return (
        isinstance(one, (list, tuple)) and isinstance(other, (list, tuple))
        and len(one) == len(other)
        and all(mine is theirs for mine, theirs in zip(one, other))
    )


def _parts(node: cst.CSTNode, fields: Sequence[str]) -> list[object]:
    """Return the values of some fields of a node, sequences opened."""
    found: list[object] = []
    for name in fields:
        value = getattr(node, name)
        if isinstance(value, (list, tuple)):
            found.extend(value)
        else:
            found.append(value)
    return found
