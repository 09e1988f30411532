"""Running one fix over a libcst tree (the only libcst user at runtime).

:mod:`stdcheck.fix.engine` imports this module only for a file that
has fixable findings, so checking clean files never loads libcst.

A text is parsed once into a ``MetadataWrapper`` (:func:`parse`) that
every fix run on that text shares: the tree comes from the parser, so
it needs no defensive deep copy, and each metadata provider is
resolved on it at most once.

libcst's visitors recurse once per nesting level, and an implicit
concatenation of many strings nests as deep as it has parts (the
standard library's ``pydoc_data/topics.py`` has thousands). Work that
overflows the recursion limit is run again in a thread with a large
stack and a high limit.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import libcst as cst
from libcst import BatchableCSTVisitor
from libcst.metadata import MetadataWrapper

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.core.interrupts import raise_hidden_interrupt
from stdcheck.fix.base import Fix
from stdcheck.fix.batch import Batch

T = TypeVar("T")
VisitorMethod = Callable[[cst.CSTNode], None]
DEEP_STACK = 512 * 1024 * 1024
"""Bytes of stack for the retry thread (reserved, used on demand)."""
DEEP_RECURSION = 200_000
"""The recursion limit while the retry thread runs."""


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


class FixCrashError(Exception):
    """A fix raised an exception; the message says where."""


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
        module = _deep(cst.parse_module, text)
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
    """  # noqa: STD407  (raised by _guarded)
    return _guarded("rendering the parsed module", lambda: parsed.module.code)


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
    """  # noqa: STD407  (raised by _guarded)

    def transform() -> str:
        return fix(findings, config, path).transform_wrapped(parsed).code

    return _guarded(fix.__name__, transform)


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
    """  # noqa: STD407  (raised by _guarded)
    batch = Batch([fix(found, config, path) for fix, found in fixes])
    code = _guarded(
        "a fix run with others", lambda: batch.transform(parsed).code
    )
    return code, [fixes[index][0] for index in sorted(batch.deferred)]


def _guarded(name: str, work: Callable[[], T]) -> T:
    """Run a fix's work; make any exception a :class:`FixCrashError`.

    Args:
        name: What runs, for the message.
        work: The work.

    Returns:
        What the work returns.

    Raises:
        FixCrashError: If it raised (the exception and its place).
    """
    try:
        return _deep(work)
    except FixCrashError:
        raise
    except RecursionError:
        raise FixCrashError(f"{name} crashed: too deeply nested") from None
    except Exception as error:  # noqa: BLE001  (a bug becomes a report)
        raise_hidden_interrupt(error)
        frame = traceback.extract_tb(error.__traceback__)[-1]
        place = f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
        raise FixCrashError(
            f"{name} crashed: {type(error).__name__}: {error} [{place}]"
        ) from None


def _deep(function: Callable[..., T], *args: object) -> T:
    """Call a function; if it recurses too deeply, retry with room.

    The retry runs in a thread with :data:`DEEP_STACK` bytes of stack
    and the recursion limit raised to :data:`DEEP_RECURSION` (both put
    back afterwards); its exception, if any, is raised here.
    """
    try:
        return function(*args)
    except RecursionError:
        pass  # retried below, with a larger stack
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(function(*args))
        except BaseException as error:  # noqa: STD602  (re-raised below)
            failure.append(error)

    limit = sys.getrecursionlimit()
    try:
        stack = threading.stack_size(DEEP_STACK)
    except (ValueError, RuntimeError):
        raise RecursionError("no thread stack large enough") from None
    try:
        sys.setrecursionlimit(max(limit, DEEP_RECURSION))
        worker = threading.Thread(target=target, name="stdcheck-deep-fix")
        worker.start()
        worker.join()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(stack)
    if failure:
        raise failure[0]
    return outcome[0]
