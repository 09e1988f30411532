"""Frontends' test fixtures: a project with a baseline in git."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.frontends.test_report import CONFIG, LONG, PROJECT
from tests.helpers.cli_runner import run, write
from tests.helpers.gitrepo import commit, make_repository

BASELINE = "stdcheck-baseline.json"


def record(folder: Path, *options: str) -> None:
    """Run ``stdcheck baseline`` and commit the baseline."""
    assert run(folder, "baseline", *options).exit_code == 0
    commit(folder, f"baseline {' '.join(options)}")


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project in git, its baseline burned down once.

    Commit 1 baselines the 4 findings. Commit 2 fixes c.py's finding
    and prunes (3 held); b.py gets a new finding, which pruning does
    not add. Then, uncommitted: a.py's long line fixed (1 prunable) and
    a second new finding in b.py.
    """
    make_repository(tmp_path)
    write(tmp_path, PROJECT, CONFIG)
    monkeypatch.chdir(tmp_path)
    record(tmp_path)
    (tmp_path / "c.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "pkg/sub/b.py").write_text(f"x = 1\n{LONG}\n")
    record(tmp_path, "--prune")
    a_py = tmp_path / "pkg/a.py"
    a_py.write_text(a_py.read_text().replace(LONG, "y = 2"))
    (tmp_path / "pkg/sub/b.py").write_text(f"x = 1\n{LONG}\n{LONG}\n")
    return tmp_path
