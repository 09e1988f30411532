"""A run that checks nothing says why on standard error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli_runner import NEEDS_BLANK_LINES, run, write

WARNING = "stdcheck: warning: nothing checked: "

CONFIG = """select = ["STD1"]
exclude = ["migrations"]
per-file-ignores = { "generated/*" = ["STD1"] }
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Excluded, ignored and ordinary files, and an empty folder."""
    write(tmp_path, {
        "migrations/0001_initial.py": NEEDS_BLANK_LINES,
        "migrations/0002_more.py": NEEDS_BLANK_LINES,
        "generated/models.py": NEEDS_BLANK_LINES,
        "app/views.py": NEEDS_BLANK_LINES,
        "docs/index.md": "# Docs\n",
    }, config=CONFIG)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("check", "migrations"),
         "`exclude` matches every file (2 Python files found)"),
        (("check", "migrations/0001_initial.py"),
         "`exclude` matches every file (1 Python file found)"),
        (("check", "docs"), "no Python file (.py, .pyi) found under docs"),
        (("check", "--select", "STD1", "--ignore", "STD1", "app"),
         "the selection leaves no rule to run (select: STD1; ignore: "
         "STD1)"),
        (("check", "generated"),
         "`per-file-ignores` ignore every selected rule in every file"),
        (("fix", "--check", "migrations"),
         "`exclude` matches every file (2 Python files found)"),
    ],
)
def test_says_why_nothing_was_checked(
    project: Path, args: tuple[str, ...], reason: str
) -> None:
    """Every file excluded, none found, no rule left: one line why."""
    result = run(project, *args, "--no-cache" if args[0] == "check" else "-q")
    assert result.exit_code == 0
    assert result.stderr == WARNING + reason + "\n"


def test_standard_input_named_as_an_excluded_file(project: Path) -> None:
    """An excluded ``--stdin-filename`` checks nothing, and says so."""
    result = run(
        project, "check", "-", "--stdin-filename", "migrations/0003.py"
    )
    assert result.exit_code == 0
    assert result.stderr == WARNING + "`exclude` matches migrations/0003.py\n"


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--no-cache", "."),
        ("check", "--no-cache", "app", "migrations"),
        ("check", "--no-cache", "--select", "STD1", "--ignore", "STD101",
         "app"),
    ],
)
def test_no_warning_when_something_is_checked(
    project: Path, args: tuple[str, ...]
) -> None:
    """One checked file with one rule: no warning (near miss)."""
    result = run(project, *args)
    assert result.exit_code == 1
    assert result.stderr == ""


def test_missing_path_is_its_own_explanation(project: Path) -> None:
    """A path that does not exist is an error, not also a warning."""
    result = run(project, "check", "--no-cache", "nosuch")
    assert result.exit_code == 2
    assert result.stderr == "nosuch: error: no such file or folder\n"
