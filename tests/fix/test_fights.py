"""Fixes that fought, misreported or added findings (engine)."""

from __future__ import annotations

import random

import pytest

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.core.registry import FixSafety
from stdcheck.rules.annotations import checks as annotation_checks
from stdcheck.rules.annotations import text_fixes as annotation_text_fixes
from stdcheck.rules.naming import checks as naming_checks
from stdcheck.rules.naming import fixes as naming_fixes
from tests.helpers.fixing import assert_fix, fix_text


def test_summary_spacing_runs_before_the_rewrap() -> None:
    source = (
        "def f():\n"
        '    """Return the sum of the two values given, as a number that '
        "is long.\n"
        "    More text follows right after the summary line without a "
        "blank line.\n"
        '    """\n'
    )
    result = fix_text(source, "STD102,STD404")
    assert not result.errors
    assert result.after.splitlines()[1:3] == [
        '    """Return the sum of the two values given, as a number that '
        "is long.",
        "",
    ]
    assert "STD404" not in {finding.code for finding in result.findings}


def test_blank_lines_after_the_module_header_comment_are_fixed() -> None:
    source = "# Header comment.\n\n\n\n\ndef f():\n    pass\n"
    found = check_source(
        source, "example.py",
        Config(target_version="py310").override(select="STD108"),
    )
    assert [finding.code for finding in found] == ["STD108"]
    result = assert_fix(
        source, "# Header comment.\n\n\ndef f():\n    pass\n", "STD108"
    )
    assert result.fixed == 1
    assert not result.findings


@pytest.fixture
def long_signatures_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offer ``-> None`` on every signature, never wrapped.

    STD502 wraps a signature that ``-> None`` makes too long, and is
    not offered where that cannot be done; with both off, only the
    engine's guard stops the fix.
    """
    monkeypatch.setattr(annotation_checks, "_fits", lambda *_: True)
    monkeypatch.setattr(annotation_text_fixes, "signature_width", lambda *_: 0)


@pytest.mark.usefixtures("long_signatures_offered")
def test_a_fix_that_adds_a_finding_leaves_that_finding_to_a_human() -> None:
    long_def = (
        "def function_with_long_name(argument_one, argument_two, "
        "argument_three_x):"
    )
    source = f"{long_def}\n    print(1)\n\n\ndef g(a):\n    print(a)\n"
    result = fix_text(source, "STD502,STD101")
    assert result.after == source.replace("g(a):", "g(a) -> None:")
    assert not result.errors
    [note] = result.notes
    assert note.message == (
        "STD502 on line 1 left for a human: fix ReturnsNone would add a "
        "finding"
    )
    assert [(f.code, f.line) for f in result.findings] == [("STD502", 1)]
    assert result.fixed == 1


@pytest.mark.usefixtures("long_signatures_offered")
def test_a_fix_adding_a_finding_everywhere_is_refused() -> None:
    source = (
        "def function_with_long_name(argument_one, argument_two, "
        "argument_three_x):\n    print(1)\n"
    )
    result = fix_text(source, "STD502,STD101")
    assert result.after == source
    assert not result.errors
    [note] = result.notes
    assert note.message == (
        "fix ReturnsNone (STD502) not applied: would add STD101 on line 1: "
        "left for a human"
    )
    assert [(f.code, f.line) for f in result.findings] == [("STD502", 1)]


@pytest.fixture
def lengthening_renames_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offer renames that make a line too long (check and fix agree).

    Both sides refuse such a rename; with that off, only the engine's
    guard stops it.
    """
    monkeypatch.setattr(naming_checks, "spoils_layout", lambda *_: False)
    monkeypatch.setattr(naming_fixes, "spoils_layout", lambda *_: False)


@pytest.mark.usefixtures("lengthening_renames_offered")
def test_a_rename_adding_a_finding_far_away_leaves_only_that_name() -> None:
    """A rename changes lines far from its finding: each tried alone."""
    far = "    raise _Other(other + '" + "-" * 51 + "')\n"
    source = (
        'class _Stop(Exception):\n    """Stop."""\n\n\n'
        'class _Other(Exception):\n    """Other."""\n\n\n'
        'def run(step, other):\n    """Run."""\n    try:\n        step()\n'
        "    except _Stop as error:\n        print(error)\n" + far
    )
    assert len(far) == 80
    result = assert_fix(
        source, source.replace("_Stop", "_StopError"), "STD209,STD101",
        unsafe=True,
    )
    [note] = result.notes
    assert note.message == (
        "STD209 on line 5 left for a human: fix Rename would add a finding"
    )
    assert [(f.code, f.line, f.fix) for f in result.findings] == [
        ("STD209", 5, FixSafety.NONE)
    ]


def test_findings_naming_a_renamed_name_are_not_added() -> None:
    """A message naming the old name names the new one once renamed."""
    source = (
        "class bdist:\n    pass\n\n\n"
        "class _Stop(Exception):\n    pass\n\n\n"
        "def run(step):\n    try:\n        step()\n"
        "    except _Stop:\n        pass\n"
    )
    after = source.replace("bdist", "Bdist").replace("_Stop", "_StopError")
    result = assert_fix(source, after, "STD204,STD209,STD402,STD604",
                        unsafe=True)
    assert not result.notes
    assert [(f.code, f.line) for f in result.findings] == [
        ("STD402", 1), ("STD604", 12)
    ]


def test_mixed_newlines_settle() -> None:
    rng = random.Random(3)
    body = (
        "class Scheduler:\n"
        "    def run(self):\n"
        '        """Execute events until the queue is empty.\n'
        "        If blocking is False executes the events due.\n"
        "        Section header:\n"
        "        Args:\n"
        "            x: y.\n"
        '        """\n'
        "        # a comment that is long enough to be rewrapped by the fix "
        "when it runs over\n"
        "        # the limit of the doc lines.\n"
        "        return 1\n"
    )
    for _ in range(20):
        source = "".join(
            line + rng.choice(["\n", "\r\n", "\r"])
            for line in body.split("\n")[:-1]
        )
        result = fix_text(source, "STD1,STD4")
        assert not result.errors, result.errors
        again = fix_text(result.after, "STD1,STD4")
        assert not again.changed
