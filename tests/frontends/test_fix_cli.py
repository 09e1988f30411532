"""The ``stdcheck fix`` command: modes, output and exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from stdcheck.frontends.cli import main
from tests.helpers import fix_samples

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def samples() -> Iterator[None]:
    """Register the sample rules and fixes for each test."""
    with fix_samples.registered():
        yield


def _fix(*args: str, stdin: bytes | None = None) -> Result:
    """Run ``stdcheck fix`` in-process."""
    return CliRunner().invoke(main, ["fix", *args], input=stdin)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with one fixable file and one clean file."""
    (tmp_path / "fixable.py").write_text(
        "a = 'one'\nb = 'say \"hi\"'\n", encoding="utf-8"
    )
    (tmp_path / "clean.py").write_text('c = "three"\n', encoding="utf-8")
    return tmp_path


def test_fix_writes_and_reports_what_remains(project: Path) -> None:
    result = _fix("--select", "STD091", str(project))
    assert result.exit_code == 1
    fixable = project / "fixable.py"
    assert fixable.read_text(encoding="utf-8") == (
        "a = \"one\"\nb = 'say \"hi\"'\n"
    )
    assert result.stdout.splitlines() == [
        "Fixed 1 finding in 1 file.",
        f"{fixable}:2:5: STD091 sample-single-quotes",
        "Found 1 finding (1 fixable with `stdcheck fix`).",
    ]
    assert result.stderr == ""


def test_fix_exits_0_when_nothing_remains(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("a = 'one'\n", encoding="utf-8")
    result = _fix("--select", "STD091", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == "Fixed 1 finding in 1 file.\n"


def test_diff_writes_nothing(project: Path) -> None:
    before = (project / "fixable.py").read_bytes()
    result = _fix("--diff", "--select", "STD091", str(project))
    assert result.exit_code == 0
    assert (project / "fixable.py").read_bytes() == before
    assert "-a = 'one'\n+a = \"one\"\n" in result.stdout
    assert result.stdout.startswith(f"--- {project / 'fixable.py'}\n")
    assert result.stderr == "Would fix 1 finding in 1 file.\n"


def test_check_exits_1_when_something_would_change(project: Path) -> None:
    before = (project / "fixable.py").read_bytes()
    result = _fix("--check", "--select", "STD091", str(project))
    assert result.exit_code == 1
    assert (project / "fixable.py").read_bytes() == before
    assert result.stdout == f"would fix {project / 'fixable.py'} (1)\n"


def test_check_exits_0_when_nothing_would_change(project: Path) -> None:
    result = _fix("--check", "--select", "STD091",
                  str(project / "clean.py"))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_unsafe_fixes_option(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_text("a = 'unsafe'\n", encoding="utf-8")
    assert _fix("--select", "STD091", str(path)).exit_code == 1
    assert path.read_text(encoding="utf-8") == "a = 'unsafe'\n"
    result = _fix("--unsafe-fixes", "--select", "STD091", str(path))
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == 'a = "unsafe"\n'


def test_ignore_option(project: Path) -> None:
    result = _fix("--select", "STD091,STD095", "--ignore", "STD091",
                  "--check", str(project / "fixable.py"))
    assert result.exit_code == 1
    lines = _fix("--select", "STD091,STD095", "--ignore", "STD091",
                 "--diff", str(project / "fixable.py")).stdout
    assert "+done = True" in lines
    assert "+a = " not in lines


def test_json_format_keeps_stdout_json(project: Path) -> None:
    result = _fix("--format", "json", "--select", "STD091", str(project))
    document = json.loads(result.stdout)
    assert [item["code"] for item in document["findings"]] == ["STD091"]
    assert result.stderr == "Fixed 1 finding in 1 file.\n"


def test_refused_fix_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_text("x = 1\n", encoding="utf-8")
    result = _fix("--select", "STD092", str(path))
    assert result.exit_code == 2
    assert "RenameX (STD092) refused" in result.stderr
    assert path.read_text(encoding="utf-8") == "x = 1\n"


def test_syntax_error_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_text("x = (\n", encoding="utf-8")
    result = _fix("--select", "STD091", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:")
    assert "syntax error" in result.stderr


def test_stdin_to_stdout_exits_0_when_changed() -> None:
    result = _fix("--select", "STD091", "-", stdin=b"a = 'one'\r\n")
    assert result.exit_code == 0
    assert result.stdout_bytes == b'a = "one"\r\n'


def test_stdin_unchanged_is_echoed() -> None:
    result = _fix("--select", "STD091", "-", stdin=b"a = 1\n")
    assert result.exit_code == 0
    assert result.stdout_bytes == b"a = 1\n"


def test_stdin_syntax_error_echoes_input_and_exits_2() -> None:
    result = _fix("--select", "STD091", "-", "--stdin-filename", "m.py",
                  stdin=b"a = (\n")
    assert result.exit_code == 2
    assert result.stdout_bytes == b"a = (\n"
    assert result.stderr.startswith("m.py:1:")


def test_stdin_check_and_diff() -> None:
    check = _fix("--check", "--select", "STD091", "-", stdin=b"a = 'b'\n")
    assert check.exit_code == 1
    assert check.stdout == ""
    diff = _fix("--diff", "--select", "STD091", "-", stdin=b"a = 'b'\n")
    assert diff.exit_code == 0
    assert diff.stdout == (
        "--- -\n+++ -\n@@ -1 +1 @@\n-a = 'b'\n+a = \"b\"\n"
    )


def _imports_libcst(tmp_path: Path, *args: str) -> bool:
    """Run ``fix`` with the samples in a new Python; was libcst loaded?

    ``-X importtime`` lists every module imported; the run must also
    have reached the fix engine, or the test would prove nothing.
    """
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), str(ROOT), environment.get("PYTHONPATH", "")]
    )
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tests.helpers.fix_samples",
         "fix", *args, str(tmp_path)],
        capture_output=True, text=True, env=environment, cwd=tmp_path,
        timeout=120, check=False,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in completed.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "stdcheck.fix.engine" in imported, completed.stderr[-2000:]
    return "libcst" in imported


def test_libcst_not_imported_without_fixable_findings(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.py").write_text(
        'a = "one"\nb = \'unsafe\'\nc = 1\n', encoding="utf-8"
    )
    assert not _imports_libcst(tmp_path, "--select", "STD091,STD101")
    assert _imports_libcst(
        tmp_path, "--select", "STD091,STD101", "--unsafe-fixes"
    )


def test_unwritten_file_reports_its_original_findings(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.py"
    path.write_text("a = 'one'\nb = 'say \"hi\"'\n", encoding="utf-8")
    path.chmod(0o444)
    result = _fix("--select", "STD091", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"{path}: error: read-only file; left as it is\n"
    assert result.stdout.splitlines()[1:3] == [
        f"{path}:1:5: STD091 sample-single-quotes",
        f"{path}:2:5: STD091 sample-single-quotes",
    ]
