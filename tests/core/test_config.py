"""``[tool.stdcheck]``: finding it, validating it, applying it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli_runner import CLEAN, NEEDS_BLANK_LINES, run, write

LONG_LINE = '"""A module with a long line."""\n' + "X = '" + "a" * 80 + "'\n"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("colour = true", "[tool.stdcheck] unknown key 'colour'"),
        ("max-line-length = 'long'",
         "[tool.stdcheck] max-line-length: expected a positive integer, "
         "got 'long'"),
        ("max-doc-length = 0",
         "[tool.stdcheck] max-doc-length: expected a positive integer, "
         "got 0"),
        ("select = [1]",
         "[tool.stdcheck] select: expected a list of strings"),
        ("ignore = ['STD1', 'no-such-rule']",
         "[tool.stdcheck] ignore: unknown rule or code prefix "
         "'no-such-rule'"),
        ("target-version = 'py27'",
         "[tool.stdcheck] target-version: expected one of py38, py39, "
         "py310, py311, py312, py313, got 'py27'"),
        ("per-file-ignores = ['tests']",
         "[tool.stdcheck] per-file-ignores: expected a table of glob = "
         "[codes]"),
        ("per-file-ignores = { 'tests/*' = ['XYZ1'] }",
         "[tool.stdcheck] per-file-ignores.tests/*: unknown rule or code "
         "prefix 'XYZ1'"),
        ("select = ['STD1'", "invalid TOML: "),
    ],
)
def test_bad_configuration_exits_2_naming_the_key(
    tmp_path: Path, config: str, message: str
) -> None:
    """A bad key or value is one error line naming it, exit 2."""
    write(tmp_path, {"a.py": CLEAN}, config=config)
    result = run(tmp_path, "check", "a.py")
    assert result.exit_code == 2
    pyproject = (tmp_path / "pyproject.toml").resolve()
    assert result.stderr.startswith(
        f"stdcheck: error: {pyproject}: {message}"
    )
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


def test_nearest_pyproject_applies(tmp_path: Path) -> None:
    """Each file takes the nearest ``[tool.stdcheck]`` above it."""
    write(tmp_path, {"a.py": LONG_LINE, "sub/b.py": LONG_LINE})
    write(tmp_path / "sub", {}, config="max-line-length = 100")
    result = run(tmp_path, "check", ".")
    assert result.stdout.startswith("a.py:2:80: STD101")
    assert "b.py" not in result.stdout


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    """A ``pyproject.toml`` without the table is passed over."""
    write(tmp_path, {"sub/a.py": LONG_LINE}, config="max-line-length = 100")
    (tmp_path / "sub" / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n", encoding="utf-8"
    )
    assert run(tmp_path, "check", ".").exit_code == 0


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    """Command-line options win over ``[tool.stdcheck]``."""
    write(tmp_path, {"a.py": LONG_LINE}, config="max-line-length = 100")
    assert run(tmp_path, "check", "a.py").exit_code == 0
    result = run(tmp_path, "check", "--max-line-length", "79", "a.py")
    assert result.stdout.startswith("a.py:2:80: STD101")


def test_explicit_config_file(tmp_path: Path) -> None:
    """``--config`` applies one file to every checked path."""
    write(tmp_path, {"a.py": LONG_LINE})
    other = tmp_path / "other.toml"
    other.write_text(
        "[tool.stdcheck]\nmax-line-length = 100\n", encoding="utf-8"
    )
    assert run(tmp_path, "check", "--config", str(other), "a.py").exit_code \
        == 0


def test_per_file_ignores(tmp_path: Path) -> None:
    """``per-file-ignores`` globs match paths relative to the config."""
    write(
        tmp_path,
        {"src/a.py": NEEDS_BLANK_LINES, "tests/test_a.py": NEEDS_BLANK_LINES,
         "tests/deep/test_b.py": NEEDS_BLANK_LINES},
        config='select = ["STD1"]\n'
        'per-file-ignores = { "tests/*" = ["blank-lines-top-level"] }',
    )
    result = run(tmp_path, "check", ".")
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] \
        == ["src/a.py"]


def test_exclude(tmp_path: Path) -> None:
    """``exclude`` globs drop files and whole folders when walking."""
    write(
        tmp_path,
        {"a.py": NEEDS_BLANK_LINES, "generated/b.py": NEEDS_BLANK_LINES,
         "pkg/c_pb2.py": NEEDS_BLANK_LINES},
        config='select = ["STD1"]\nexclude = ["generated", "*_pb2.py"]',
    )
    result = run(tmp_path, "check", ".")
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] \
        == ["a.py"]


def test_flake8_reads_the_same_table(tmp_path: Path) -> None:
    """The plugin applies ``[tool.stdcheck]``, errors included."""
    write(tmp_path, {"a.py": LONG_LINE + NEEDS_BLANK_LINES},
          config='select = ["STD106"]')
    write(tmp_path / "bad", {"b.py": CLEAN}, config="colour = 1")
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD",
         "a.py", "bad/b.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "a.py:4:1: STD106 expected 2 blank lines before a top-level "
        "definition, found 0",
        f"bad/b.py:1:1: STD000 configuration error: "
        f"{(tmp_path / 'bad' / 'pyproject.toml').resolve()}: "
        "[tool.stdcheck] unknown key 'colour'",
    ]
