"""``flake8 --select STD`` skips and ignores what the CLI does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli_runner import NEEDS_BLANK_LINES, run, write

CONFIG = """select = ["STD1"]
exclude = ["migrations", "*_pb2.py", "scripts/gen_*.py"]
per-file-ignores = { "tests/*" = ["blank-lines-top-level"] }
"""

FILES = {
    "app/models.py": NEEDS_BLANK_LINES,
    "app/migrations/0001_initial.py": NEEDS_BLANK_LINES,
    "migrations/0002_more.py": NEEDS_BLANK_LINES,
    "app/api_pb2.py": NEEDS_BLANK_LINES,
    "scripts/gen_code.py": NEEDS_BLANK_LINES,
    "scripts/release.py": NEEDS_BLANK_LINES,
    "tests/test_models.py": NEEDS_BLANK_LINES,
    "tests/test_long.py": "X = '" + "a" * 80 + "'\n",
}


def flake8(folder: Path, *paths: str) -> set[tuple[str, str]]:
    """Run flake8 with only the plugin; return (path, code) pairs."""
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD",
         *paths],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    assert result.stderr == ""
    return {
        (line.split(":")[0].removeprefix("./"), line.split()[1])
        for line in result.stdout.splitlines()
    }


def cli(folder: Path, *paths: str) -> set[tuple[str, str]]:
    """Run ``stdcheck check``; return (path, code) pairs."""
    result = run(folder, "check", "--no-cache", *paths)
    return {
        (line.split(":")[0], line.split()[1])
        for line in result.stdout.splitlines()
        if line.split()[1].startswith("STD")
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose config excludes and ignores some files."""
    write(tmp_path, FILES, config=CONFIG)
    return tmp_path


def test_folder_walk_agrees(project: Path) -> None:
    """Walking ``.``: the same findings, none in excluded files."""
    expected = {
        ("app/models.py", "STD106"),
        ("scripts/release.py", "STD106"),
        ("tests/test_long.py", "STD101"),
    }
    assert cli(project, ".") == expected
    assert flake8(project, ".") == expected


def test_named_files_agree(project: Path) -> None:
    """Files named one by one: excluded ones still report nothing."""
    named = sorted(FILES)
    assert flake8(project, *named) == cli(project, *named)
    assert {path for path, _ in flake8(project, *named)} == {
        "app/models.py", "scripts/release.py", "tests/test_long.py",
    }


def test_excluded_from_another_folder(project: Path) -> None:
    """Globs are relative to the config's folder, not the cwd."""
    inner = "app/migrations/0001_initial.py"
    assert flake8(project / "app", "migrations/0001_initial.py") == set()
    assert flake8(project.parent, f"{project.name}/{inner}") == set()
    assert flake8(project.parent, f"{project.name}/app/models.py") == {
        (f"{project.name}/app/models.py", "STD106"),
    }
