"""``stdcheck report`` with a baseline: new against known, burn-down.

The ``repository`` fixture (``conftest.py``) holds the sample project
in git; its baseline is recorded, committed, pruned and committed
again, as a team would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stdcheck.frontends.report.data import ReportData
from tests.frontends.conftest import BASELINE
from tests.frontends.test_report import CONFIG, PROJECT, gathered
from tests.helpers.cli_runner import run, write
from tests.helpers.gitrepo import make_repository


def test_new_known_prunable_and_history(repository: Path) -> None:
    report = gathered()
    status = report.baseline
    assert status is not None
    assert status.files == [BASELINE]
    assert (report.findings, status.new, status.known) == (4, 2, 2)
    assert (status.held, status.prunable) == (3, 1)
    assert [point.size for point in status.history] == [4, 3, 3]
    assert [bool(point.commit) for point in status.history] == [
        True, True, False
    ]
    assert status.history_error is None
    by_name = {section.name: section for section in report.sections}
    assert (by_name["layout"].new, by_name["layout"].findings) == (2, 2)
    assert (by_name["naming"].new, by_name["naming"].findings) == (0, 2)


def test_the_page_and_the_json(repository: Path) -> None:
    result = run(repository, "report")
    assert result.exit_code == 0, result.output
    page = (repository / "stdcheck-report.html").read_text()
    assert page.count("<svg") == 7  # + new against known, burn-down
    assert "Against the baseline" in page
    assert "now (working tree)" in page
    document = json.loads(run(repository, "report", "--format", "json").stdout)
    assert {key: document["baseline"][key] for key in (
        "files", "held", "known", "new", "prunable", "history_error"
    )} == {
        "files": [BASELINE], "held": 3, "known": 2, "new": 2,
        "prunable": 1, "history_error": None,
    }
    history = document["baseline"]["history"]
    assert [point["size"] for point in history] == [4, 3, 3]
    assert history[-1]["commit"] is None
    assert len(history[0]["commit"]) == 40


def test_no_baseline_option(repository: Path) -> None:
    document = json.loads(run(
        repository, "report", "--no-baseline", "--format", "json"
    ).stdout)
    assert document["baseline"] is None
    assert document["findings"] == 4
    page = run(repository, "report", "--no-baseline", "-o", "-").stdout
    assert "No baseline file: every finding counts as new." in page
    assert page.count("<svg") == 5


def test_a_baseline_never_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repository(tmp_path)
    write(tmp_path, PROJECT, CONFIG)
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "baseline").exit_code == 0
    status = gathered().baseline
    assert status is not None
    assert [(point.commit, point.size) for point in status.history] == [
        ("", 4)
    ]
    page = run(tmp_path, "report", "-o", "-").stdout
    assert "The baseline file has no commit yet" in page
    assert page.count("<svg") == 6  # no burn-down of one point


def test_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, PROJECT, CONFIG)
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "baseline").exit_code == 0
    report: ReportData = gathered()
    assert report.baseline is not None
    assert report.baseline.known == 4
    assert "not a git repository" in (report.baseline.history_error or "")
    assert "The history could not be read" in run(
        tmp_path, "report", "-o", "-"
    ).stdout


def test_bad_baselines(repository: Path) -> None:
    missing = run(repository, "report", "--baseline", "missing.json")
    assert missing.exit_code == 2
    assert "missing.json: cannot read the baseline" in missing.stderr
    (repository / BASELINE).write_text("{", encoding="utf-8")
    broken = run(repository, "report", "--format", "json")
    assert broken.exit_code == 2
    assert f"{BASELINE}: not a valid baseline" in broken.stderr
    assert run(repository, "report", "--no-baseline", "-o", "-").exit_code == 0
