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
        for found in created(changes, old, new, lines(before)).values()
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
    assert not created(list(reversed(changes)), old, new, lines(before))


def test_a_file_level_finding_on_a_rewritten_first_line_is_kept() -> None:
    before, after = "import b\nimport a\n", "import a\nimport b\n"
    module = Finding("example.py", 1, 0, "STD401", "no docstring")
    assert _added(before, after, [module], [module]) == []
    longer = Finding("example.py", 1, 0, "STD101", "too long (85 > 79)")
    assert _added(before, after, [module], [module, longer]) == [
        ("STD101", 1)
    ]


def _said(code: str, line: int, message: str) -> Finding:
    """Return a finding with its message."""
    return Finding("example.py", line, 0, code, message)


def test_a_renamed_name_in_a_message_is_the_same_finding() -> None:
    before, after = "x = 1\nclass bdist:\n", "x = 1\nclass Bdist:\n"
    old = [_said("STD402", 2, "public class 'bdist' has no docstring")]
    new = [_said("STD402", 2, "public class 'Bdist' has no docstring")]
    assert _added(before, after, old, new) == []


def test_a_word_the_line_did_not_change_makes_another_finding() -> None:
    before, after = "class bdist(base):\n", "class Bdist(base):\n"
    old = [_said("STD402", 1, "public class 'bdist' has no docstring")]
    new = [_said("STD402", 1, "public class 'base' has no docstring")]
    assert _added(before, after, old, new) == [("STD402", 1)]


def test_a_line_shortened_but_still_long_keeps_its_finding() -> None:
    before = "raise GeoIP2Exception(message_text_that_is_long)\n"
    after = before.replace("Exception", "Error")
    old = [_said("STD101", 1, "line too long (88 > 79 characters)")]
    new = [_said("STD101", 1, "line too long (84 > 79 characters)")]
    assert _added(before, after, old, new) == []
    assert _added(before, after, [], new) == [("STD101", 1)]


def test_only_a_line_rewritten_in_place_keeps_its_finding() -> None:
    before = "def f(valueList): pass\n"
    after = "def f(\n    value_list\n): pass\n"
    old = [_said("STD501", 1, "parameter 'valueList' has no annotation")]
    new = [_said("STD501", 1, "parameter 'value_list' has no annotation")]
    assert _added(before, after, old, new) == [("STD501", 1)]
