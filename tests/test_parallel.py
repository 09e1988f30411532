"""``--jobs``: files checked in several processes, output unchanged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from stdcheck import parallel
from stdcheck.cli import main
from tests.helpers import unmeasured_env, write_project


def _square_with_pid(number: int) -> tuple[int, int]:
    """A worker's answer, with the process that computed it."""
    return number * number, os.getpid()


def test_results_keep_the_items_order() -> None:
    """Many items go to several worker processes, results in order."""
    results = list(parallel.map_in_order(_square_with_pid, range(100), 2))
    assert [value for value, _ in results] == [n * n for n in range(100)]
    pids = {pid for _, pid in results}
    assert 1 <= len(pids) <= 2  # which worker takes a chunk is a race
    assert os.getpid() not in pids


def _note_item(item: tuple[str, int]) -> int:
    """Record that a worker took an item, slowly."""
    folder, number = item
    Path(folder, str(number)).touch()
    time.sleep(0.01)
    return number


def test_closing_early_starts_no_more_work(tmp_path: Path) -> None:
    """Work not yet started is cancelled when the caller stops."""
    items = [(str(tmp_path), number) for number in range(400)]
    results = parallel.map_in_order(_note_item, items, 2)
    assert next(results) == 0
    results.close()  # what an interrupt or an error in the caller does
    assert len(list(tmp_path.iterdir())) < len(items) // 2


def _interrupts_ignored(_: int) -> bool:
    """Return whether this worker ignores Ctrl-C."""
    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_workers_leave_interrupts_to_the_parent() -> None:
    """Only the parent handles Ctrl-C: no traceback from each worker."""
    assert all(parallel.map_in_order(_interrupts_ignored, range(40), 2))


def test_few_items_stay_in_this_process() -> None:
    """Starting processes for a handful of files would cost more."""
    results = list(parallel.map_in_order(_square_with_pid, range(5), 2))
    assert results == [(n * n, os.getpid()) for n in range(5)]


def test_output_is_the_same_with_one_or_many_jobs(tmp_path: Path) -> None:
    """Findings and errors are printed the same, in the same order."""
    write_project(tmp_path, files=60)
    runner = CliRunner()
    outputs = [
        runner.invoke(
            main, ["check", "--no-cache", "--jobs", jobs, str(tmp_path)]
        )
        for jobs in ("1", "2", "3")
    ]
    assert outputs[0].exit_code == 2  # findings and a broken file
    assert "STD101" in outputs[0].output
    assert "broken.py" in outputs[0].output
    for result in outputs[1:]:
        assert (result.exit_code, result.output) == (
            outputs[0].exit_code, outputs[0].output
        )


def test_version_imports_no_checking_code() -> None:
    """``stdcheck --version`` loads the CLI only (nothing to check)."""
    probe = (
        "import sys\n"
        "from stdcheck.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(name for name in sys.modules\n"
        "                      if name.startswith('stdcheck'))))\n"
        "print('libcst' in sys.modules, 'multiprocessing' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True,
        check=True, env=unmeasured_env(),
    )
    lines = result.stdout.splitlines()
    assert lines[-2:] == ["stdcheck stdcheck.cli", "False False"]
