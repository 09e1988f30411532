"""The results cache: hits, invalidation, corruption, concurrency."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdcheck.core import config
from stdcheck.core.engine import FileResult
from stdcheck.frontends.cli import main
from stdcheck.run import cache, runner
from stdcheck.run.discovery import discover
from tests.helpers import write_project


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the engine checks (in this process) from now on."""
    seen: list[str] = []
    check_data = runner.check_data

    def counting(data: bytes, path: str, config: object) -> FileResult:
        seen.append(Path(path).name)
        return check_data(data, path, config)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_data", counting)
    return seen


def _run(root: Path) -> list[FileResult]:
    """Check a tree in this process, with the cache.

    Configurations are read afresh (the tests edit them), not through
    the run settings' memory.
    """
    config.load.cache_clear()
    files = discover([str(root)], lambda path: False).files
    targets = runner.Targets(
        [(path, config.load_for(Path(path))) for path in files]
    )
    return list(runner.check_targets(targets, jobs=1, use_cache=True))


def _long_lines(results: list[FileResult]) -> int:
    """Count the STD101 findings of some results."""
    return sum(
        finding.code == "STD101"
        for result in results
        for finding in result.findings
    )


def _shown(results: list[FileResult]) -> list[str]:
    """What a run reports, every field, comparable across runs."""
    return [repr(result) for result in results]


def test_second_run_reuses_every_result(
    tmp_path: Path, checked: list[str]
) -> None:
    """An unchanged tree is not checked again; results are the same."""
    write_project(tmp_path, files=4)
    first = _run(tmp_path)
    assert len(checked) == 5
    folder = tmp_path / ".stdcheck_cache"
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (folder / cache.INDEX).is_file()
    checked.clear()
    assert _shown(_run(tmp_path)) == _shown(first)
    assert checked == []


def test_changed_file_is_checked_again(
    tmp_path: Path, checked: list[str]
) -> None:
    """Only the edited file is checked; its new findings show."""
    write_project(tmp_path, files=4)
    _run(tmp_path)
    checked.clear()
    edited = tmp_path / "pkg" / "module_000.py"
    edited.write_text('"""Edited."""\n', encoding="utf-8")
    results = _run(tmp_path)
    assert checked == ["module_000.py"]
    assert results[1].path.endswith("module_000.py")
    assert results[1].findings == []


def test_changed_configuration_invalidates(
    tmp_path: Path, checked: list[str]
) -> None:
    """A new max-line-length rechecks every file, with the new limit."""
    write_project(tmp_path, files=4)
    assert _long_lines(_run(tmp_path)) > 0
    (tmp_path / "pyproject.toml").write_text(
        "[tool.stdcheck]\nmax-line-length = 200\n", encoding="utf-8"
    )
    checked.clear()
    after = _run(tmp_path)
    assert len(checked) == 5
    assert _long_lines(after) == 0


def test_per_file_ignores_invalidate(
    tmp_path: Path, checked: list[str]
) -> None:
    """Ignoring a rule in some files changes their key, not others'."""
    write_project(tmp_path, files=4)
    _run(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.stdcheck]\nper-file-ignores = {"*_000.py" = ["STD101"]}\n',
        encoding="utf-8",
    )
    checked.clear()
    results = _run(tmp_path)
    assert sorted(checked) == ["broken.py", "module_000.py"] + [
        f"module_00{n}.py" for n in range(1, 4)
    ]
    assert _long_lines(results[1:2]) == 0
    assert _long_lines(results[2:]) > 0


def test_new_stdcheck_invalidates(
    tmp_path: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another stdcheck (version or code) does not trust the index."""
    write_project(tmp_path, files=2)
    first = _run(tmp_path)
    monkeypatch.setattr(cache, "tool_fingerprint", lambda: "another")
    checked.clear()
    assert _shown(_run(tmp_path)) == _shown(first)
    assert len(checked) == 3


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00garbage\xff" * 10,
        marshal.dumps([1, 2, 3]),
        marshal.dumps((cache.FORMAT, "another stdcheck", {})),
    ],
)
def test_corrupt_index_is_rebuilt(
    tmp_path: Path, checked: list[str], damage: bytes
) -> None:
    """An unreadable or foreign index is ignored, then rewritten."""
    write_project(tmp_path, files=2)
    first = _run(tmp_path)
    index = tmp_path / ".stdcheck_cache" / cache.INDEX
    index.write_bytes(damage)
    checked.clear()
    assert _shown(_run(tmp_path)) == _shown(first)
    assert len(checked) == 3
    checked.clear()
    _run(tmp_path)
    assert checked == []


def test_damaged_entry_is_a_miss(
    tmp_path: Path, checked: list[str]
) -> None:
    """An entry of the wrong shape only costs checking its file."""
    write_project(tmp_path, files=2)
    first = _run(tmp_path)
    index = tmp_path / ".stdcheck_cache" / cache.INDEX
    document = marshal.loads(index.read_bytes())
    damaged = str(tmp_path / "pkg" / "module_001.py")
    entry = document[2][damaged]
    document[2][damaged] = (entry[0], entry[1], ((1, "x"),), None)
    index.write_bytes(marshal.dumps(document))
    checked.clear()
    assert _shown(_run(tmp_path)) == _shown(first)
    assert checked == ["module_001.py"]


def test_deleted_files_leave_the_index(tmp_path: Path) -> None:
    """Entries of files that no longer exist are dropped on save."""
    write_project(tmp_path, files=2)
    _run(tmp_path)
    (tmp_path / "pkg" / "module_000.py").unlink()
    (tmp_path / "pkg" / "module_001.py").write_text("z = 2\n")
    _run(tmp_path)
    index = tmp_path / ".stdcheck_cache" / cache.INDEX
    assert sorted(Path(path).name for path in marshal.loads(
        index.read_bytes()
    )[2]) == ["broken.py", "module_001.py"]


def test_unconfigured_files_use_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a ``[tool.stdcheck]`` the cache is in the cwd."""
    source = tmp_path / "code"
    source.mkdir()
    (source / "a.py").write_text("a = 1\n")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    _run(source)
    assert (work / ".stdcheck_cache" / cache.INDEX).is_file()
    assert not (source / ".stdcheck_cache").exists()


def test_no_cache_reads_and_writes_nothing(tmp_path: Path) -> None:
    """``--no-cache`` leaves no folder behind."""
    write_project(tmp_path, files=2)
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert "STD101" in result.output
    assert not (tmp_path / ".stdcheck_cache").exists()


def test_concurrent_runs_agree(tmp_path: Path) -> None:
    """Runs at the same time all report right; the index stays whole."""
    write_project(tmp_path, files=30)
    command = [sys.executable, "-m", "stdcheck", "check", "-j", "1"]
    expected = subprocess.run(
        [*command, "--no-cache", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    runs = [
        subprocess.Popen(
            [*command, str(tmp_path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(4)
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert (run.returncode, out, err) == (
            expected.returncode, expected.stdout, expected.stderr
        )
    folder = tmp_path / ".stdcheck_cache"
    assert sorted(os.listdir(folder)) == [".gitignore", cache.INDEX]
    document = marshal.loads((folder / cache.INDEX).read_bytes())
    assert len(document[2]) == 31


def test_each_project_has_its_own_cache(tmp_path: Path) -> None:
    """Two projects with equal settings, one run: two caches."""
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        write_project(tmp_path / name, files=1)
    targets = runner.collect([str(tmp_path)], runner.Settings())
    list(runner.check_targets(targets, jobs=1, use_cache=True))
    for name in ("one", "two"):
        index = tmp_path / name / ".stdcheck_cache" / cache.INDEX
        paths = marshal.loads(index.read_bytes())[2]
        assert {Path(path).parent.parent.name for path in paths} == {name}
