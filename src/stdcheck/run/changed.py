"""Changed lines: which lines of each file differ from a git revision.

``--diff-base REF`` keeps only findings on lines added or changed since
``REF``, comparing the work tree as it is (staged or not) with the
commit. A file that ``REF`` does not hold is new: every line of it
counts, so file-level findings (a missing module docstring) do too.

git only hands over the revision's blobs (:mod:`stdcheck.run.git`);
the comparison is made here, line by line, so that no diff driver,
textconv or clean filter of the checked repository ever runs. Line
endings are not compared (a file checked out with CRLF is unchanged).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from stdcheck.core.source import split_lines
from stdcheck.run import git

Lines = frozenset[int] | None
"""The changed lines of a file (1-based); None: the file is new."""


def changed_lines(
    paths: Sequence[str], ref: str, folder: Path
) -> dict[str, Lines]:
    """Return the lines of each file that changed since a revision.

    Args:
        paths: The files, as checked (relative to the current folder
            or absolute).
        ref: A git revision of the repository that holds ``folder``.
        folder: The folder the run started in.

    Returns:
        Each path's changed lines; None for files ``ref`` lacks
        (files outside the work tree, untracked or added since).

    Raises:
        GitError: If ``folder`` is not in a git work tree or ``ref``
            names no commit.
    """  # noqa: STD407  (raised by the git module)
    top = git.toplevel(folder)
    commit = git.resolve_commit(ref, folder)
    blobs = git.tree_blobs(commit, folder)
    names: dict[str, str] = {}
    for path in paths:
        try:
            inside = Path(path).resolve().relative_to(top).as_posix()
        except (ValueError, OSError, RuntimeError):
            continue
        if inside in blobs:
            names[path] = blobs[inside]
    contents = git.read_objects(names.values(), folder)
    found: dict[str, Lines] = {}
    for path in paths:
        old = contents.get(names.get(path, ""))
        found[path] = None if old is None else _changed(old, _read(path))
    return found


def _read(path: str) -> bytes:
    """Return a file's bytes (empty if it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _changed(old: bytes, new: bytes) -> frozenset[int]:
    """Return the lines of ``new`` that are not lines of ``old``."""
    if old == new:
        return frozenset()
    return frozenset(
        number
        for number, source in enumerate(
            matches(_split(old), _split(new)), start=1
        )
        if source is None
    )


def _split(data: bytes) -> list[bytes]:
    """Split bytes into lines, without their ends (``\\n``, ``\\r``)."""
    return data.splitlines()


def matches(old: Sequence[object], new: Sequence[object]) -> list[int | None]:
    """Return, for each line of ``new``, the line of ``old`` it keeps.

    Args:
        old: The lines before.
        new: The lines after.

    Returns:
        For each line of ``new``, the 0-based index of the same line
        in ``old``, or None if it was added or changed.
    """
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while (
        tail < limit - head
        and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]
    ):
        tail += 1
    found: list[int | None] = list(range(head))
    middle: list[int | None] = [None] * (len(new) - head - tail)
    matcher = difflib.SequenceMatcher(
        None, old[head:len(old) - tail], new[head:len(new) - tail],
        autojunk=False,
    )
    for tag, old_start, _, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(new_end - new_start):
                middle[new_start + offset] = head + old_start + offset
    found += middle
    found += range(len(old) - tail, len(old))
    return found


def follow(changed: Lines, before: str, after: str) -> Lines:
    """Carry a file's changed lines across an edit (a fix).

    A line of ``after`` counts as changed if the edit made it, or if
    it is a line of ``before`` that counted as changed.

    Args:
        changed: The changed lines of ``before`` (None: all).
        before: The text before the edit.
        after: The text after it.

    Returns:
        The changed lines of ``after``.
    """
    if changed is None:
        return None
    kept = matches(_text_lines(before), _text_lines(after))
    return frozenset(
        number
        for number, source in enumerate(kept, start=1)
        if source is None or source + 1 in changed
    )


def _text_lines(text: str) -> list[str]:
    """Split text as findings count lines, without the line endings."""
    return [line.rstrip("\r\n") for line in split_lines(text)]
