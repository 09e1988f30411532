"""The fix engine, driven by the test-only fixes of ``fix_samples``."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.fix import apply, engine
from stdcheck.fix.base import Fix
from stdcheck.fix.merge import Hunk
from tests.helpers import fix_samples
from tests.helpers import interrupted_cleanup
from tests.helpers.fixing import assert_fix, fix_text


@pytest.fixture(autouse=True)
def samples() -> Iterator[None]:
    """Register the sample rules and fixes for each test."""
    with fix_samples.registered():
        yield


def test_safe_fix_applied_and_idempotent() -> None:
    result = assert_fix(
        """\
        a = 'one'
        b = "two"
        """,
        """\
        a = "one"
        b = "two"
        """,
        select="STD091",
    )
    assert result.fixed == 1
    assert result.findings == []


def test_fix_leaves_what_it_cannot_fix_reported() -> None:
    result = assert_fix(
        "a = 'say \"hi\"'\n", "a = 'say \"hi\"'\n", select="STD091"
    )
    assert [finding.code for finding in result.findings] == ["STD091"]
    assert result.fixed == 0


def test_unsafe_finding_needs_unsafe_fixes() -> None:
    source = "a = 'unsafe'\nb = 'safe'\n"
    safe = fix_text(source, "STD091")
    assert safe.after == "a = 'unsafe'\nb = \"safe\"\n"
    assert [(f.line, f.code) for f in safe.findings] == [(1, "STD091")]
    unsafe = fix_text(source, "STD091", unsafe=True)
    assert unsafe.after == "a = \"unsafe\"\nb = \"safe\"\n"


def test_noqa_finding_is_not_fixed() -> None:
    source = "a = 'one'  # noqa: STD091\n"
    assert not fix_text(source, "STD091").changed


def test_unselected_rule_is_not_fixed() -> None:
    assert not fix_text("a = 'one'\n", "STD092").changed


def test_refused_fix_leaves_text_and_reports() -> None:
    result = fix_text("x = 1\n", "STD092")
    assert result.after == "x = 1\n"
    [error] = result.errors
    assert error.message == (
        "fix RenameX (STD092) refused: the result changes the syntax "
        "tree; the file is left as it was before this fix"
    )
    assert [f.code for f in result.findings] == ["STD092"]


def test_refused_fix_keeps_other_fixes() -> None:
    result = fix_text("x = 'a'\n", "STD091,STD092")
    assert result.after == 'x = "a"\n'
    assert [f.code for f in result.findings] == ["STD092"]


def test_refusal_does_not_stop_later_passes() -> None:
    result = fix_text("x = 'a'\ny = 'b'\n", "STD091,STD092")
    assert result.after == 'x = "a"\ny = "b"\n'
    assert len(result.errors) == 1


def test_crashing_fix_is_reported_and_dropped() -> None:
    result = fix_text("a = 'one'\npass\n", "STD091,STD094")
    assert result.after == 'a = "one"\npass\n'
    [error] = result.errors
    assert "Crash crashed: ZeroDivisionError: sample crash" in error.message
    assert "fix_samples_fixes.py:" in error.message


def test_interrupt_hidden_by_a_crash_stops_the_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C inside a fix is no crash: nothing half-fixed is kept."""
    fixes = importlib.import_module(fix_samples.FIX_MODULE)  # as loaded
    monkeypatch.setattr(
        fixes.Crash, "leave_Pass", lambda *_: interrupted_cleanup()
    )
    with pytest.raises(KeyboardInterrupt):
        fix_text("a = 'one'\npass\n", "STD091,STD094")


def test_fixes_that_never_settle_leave_the_file_unchanged() -> None:
    source = "a = 'one'\n# toggle\n"
    result = fix_text(source, "STD091,STD093")
    assert result.after == source
    assert not result.changed
    assert result.fixed == 0
    [error] = result.errors
    assert f"did not settle after {engine.MAX_PASSES} passes" in (
        error.message
    )
    assert [f.code for f in result.findings] == ["STD091", "STD093"]


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Record each fix run: the fix's name and its parsed text's id.

    Fixes run in one traversal are recorded as one entry, their names
    joined by ``+``.
    """
    done: list[tuple[str, int]] = []
    run, run_together = apply.run, apply.run_together

    def recorded(
        fix: type[Fix], parsed: MetadataWrapper, *args: Any
    ) -> str:
        done.append((fix.__name__, id(parsed)))
        return run(fix, parsed, *args)

    def recorded_together(
        fixes: list[tuple[type[Fix], Any]], parsed: MetadataWrapper,
        *args: Any,
    ) -> tuple[str, list[type[Fix]]]:
        names = "+".join(fix.__name__ for fix, _ in fixes)
        done.append((names, id(parsed)))
        return run_together(fixes, parsed, *args)

    monkeypatch.setattr(apply, "run", recorded)
    monkeypatch.setattr(apply, "run_together", recorded_together)
    return done


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the text of each check the fix engine makes."""
    checked: list[str] = []
    check = engine.check_source

    def counted(text: str, *args: Any) -> list[Finding]:
        checked.append(text)
        return check(text, *args)

    monkeypatch.setattr(engine, "check_source", counted)
    return checked


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of each fix whose result the engine makes."""
    names: list[str] = []
    make = engine._Fixer.made  # noqa: STD208  (counted)

    def counted(fixer: Any, fix: Any, findings: list[Finding]) -> str:
        names.append(fix.__name__)
        return make(fixer, fix, findings)

    monkeypatch.setattr(engine._Fixer, "made", counted)  # noqa: STD208
    return names


def test_fixes_on_one_text_share_its_parse_and_metadata(
    runs: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    positions: list[cst.Module] = []
    compute = PositionProvider._gen_impl  # noqa: STD208  (counted)

    def counted(provider: PositionProvider, module: cst.Module) -> None:
        positions.append(module)
        compute(provider, module)

    monkeypatch.setattr(PositionProvider, "_gen_impl", counted)
    result = fix_text("a = 'say \"hi\"'\n...\n", "STD091,STD097")
    assert not result.changed
    assert [name for name, _ in runs] == ["DoubleQuotes+LeaveEllipsis"]
    assert len(positions) == 1


def test_fixes_of_a_pass_are_combined_when_apart(
    runs: list[tuple[str, int]], checks: list[str]
) -> None:
    result = assert_fix(
        "a = 'one'\n\nb = 1\n",
        "a = \"one\"\n\nb = 1\ndone = True\n",
        select="STD091,STD095",
    )
    assert result.fixed == 2
    assert [name for name, _ in runs] == ["DoubleQuotes", "AddLine"]
    assert len({parsed for _, parsed in runs}) == 1
    assert checks[1] == result.after  # one re-check for both


def test_fixes_changing_neighbouring_lines_run_one_after_the_other(
    runs: list[tuple[str, int]],
) -> None:
    assert_fix(
        "a = 'one'\n", "a = \"one\"\ndone = True\n",
        select="STD091,STD095",
    )
    names = [name for name, _ in runs]
    assert names == ["DoubleQuotes", "AddLine", "AddLine"]
    assert len({parsed for _, parsed in runs}) == 2


def test_fix_refused_among_others_is_refused_alone() -> None:
    result = fix_text("a = 'one'\n\n\nx = 1\n", "STD091,STD092")
    assert result.after == 'a = "one"\n\n\nx = 1\n'
    [error] = result.errors
    assert error.message.startswith("fix RenameX (STD092) refused: ")


@pytest.mark.parametrize("local", [True, False])
def test_local_fix_enters_only_nodes_holding_a_finding(
    monkeypatch: pytest.MonkeyPatch, local: bool
) -> None:
    fixes = importlib.import_module(fix_samples.FIX_MODULE)  # as loaded
    seen: list[str] = []
    monkeypatch.setattr(fixes.DoubleQuotes, "local", local)
    monkeypatch.setattr(
        fixes.DoubleQuotes, "visit_SimpleString",
        lambda _, node: seen.append(node.value), raising=False,
    )
    result = fix_text("a = 'one'\nb = (\"two\", \"three\")\n", "STD091")
    assert result.after == "a = \"one\"\nb = (\"two\", \"three\")\n"
    assert seen == (["'one'"] if local else ["'one'", '"two"', '"three"'])


def test_no_fixable_finding_needs_no_fix_module() -> None:
    result = fix_text("x = 1\n", "STD101")
    assert not result.changed
    assert not result.errors


def test_diff_shows_the_change() -> None:
    result = fix_text("a = 'one'", "STD091", path="pkg/mod.py")
    assert result.diff() == (
        "--- pkg/mod.py\n+++ pkg/mod.py\n@@ -1 +1 @@\n"
        "-a = 'one'\n\\ No newline at end of file\n"
        '+a = "one"\n\\ No newline at end of file\n'
    )


def test_diff_splits_at_newlines_only() -> None:
    result = fix_text("\x0c\na = 'one'\r\n", "STD091")
    assert result.diff() == (
        "--- example.py\n+++ example.py\n@@ -1,2 +1,2 @@\n"
        " \x0c\n-a = 'one'\r\n+a = \"one\"\r\n"
    )


def test_deeply_nested_code_is_fixed_with_a_larger_stack() -> None:
    parts = "\n".join(f"    'part {index}'" for index in range(3000))
    source = f"TEXT = (\n{parts}\n)\n"
    result = fix_text(source, "STD091")
    assert result.errors == []
    assert result.after == source.replace("'part 0'", '"part 0"')


def test_findings_the_caller_has_are_not_checked_again(
    checks: list[str],
) -> None:
    source = "a = 'one'\n"
    config = Config().override(select="STD091")
    found = engine.check_source(source, "example.py", config)
    checks.clear()
    result = engine.fix_source(source, "example.py", config, found=found)
    assert result.after == 'a = "one"\n'
    assert result.found == found
    assert checks == [result.after]  # the result only


def test_changes_are_found_only_where_a_finding_was_added(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a finding added, nothing is blamed: no diff to make."""
    found: list[str] = []
    diff = engine.hunks

    def counted(before: list[str], after: list[str]) -> list[Hunk]:
        found.append("".join(after))
        return diff(before, after)

    monkeypatch.setattr(engine, "hunks", counted)
    assert fix_text("a = 'one'\n", "STD091").after == 'a = "one"\n'
    assert found == []


def test_a_last_fix_and_the_text_fixes_after_it_share_a_check(
    checks: list[str],
) -> None:
    """A rename and the blank lines apart from it: one re-check."""
    result = assert_fix(
        '"""Doc."""\n\nimport os\n\ndef show() -> None:\n'
        '    """Show."""\n    myValue = os.sep\n    return myValue\n',
        '"""Doc."""\n\nimport os\n\n\ndef show() -> None:\n'
        '    """Show."""\n    my_value = os.sep\n    return my_value\n',
        select="STD106,STD203",
    )
    assert result.fixed == 2
    assert checks[1] == result.after  # not the rename's text alone


def test_a_rename_apart_from_the_regional_fixes_shares_their_check(
    checks: list[str],
) -> None:
    """Sorted imports, a rename elsewhere, blank lines: one step."""
    result = assert_fix(
        '"""Doc."""\n\nimport sys\nimport os\n\ndef total() -> str:\n'
        '    """Total."""\n    myValue = os.sep\n'
        "    return myValue + sys.platform\n",
        '"""Doc."""\n\nimport os\nimport sys\n\n\ndef total() -> str:\n'
        '    """Total."""\n    my_value = os.sep\n'
        "    return my_value + sys.platform\n",
        select="STD106,STD203,STD303",
    )
    assert result.fixed == 3
    assert checks[1:] == [result.after, result.after]  # one step; again


def test_a_rename_where_a_regional_fix_changes_runs_after_it(
    checks: list[str], made: list[str]
) -> None:
    """Imports sorted in the renamed name's function: the rename waits.

    It reads the function as the regional fix left it, and is made once.
    """
    result = assert_fix(
        'def show():\n    """Show."""\n    import sys\n    import os\n'
        "    myValue = 1\n    print(myValue, os, sys)\n",
        'def show():\n    """Show."""\n    import os\n    import sys\n'
        "    my_value = 1\n    print(my_value, os, sys)\n",
        select="STD203,STD303",
    )
    assert result.fixed == 2
    assert len(checks) == 4  # first, the imports', the rename's; again
    assert made.count("Rename") == 1


def test_a_text_fix_on_the_last_fix_lines_runs_after_it(
    checks: list[str], made: list[str]
) -> None:
    """On the rename's lines, the operator break waits for its check.

    The rename is made once: what it made is what is checked.
    """
    result = assert_fix(
        "def show() -> int:\n    myValue = 1\n"
        "    return (myValue +\n            2)\n",
        "def show() -> int:\n    my_value = 1\n"
        "    return (my_value\n            + 2)\n",
        select="STD105,STD203",
    )
    assert result.fixed == 2
    assert len(checks) == 4  # first, the rename's, the operator's; again
    assert made.count("Rename") == 1
