"""A crashing rule is one STD000 finding; the other rules still report.

A test-only checker that raises is registered for each test, then the
file is checked through the CLI's engine and through flake8 run in
this process (so that it sees the test-only checker).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flake8.main.application import Application

from stdcheck.core.checker import CHECKERS, Checker
from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.core.registry import lookup
from tests.helpers import interrupted_cleanup

SOURCE = (
    '"""A sample."""\n\n\ndef f() -> int:\n    """Return one."""\n'
    "    return 1\n\n\nX = '" + "a" * 90 + "'\n"
)


class Exploding(Checker):
    """Raises on every function definition (test only)."""

    rules = (lookup("STD101"),)  # type: ignore[assignment]

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        """Fail, as a buggy rule would."""
        raise ZeroDivisionError("boom")


CHECKERS.remove(Exploding)


@pytest.fixture()
def exploding() -> Iterator[None]:
    """Register the crashing checker for one test."""
    CHECKERS.append(Exploding)
    try:
        yield
    finally:
        CHECKERS.remove(Exploding)


def test_cli_engine_reports_crash_and_keeps_others(exploding: None) -> None:
    findings = check_source(SOURCE, "example.py", Config())
    codes = [(finding.line, finding.code) for finding in findings]
    assert (4, "STD000") in codes
    assert (9, "STD101") in codes
    crash = next(f for f in findings if f.code == "STD000")
    assert "Exploding" in crash.message
    assert "ZeroDivisionError" in crash.message


def test_interrupt_hidden_by_a_crash_is_not_reported(
    exploding: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C inside a rule stops the run instead of becoming STD000."""
    monkeypatch.setattr(
        Exploding, "visit_FunctionDef", lambda *_: interrupted_cleanup()
    )
    with pytest.raises(KeyboardInterrupt):
        check_source(SOURCE, "sample.py", Config())


def test_flake8_reports_crash_and_keeps_others(
    exploding: None, tmp_path: Path
) -> None:
    path = tmp_path / "example.py"
    path.write_text(SOURCE, encoding="utf-8")
    output = tmp_path / "out.txt"
    application = Application()
    application.run([
        "--isolated", "--select", "STD", "-j", "1",
        "--output-file", str(output), str(path),
    ])
    lines = output.read_text(encoding="utf-8").splitlines()
    assert any(":4:1: STD000 internal error in Exploding" in line
               for line in lines), lines
    assert any(":9:80: STD101" in line for line in lines), lines
    assert application.result_count == 2


def test_flake8_survives_every_bad_input(tmp_path: Path) -> None:
    inputs = {
        "syntax.py": b"def (:\n",
        "nul.py": b"x = 1\0\n",
        "latin.py": b"x = '\xff'\n",
        "nested.py": b"x = " + b"[" * 1000 + b"]" * 1000 + b"\n",
        "empty.py": b"",
        "fine.py": b"x = '" + b"a" * 90 + b"'\n",
    }
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD,E9",
         str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "fine.py:1:80: STD101" in result.stdout
    assert "STD000" not in result.stdout
