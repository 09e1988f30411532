"""Fixes made on the text alone: no libcst, same guarantees."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from stdcheck.core.findings import Finding
from stdcheck.fix import text as text_fixes
from stdcheck.fix.merge import Hunk
from stdcheck.fix.registry import fix_for
from stdcheck.rules.layout.text_fixes import RewrapProse
from tests.helpers.fixing import fix_text

LONG_COMMENT = (
    "x = 1\n"
    "# A comment paragraph whose first line runs on well past the limit "
    "of doc lines,\n"
    "# and ends here.\n"
)


def test_the_rewrap_is_a_text_fix() -> None:
    assert fix_for("STD102") is RewrapProse
    assert issubclass(RewrapProse, text_fixes.TextFix)


def test_a_file_with_only_rewraps_is_fixed_without_libcst() -> None:
    script = textwrap.dedent(f"""
        import sys
        from stdcheck.core.config import Config
        from stdcheck.fix.engine import fix_source
        result = fix_source({LONG_COMMENT!r}, "example.py", Config())
        assert result.changed and not result.errors, result
        print(sorted(name for name in sys.modules if "libcst" in name))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_rewrap_replaces_the_paragraph_lines() -> None:
    result = fix_text(LONG_COMMENT, "STD102")
    assert result.after == (
        "x = 1\n"
        "# A comment paragraph whose first line runs on well past the limit "
        "of\n"
        "# doc lines, and ends here.\n"
    )
    assert fix_text(result.after, "STD102").after == result.after


def test_a_rewrap_keeps_the_line_endings() -> None:
    source = LONG_COMMENT.replace("\n", "\r\n")
    result = fix_text(source, "STD102")
    assert result.changed
    assert "\n" not in result.after.replace("\r\n", "")


def test_a_crashing_text_fix_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def crash(fix: RewrapProse, text: str, lines: list[str]) -> list[Hunk]:
        raise ValueError("broken")

    monkeypatch.setattr(RewrapProse, "changes", crash)
    result = fix_text(LONG_COMMENT, "STD102")
    assert result.after == LONG_COMMENT
    [error] = result.errors
    assert error.message.startswith(
        "RewrapProse crashed: ValueError: broken"
    )


def test_a_text_fix_that_loses_a_word_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    changes = RewrapProse.changes

    def losing(fix: RewrapProse, text: str, lines: list[str]) -> list[Hunk]:
        return [
            Hunk(hunk.start, hunk.end, hunk.new[:-1])
            for hunk in changes(fix, text, lines)
        ]

    monkeypatch.setattr(RewrapProse, "changes", losing)
    result = fix_text(LONG_COMMENT, "STD102")
    assert result.after == LONG_COMMENT
    [error] = result.errors
    assert "the result changes the words of comments" in error.message


def test_a_base_text_fix_has_no_changes() -> None:
    finding = Finding("example.py", 1, 0, "STD102", "long")
    with pytest.raises(NotImplementedError):
        text_fixes.TextFix([finding]).fixed("x = 1\n")


def test_rewrap_runs_after_the_summary_gets_its_blank_line() -> None:
    source = (
        "def f():\n"
        "    '''Sum up.\n"
        "    A paragraph of prose that runs on, far beyond the limit of "
        "the doc lines, and on.\n"
        "    '''\n"
    )
    result = fix_text(source, "STD102,STD404")
    assert result.errors == []
    assert result.after.startswith('def f():\n    """Sum up.\n\n    A ')
    assert all(len(line) <= 72 for line in result.after.splitlines())
