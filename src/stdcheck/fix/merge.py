"""Combining fixes made on the same text, when their lines are apart.

Fixes of one pass that run on the same text each change some lines of
it. When no two fixes change the same or neighbouring lines, their
changes can be combined without running the later fix again on the
earlier one's result: :class:`Edits` collects them, refuses one that
comes too close to another, and writes the combined text.
"""

from __future__ import annotations

import collections
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from stdcheck.core.findings import Finding

TOKEN = re.compile(r"\w+|\W+")
"""A word, or the text between two words."""
WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\d+")


def lines(text: str) -> list[str]:
    """Split text at newlines only (not at form feeds), keeping them."""
    return io.StringIO(text, newline="").readlines()


@dataclass(frozen=True)
class Hunk:
    """Lines ``start`` to ``end`` (0-based, end excluded) replaced.

    Attributes:
        start: The first line replaced (where lines are inserted).
        end: The line after the last one replaced.
        new: The lines put in their place.
    """

    start: int
    end: int
    new: tuple[str, ...]

    def near(self, other: Hunk) -> bool:
        """Return whether two hunks overlap or have no line between."""
        return self.start <= other.end and other.start <= self.end

    def overlaps(self, other: Hunk) -> bool:
        """Return whether two hunks share a line or insert at one place.

        Two insertions before the same line have no order; an insertion
        before a replaced line goes first (:meth:`Edits.text`).
        """
        if self.start == self.end == other.start == other.end:
            return True
        return self.start < other.end and other.start < self.end


def hunks(before: list[str], after: list[str]) -> list[Hunk]:
    """Return the changes that turn one list of lines into another.

    difflib's "popular line" heuristic stays on: without it, the many
    blank lines of a long module make matching ten times slower. The
    hunks are exact either way, at most coarser.
    """
    matcher = difflib.SequenceMatcher(None, before, after)
    return [
        Hunk(start, end, tuple(after[new_start:new_end]))
        for tag, start, end, new_start, new_end in matcher.get_opcodes()
        if tag != "equal"
    ]


@dataclass
class Edits:
    """Changes of several fixes to one text, kept apart by a line.

    Attributes:
        base: The lines of the text the fixes ran on.
        taken: The hunks accepted so far.
        adjacent: Whether hunks may touch (no line between them), when
            each is exact: a text fix's lines, a region's.
    """

    base: list[str]
    taken: list[Hunk] = field(default_factory=list)
    adjacent: bool = False

    def combined(self, after: str) -> tuple[str, list[Hunk]] | None:
        """Return the text with another fix's result added, if apart.

        Args:
            after: What one fix made of the base text.

        Returns:
            The base text with the accepted hunks and this result's,
            and this result's hunks (for :meth:`take`); None if one
            of them is near an accepted hunk.
        """
        added = hunks(self.base, lines(after))
        if any(
            new.overlaps(old) if self.adjacent else new.near(old)
            for new in added for old in self.taken
        ):
            return None
        return self.text(self.taken + added), added

    def take(self, added: list[Hunk]) -> None:
        """Accept the hunks of a result that :meth:`combined` took."""
        self.taken += added

    def text(self, changes: list[Hunk]) -> str:
        """Return the base text with non-overlapping hunks applied."""
        out: list[str] = []
        done = 0
        for hunk in sorted(changes, key=lambda hunk: (hunk.start, hunk.end)):
            out += self.base[done:hunk.start]
            out += hunk.new
            done = hunk.end
        out += self.base[done:]
        return "".join(out)


def rebase(text: str, base: str, new: str) -> str | None:
    """Carry a change of one text over to another, alike but for lines.

    libcst renders a few texts not quite as written (``base`` is its
    rendering of ``text``: a space dropped in ``except (A, B) :``, a
    form feed dropped or repeated on the next line, the last ``\r`` of
    a file whose lines end so); a fix's result ``new`` is its rendering
    with the fix's changes. Those changes are applied to ``text``.

    Args:
        text: The text as written.
        base: libcst's rendering of it, as many lines long.
        new: The fix's result, rendered.

    Returns:
        ``text`` with the changes; None if the two texts differ in
        line count or a change is next to a line where they differ.
    """
    drift = hunks(lines(base), lines(text))
    if any(len(hunk.new) != hunk.end - hunk.start for hunk in drift):
        return None
    changes = hunks(lines(base), lines(new))
    if any(change.near(other) for change in changes for other in drift):
        return None
    return Edits(lines(text)).text(changes)


def created(
    changes: list[Hunk],
    old: Sequence[Finding],
    new: Sequence[Finding],
    before: Sequence[str],
) -> dict[Hunk, list[Finding]]:
    """Return the findings a change adds on the lines it touched.

    A finding is added if the new text has more findings with its code
    and message than the old one had anywhere (a finding that moved
    with its line, or a file-level one reported on line 1, is not
    added), it is on a line a hunk wrote (for a deletion, the line
    after it), and it is not the finding the line had before it was
    rewritten in place (:func:`same_finding`: a rename changes the
    name in a message, a shorter line the length in one).

    Args:
        changes: The hunks that made the new text (apart, any order).
        old: The findings of the text as it was.
        new: The findings of the new text.
        before: The lines of the text as it was.

    Returns:
        Each hunk blamed for added findings, with those findings.
    """
    more = surplus(old, new)
    if not more:
        return {}
    old_at: dict[int, list[Finding]] = collections.defaultdict(list)
    for finding in old:
        old_at[finding.line].append(finding)
    found: dict[Hunk, list[Finding]] = {}
    shift = 0
    for hunk in sorted(changes, key=lambda hunk: hunk.start):
        start = hunk.start + shift
        shift += len(hunk.new) - (hunk.end - hunk.start)
        in_place = len(hunk.new) == hunk.end - hunk.start
        beyond = 0 if hunk.new else 1  # a deletion touches the next line
        added = []
        for finding in new:
            key = finding.code, finding.message
            if not (
                start < finding.line <= start + len(hunk.new) + beyond
                and more[key] > 0
            ):
                continue
            more[key] -= 1
            offset = finding.line - 1 - start
            was = hunk.start + offset
            same = next((
                earlier for earlier in old_at[was + 1] if same_finding(
                    earlier, finding, before[was], hunk.new[offset]
                )
            ), None) if in_place else None
            if same is None:
                added.append(finding)
            else:
                old_at[was + 1].remove(same)
        if added:
            found[hunk] = added
    return found


def surplus(
    old: Sequence[Finding], new: Sequence[Finding]
) -> collections.Counter[tuple[str, str]]:
    """Count the findings by code and message a new text has more of.

    Without any, no change added a finding (:func:`created`): its hunks
    need not be found.
    """
    return collections.Counter(
        (finding.code, finding.message) for finding in new
    ) - collections.Counter((finding.code, finding.message) for finding in old)


def same_finding(
    old: Finding, new: Finding, old_line: str, new_line: str
) -> bool:
    """Return whether a rewritten line's finding is its old one.

    It is if the code is the same and so is the message, once the
    words the rewrite replaced are replaced in the old message too
    (``'valueList'`` renamed ``'value_list'``) and numbers are set
    aside (a line too long, shortened but not enough).

    Args:
        old: A finding of the line before it was rewritten.
        new: A finding of the line after.
        old_line: The line before.
        new_line: The line after.
    """
    if old.code != new.code:
        return False
    old_tokens, new_tokens = TOKEN.findall(old_line), TOKEN.findall(new_line)
    replaced = {
        word: other for word, other in zip(old_tokens, new_tokens)
        if word != other and WORD.fullmatch(word) and WORD.fullmatch(other)
    } if len(old_tokens) == len(new_tokens) else {}
    message = WORD.sub(
        lambda word: replaced.get(word[0], word[0]), old.message
    )
    return NUMBER.sub("0", message) == NUMBER.sub("0", new.message)
