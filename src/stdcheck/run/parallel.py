"""Running a function over many items in worker processes, in order.

Items are sent in chunks (one round trip per chunk, not per item) and
the results come back in the items' order, so a parallel run prints
exactly what a single-process run prints. Too few items to pay for
starting processes are handled in the calling process. Ctrl-C reaches
the calling process only (as in flake8): it stops handing out work and
the command ends as click ends an interrupted one. A worker whose
calling process is gone (killed) exits on its own.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS_PER_PROCESS = 8
CHUNKS_PER_PROCESS = 16
PARENT_POLL_SECONDS = 0.2


def available_cores() -> int:
    """Return how many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows
        return os.cpu_count() or 1


def map_in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int,
    per_process: int = MIN_ITEMS_PER_PROCESS,
) -> Iterator[Result]:
    """Apply a function to every item, in up to ``jobs`` processes.

    Args:
        function: A module-level function (workers import it by name).
        items: Its arguments; picklable.
        jobs: The most processes to use; 1 runs in this process.
        per_process: The fewest items worth a process of their own.

    Returns:
        The results, in the order of the items, each as soon as it and
        those before it are done.
    """
    jobs = min(jobs, len(items) // per_process)
    if jobs <= 1:
        return map(function, items)
    return _in_workers(function, items, jobs)


def _in_workers(
    function: Callable[[Item], Result], items: Sequence[Item], jobs: int
) -> Iterator[Result]:
    """Yield the results of worker processes, in the items' order."""
    from concurrent.futures import ProcessPoolExecutor

    size = math.ceil(len(items) / (jobs * CHUNKS_PER_PROCESS))
    chunks = [items[at:at + size] for at in range(0, len(items), size)]
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        for results in pool.map(_apply, repeat(function), chunks):
            yield from results
    finally:  # also when interrupted or closed early: start no more
        pool.shutdown(cancel_futures=True)


def _start_worker(parent: int) -> None:
    """Leave Ctrl-C to the parent, and end if the parent is killed.

    A worker waits for work on a pipe that the other workers also hold
    open, so it would never see the parent go: it would linger, and
    keep the parent's output pipes open for whoever waits on them.

    Args:
        parent: The process that started the worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(
        target=_exit_without, args=(parent,), daemon=True
    ).start()


def _exit_without(parent: int) -> None:
    """End this process once its parent has gone (a watcher thread)."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _apply(
    function: Callable[[Item], Result], chunk: Sequence[Item]
) -> list[Result]:
    """Apply a function to one chunk of items (in a worker)."""
    return [function(item) for item in chunk]


def _context() -> BaseContext:
    """Fork on Linux (workers start with stdcheck already imported)."""
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover
