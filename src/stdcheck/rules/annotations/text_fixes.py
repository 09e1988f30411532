"""STD502's fix made on the text alone: ``-> None`` after the ``)``.

Adding ``-> None`` needs no syntax tree beyond the check's: the check
reads each signature's tokens to decide that the annotation fits on
its line or that the signature can be laid out one parameter a line
(:mod:`stdcheck.rules.annotations.signature`); the fix writes what that
reading found. No libcst: a file whose only fixable findings are these
and the layout's is fixed without it.
"""

from __future__ import annotations

from stdcheck.core.ast_fields import all_statements
from stdcheck.core.context import FileContext
from stdcheck.core.engine import context_of
from stdcheck.fix.merge import Hunk
from stdcheck.fix.text import TextFix
from stdcheck.fix.verify import Verify
from stdcheck.rules.annotations.checks import RETURNS_NONE, signature_width
from stdcheck.rules.annotations.signature import (
    INDENT,
    Signature,
    read_signature,
)
from stdcheck.rules.common.definitions import Function


class ReturnsNone(TextFix):
    """Adds ``-> None`` to functions that return nothing (STD502).

    The check marks a finding fixable only when the body has no
    ``return`` of a value, no ``yield`` and is not a placeholder or an
    abstract method, and the annotation fits: after the ``)`` on its
    line, or with the signature laid out as black does (each parameter
    on a line of its own, indented four more than the ``def``, with
    its comma; ``) -> None:`` on the last line).
    """

    codes = ("STD502",)
    verify = Verify.NONE_RETURNS

    def changes(self, text: str, text_lines: list[str]) -> list[Hunk]:
        """Return each reported signature, annotated.

        Args:
            text: The text.
            text_lines: Its lines, endings kept.

        Returns:
            One replacement per signature.
        """
        ctx = context_of(text, self.filename, self.config)
        reported = {finding.line for finding in self.findings}
        hunks = []
        for node in all_statements(ctx.tree):
            if (
                isinstance(node, Function) and node.lineno in reported
                and node.returns is None
            ):
                hunk = _annotated(ctx, node, text_lines)
                if hunk is not None:
                    hunks.append(hunk)
        return hunks


def _annotated(
    ctx: FileContext, node: Function, text_lines: list[str]
) -> Hunk | None:
    """Return a function's signature with ``-> None``, as the check saw.

    Args:
        ctx: The file, as checked.
        node: The function.
        text_lines: The file's lines, endings kept.

    Returns:
        The signature's lines, annotated (laid out again where the
        annotation does not fit on the line of ``)``); None if neither
        fits (the check did not offer the fix).
    """
    signature = read_signature(ctx, node)
    if signature is None:
        return None
    limit = ctx.config.max_line_length
    if signature_width(ctx, node) + len(RETURNS_NONE) <= limit:
        line, column = signature.closed
        old = text_lines[line - 1]
        end = column + len(")")
        return Hunk(line - 1, line, (old[:end] + RETURNS_NONE + old[end:],))
    if signature.wrapped_within(limit, {None: len(RETURNS_NONE)}):
        return _laid_out(signature, node.lineno, text_lines)
    return None


def _laid_out(
    signature: Signature, first: int, text_lines: list[str]
) -> Hunk:
    """Return a signature laid out one parameter a line, annotated.

    Args:
        signature: The signature, one that can be laid out again.
        first: The line of its ``def``.
        text_lines: The file's lines, endings kept.
    """
    head = text_lines[first - 1]
    indent = head[:len(head) - len(head.lstrip(" \t"))]
    tail = text_lines[signature.last - 1]
    newline = tail[len(tail.rstrip("\r\n")):] or "\n"
    inner = indent + " " * INDENT
    after_colon = tail[signature.closed[1] + len(signature.closing):]
    return Hunk(first - 1, signature.last, (
        head[:signature.opened[1]] + newline,
        *(
            f"{inner}{parameter.text},{newline}"
            for parameter in signature.parameters
        ),
        f"{indent}){RETURNS_NONE}{signature.closing[1:]}{after_colon}",
    ))
