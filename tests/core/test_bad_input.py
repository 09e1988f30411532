"""Files that cannot be checked: one clear line each, never a traceback.

Every bad input sits in one folder beside a good file with a finding;
the CLI must name each bad file with its problem, exit 2 and still
report the good file, and flake8 with the plugin must not crash on any
of them.
"""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
import tokenize
from pathlib import Path
from typing import Any

import pytest

import stdcheck.core.source
from stdcheck.frontends.flake8_plugin import Plugin
from tests.helpers.cli_runner import NEEDS_BLANK_LINES, run, write

BAD = {
    "syntax.py": (b"def f(:\n    pass\n",
                  "syntax.py:1:7: error: syntax error: invalid syntax"),
    "undecodable.py": (b"x = 1\ny = '\xff'\n",
                       "undecodable.py:2:1: error: cannot decode as utf-8: "
                       "invalid start byte (byte 0xff)"),
    "bad_cookie.py": (b"# -*- coding: no-such-codec -*-\nx = 1\n",
                      "bad_cookie.py: error: bad encoding declaration: "
                      "unknown encoding: no-such-codec"),
    "nul.py": (b"x = 1\ny = 2\0\n", "nul.py:2:1: error: contains a NUL byte"),
    "nested.py": (b"x = " + b"(" * 1000 + b")" * 1000 + b"\n",
                  "nested.py:1:205: error: syntax error: too many nested "
                  "parentheses"),
}
"""Name: (content, the error line expected on standard error)."""

FIVE_MB = ("x = '" + "a" * 70 + "'\n") * (5 * 2**20 // 77 + 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of bad inputs and one good file with one finding."""
    write(tmp_path, {name: data for name, (data, _) in BAD.items()})
    write(tmp_path, {
        "empty.py": "",
        "good.py": NEEDS_BLANK_LINES,
        "x.py/inner.py": "import os\n",
        "unreadable.py": "x = 1\n",
    })
    os.symlink("loop_b.py", tmp_path / "loop_a.py")
    os.symlink("loop_a.py", tmp_path / "loop_b.py")
    return tmp_path


def test_cli_names_each_bad_file_and_goes_on(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One line per bad file on stderr, findings for the rest, exit 2.

    Tests run as root here, which reads any file whatever its mode, so
    the unreadable file is simulated: ``open`` in the reading module
    raises the ``PermissionError`` the OS would.
    """
    unreadable = str(folder / "unreadable.py")

    real_open = os.open

    def refusing_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.path.abspath(path) == unreadable:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(stdcheck.core.source.os, "open", refusing_open)
    result = run(folder, "check")
    assert result.exit_code == 2
    expected = [line for _, line in BAD.values()] + [
        "unreadable.py: error: cannot read: permission denied",
        "loop_a.py: error: cannot read: too many levels of symbolic links",
        "loop_b.py: error: cannot read: too many levels of symbolic links",
    ]
    assert sorted(result.stderr.splitlines()) == sorted(expected)
    assert result.stdout.splitlines() == [
        "good.py:2:1: STD106 expected 2 blank lines before a top-level "
        "definition, found 0",
        "Found 1 finding (1 fixable with `stdcheck fix`); 8 files could "
        "not be checked.",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_cli_unreadable_file_for_real(tmp_path: Path) -> None:
    """Without root, a mode-000 file gives the same one line."""
    write(tmp_path, {"a.py": "x = 1\n"})
    (tmp_path / "a.py").chmod(0)
    result = run(tmp_path, "check", "a.py")
    assert (result.exit_code, result.stderr) == (
        2, "a.py: error: cannot read: permission denied\n"
    )


def test_named_bad_files(folder: Path) -> None:
    """Bad files named on the command line fail the same way."""
    result = run(folder, "check", "nul.py", "loop_a.py", "good.py")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "nul.py:2:1: error: contains a NUL byte",
        "loop_a.py: error: cannot read: too many levels of symbolic links",
    ]


def test_empty_file_is_clean(tmp_path: Path) -> None:
    """An empty module is valid Python: nothing to report."""
    write(tmp_path, {"empty.py": ""})
    result = run(tmp_path, "check", "empty.py")
    assert (result.exit_code, result.output) == (0, "")


def test_five_megabytes(tmp_path: Path) -> None:
    """A 5 MB module is checked like any other."""
    write(tmp_path, {"big.py": FIVE_MB + "y = 1  \t\n\n\n\nz = 2\n"})
    result = run(tmp_path, "check", "big.py")
    lines = FIVE_MB.count("\n")
    assert result.stdout.splitlines()[0] == (
        f"big.py:{lines + 5}:1: STD108 too many blank lines (3)"
    )


def test_flake8_survives_every_bad_input(folder: Path) -> None:
    """flake8 and the plugin report the good file, never crash."""
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD",
         "."],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "./good.py:2:1: STD106 expected 2 blank lines before a top-level "
        "definition, found 0",
    ]


def test_plugin_on_five_megabytes() -> None:
    """The plugin checks a 5 MB module from flake8's parsed forms.

    (In process: running all of flake8's other plugins over 5 MB would
    cost the suite more than it tells.)
    """
    source = FIVE_MB + 'def f() -> None:\n    """Do nothing."""\n'
    lines = io.StringIO(source).readlines()
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    plugin = Plugin(ast.parse(source), lines, "big.py", tokens)
    found = [(line, message[:6]) for line, _, message, _ in plugin.run()]
    assert found == [(1, "STD401"), (len(lines) - 1, "STD106")]
