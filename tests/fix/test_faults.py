"""Faults during ``stdcheck fix``: kills, races, refusals, full disks.

Every test compares the files with their pristine bytes and with what
an undisturbed run writes: each file must be wholly one or the other.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.helpers import unmeasured_env
from tests.helpers.faults import (
    Pristine,
    assert_whole,
    copy_tree,
    fixed_twin,
    make_tree,
    stdcheck,
)

ROUNDS = int(os.environ.get("STDCHECK_FAULT_ROUNDS", "10"))
FILES = 20


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    """A pristine tree, its files' bytes, and the bytes after fixing."""
    base = tmp_path_factory.mktemp("faults")
    root = base / "pristine"
    before = make_tree(root, FILES)
    return root, before, fixed_twin(base, before)


def test_interrupted_fix_leaves_every_file_whole(
    tmp_path: Path, pristine: Pristine,
) -> None:
    root, before, after = pristine
    started = time.monotonic()
    stdcheck("fix", str(copy_tree(root, tmp_path / "timed")))
    duration = time.monotonic() - started
    chance = random.Random(2026)
    survived = {signal.SIGKILL: 0, signal.SIGINT: 0}
    for _ in range(ROUNDS):
        tree = copy_tree(root, tmp_path / "run")
        process = subprocess.Popen(
            [sys.executable, "-m", "stdcheck", "fix", str(tree)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(chance.uniform(0.1, duration))
        sent = chance.choice(list(survived))
        process.send_signal(sent)
        _, errors = process.communicate(timeout=120)
        # A SIGINT that lands while Python is still importing, or in an
        # exit hook (coverage's, under CI), prints a KeyboardInterrupt
        # traceback, as in any program ("KeyboardInterrupt:" when it has
        # no message); no other one.
        assert "Traceback" not in errors or errors.rstrip().rstrip(
            ":"
        ).endswith("KeyboardInterrupt"), errors
        assert_whole(tree, before, after)
        survived[sent] += 1
    assert sum(survived.values()) == ROUNDS


def test_two_fixes_at_once_corrupt_nothing(
    tmp_path: Path, pristine: Pristine,
) -> None:
    root, before, after = pristine
    for _ in range(2):
        tree = copy_tree(root, tmp_path / "race")
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "stdcheck", "fix", str(tree)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for process in processes:
            _, errors = process.communicate(timeout=300)
            assert "Traceback" not in errors, errors
            assert process.returncode in (0, 1, 2)
        assert assert_whole(tree, before, after) == len(before)


def test_read_only_file_is_reported_and_kept(
    tmp_path: Path, pristine: Pristine,
) -> None:
    root, before, after = pristine
    tree = copy_tree(root, tmp_path / "ro")
    locked = tree / "module_000.py"
    locked.chmod(0o444)
    result = stdcheck("fix", str(tree))
    assert result.returncode == 2
    assert f"{locked}: error: read-only file" in result.stderr
    assert locked.read_bytes() == before[Path("module_000.py")]
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert (tree / "module_001.py").read_bytes() == after[
        Path("module_001.py")
    ]


def _nobody_can_run_stdcheck(folder: Path) -> bool:
    """Return whether an unprivileged user can run us in a folder."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
         sys.executable, "-c", "import os, stdcheck, sys; "
         "os.listdir(sys.argv[1])", str(folder)],
        capture_output=True, check=False, env=unmeasured_env(),
    )
    return probe.returncode == 0


def test_read_only_folder_is_reported_and_others_fixed(
    request: pytest.FixtureRequest, pristine: Pristine,
) -> None:
    shared = Path(tempfile.mkdtemp(prefix="stdcheck-perm-"))
    shared.chmod(0o755)
    request.addfinalizer(lambda: shutil.rmtree(shared))
    if not _nobody_can_run_stdcheck(shared):
        pytest.skip("needs root, setpriv and a world-readable Python")
    root, before, after = pristine
    tree = copy_tree(root, shared / "perm")
    open_folder = tree / "open"
    open_folder.mkdir()
    shutil.move(str(tree / "module_001.py"), open_folder / "module_001.py")
    open_folder.chmod(0o777)
    (open_folder / "module_001.py").chmod(0o666)
    result = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
         sys.executable, "-m", "stdcheck", "fix", str(tree)],
        capture_output=True, text=True, check=False, env=unmeasured_env(),
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{tree / 'module_000.py'}: error: cannot write: permission" \
        in result.stderr
    assert (tree / "module_000.py").read_bytes() == before[
        Path("module_000.py")
    ]
    assert (open_folder / "module_001.py").read_bytes() == after[
        Path("module_001.py")
    ]


def _limit_file_size() -> None:
    """In the child: files may not pass 4 KiB (EFBIG, no signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_write_failure_keeps_the_original(
    tmp_path: Path, pristine: Pristine,
) -> None:
    root, before, _ = pristine
    tree = copy_tree(root, tmp_path / "big")
    big = tree / "module_000.py"
    big.write_bytes(before[Path("module_000.py")] + b"# padding\n" * 600)
    original = big.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "stdcheck", "fix", str(big)],
        capture_output=True, text=True, check=False,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode == 2
    assert f"{big}: error: cannot write: file too large" in result.stderr
    assert big.read_bytes() == original
    assert [p for p in os.listdir(tree) if p.endswith(".stdcheck")] == []


def test_full_disk_keeps_the_original(
    tmp_path: Path, pristine: Pristine,
) -> None:
    root, before, _ = pristine
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
        capture_output=True, check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        path = disk / "module_000.py"
        path.write_bytes(before[Path("module_000.py")] * 8)
        original = path.read_bytes()
        filler = disk / "filler"
        with open(filler, "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 1024)
                    handle.flush()
            except OSError:
                pass  # the disk is full, as wanted
        result = stdcheck("fix", str(path))
        assert result.returncode == 2
        assert f"{path}: error: cannot write: no space left" in result.stderr
        assert path.read_bytes() == original
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_bad_toml_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.stdcheck\nselect = 1\n", encoding="utf-8"
    )
    (tmp_path / "example.py").write_text("x = 1\n", encoding="utf-8")
    for command in ("check", "fix"):
        result = stdcheck(command, str(tmp_path))
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "invalid TOML" in lines[0], lines
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD",
         str(tmp_path / "example.py")],
        capture_output=True, text=True, check=False,
    )
    assert "Traceback" not in flake8.stderr
    assert "STD000 configuration error" in flake8.stdout
    assert "invalid TOML" in flake8.stdout
