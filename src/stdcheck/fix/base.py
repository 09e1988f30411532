"""What a fix is: a libcst transformer for some rules' findings.

A family's fixes live beside its checks, in its package's ``fixes``
module (``stdcheck/rules/layout/fixes.py`` for STD1xx, ...), as
:class:`Fix` subclasses. Defining the class registers it under its
:attr:`Fix.codes`, and the engine imports the module of the finding's
family (:data:`stdcheck.rules.FAMILIES` says which have one): nothing
else is needed. A minimal fix::

    import libcst as cst

    from stdcheck.fix.base import Fix, Verify


    class DoubleQuotedDocstrings(Fix):
        \"\"\"Writes docstrings with double quotes (STD404).\"\"\"

        codes = ("STD404",)
        verify = Verify.SAME_AST

        def leave_SimpleString(
            self, original: cst.SimpleString, updated: cst.SimpleString
        ) -> cst.SimpleString:
            \"\"\"Requote a reported docstring.\"\"\"
            if self.finding_at(original) is None:
                return updated
            return updated.with_changes(value=...)

How the engine runs a fix (see :mod:`stdcheck.fix.engine`):

- It checks the file first and opens it with libcst only if some
  finding is fixable: its rule has a registered fix and its safety
  (``Finding.fix``) is allowed (safe; unsafe only with
  ``--unsafe-fixes``). Findings silenced by ``noqa`` or not selected
  never reach a fix.
- It builds one instance per fix class and file, passing only that
  class's allowed findings, with positions valid for the tree it
  transforms, and runs it over a ``MetadataWrapper`` shared by the
  fixes that run on the same text (so each metadata provider is
  resolved once per text), alone (:meth:`Fix.transform_wrapped`) or
  with the pass's other fixes in one traversal
  (:mod:`stdcheck.fix.batch`); imports scheduled with
  :meth:`Fix.add_needed_import` are added afterwards by libcst's
  codemod helper, as its codemod commands do.
- It checks the result as :attr:`Fix.verify` says. A result that fails
  is dropped (the file stays as it was before that fix) and reported as
  an error: a refused fix is a bug in the fix, never the user's problem.
- It re-checks the new text and repeats until nothing changes, so a fix
  may leave work that another fix (or itself, on the next pass) does.
  A finding the fix leaves as it is simply stays reported; a fix that
  keeps changing the text (not idempotent) is reported after 10 passes
  and the file is left untouched.

Rules for fix authors:

- Change only what the findings point at; return ``updated_node``
  unchanged elsewhere. Use :meth:`finding_at`, :meth:`findings_in` and
  :attr:`lines` to decide.
- Declare extra metadata in ``METADATA_DEPENDENCIES`` as usual (libcst
  merges the declarations of the whole class hierarchy, so the
  ``PositionProvider`` declared here stays available).
- Prefer libcst helpers (``ScopeProvider``, ``QualifiedNameProvider``,
  ``AddImportsVisitor``) to hand-made analysis.
- Choose the strictest :class:`Verify` mode that your fix satisfies.
- Test with ``tests/fixing.py``'s ``assert_fix`` (before, after,
  idempotence and verification in one call).
- A fix is a function of the text, its findings and the
  configuration. The fixes of one pass all run on the same text, and
  their results are combined where they change lines apart (see
  :meth:`stdcheck.fix.engine._Fixer.together`).
- A fix is a plain ``CSTTransformer``, without libcst's codemod
  and matcher machinery: importing those costs more than fixing a
  file (they are imported only for a fix that adds an import).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

import libcst as cst
from libcst.metadata import (
    CodeRange,
    MetadataWrapper,
    PositionProvider,
    ProviderT,
)

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.fix.registered import RegisteredFix
from stdcheck.fix.verify import Verify

if TYPE_CHECKING:
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import ImportItem

__all__ = ["Fix", "Verify"]

ATTRIBUTE_HOOK = re.compile(r"(visit|leave)_[A-Za-z]+_\w+")
"""The name of a libcst attribute hook (``visit_If_body``): node
class names have no underscore."""
Node = TypeVar("Node", bound=cst.CSTNode)


class Fix(RegisteredFix, cst.CSTTransformer):
    """A transformer that fixes the findings of the codes it names.

    Subclasses set :attr:`codes`, :attr:`verify` and :attr:`stage`
    (:class:`~stdcheck.fix.registered.RegisteredFix`) and override the
    usual ``visit_*``/``leave_*`` methods of a libcst transformer. The
    findings are this fix's codes only, enabled, not silenced, of an
    allowed safety.

    Attributes:
        local: Whether the fix changes only nodes whose lines hold
            the start of one of its findings (class attribute): then
            the nodes under one whose lines hold none are not visited.
        region: What the fix reads and changes around its findings
            (class attribute; :mod:`stdcheck.fix.regions` says what
            each kind holds; ``""``: the whole module). The engine gives
            such a fix those statements alone, parsed on their own,
            when it can; :meth:`region_of` may say otherwise for one
            finding.
        lines: The lines on which those findings start.
        attribute_hooks: Whether the fix has hooks on nodes' fields
            (``visit_<Node>_<field>``).
    """

    local: ClassVar[bool] = False
    region: ClassVar[str] = ""
    METADATA_DEPENDENCIES: ClassVar[Collection[ProviderT]] = (
        PositionProvider,
    )

    def __init__(
        self,
        findings: Sequence[Finding],
        config: Config | None = None,
        filename: str = "example.py",
    ) -> None:
        """Fix the given findings of one module.

        Args:
            findings: The findings this fix should fix.
            config: The file's configuration (defaults if None).
            filename: The file's path.
        """
        super().__init__(findings, config, filename)
        self.lines = frozenset(finding.line for finding in self.findings)
        self._sorted_lines = sorted(self.lines)
        self.wrapper: MetadataWrapper | None = None
        self._context: CodemodContext | None = None
        self._hooks = _own_hooks(type(self))
        self.attribute_hooks = any(
            ATTRIBUTE_HOOK.fullmatch(name) for name in self._hooks
        )

    @classmethod
    def region_of(cls, finding: Finding, text: str) -> str:
        """Return what the fix reads around one finding of a text.

        Args:
            finding: One of the fix's findings.
            text: The text it is in.

        Returns:
            A kind of :mod:`stdcheck.fix.regions`, or ``""`` for the
            whole module: :attr:`region` unless a fix says otherwise.
        """
        return cls.region

    @property
    def source(self) -> str:
        """Return the text of the module being fixed."""
        assert self.wrapper is not None, "only while transforming"
        text = getattr(self.wrapper, "text", None)
        return text if isinstance(text, str) else self.wrapper.module.code

    def add_needed_import(self, module: str, obj: str | None = None,
                          asname: str | None = None) -> None:
        """Schedule an import to add once the tree is transformed.

        libcst's ``AddImportsVisitor`` adds it (if not there already),
        as after a codemod command.

        Args:
            module: The module (``typing``).
            obj: The name imported from it, if any (``Optional``).
            asname: The name it is bound to, if another.
        """
        from libcst.codemod import CodemodContext
        from libcst.codemod.visitors import AddImportsVisitor

        if self._context is None:
            self._context = CodemodContext(filename=self.filename)
        AddImportsVisitor.add_needed_import(
            self._context, module, obj, asname
        )

    def transform_wrapped(self, wrapper: MetadataWrapper) -> cst.Module:
        """Transform a parsed module, reusing (adding to) its metadata.

        What libcst's ``transform_module`` does, on a wrapper made by
        the caller rather than on a deep copy of the module: the
        metadata already resolved on it is reused, and what this fix
        resolves stays there for the next fix on the same text.

        Args:
            wrapper: The module, without duplicate nodes (parsed).

        Returns:
            The transformed module, with scheduled imports added.
        """
        with self.resolve(wrapper):
            self.wrapper = wrapper
            try:
                tree = wrapper.module.visit(self)
            finally:
                self.wrapper = None
        return self.imports_added(tree, wrapper.module)

    def scheduled_imports(self) -> Sequence[ImportItem]:
        """Return the imports :meth:`add_needed_import` scheduled."""
        if self._context is None:
            return ()
        from libcst.codemod.visitors import AddImportsVisitor

        found: Sequence[ImportItem] = self._context.scratch.get(
            AddImportsVisitor.CONTEXT_KEY, ()
        )
        return found

    def imports_added(
        self, tree: cst.Module, original: cst.Module
    ) -> cst.Module:
        """Return a transformed tree with the scheduled imports in.

        Args:
            tree: The transformed module.
            original: The module as parsed (what it imported).

        Returns:
            The module with the imports added.
        """
        if self._context is None:
            return tree
        from libcst.codemod.visitors import AddImportsVisitor

        return AddImportsVisitor(self._context).transform_module(tree)

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Dispatch to ``visit_<Node>``.

        Only the hooks a subclass defines are looked up: libcst's base
        classes define every one as a no-op, and calling those for
        each node costs as much as the traversal itself.

        A :attr:`local` fix does not enter a node whose lines hold no
        finding (its ``leave_<Node>`` still sees it, unchanged).
        """
        if self.local and not self._holds_finding(node):
            return False
        name = "visit_" + type(node).__name__
        if name not in self._hooks:
            return True  # libcst's own visit_<Node> do nothing
        return getattr(self, name)(node) is not False

    def _holds_finding(self, node: cst.CSTNode) -> bool:
        """Return whether a finding starts on one of a node's lines."""
        span = self.get_metadata(PositionProvider, node, None)
        if span is None:
            return True
        index = bisect.bisect_left(self._sorted_lines, span.start.line)
        return index < len(self._sorted_lines) and (
            self._sorted_lines[index] <= span.end.line
        )

    def on_leave(
        self, original_node: Node, updated_node: Node
    ) -> Node | cst.RemovalSentinel:
        """Dispatch to ``leave_<Node>``."""
        name = "leave_" + type(original_node).__name__
        if name not in self._hooks:
            return updated_node
        # A flattened node is only returned where its parent takes a
        # sequence.
        return cast(
            "Node | cst.RemovalSentinel",
            getattr(self, name)(original_node, updated_node),
        )

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        """Call ``visit_<Node>_<attribute>``, if the fix has any."""
        if self.attribute_hooks:
            super().on_visit_attribute(node, attribute)

    def on_leave_attribute(
        self, original_node: cst.CSTNode, attribute: str
    ) -> None:
        """Call ``leave_<Node>_<attribute>``, if the fix has any."""
        if self.attribute_hooks:
            super().on_leave_attribute(original_node, attribute)

    def position(self, node: cst.CSTNode) -> CodeRange:
        """Return where a node is: lines 1-based, columns 0-based.

        Columns count characters, as a :class:`Finding`'s do, so a
        finding's ``(line, col)`` can be compared with ``start``.
        """
        return self.get_metadata(PositionProvider, node)

    def findings_in(
        self, node: cst.CSTNode, codes: Collection[str] = ()
    ) -> list[Finding]:
        """Return the findings that start inside a node's span.

        Args:
            node: A node of the original tree.
            codes: Only these codes (all of this fix's when empty).

        Returns:
            The findings, in order.
        """
        span = self.position(node)
        start = (span.start.line, span.start.column)
        end = (span.end.line, span.end.column)
        return [
            finding
            for finding in self.findings
            if start <= (finding.line, finding.col) <= end
            and (not codes or finding.code in codes)
        ]

    def finding_at(
        self, node: cst.CSTNode, codes: Collection[str] = ()
    ) -> Finding | None:
        """Return the first finding that starts where a node starts.

        Args:
            node: A node of the original tree.
            codes: Only these codes (all of this fix's when empty).

        Returns:
            The finding, or None.
        """
        start = self.position(node).start
        for finding in self.findings:
            if (finding.line, finding.col) == (start.line, start.column) and (
                not codes or finding.code in codes
            ):
                return finding
        return None


@functools.cache
def _own_hooks(fix: type[Fix]) -> frozenset[str]:
    """Return the ``visit_``/``leave_`` hooks not libcst's own no-ops.

    Wherever they are defined (the fix class, a base or a mixin), a
    hook counts unless libcst defines it.
    """
    return frozenset(
        name
        for name in dir(fix)
        if name.startswith(("visit_", "leave_"))
        and not getattr(fix, name).__module__.startswith("libcst")
    )
