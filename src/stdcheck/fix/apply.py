"""Running one fix over a libcst tree (the only libcst user at runtime).

:mod:`stdcheck.fix.engine` imports this module only for a file that
has fixable findings, so checking clean files never loads libcst.

A text is parsed once into a ``MetadataWrapper`` (:func:`parse`) that
every fix run on that text shares: the tree comes from the parser, so
it needs no defensive deep copy, and each metadata provider is
resolved on it at most once.

Every fix runs guarded (:mod:`stdcheck.fix.guard`): an exception
becomes a :class:`FixCrashError`, deep recursion a retry with a larger
stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import libcst as cst
from libcst import BatchableCSTVisitor
from libcst.metadata import MetadataWrapper

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.fix.base import Fix
from stdcheck.fix.batch import Batch
from stdcheck.fix.guard import FixCrashError, deep, guarded

__all__ = ["FixCrashError", "Parsed", "parse", "render", "run",
           "run_together"]

VisitorMethod = Callable[[cst.CSTNode], None]


class Parsed(MetadataWrapper):
    """A parsed module with the metadata resolved on it so far.

    Attributes:
        text: The text it was parsed from (fixes read it rather than
            generating the module's code again).
    """

    __slots__ = ("text",)

    def __init__(self, module: cst.Module, text: str) -> None:
        """Wrap a module parsed from a text, without copying it."""
        super().__init__(module, unsafe_skip_copy=True)
        self.text = text

    def visit_batched(
        self,
        visitors: Iterable[BatchableCSTVisitor],
        before_visit: VisitorMethod | None = None,
        after_leave: VisitorMethod | None = None,
    ) -> cst.CSTNode:
        """Run batchable visitors over the module; none, no traversal.

        libcst resolves a provider that is not batchable (positions)
        and then the batchable ones, in one traversal even when there
        are none: that traversal would cost as much as the positions.
        """
        batch = list(visitors)
        if not batch:
            return self.module
        return super().visit_batched(batch, before_visit, after_leave)


def parse(text: str) -> Parsed:
    """Parse text with libcst, ready for fixes to resolve metadata on.

    Args:
        text: The module's source.

    Returns:
        The concrete syntax tree, wrapped (not copied: a parsed tree
        has no duplicate nodes).

    Raises:
        FixCrashError: If libcst cannot parse the text (the engine then
            leaves the file as it is).
    """
    try:
        module = deep(cst.parse_module, text)
    except (cst.ParserSyntaxError, RecursionError) as error:
        message = str(error).strip().splitlines()[0]
        raise FixCrashError(
            f"libcst cannot parse the file: {message}"
        ) from None
    return Parsed(module, text)


def render(parsed: MetadataWrapper) -> str:
    """Return libcst's rendering of a parsed module (its code).

    Args:
        parsed: The module, as :func:`parse` made it.

    Returns:
        Its code.

    Raises:
        FixCrashError: If the module is too deeply nested to render.
    """  # noqa: STD407  (raised by guarded)
    return guarded("rendering the parsed module", lambda: parsed.module.code)


def run(
    fix: type[Fix],
    parsed: MetadataWrapper,
    findings: Sequence[Finding],
    path: str,
    config: Config,
) -> str:
    """Run a fix as a libcst codemod; return the code it generates.

    Args:
        fix: The fix class.
        parsed: The module, as :func:`parse` made it from the current
            text (with the metadata resolved on it so far).
        findings: The fix's findings, positioned in that text.
        path: The file's path (the codemod context's file name).
        config: The file's configuration.

    Returns:
        The new code.

    Raises:
        FixCrashError: If the fix raised (the exception and its place).
    """  # noqa: STD407  (raised by guarded)

    def transform() -> str:
        return fix(findings, config, path).transform_wrapped(parsed).code

    return guarded(fix.__name__, transform)


def run_together(
    fixes: Sequence[tuple[type[Fix], Sequence[Finding]]],
    parsed: MetadataWrapper,
    path: str,
    config: Config,
) -> tuple[str, list[type[Fix]]]:
    """Run fixes in one traversal (:class:`Batch`); return the code.

    Args:
        fixes: Each fix class, with its findings in the parsed text.
        parsed: The module, as :func:`parse` made it.
        path: The file's path (the codemod context's file name).
        config: The file's configuration.

    Returns:
        The new code, and the fixes with a change not taken (they
        are to be run again, alone, on it).

    Raises:
        FixCrashError: If a fix raised (run alone, it says which).
    """  # noqa: STD407  (raised by guarded)
    if len(fixes) == 1:  # nothing to keep apart: no batch to drive
        fix, found = fixes[0]
        return run(fix, parsed, found, path, config), []
    batch = Batch([fix(found, config, path) for fix, found in fixes])
    code = guarded(
        "a fix run with others", lambda: batch.transform(parsed).code
    )
    return code, [fixes[index][0] for index in sorted(batch.deferred)]
