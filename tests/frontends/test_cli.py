"""The ``stdcheck`` command line: options, formats and exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdcheck import __version__
from stdcheck.core.registry import all_rules
from stdcheck.frontends.cli import main
from tests.helpers.cli_runner import CLEAN, NEEDS_BLANK_LINES, run, write

FINDING = "a.py:2:1: STD106 expected 2 blank lines before a top-level "
SUMMARY = "Found 1 finding (1 fixable with `stdcheck fix`).\n"


def test_clean_file_exits_0_silently(tmp_path: Path) -> None:
    """No finding: exit 0 and no output at all."""
    write(tmp_path, {"a.py": CLEAN})
    result = run(tmp_path, "check", "a.py")
    assert (result.exit_code, result.output) == (0, "")


def test_findings_exit_1_in_flake8_format(tmp_path: Path) -> None:
    """Findings print as ``path:line:col: CODE message`` and exit 1."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(tmp_path, "check", "a.py")
    assert result.exit_code == 1
    assert result.stdout == (
        FINDING + "definition, found 0\n" + SUMMARY
    )
    assert "\x1b[" not in result.stdout  # no colour off a terminal


def test_default_path_is_the_current_folder(tmp_path: Path) -> None:
    """Without paths, the current folder is walked."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES, "pkg/b.py": CLEAN})
    result = run(tmp_path, "check")
    assert result.exit_code == 1
    assert result.stdout.startswith(FINDING)


@pytest.mark.parametrize(
    "selector", ["STD106", "STD10", "STD1", "STD", "blank-lines-top-level"]
)
def test_select_by_code_prefix_or_name(tmp_path: Path, selector: str) -> None:
    """``--select`` takes codes, code prefixes and rule names."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(tmp_path, "check", "--select", selector, "a.py")
    assert result.exit_code == 1
    assert "STD106" in result.stdout


@pytest.mark.parametrize("selector", ["STD101", "STD108", "line-too-long"])
def test_select_other_rules(tmp_path: Path, selector: str) -> None:
    """Selecting other rules leaves the finding out."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(tmp_path, "check", "--select", selector, "a.py")
    assert (result.exit_code, result.output) == (0, "")


@pytest.mark.parametrize(
    "selector", ["STD106", "STD10", "blank-lines-top-level"]
)
def test_ignore(tmp_path: Path, selector: str) -> None:
    """``--ignore`` takes codes, prefixes and names too."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(tmp_path, "check", "--ignore", selector, "a.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_longest_selector_wins(tmp_path: Path) -> None:
    """As in flake8, ``--select STD106 --ignore STD1`` keeps STD106."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(
        tmp_path, "check", "--select", "STD106", "--ignore", "STD1", "a.py"
    )
    assert result.exit_code == 1


def test_extend_select_adds_to_the_configured_select(tmp_path: Path) -> None:
    """``--extend-select`` adds rules to the file's ``select``."""
    write(
        tmp_path,
        {"a.py": NEEDS_BLANK_LINES + "x = 'a line that is longer than "
         "the limit of this configuration'\n"},
        config='select = ["STD101"]\nmax-line-length = 60',
    )
    only = run(tmp_path, "check", "a.py")
    both = run(tmp_path, "check", "--extend-select", "STD106", "a.py")
    assert "STD106" not in only.stdout and "STD101" in only.stdout
    assert "STD106" in both.stdout and "STD101" in both.stdout


def test_comma_separated_selectors(tmp_path: Path) -> None:
    """Options take comma-separated lists."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(
        tmp_path, "check", "--select", "STD101, blank-lines-top-level",
        "a.py",
    )
    assert result.exit_code == 1


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_selector_is_a_usage_error(
    tmp_path: Path, option: str
) -> None:
    """An unknown code or name exits 2 with one line naming it."""
    write(tmp_path, {"a.py": CLEAN})
    result = run(tmp_path, "check", option, "STD1,no-such-rule", "a.py")
    assert result.exit_code == 2
    assert result.stderr == (
        f"stdcheck: error: {option}: unknown rule or code prefix "
        "'no-such-rule'\n"
    )


def test_json_format(tmp_path: Path) -> None:
    """``--format json`` prints one document with every field."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES, "b.py": b"x = (\n"})
    result = run(tmp_path, "check", "--format", "json", "a.py", "b.py")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["version"] == __version__
    assert document["files"] == 2
    assert document["findings"] == [{
        "path": "a.py", "line": 2, "column": 1, "end_line": None,
        "end_column": None, "code": "STD106",
        "name": "blank-lines-top-level",
        "message": "expected 2 blank lines before a top-level "
        "definition, found 0",
        "fix": "safe",
    }]
    [error] = document["errors"]
    assert error["path"] == "b.py" and error["line"] == 1
    assert error["message"].startswith("syntax error: ")


def test_exit_zero(tmp_path: Path) -> None:
    """``--exit-zero`` reports findings but exits 0."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(tmp_path, "check", "--exit-zero", "a.py")
    assert result.exit_code == 0
    assert result.stdout.startswith(FINDING)


def test_exit_zero_keeps_errors_fatal(tmp_path: Path) -> None:
    """A file that cannot be checked still exits 2."""
    write(tmp_path, {"a.py": b"def (:\n"})
    assert run(tmp_path, "check", "--exit-zero", "a.py").exit_code == 2


def test_statistics(tmp_path: Path) -> None:
    """``--statistics`` counts findings per code, named by rule."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES * 2 + "X = '" + "a" * 80
                     + "'\n"})
    result = run(tmp_path, "check", "--statistics", "a.py")
    lines = result.stdout.splitlines()
    assert lines[-3:-1] == [
        "1     STD101 line-too-long",
        "4     STD106 blank-lines-top-level",
    ]
    assert "2     STD107" not in result.stdout


def test_quiet_drops_the_summary(tmp_path: Path) -> None:
    """``--quiet`` prints the findings without the summary line."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(tmp_path, "check", "--quiet", "a.py")
    assert result.exit_code == 1
    assert result.stdout == FINDING + "definition, found 0\n"


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    """``stdcheck rules`` has a row per rule: code, name, family..."""
    result = run(tmp_path, "rules")
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[0].split() == ["CODE", "NAME", "FAMILY", "FIX", "DEFAULT"]
    listed = {row.split()[0]: row.split() for row in rows[1:]}
    for rule in all_rules():
        assert listed[rule.code][1] == rule.name
        assert listed[rule.code][-2] == rule.fix.value
    assert listed["STD106"][2] == "layout"


@pytest.mark.parametrize("rule", ["STD101", "std101", "line-too-long"])
def test_explain(tmp_path: Path, rule: str) -> None:
    """``stdcheck explain`` shows a rule's page, by code or name."""
    result = run(tmp_path, "explain", rule)
    assert result.exit_code == 0
    assert result.stdout.startswith("# STD101 line-too-long\n")
    for heading in ("## What it does", "## Why", "## Example", "## Fix"):
        assert heading in result.stdout


def test_explain_unknown_rule(tmp_path: Path) -> None:
    """An unknown rule is a usage error."""
    result = run(tmp_path, "explain", "STD999")
    assert result.exit_code == 2
    assert "unknown rule 'STD999'" in result.stderr


def test_version(tmp_path: Path) -> None:
    """``stdcheck --version`` prints the version."""
    result = run(tmp_path, "--version")
    assert result.stdout == f"stdcheck, version {__version__}\n"


def test_python_dash_m(tmp_path: Path) -> None:
    """``python -m stdcheck`` is the same command."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = subprocess.run(
        [sys.executable, "-m", "stdcheck", "check", "a.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(FINDING)


def test_missing_path(tmp_path: Path) -> None:
    """A path that does not exist is one error line and exit 2."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = run(tmp_path, "check", "a.py", "missing.py")
    assert result.exit_code == 2
    assert result.stderr == "missing.py: error: no such file or folder\n"
    assert result.stdout.startswith(FINDING)


@pytest.mark.parametrize(
    ("environment", "terminal", "coloured"),
    [
        ({}, False, False),
        ({}, True, True),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, False, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
    ],
)
def test_colour_follows_no_color_and_force_color(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    terminal: bool,
    coloured: bool,
) -> None:
    """``NO_COLOR`` turns colour off, ``FORCE_COLOR`` on."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "a.py"],
        env={"NO_COLOR": None, "FORCE_COLOR": None, **environment},
        color=terminal,
    )
    assert result.exit_code == 1
    assert ("\x1b[" in result.stdout) is coloured
    assert "STD106" in result.stdout
