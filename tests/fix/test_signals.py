"""SIGTERM and SIGHUP during ``fix`` clean up as Ctrl-C does.

The signal is sent by the process to itself at the worst moment: the
fixed text is in a temporary file beside the target, not yet renamed
over it. The run must stop (exit 128 + the signal), leave the target
as it was, and leave no temporary file behind.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli_runner import NEEDS_BLANK_LINES, write

SEND_DURING_WRITE = """
import os, signal, sys
from stdcheck.frontends.cli import main

real_fsync = os.fsync

def fsync_then_signal(descriptor):
    real_fsync(descriptor)
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))

os.fsync = fsync_then_signal
main(["fix", "."])
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_while_writing_leaves_no_trace(
    tmp_path: Path, name: str
) -> None:
    """The target keeps its bytes; no temporary file is left."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = subprocess.run(
        # As from a terminal, even when the suite runs under nohup or
        # in the background (where both signals start ignored).
        [sys.executable, "-c",
         "import signal; signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"
         "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
         + SEND_DURING_WRITE, name],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        timeout=120,
    )
    number = getattr(signal, name)
    assert result.returncode != -number, "killed without clean-up"
    assert result.returncode == (1 if name == "SIGINT" else 128 + number)
    assert (tmp_path / "a.py").read_text() == NEEDS_BLANK_LINES
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "a.py", "pyproject.toml"
    ]


def test_an_ignored_hangup_stays_ignored(tmp_path: Path) -> None:
    """Under ``nohup`` (SIGHUP ignored) the fix goes on, is written."""
    write(tmp_path, {"a.py": NEEDS_BLANK_LINES})
    result = subprocess.run(
        [sys.executable, "-c",
         "import signal; signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
         + SEND_DURING_WRITE, "SIGHUP"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.py").read_text() != NEEDS_BLANK_LINES
