"""Odd things in a walked tree: one line each, and the run goes on.

FIFOs, sockets and devices are never read (reading one can wait
forever); names that are not valid UTF-8 are shown with escapes; a tree
deeper than the recursion limit and a working folder that vanished give
one line, never a traceback.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli_runner import NEEDS_BLANK_LINES, write

LATIN_NAME = os.fsdecode(b"caf\xe9.py")
DEPTH = 995


def _stdcheck(
    folder: Path, *args: str, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``stdcheck ARGS`` in a process, from ``folder``."""
    return subprocess.run(
        [sys.executable, "-m", "stdcheck", *args], cwd=folder,
        capture_output=True, text=True, errors="replace", check=False,
        timeout=timeout,
    )


def _special_files(folder: Path) -> list[str]:
    """Create a FIFO, a socket (and a device, if allowed) named .py."""
    os.mkfifo(folder / "fifo.py")
    made = ["fifo.py"]
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.py"))
    server.close()
    made.append("socket.py")
    try:
        os.mknod(folder / "device.py", stat.S_IFCHR | 0o600, os.makedev(1, 5))
        made.append("device.py")
    except (PermissionError, OSError):
        pass  # not allowed here: the others still run
    return made


@pytest.mark.parametrize(
    "command", [["check", "--no-cache"], ["check"], ["fix"], ["fix", "--diff"]]
)
def test_special_files_are_not_read(
    tmp_path: Path, command: list[str]
) -> None:
    """Each FIFO, socket or device gets one line; the rest is done."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    special = _special_files(tmp_path)
    result = _stdcheck(tmp_path, *command, ".", timeout=60)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    kinds = {"fifo.py": "a FIFO", "socket.py": "a socket",
             "device.py": "a device"}
    assert sorted(
        line for line in result.stderr.splitlines() if ": error: " in line
    ) == sorted(
        f"{name}: error: not a regular file ({kinds[name]}); not read"
        for name in special
    )
    assert ("a.py:2:1: STD106" in result.stdout) == (command[0] == "check")
    assert ("1 finding in 1 file" in result.stdout + result.stderr) == (
        command[0] == "fix"
    )


def test_a_named_fifo_is_not_read(tmp_path: Path) -> None:
    """A FIFO named on the command line is refused too."""
    os.mkfifo(tmp_path / "named")
    result = _stdcheck(tmp_path, "check", "named", timeout=60)
    assert result.returncode == 2
    assert result.stderr == "named: error: not a regular file (a FIFO); " \
        "not read\n"


def test_names_that_are_not_utf8(tmp_path: Path) -> None:
    """Shown with the byte escaped; the file is checked and fixed."""
    write(tmp_path, {LATIN_NAME: "import sys\nimport os\n"},
          config='select = ["STD3"]')
    checked = _stdcheck(tmp_path, "check", "--no-cache", ".")
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.splitlines()[0] == (
        "caf\\xe9.py:2:1: STD303 'import os' should come before "
        "'import sys'"
    )
    assert checked.stderr == ""
    as_json = _stdcheck(tmp_path, "check", "--no-cache", "--format", "json",
                        ".")
    assert as_json.returncode == 1, as_json.stderr
    assert json.loads(as_json.stdout)["findings"][0]["path"] == LATIN_NAME
    cached = _stdcheck(tmp_path, "check", ".")
    assert cached.stdout == checked.stdout
    fixed = _stdcheck(tmp_path, "fix", ".")
    assert "Traceback" not in fixed.stderr
    assert fixed.returncode == 0, fixed.stderr + fixed.stdout
    assert (tmp_path / LATIN_NAME).read_text() == "import os\nimport sys\n"


@pytest.fixture
def deep_tree(tmp_path: Path) -> Iterator[Path]:
    """995 nested folders ``d/d/...`` with a file at the bottom.

    Removed here, iteratively: pytest's own clean-up (``shutil.rmtree``,
    recursive) cannot remove a tree this deep.
    """
    write(tmp_path, {})
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        for _ in range(DEPTH):
            os.mkdir("d")
            os.chdir("d")
        Path("deep.py").write_text(NEEDS_BLANK_LINES, encoding="utf-8")
    finally:
        os.chdir(previous)
    try:
        yield tmp_path
    finally:
        os.chdir(tmp_path.joinpath(*["d"] * DEPTH))
        try:
            for name in os.listdir("."):
                os.unlink(name)
            for _ in range(DEPTH):
                os.chdir("..")
                os.rmdir("d")
        finally:
            os.chdir(previous)


def test_a_tree_deeper_than_the_recursion_limit(deep_tree: Path) -> None:
    """The file at the bottom of 995 nested folders is checked."""
    result = _stdcheck(deep_tree, "check", "--no-cache", ".")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout.startswith("d/" * DEPTH + "deep.py:2:1: STD106")


def test_a_vanished_working_folder(tmp_path: Path) -> None:
    """One line, exit 2."""
    gone = tmp_path / "gone"
    gone.mkdir()
    result = subprocess.run(
        [sys.executable, "-c",
         "import os, sys; os.rmdir(os.getcwd()); "
         "from stdcheck.frontends.cli import main; "
         "main(['check', sys.argv[1]])", str(tmp_path)],
        cwd=gone, capture_output=True, text=True, check=False, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "stdcheck: error: the current folder cannot be used: "
        "No such file or directory"
    ]
