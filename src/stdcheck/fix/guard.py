"""Running a fix's code: its crash is a report, its recursion a retry.

A fix is code like any other: a bug in it must not end the run. Its
exception becomes a :class:`FixCrashError` naming the fix and the place,
which the engine reports for that file.

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
from collections.abc import Callable
from typing import TypeVar

from stdcheck.core.interrupts import raise_hidden_interrupt

T = TypeVar("T")
DEEP_STACK = 512 * 1024 * 1024
"""Bytes of stack for the retry thread (reserved, used on demand)."""
DEEP_RECURSION = 200_000
"""The recursion limit while the retry thread runs."""


class FixCrashError(Exception):
    """A fix raised an exception; the message says where."""


def guarded(name: str, work: Callable[[], T]) -> T:
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
        return deep(work)
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


def deep(function: Callable[..., T], *args: object) -> T:
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
