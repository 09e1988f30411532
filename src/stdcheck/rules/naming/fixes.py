"""Renames for the naming rules (STD201-STD205, STD209).

A finding points at the name where it is bound. The fix finds that
binding in libcst's scope analysis and renames every binding and use
of the name in that scope (uses in nested scopes that resolve to it
included), after checking that the new name cannot capture or shadow
anything there. Whether a finding may be fixed at all (safe, unsafe or
not) was decided by the check, which in a fix run also withholds the
module-level names and arguments that another file of the run takes
(see :mod:`stdcheck.fix.run_names`).
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator

import libcst as cst
from libcst.metadata import (
    Assignment,
    GlobalScope,
    ImportAssignment,
    Scope,
    ScopeProvider,
)

from stdcheck.core.findings import Finding
from stdcheck.core.registry import FixSafety
from stdcheck.core.source import split_lines
from stdcheck.fix.base import Fix, Verify
from stdcheck.fix.regions import FUNCTION
from stdcheck.rules.naming.renames import (
    DYNAMIC_NAMES,
    FRAME_NAMESPACES,
    ScopeReads,
    documented,
    is_generated,
    rename_target,
    spoils_layout,
)
from stdcheck.rules.naming.styles import RENAMERS, is_normalized


def _binding_name(node: cst.CSTNode) -> cst.Name | None:
    """Return the name node that an assignment's node binds."""
    if isinstance(node, cst.Name):
        return node
    if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Param)):
        return node.name
    return None


def _variables(expression: cst.BaseExpression) -> set[str]:
    """Return the names an expression reads (not attribute names)."""
    found: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)
            return False

    expression.visit(Names())
    return found


def _self_named(assign: cst.Assign) -> set[str]:
    """Return the names bound to a call named after them (``T``).

    ``T = TypeVar("T")``: the call's first argument spells the name;
    so does a call that a chain of method calls starts from
    (``A = Literal("A").set_parse_action(pa0)``), and an attribute of
    the name (``SECONDS = Unit.SECONDS``, an alias).
    """
    spellings: set[str | bytes] = set()
    value = assign.value
    if isinstance(value, cst.Attribute):
        spellings.add(value.attr.value)
    while isinstance(value, cst.Call):
        first = value.args[0] if value.args else None
        if first is not None and first.keyword is None and not first.star \
                and isinstance(first.value, cst.SimpleString):
            spellings.add(first.value.evaluated_value)
        if not isinstance(value.func, cst.Attribute):
            break
        value = value.func.value
    return {
        target.target.value for target in assign.targets
        if isinstance(target.target, cst.Name)
        and target.target.value in spellings
    }


def _within(inner: Scope, outer: Scope) -> bool:
    """Return whether a scope is ``outer`` or nested inside it."""
    seen: Scope | None = inner
    while seen is not None:
        if seen is outer:
            return True
        parent = seen.parent
        seen = None if parent is seen else parent
    return False


class _Names:
    """The names bound or read in some scopes (``name in names``)."""

    def __init__(self, scopes: list[Scope]) -> None:
        """Hold the scopes."""
        self.scopes = scopes

    def __contains__(self, name: object) -> bool:
        """Return whether one of the scopes binds or reads a name."""
        return isinstance(name, str) and any(
            name in scope.assignments or name in scope.accesses
            for scope in self.scopes
        )


class Rename(Fix):
    """Renames reported names with every use in their scope."""

    codes = tuple(RENAMERS)
    verify = Verify.PARSES
    independent = True
    region = FUNCTION
    METADATA_DEPENDENCIES = (ScopeProvider,)

    @classmethod
    def region_of(cls, finding: Finding, text: str) -> str:
        """Return the outermost function for a name seen only in one.

        A rename is safe only for a name no other scope may see (a
        function's local variable, nested function or class, or its
        parameter when no call in the module passes it by keyword, as
        the check found): it is read and written in that function and
        the closures inside it alone. Other names are looked up across
        the module.
        """
        return FUNCTION if finding.fix is FixSafety.SAFE else ""

    def visit_Module(self, node: cst.Module) -> bool:
        """Plan every rename before the tree is rewritten."""
        scopes = self.metadata[ScopeProvider]
        self.scopes = list(
            {id(s): s for s in scopes.values() if isinstance(s, Scope)}
            .values()
        )
        self.keywords: set[str] = set()
        self.declared: list[tuple[cst.Name, Scope, bool]] = []
        self.spelt: dict[Scope, set[str]] = collections.defaultdict(set)
        self.reading_frames: set[Scope] = set()
        self.source_lines = split_lines(self.source)
        for item, scope in scopes.items():
            if isinstance(item, cst.Arg) and item.keyword is not None:
                self.keywords.add(item.keyword.value)
            elif isinstance(item, cst.FormattedStringExpression):
                if item.equal is not None and isinstance(scope, Scope):
                    self.spelt[scope] |= _variables(item.expression)
            elif isinstance(item, cst.Assign):
                if isinstance(scope, Scope):
                    self.spelt[scope] |= _self_named(item)
            elif isinstance(item, cst.FunctionDef):
                self._note_documented(item, scopes.get(item.params))
            elif isinstance(item, cst.Attribute):
                if item.attr.value in FRAME_NAMESPACES and isinstance(
                    scope, Scope
                ):
                    self.reading_frames.add(scope)
            elif isinstance(item, (cst.Global, cst.Nonlocal)) and isinstance(
                scope, Scope
            ):
                is_global = isinstance(item, cst.Global)
                self.declared.extend(
                    (name.name, scope, is_global) for name in item.names
                )
        self.renames: dict[cst.Name, str] = {}
        self.module_renames: dict[str, str] = {}
        if is_generated(self.source_lines) or not all(
            is_normalized(item.value)
            for item in scopes
            if isinstance(item, cst.Name)
        ):
            return True
        for scope, old, codes in self._reported(self.scopes):
            self._plan(scope, old, codes)
        return True

    def _note_documented(
        self, function: cst.FunctionDef, scope: object
    ) -> None:
        """Note the parameters a function's docstring names (spelt)."""
        if not isinstance(scope, Scope):
            return
        parameters = function.params
        every = [
            *parameters.posonly_params, *parameters.params,
            *parameters.kwonly_params,
        ]
        for extra in (parameters.star_arg, parameters.star_kwarg):
            if isinstance(extra, cst.Param):
                every.append(extra)
        docstring = function.get_docstring(clean=False)
        self.spelt[scope] |= documented(
            (parameter.name.value for parameter in every),
            docstring if isinstance(docstring, str) else None,
        )

    def _reported(
        self, scopes: Iterable[object]
    ) -> Iterator[tuple[Scope, str, set[str]]]:
        """Yield each reported binding: its scope, name and codes."""
        codes_at: dict[tuple[int, int], set[str]] = collections.defaultdict(
            set
        )
        for finding in self.findings:
            codes_at[finding.line, finding.col].add(finding.code)
        done: set[tuple[int, str]] = set()
        for scope in scopes:
            if not isinstance(scope, Scope):
                continue
            for assignment in scope.assignments:
                if not isinstance(assignment, Assignment):
                    continue
                name = _binding_name(assignment.node)
                if name is None or (id(scope), assignment.name) in done:
                    continue
                start = self.position(name).start
                codes = codes_at.get((start.line, start.column))
                if codes:
                    done.add((id(scope), assignment.name))
                    yield scope, assignment.name, codes

    def _plan(self, scope: Scope, old: str, codes: set[str]) -> None:
        """Rename ``old`` in a scope unless that may change meaning.

        The check marks a finding fixable only if this succeeds: both
        ask :func:`rename_target`, on the facts each reads of the scope
        (see ``NameChecker._renamable``). The check also withholds, in
        a fix run, the names the run's other files take
        (``FileContext.outside``): those never reach this fix.
        """
        module_level = isinstance(scope, GlobalScope)
        inner = [other for other in self.scopes if _within(other, scope)]
        reads = ScopeReads(
            _Names(inner),
            set().union(*(self.spelt.get(other, ()) for other in inner)),
            any(
                other in self.reading_frames
                or any(name in other.accesses for name in DYNAMIC_NAMES)
                for other in inner
            ),
        )
        new = rename_target(
            old, codes, reads,
            module_level=module_level, keywords=self.keywords,
        )
        targets = None if new is None else self._uses(scope, old)
        if new is None or targets is None:
            return
        lines = {self.position(target).start.line for target in targets}
        if spoils_layout(
            [self.source_lines[line - 1] for line in sorted(lines)],
            old, new, self.config.max_line_length,
        ):
            return
        for target in targets:
            self.renames[target] = new
        if module_level:
            self.module_renames[old] = new

    def _uses(self, scope: Scope, old: str) -> list[cst.Name] | None:
        """Return every binding and use of a name in a scope.

        Args:
            scope: The scope the name is bound in.
            old: The name.

        Returns:
            The name nodes (``global``/``nonlocal`` declarations
            included), or None when a binding or use is not a plain
            name (an import, a string annotation).
        """
        found: list[cst.Name] = []
        for assignment in scope.assignments[old]:
            if not isinstance(assignment, Assignment) or isinstance(
                assignment, ImportAssignment
            ):
                return None
            name = _binding_name(assignment.node)
            if name is None:
                return None
            found.append(name)
            for access in assignment.references:
                if not isinstance(access.node, cst.Name):
                    return None
                found.append(access.node)
        module_level = isinstance(scope, GlobalScope)
        found.extend(
            name
            for name, where, is_global in self.declared
            if name.value == old
            and is_global == module_level
            and _within(where, scope)
        )
        return found

    def leave_Name(
        self, original_node: cst.Name, updated_node: cst.Name
    ) -> cst.Name:
        """Apply a planned rename."""
        new = self.renames.get(original_node)
        if new is None:
            return updated_node
        return updated_node.with_changes(value=new)

    def leave_Assign(
        self, original_node: cst.Assign, updated_node: cst.Assign
    ) -> cst.Assign:
        """Rename module-level names listed in ``__all__``."""
        if not self.module_renames or not any(
            isinstance(target.target, cst.Name)
            and target.target.value == "__all__"
            for target in updated_node.targets
        ):
            return updated_node
        value = updated_node.value
        if not isinstance(value, (cst.List, cst.Tuple)):
            return updated_node
        elements = [
            self._renamed_entry(element) for element in value.elements
        ]
        return updated_node.with_changes(
            value=value.with_changes(elements=elements)
        )

    def _renamed_entry(self, element: cst.BaseElement) -> cst.BaseElement:
        """Rename one ``__all__`` string if its name was renamed."""
        string = element.value
        if not isinstance(string, cst.SimpleString):
            return element
        text = string.evaluated_value
        if not isinstance(text, str) or text not in self.module_renames:
            return element
        quote = string.quote
        new = self.module_renames[text]
        return element.with_changes(
            value=string.with_changes(
                value=f"{string.prefix}{quote}{new}{quote}"
            )
        )
