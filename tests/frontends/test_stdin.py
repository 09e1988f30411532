"""Editors' path: code read from standard input, named by the editor.

An editor hands flake8 the unsaved buffer on standard input with
``--stdin-display-name``; the findings must be those of the saved file,
with ``[tool.stdcheck]`` found from the display name's folder (not from
the folder flake8 runs in). ``stdcheck check -`` does the same with
``--stdin-filename``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdcheck.frontends.cli import main

CONFIG = """\
[tool.stdcheck]
select = ["STD101"]
max-line-length = 30
per-file-ignores = { "tests/*" = ["STD101"] }
"""
BUFFER = '"""A module."""\nx = "forty characters, more than thirty"\n'
SAVED = '"""An older version of the module."""\n'
SHOWN = "project/src/app/x.py"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a folder holding ``project/`` with its configuration.

    Tests run in the workspace, above the project, so the configuration
    can only be found from the checked path.
    """
    (tmp_path / "project" / "src" / "app").mkdir(parents=True)
    (tmp_path / "project" / "tests").mkdir()
    (tmp_path / "project" / "pyproject.toml").write_text(
        CONFIG, encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def flake8(*args: str, source: str | None = None) -> str:
    """Run flake8 with only stdcheck's codes; return its output."""
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD",
         *args],
        input=source, capture_output=True, text=True, check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def save(workspace: Path, path: str, text: str) -> None:
    """Write a file of the workspace."""
    (workspace / path).write_text(text, encoding="utf-8")


def test_flake8_stdin_matches_saved_file(workspace: Path) -> None:
    """flake8 reports on the buffer what the saved file gives."""
    save(workspace, SHOWN, BUFFER)
    on_disk = flake8(SHOWN)
    assert on_disk == (
        f"{SHOWN}:2:31: STD101 line too long (40 > 30 characters)\n"
    )
    save(workspace, SHOWN, SAVED)
    assert flake8("--stdin-display-name", SHOWN, "-", source=BUFFER) == on_disk


def test_flake8_stdin_per_file_ignores(workspace: Path) -> None:
    """Per-file ignores match the display name."""
    shown = "project/tests/test_x.py"
    save(workspace, shown, BUFFER)
    assert flake8(shown) == ""
    assert flake8("--stdin-display-name", shown, "-", source=BUFFER) == ""


def test_flake8_stdin_without_name_uses_working_folder(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a display name, the working folder's config applies."""
    assert flake8("--select", "STD101", "-", source=BUFFER) == ""
    monkeypatch.chdir(workspace / "project")
    assert flake8("-", source=BUFFER) == (
        "stdin:2:31: STD101 line too long (40 > 30 characters)\n"
    )


def check(*args: str, source: str = "") -> tuple[int, str, str]:
    """Run ``stdcheck check`` in-process; return status and output."""
    result = CliRunner().invoke(main, ["check", *args], input=source)
    return result.exit_code, result.stdout, result.stderr


def test_cli_stdin_matches_saved_file(workspace: Path) -> None:
    """``stdcheck check -`` reports what the saved file gives."""
    save(workspace, SHOWN, BUFFER)
    on_disk = check(SHOWN)
    assert on_disk[0] == 1
    assert f"{SHOWN}:2:31: STD101" in on_disk[1]
    save(workspace, SHOWN, SAVED)
    assert check("-", "--stdin-filename", SHOWN, source=BUFFER) == on_disk


def test_cli_stdin_without_name(workspace: Path) -> None:
    """Standard input is shown as ``stdin``, configured from here."""
    options = ("--select", "STD101")
    assert check("-", *options, source=BUFFER)[0] == 0
    status, out, _ = check(
        "-", *options, "--max-line-length", "30", source=BUFFER
    )
    assert (status, out.splitlines()[0]) == (
        1, "stdin:2:31: STD101 line too long (40 > 30 characters)"
    )


def test_cli_stdin_syntax_error(workspace: Path) -> None:
    """Code that does not parse is an error naming the shown path."""
    status, _, err = check("-", "--stdin-filename", SHOWN, source="def (:\n")
    assert status == 2
    assert err.startswith(f"{SHOWN}:1:")
    assert "syntax error" in err


@pytest.mark.parametrize("args", [
    ("-", "other.py"),
    ("other.py", "--stdin-filename", SHOWN),
])
def test_cli_stdin_misuse(workspace: Path, args: tuple[str, ...]) -> None:
    """``-`` stands alone, and ``--stdin-filename`` needs it."""
    save(workspace, "other.py", "")
    status, _, err = check(*args)
    assert status == 2
    assert err.startswith("stdcheck: error:")
