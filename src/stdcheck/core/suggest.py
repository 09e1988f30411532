"""Suggesting the nearest known word for a misspelled one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Return `` (did you mean `X`?)`` for the nearest known word.

    Case, ``_`` and ``-`` are ignored when comparing, so
    ``max_line_length`` finds ``max-line-length``.

    Args:
        word: What the user wrote.
        known: The words that would have been accepted.

    Returns:
        The suggestion, with a leading space, or ``""`` when no known
        word is close enough to be the one meant.
    """
    by_key = {_key(candidate): candidate for candidate in known}
    close = difflib.get_close_matches(_key(word), by_key, n=1, cutoff=0.75)
    return f" (did you mean `{by_key[close[0]]}`?)" if close else ""


def _key(word: str) -> str:
    """Return a word as compared: lower case, ``_`` read as ``-``."""
    return word.lower().replace("_", "-")
