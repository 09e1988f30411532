"""Which findings a change adds on the lines it touched."""

from __future__ import annotations

from stdcheck.core.findings import Finding
from stdcheck.fix.merge import created, hunks, lines


def _at(code: str, line: int) -> Finding:
    """Return a finding of a code on a line."""
    return Finding("example.py", line, 0, code, "message")


def _added(
    before: str, after: str, old: list[Finding], new: list[Finding]
) -> list[tuple[str, int]]:
    """Return the added findings as (code, line)."""
    changes = hunks(lines(before), lines(after))
    return sorted(
        (finding.code, finding.line)
        for found in created(changes, old, new).values()
        for finding in found
    )


def test_a_finding_moved_with_its_line_is_not_added() -> None:
    before, after = "a\nb\nc\n", "b\na\nc\n"
    assert _added(before, after, [_at("X", 1)], [_at("X", 2)]) == []


def test_a_finding_on_a_changed_line_is_added() -> None:
    before, after = "a\nb\n", "a\nlonger b\n"
    assert _added(before, after, [], [_at("X", 2)]) == [("X", 2)]


def test_a_finding_on_an_untouched_line_is_not_blamed() -> None:
    before, after = "a\nb\nc\n", "a\nB\nc\n"
    assert _added(before, after, [], [_at("X", 3)]) == []


def test_a_deletion_touches_the_line_after_it() -> None:
    before, after = "a\n\n\nb\n", "a\nb\n"
    assert _added(before, after, [], [_at("X", 2)]) == [("X", 2)]
    assert _added(before, after, [_at("X", 4)], [_at("X", 2)]) == []


def test_fewer_findings_are_fine() -> None:
    before, after = "a\nb\n", "a\nc\n"
    assert _added(before, after, [_at("X", 2), _at("Y", 2)], []) == []


def test_hunks_in_any_order_are_placed_right() -> None:
    before = "a\nb\nc\nd\n"
    after = "a\nb\nb2\nc\nD\n"
    changes = hunks(lines(before), lines(after))
    assert len(changes) == 2
    old = [_at("X", 4)]
    new = [_at("X", 5)]
    assert not created(list(reversed(changes)), old, new)


def test_a_file_level_finding_on_a_rewritten_first_line_is_kept() -> None:
    before, after = "import b\nimport a\n", "import a\nimport b\n"
    module = Finding("example.py", 1, 0, "STD401", "no docstring")
    assert _added(before, after, [module], [module]) == []
    longer = Finding("example.py", 1, 0, "STD101", "too long (85 > 79)")
    assert _added(before, after, [module], [module, longer]) == [
        ("STD101", 1)
    ]
