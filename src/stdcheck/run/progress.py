"""A progress bar on standard error for long ``check`` and ``fix`` runs.

Drawn only on a terminal, and only once a run has taken about a second
(a pre-commit run of a few files never shows it); ``--no-progress``
turns it off. Before each file's result is handed on (and perhaps
printed), the bar's line is cleared, so output and bar never mix.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
DELAY = 1.0
"""Seconds a run takes before the bar is drawn."""
INTERVAL = 0.1
"""The fewest seconds between two drawings."""
WIDTH = 30
"""Characters of the bar itself."""


class Progress:
    """Files done out of a total, drawn on a terminal stream.

    Attributes:
        total: How many files the run has.
        done: How many are done.
    """

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Start counting; draw nothing yet.

        Args:
            total: How many files the run has.
            stream: Where to draw (standard error by default).
            enabled: False for ``--no-progress``.
            clock: The time source (seconds).
        """
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and _is_terminal(self.stream)
        self.clock = clock
        self.start = clock()
        self.drawn_at: float | None = None

    def advance(self) -> None:
        """Count one file done; draw if it is time to."""
        self.done += 1
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < DELAY or (
            self.drawn_at is not None and now - self.drawn_at < INTERVAL
        ):
            return
        filled = WIDTH * self.done // max(self.total, 1)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] "
            f"{self.done}/{self.total} files, {now - self.start:.1f} s"
        )
        self.stream.flush()
        self.drawn_at = now

    def clear(self) -> None:
        """Erase the bar, if drawn, for other output to start clean."""
        if self.drawn_at is not None:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn_at = None


def tracked(items: Iterable[T], progress: Progress) -> Iterator[T]:
    """Yield items (one a file), advancing and clearing the bar.

    Args:
        items: The results, one per file.
        progress: The bar to advance.

    Yields:
        Each item, with the bar cleared while the caller handles it.
    """
    try:
        for item in items:
            progress.clear()
            yield item
            progress.advance()
    finally:
        progress.clear()


def _is_terminal(stream: TextIO) -> bool:
    """Return whether a stream is a terminal (False if unknown)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
