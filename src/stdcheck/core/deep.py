"""Running recursive code nested deeper than the recursion limit allows.

A thread with a large stack runs the function while the recursion
limit is raised (both put back afterwards). The fixes use it for
libcst's visitors over deeply nested code, the configuration for a
deeply nested ``pyproject.toml``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
DEEP_STACK = 512 * 1024 * 1024
"""Bytes of stack for the thread (reserved, used on demand)."""
DEEP_RECURSION = 200_000
"""The recursion limit while the thread runs."""


def in_deep_thread(function: Callable[..., T], *args: object) -> T:
    """Call a function in a thread with room to recurse.

    Args:
        function: The function.
        *args: Its arguments.

    Returns:
        What it returns.

    Raises:
        RecursionError: If no thread stack large enough can be had,
            or it recurses deeper still.
    """  # noqa: STD405  (the thread's own exception is raised too)
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
        worker = threading.Thread(target=target, name="stdcheck-deep")
        worker.start()
        worker.join()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(stack)
    if failure:
        raise failure[0]
    return outcome[0]
