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

import traceback
from collections.abc import Callable
from typing import TypeVar

from stdcheck.core.deep import in_deep_thread
from stdcheck.core.interrupts import raise_hidden_interrupt

T = TypeVar("T")


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

    The retry runs in a thread with a large stack and a raised
    recursion limit (:func:`stdcheck.core.deep.in_deep_thread`); its
    exception, if any, is raised here.
    """
    try:
        return function(*args)
    except RecursionError:
        return in_deep_thread(function, *args)
