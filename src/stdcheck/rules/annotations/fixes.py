"""Fixes for STD5xx: ``-> None`` and explicit ``Optional``."""

from __future__ import annotations

import libcst as cst

from stdcheck.fix.base import Fix, Verify
from stdcheck.rules.common.added_imports import AddsImports

NO_PARENTHESES = (
    cst.Name, cst.Attribute, cst.Subscript, cst.SimpleString,
    cst.BinaryOperation,
)


class ReturnsNone(Fix):
    """Adds ``-> None`` to functions that return nothing (STD502).

    The check marks a finding fixable only when the body has no
    ``return`` of a value, no ``yield`` and is not a placeholder or an
    abstract method; the annotation changes no behaviour.
    """

    codes = ("STD502",)
    verify = Verify.PARSES
    local = True

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        """Annotate a reported function."""
        line = self.position(original_node.name).start.line
        if line not in self.lines or updated_node.returns is not None:
            return updated_node
        return updated_node.with_changes(
            returns=cst.Annotation(cst.Name("None"))
        )


class ExplicitOptional(AddsImports):
    """Makes ``T = None`` read ``T | None`` or ``Optional[T]`` (STD503).

    ``T | None`` where the configured ``target-version`` is py310 or
    later, else ``Optional[T]`` with ``from typing import Optional``
    added (libcst's ``AddImportsVisitor``). A string annotation gets the
    same change inside the string; one made of concatenated strings is
    left alone (the check offers no fix for it: ``("int" "") | None``
    raises where the annotation is evaluated).
    """

    codes = ("STD503",)
    verify = Verify.PARSES
    local = True

    def leave_Annotation(
        self, original_node: cst.Annotation, updated_node: cst.Annotation
    ) -> cst.Annotation:
        """Rewrite a reported annotation."""
        annotation = updated_node.annotation
        if self.finding_at(original_node.annotation) is None or isinstance(
            annotation, cst.ConcatenatedString
        ):
            return updated_node
        if isinstance(annotation, cst.SimpleString):
            text = annotation.raw_value
            quote = annotation.quote
            inner = self._optional_text(text)
            return updated_node.with_changes(
                annotation=annotation.with_changes(
                    value=f"{annotation.prefix}{quote}{inner}{quote}"
                )
            )
        return updated_node.with_changes(
            annotation=self._optional(annotation)
        )

    def _pep604(self) -> bool:
        """Return whether the target Python reads ``X | None``."""
        return self.config.target_minor >= 10

    def _optional(self, annotation: cst.BaseExpression) -> cst.BaseExpression:
        """Return ``annotation | None`` or ``Optional[annotation]``."""
        if self._pep604():
            left = annotation
            if not isinstance(annotation, NO_PARENTHESES):
                left = annotation.with_changes(
                    lpar=[cst.LeftParen()], rpar=[cst.RightParen()]
                )
            return cst.BinaryOperation(
                left, cst.BitOr(), cst.Name("None")
            )
        self.add_needed_import("typing", "Optional")
        return cst.Subscript(
            cst.Name("Optional"),
            [cst.SubscriptElement(cst.Index(annotation))],
        )

    def _optional_text(self, text: str) -> str:
        """Return the text of a string annotation, made optional."""
        if self._pep604():
            return f"{text} | None"
        self.add_needed_import("typing", "Optional")
        return f"Optional[{text}]"
