"""``# noqa`` comments, interpreted exactly as flake8 does.

``# noqa`` silences every finding on its line, ``# noqa: STD101,STD2``
the findings whose code starts with one of the listed codes (rule names
are accepted too), and a line ``# flake8: noqa`` skips the whole file.
A comment on any line of a statement that spans lines through a
multi-line string silences the whole span, as in flake8.

Those spans come from the tokens; the layout family finds them anyway
(with the rest of its facts), so it names its reader of them here
(:func:`find_spans_with`) when its checks load: the core knows no
family, and a file is not scanned twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from stdcheck.core import registry
from stdcheck.core.findings import Finding

if TYPE_CHECKING:
    from stdcheck.core.context import FileContext

SpanFinder = Callable[["FileContext"], Iterable[tuple[int, int]]]

INLINE = re.compile(
    r"# noqa"
    r"(?::[\s]?(?P<codes>(?:(?:[A-Z]+[0-9]+|[a-z]+(?:-[a-z0-9]+)+)"
    r"(?:[,\s]+)?)+))?",
    re.IGNORECASE,
)
FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)
SEPARATOR = re.compile(r"[,\s]+")


def mentioned(text: str) -> bool:
    """Return whether a text has ``noqa`` anywhere (a quick filter).

    In any case (``NOQA``, ``NoQA``), as the ``# noqa`` patterns match:
    lowering the text is several times faster than a case-insensitive
    search, and no other character lowers to these four letters.
    """
    return "noqa" in text.lower()


_span_finders: list[SpanFinder] = []


def find_spans_with(find: SpanFinder) -> None:
    """Name the function that finds a file's multi-line spans.

    Args:
        find: Gives the ``(first, last)`` lines of each statement part
            of a file that spans lines.
    """
    _span_finders[:] = [find]


def spans(ctx: FileContext) -> Iterable[tuple[int, int]]:
    """Return the ``(first, last)`` lines of each multi-line part.

    Args:
        ctx: The file.

    Returns:
        What the function named by :func:`find_spans_with` finds.

    Raises:
        RuntimeError: If none was named (the rules are not loaded).
    """
    if not _span_finders:
        raise RuntimeError(
            "no span finder for noqa: call stdcheck.rules.load()"
        )
    return _span_finders[0](ctx)


def skips_file(lines: Iterable[str]) -> bool:
    """Return whether a ``# flake8: noqa`` line skips the whole file."""
    return any(FILE.match(line) for line in lines)


def filter_findings(
    findings: Sequence[Finding],
    lines: Sequence[str],
    spans: Callable[[], Iterable[tuple[int, int]]],
) -> list[Finding]:
    """Drop the findings that a ``# noqa`` comment silences.

    Args:
        findings: The findings of one file.
        lines: The file's physical lines.
        spans: Gives the ``(first, last)`` lines of each statement
            part that spans lines (:func:`spans`); called only if a
            line mentions ``noqa``.

    Returns:
        The findings that stand.
    """
    if not findings or not any(mentioned(line) for line in lines):
        return list(findings)
    joined: dict[int, str] = {}
    for first, last in spans():
        span = "".join(lines[first - 1:last])
        joined.update(dict.fromkeys(range(first, last + 1), span))
    kept = []
    for finding in findings:
        text = joined.get(finding.line)
        if text is None and 0 < finding.line <= len(lines):
            text = lines[finding.line - 1]
        if text is None or not _silences(text, finding.code):
            kept.append(finding)
    return kept


def _silences(text: str, code: str) -> bool:
    """Return whether a line's ``noqa`` comment covers a code."""
    match = INLINE.search(text)
    if match is None:
        return False
    listed = match.group("codes")
    if listed is None:
        return True
    codes = set()
    for item in SEPARATOR.split(listed):
        rule = registry.lookup(item) if "-" in item else None
        codes.add(rule.code if rule is not None else item)
    codes.discard("")
    return code in codes or code.startswith(tuple(codes))
