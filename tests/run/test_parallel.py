"""``--jobs``: files checked in several processes, output unchanged."""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stdcheck.core.findings import Finding
from stdcheck.core.registry import FixSafety
from stdcheck.frontends.cli import main
from stdcheck.run import parallel
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


def test_few_items_stay_in_this_process_unless_each_is_worth_one() -> None:
    [(_, pid)] = parallel.map_in_order(_square_with_pid, [3], 2)
    assert pid == os.getpid()
    few = list(parallel.map_in_order(_square_with_pid, range(4), 2))
    assert {pid for _, pid in few} == {os.getpid()}
    worth = list(parallel.map_in_order(_square_with_pid, range(4), 2, 2))
    assert [value for value, _ in worth] == [0, 1, 4, 9]
    assert os.getpid() not in {pid for _, pid in worth}


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
        "from stdcheck.frontends.cli import main\n"
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
    assert lines[-2:] == [
        "stdcheck stdcheck.frontends stdcheck.frontends.cli", "False False"]


def _fixable_project(root: Path, files: int) -> Path:
    """Write modules with fixable findings and one that cannot parse."""
    package = root / "pkg"
    package.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.stdcheck]\n", "utf-8")
    for number in range(files):
        (package / f"module_{number:03}.py").write_text(
            f'"""Module {number}."""\nimport os\ndef f{number}() -> str:\n'
            f'    """Return a separator."""\n    return os.sep\n',
            encoding="utf-8",
        )
    (package / "broken.py").write_text("def broken(:\n", encoding="utf-8")
    return root


def test_fix_is_the_same_with_one_or_many_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``fix --jobs``: same output, same files written, in workers."""
    asked: list[int] = []
    in_order = parallel.map_in_order

    def spy(function: Any, items: Any, jobs: int, *rest: int) -> Any:
        asked.append(jobs)
        return in_order(function, items, jobs, *rest)

    monkeypatch.setattr(parallel, "map_in_order", spy)
    runner = CliRunner()
    results: list[tuple[object, ...]] = []
    written = []
    for jobs in ("1", "2"):
        project = _fixable_project(tmp_path / jobs, files=40)
        diff = runner.invoke(main, ["fix", "--diff", "-j", jobs, str(project)])
        fixed = runner.invoke(main, ["fix", "-j", jobs, str(project)])
        results.append(tuple(
            value if isinstance(value, int)
            else value.replace(str(project), "")
            for value in (diff.exit_code, diff.output,
                          fixed.exit_code, fixed.output)
        ))
        written.append(sorted(
            (path.name, path.read_text(encoding="utf-8"))
            for path in (project / "pkg").iterdir()
        ))
    assert asked == [1, 1, 2, 2]
    assert "+\n+\n def f0" in str(results[0][1])  # blank lines fixed
    assert "broken.py" in str(results[0][3])
    assert results[1] == results[0]
    assert written[1] == written[0]
    assert written[0] != sorted(
        (path.name, path.read_text(encoding="utf-8"))
        for path in (_fixable_project(tmp_path / "new", 40) / "pkg").iterdir()
    )


def _running(pid: int) -> bool:
    """Return whether a process exists and has not ended (Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    """A killed run leaves no worker behind (holding its pipes open)."""
    script = (  # each worker says who it is, then works for long
        "import os, sys, time\n"
        "from stdcheck.run import parallel\n"
        "def work(number):\n"
        "    open(os.path.join(sys.argv[1], str(os.getpid())), 'w')\n"
        "    time.sleep(60)\n"
        "list(parallel.map_in_order(work, range(40), 2))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], env=unmeasured_env()
    )
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(path.name) for path in tmp_path.iterdir()]
    assert len(workers) == 2
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_running, workers))


def test_a_finding_crosses_processes_whole() -> None:
    """Workers send findings pickled: every field comes back."""
    finding = Finding("a.py", 1, 2, "STD101", "m", 3, 4, FixSafety.SAFE)
    back = pickle.loads(pickle.dumps(finding))
    assert dataclasses.astuple(back) == dataclasses.astuple(finding)
