"""Combining the results of fixes that ran on the same text."""

from __future__ import annotations

from stdcheck.fix.merge import Edits, Hunk, hunks, lines

BASE = "a = 1\nb = 2\nc = 3\nd = 4\n"


def test_hunks_rebuild_the_result() -> None:
    after = "a = 1\nB = 2\nc = 3\nd = 4\ne = 5\n"
    found = hunks(lines(BASE), lines(after))
    assert found == [Hunk(1, 2, ("B = 2\n",)), Hunk(4, 4, ("e = 5\n",))]
    assert Edits(lines(BASE)).text(found) == after


def test_results_a_line_apart_are_combined() -> None:
    edits = Edits(lines(BASE))
    first = edits.combined("A = 1\nb = 2\nc = 3\nd = 4\n")
    assert first is not None
    edits.take(first[1])
    second = edits.combined("a = 1\nb = 2\nC = 3\nd = 4\n")
    assert second is not None
    assert second[0] == "A = 1\nb = 2\nC = 3\nd = 4\n"


def test_results_on_neighbouring_lines_are_not_combined() -> None:
    edits = Edits(lines(BASE))
    first = edits.combined("a = 1\nB = 2\nc = 3\nd = 4\n")
    assert first is not None
    edits.take(first[1])
    assert edits.combined("a = 1\nb = 2\nC = 3\nd = 4\n") is None
    assert edits.combined("a = 1\nb = 2\n\nc = 3\nd = 4\n") is None


def test_lines_split_at_newlines_only() -> None:
    assert lines("a\x0cb\r\nc\rd") == ["a\x0cb\r\n", "c\r", "d"]


def _after_one(first: str) -> Edits:
    """Return exact edits of BASE that took one result."""
    edits = Edits(lines(BASE), adjacent=True)
    taken = edits.combined(first)
    assert taken is not None
    edits.take(taken[1])
    return edits


def test_exact_results_on_neighbouring_lines_are_combined() -> None:
    edits = _after_one("a = 1\nB = 2\nc = 3\nd = 4\n")
    second = edits.combined("a = 1\nb = 2\nC = 3\nd = 4\n")
    assert second is not None
    assert second[0] == "a = 1\nB = 2\nC = 3\nd = 4\n"
    assert edits.combined("a = 1\nb = 22\nc = 3\nd = 4\n") is None


def test_an_insertion_goes_before_the_line_replaced_there() -> None:
    edits = _after_one("a = 1\nB = 2\nc = 3\nd = 4\n")
    inserted = edits.combined("a = 1\n\nb = 2\nc = 3\nd = 4\n")
    assert inserted is not None
    assert inserted[0] == "a = 1\n\nB = 2\nc = 3\nd = 4\n"
    edits.take(inserted[1])
    assert edits.combined("a = 1\n# x\nb = 2\nc = 3\nd = 4\n") is None
