"""Any valid TOML gives stdcheck's configuration or one clear line.

``pyproject.toml`` files that are valid TOML yet shaped unlike what
stdcheck reads: the CLI says which file and key in one line (exit 2),
flake8 gets one STD000 per file and finishes its run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli_runner import run

DEEP = 20_000
REFUSED = {
    "tool-array": (
        "[[tool]]\n[tool.stdcheck]\nselect = ['STD1']\n",
        "key 'tool' must be a table, not an array",
    ),
    "stdcheck-array": (
        "[[tool.stdcheck]]\nselect = ['STD1']\n",
        "key 'tool.stdcheck' must be a table, not an array",
    ),
    "stdcheck-string": (
        "[tool]\nstdcheck = 'STD1'\n",
        "key 'tool.stdcheck' must be a table, not a string",
    ),
}
CONFIGURED = {
    "deep-array-elsewhere": (
        "[tool.other]\nx = " + "[" * DEEP + "]" * DEEP + "\n"
        "[tool.stdcheck]\nselect = ['STD2']\n"
    ),
    "dotted-keys": "tool.stdcheck.select = ['STD2']\n",
    "dotted-in-tool": "[tool]\nstdcheck.select = ['STD2']\n",
}
MODULE = "x = 1\n"
"""One STD205 (naming) finding, and no layout finding."""


def _project(folder: Path, pyproject: str) -> None:
    """Write a pyproject and two modules."""
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    for name in ("a.py", "b.py"):
        (folder / name).write_text(MODULE, encoding="utf-8")


def _flake8(folder: Path) -> subprocess.CompletedProcess[str]:
    """Run flake8 (stdcheck's rules only) over ``folder``."""
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD",
         "."],
        cwd=folder, capture_output=True, text=True, check=False,
        timeout=300,
    )


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_cli_names_file_and_key(tmp_path: Path, name: str) -> None:
    """One line naming the file and the key; exit 2; no traceback."""
    pyproject, reason = REFUSED[name]
    _project(tmp_path, pyproject)
    result = run(tmp_path, "check", "--no-cache", ".")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"stdcheck: error: {tmp_path / 'pyproject.toml'}: {reason}"
    ]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_flake8_gets_one_std000_per_file(tmp_path: Path, name: str) -> None:
    """The run finishes; each file has one STD000 naming the key."""
    pyproject, reason = REFUSED[name]
    _project(tmp_path, pyproject)
    result = _flake8(tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.splitlines() == [
        f"./{module}:1:1: STD000 configuration error: "
        f"{tmp_path / 'pyproject.toml'}: {reason}"
        for module in ("a.py", "b.py")
    ]


@pytest.mark.parametrize("name", sorted(CONFIGURED))
def test_valid_shapes_configure_stdcheck(tmp_path: Path, name: str) -> None:
    """Deep values elsewhere and dotted keys: the table is read."""
    _project(tmp_path, CONFIGURED[name])
    result = run(tmp_path, "check", "--no-cache", "--quiet", ".")
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{module}:1:1: STD205 constant 'x' should be UPPER_CASE"
        for module in ("a.py", "b.py")
    ]
    flake8 = _flake8(tmp_path)
    assert flake8.stdout.splitlines() == [
        f"./{module}:1:1: STD205 constant 'x' should be UPPER_CASE"
        for module in ("a.py", "b.py")
    ]


@pytest.mark.parametrize("tool", ["tool = 'x'", "tool.x = 1"])
def test_a_mere_mention_configures_nothing(tmp_path: Path, tool: str) -> None:
    """``[tool.stdcheck]`` only inside a string: the defaults apply.

    A ``tool`` that is no table is refused when named by ``--config``.
    """
    _project(tmp_path, f'{tool}\ns = """\n[tool.stdcheck]\nselect = []\n"""\n')
    result = run(tmp_path, "check", "--no-cache", "--quiet", ".")
    assert result.stderr == ""
    assert "a.py:1:1: STD401 public module has no docstring" in (
        result.stdout.splitlines()
    )
    named = run(tmp_path, "check", "--config", "pyproject.toml", ".")
    if tool == "tool = 'x'":
        assert named.exit_code == 2
        assert named.stderr.splitlines() == [
            "stdcheck: error: pyproject.toml: key 'tool' must be a table, "
            "not a string"
        ]
    else:
        assert named.exit_code == 1, named.stderr


def test_nesting_beyond_any_limit_is_one_line(tmp_path: Path) -> None:
    """Deeper than the TOML reader can go: one line, exit 2."""
    depth = 250_000
    _project(tmp_path, "x = " + "[" * depth + "]" * depth + "\n"
             "[tool.stdcheck]\n")
    result = run(tmp_path, "check", "--no-cache", ".")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"stdcheck: error: {tmp_path / 'pyproject.toml'}: cannot read: "
        "nested too deeply"
    ]


def test_a_pyproject_that_is_not_utf8(tmp_path: Path) -> None:
    """Invalid UTF-8: one line naming the file."""
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.stdcheck]\n# \xff\n")
    (tmp_path / "a.py").write_text(MODULE, encoding="utf-8")
    result = run(tmp_path, "check", "--no-cache", ".")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"stdcheck: error: {tmp_path / 'pyproject.toml'}: invalid TOML: "
        "not UTF-8 (byte 18)"
    ]
