"""Fixes for STD5xx made with libcst: explicit ``Optional`` (STD503).

Where the added text makes a signature line longer than
``max-line-length``, the signature is laid out one parameter a line,
as black does (see :mod:`stdcheck.rules.annotations.signature`, which
the checks use to offer the fix only where that fits). ``-> None``
(STD502) is a text edit (:mod:`stdcheck.rules.annotations.text_fixes`).
"""

from __future__ import annotations

from typing import TypeVar

import libcst as cst

from stdcheck.fix.base import Fix, Verify
from stdcheck.rules.annotations.signature import INDENT
from stdcheck.rules.common.added_imports import AddsImports

ITEMS = (cst.Param, cst.ParamStar, cst.ParamSlash)
"""What a parameter list holds, one a line once wrapped."""
NO_SPACE = cst.SimpleWhitespace("")
Item = cst.Param | cst.ParamStar | cst.ParamSlash
LaidOut = TypeVar("LaidOut")

NO_PARENTHESES = (
    cst.Name, cst.Attribute, cst.Subscript, cst.SimpleString,
    cst.BinaryOperation,
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
    verify = Verify.ANNOTATIONS
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

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        """Wrap a signature that an annotation made too long."""
        if not self.findings_in(original_node.params):
            return updated_node
        return within_limit(self, original_node, updated_node)

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


def within_limit(
    fix: Fix, original: cst.FunctionDef, updated: cst.FunctionDef
) -> cst.FunctionDef:
    """Return a changed function, wrapped if its signature is too long.

    The signature is laid out one parameter a line when a line of it
    is longer than ``max-line-length`` and none was before, and it
    holds no comment (a comment is never moved).

    Args:
        fix: The fix that changed the function.
        original: The function before the change.
        updated: The function after it.

    Returns:
        ``updated``, wrapped or not.
    """
    limit = fix.config.max_line_length
    column = fix.position(original).start.column
    header = _header(updated)
    if (
        _widest(header, column) <= limit
        or _widest(_header(original), column) > limit
        or _has_comment(header)
        or _last(updated.params) is None
    ):
        return updated
    return updated.with_changes(
        whitespace_before_params=_line_break(INDENT),
        params=_one_a_line(updated.params),
    )


def _header(node: cst.FunctionDef) -> cst.FunctionDef:
    """Return a function's signature alone (``pass`` as its body)."""
    return node.with_changes(
        body=cst.SimpleStatementSuite([cst.Pass()]),
        decorators=(),
        leading_lines=(),
    )


def _has_comment(node: cst.CSTNode) -> bool:
    """Return whether a node holds a comment.

    A plain visitor: libcst's matchers cost a fifth of a second to
    import, as much as fixing a small file.
    """
    found: list[cst.Comment] = []

    class Comments(cst.CSTVisitor):
        def visit_Comment(self, comment: cst.Comment) -> None:
            found.append(comment)

    node.visit(Comments())
    return bool(found)


def _widest(header: cst.FunctionDef, column: int) -> int:
    """Return the width of the widest line of a signature.

    Args:
        header: The function, as :func:`_header` gives it.
        column: The column of its ``def``, which every line is taken
            to be indented by (continuation lines are written relative
            to the block they are in).
    """
    code = cst.Module([]).code_for_node(header)
    signature = code.rstrip("\r\n").removesuffix(" pass")
    return column + max(map(len, signature.splitlines()))


def _line_break(indent: int) -> cst.ParenthesizedWhitespace:
    """Return a line break, then ``indent`` more than the block's."""
    return cst.ParenthesizedWhitespace(
        indent=True, last_line=cst.SimpleWhitespace(" " * indent)
    )


def _one_a_line(params: cst.Parameters) -> cst.Parameters:
    """Return the parameters laid out one a line, black's way.

    Each (``*`` and ``/`` too) is followed by a comma and a line break,
    indented :data:`INDENT` more than the ``def``, the last one back to
    the ``def``'s indentation. The trailing comma is legal after
    ``*args`` and ``**kwargs`` on every supported target (3.8+).
    """
    last = _last(params)

    def lay(item: LaidOut) -> LaidOut:
        """Lay one item out (a missing ``*``/``/`` stays missing)."""
        if not isinstance(item, ITEMS):
            return item
        comma = cst.Comma(
            whitespace_after=_line_break(0 if item is last else INDENT)
        )
        if isinstance(item, cst.ParamSlash):
            return item.with_changes(comma=comma, whitespace_after=NO_SPACE)
        if isinstance(item, cst.ParamStar):
            return item.with_changes(comma=comma)
        return item.with_changes(comma=comma, whitespace_after_param=NO_SPACE)

    return params.with_changes(
        posonly_params=[lay(item) for item in params.posonly_params],
        posonly_ind=lay(params.posonly_ind),
        params=[lay(item) for item in params.params],
        star_arg=lay(params.star_arg),
        kwonly_params=[lay(item) for item in params.kwonly_params],
        star_kwarg=lay(params.star_kwarg),
    )


def _last(params: cst.Parameters) -> Item | None:
    """Return the last parameter (or ``*`` or ``/``) as written."""
    groups = (
        [params.star_kwarg], params.kwonly_params, [params.star_arg],
        params.params, [params.posonly_ind], params.posonly_params,
    )
    for group in groups:
        if group and isinstance(group[-1], ITEMS):
            return group[-1]
    return None
