"""Adopting the standard on old code: baseline, changed lines, CI.

Every test works in a temporary git repository, through the CLI (in
process) and, where the flake8 plugin takes part, through flake8.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdcheck.frontends.cli import main
from stdcheck.run import baseline
from tests.helpers.cli_runner import run
from tests.helpers.gitrepo import commit, git, make_repository, write

CONFIG = '[tool.stdcheck]\nselect = ["STD106"]\n'
OLD = """\
import os
def first():
    return os.sep
def second():
    return os.sep
"""
"""Two old findings: STD106 before ``first`` and before ``second``."""

NEW_DEFINITION = "def third():\n    return 3\n"
"""Appended to OLD: one more STD106, before ``third``."""


def findings(output: str) -> list[str]:
    """Return ``path:line: CODE`` of each finding line of the output."""
    found = []
    for line in output.splitlines():
        parts = line.split(":")
        if len(parts) >= 4 and parts[1].isdigit():
            found.append(f"{parts[0]}:{parts[1]}:{parts[3].split()[0]}")
    return found


def flake8(folder: Path, *paths: str) -> list[str]:
    """Return flake8's STD findings as ``path:line:CODE``."""
    done = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "STD", *paths],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return [
        f"{line.split(':')[0]}:{line.split(':')[1]}:{line.split()[1]}"
        for line in done.stdout.splitlines()
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A committed project with two old findings in ``app.py``."""
    make_repository(tmp_path)
    write(tmp_path, "pyproject.toml", CONFIG)
    write(tmp_path, "app.py", OLD)
    commit(tmp_path, "old code")
    return tmp_path


@pytest.fixture
def baselined(project: Path) -> Path:
    """The project with its baseline recorded and committed."""
    result = run(project, "baseline")
    assert result.exit_code == 0, result.output
    commit(project, "baseline")
    return project


def append(path: Path, text: str) -> None:
    """Append text to a file."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def test_baseline_records_prints_added_and_run_is_clean(
    project: Path,
) -> None:
    recorded = run(project, "baseline")
    assert recorded.exit_code == 0
    assert findings(recorded.output) == ["app.py:2:STD106", "app.py:4:STD106"]
    assert "added 2, removed 0; it holds 2 findings in 1 file" in (
        recorded.output
    )
    document = json.loads((project / "stdcheck-baseline.json").read_text())
    assert document["version"] == 1
    assert [entry["file"] for entry in document["entries"]] == ["app.py"] * 2
    checked = run(project, "check")
    assert checked.exit_code == 0
    assert checked.output == "Found 0 new findings; the baseline hid 2.\n"
    assert flake8(project, "app.py") == []
    everything = run(project, "check", "--no-baseline")
    assert everything.exit_code == 1
    assert findings(everything.output) == [
        "app.py:2:STD106", "app.py:4:STD106",
    ]


def test_baseline_again_adds_nothing_new(baselined: Path) -> None:
    before = (baselined / "stdcheck-baseline.json").read_bytes()
    again = run(baselined, "baseline")
    assert findings(again.output) == []
    assert "added 0, removed 0" in again.output
    assert (baselined / "stdcheck-baseline.json").read_bytes() == before


def test_lines_inserted_above_old_findings_keep_them_hidden(
    baselined: Path,
) -> None:
    path = baselined / "app.py"
    path.write_text('"""Docs."""\n\n\n' + path.read_text(), encoding="utf-8")
    checked = run(baselined, "check")
    assert checked.exit_code == 0, checked.output
    assert flake8(baselined, "app.py") == []


def test_a_new_finding_is_reported_alone_cli_and_flake8(
    baselined: Path,
) -> None:
    append(baselined / "app.py", NEW_DEFINITION)
    checked = run(baselined, "check")
    assert checked.exit_code == 1
    assert findings(checked.output) == ["app.py:6:STD106"]
    assert "Found 1 new finding (1 fixable with `stdcheck fix`); the " \
        "baseline hid 2." in checked.output
    assert flake8(baselined, "app.py") == ["app.py:6:STD106"]


def test_a_second_finding_with_the_same_text_is_new(baselined: Path) -> None:
    # Same text and scope as an old finding: the count tells them apart.
    append(baselined / "app.py", "def second():\n    return os.sep\n")
    checked = run(baselined, "check")
    assert findings(checked.output) == ["app.py:6:STD106"]


def test_an_edited_old_line_is_reported(baselined: Path) -> None:
    path = baselined / "app.py"
    path.write_text(
        path.read_text().replace("def second():", "def second(x=1):"),
        encoding="utf-8",
    )
    assert findings(run(baselined, "check").output) == ["app.py:4:STD106"]
    assert flake8(baselined, "app.py") == ["app.py:4:STD106"]


def test_fixed_old_finding_fails_strict_until_pruned(baselined: Path) -> None:
    path = baselined / "app.py"
    path.write_text(
        path.read_text().replace("def second", "\n\ndef second"),
        encoding="utf-8",
    )
    note = run(baselined, "check")
    assert note.exit_code == 0
    assert "1 baseline finding no longer occurs; `stdcheck baseline " \
        "--prune` removes them" in note.output
    strict = run(baselined, "check", "--strict-baseline")
    assert strict.exit_code == 1
    assert "error:" in strict.output
    pruned = run(baselined, "baseline", "--prune")
    assert pruned.exit_code == 0
    assert "added 0, removed 1; it holds 1 finding in 1 file" in pruned.output
    strict = run(baselined, "check", "--strict-baseline")
    assert strict.exit_code == 0, strict.output
    assert "no longer" not in strict.output


def test_prune_never_adds(baselined: Path) -> None:
    append(baselined / "app.py", NEW_DEFINITION)
    pruned = run(baselined, "baseline", "--prune")
    assert "added 0, removed 0" in pruned.output
    assert findings(run(baselined, "check").output) == ["app.py:6:STD106"]


def test_a_rule_not_run_keeps_its_entries(baselined: Path) -> None:
    # Checking with other rules selected must not report STD106 entries
    # as gone, nor drop them when recording.
    checked = run(baselined, "check", "--select", "STD101",
                  "--strict-baseline")
    assert checked.exit_code == 0, checked.output
    run(baselined, "baseline", "--select", "STD101")
    assert run(baselined, "check").exit_code == 0


def test_deleted_and_renamed_files(baselined: Path) -> None:
    git(baselined, "mv", "app.py", "renamed.py")
    checked = run(baselined, "check", "--strict-baseline")
    assert findings(checked.output) == [
        "renamed.py:2:STD106", "renamed.py:4:STD106",
    ]
    assert "2 baseline findings no longer occur" in checked.output
    rerecorded = run(baselined, "baseline")
    assert "added 2, removed 2" in rerecorded.output
    assert run(baselined, "check", "--strict-baseline").exit_code == 0


def test_fix_leaves_baselined_findings_alone(baselined: Path) -> None:
    path = baselined / "app.py"
    append(path, NEW_DEFINITION)
    fixed = run(baselined, "fix")
    assert fixed.exit_code == 0, fixed.output
    assert path.read_text() == OLD + "\n\n" + NEW_DEFINITION
    assert "the baseline hid 2" in fixed.output
    everything = run(baselined, "fix", "--no-baseline")
    assert everything.exit_code == 0
    assert run(baselined, "check", "--no-baseline").exit_code == 0
    assert run(baselined, "check", "--strict-baseline").exit_code == 1
    run(baselined, "baseline", "--prune")
    assert json.loads(
        (baselined / "stdcheck-baseline.json").read_text()
    )["entries"] == []


def test_diff_base_reports_the_edited_line_only(project: Path) -> None:
    path = project / "app.py"
    path.write_text(
        path.read_text().replace("def second():", "def second(x=1):"),
        encoding="utf-8",
    )
    checked = run(project, "check", "--no-baseline", "--diff-base", "HEAD")
    assert checked.exit_code == 1
    assert findings(checked.output) == ["app.py:4:STD106"]
    untouched = run(project, "check", "--diff-base", "HEAD", "--no-baseline",
                    "app.py", "pyproject.toml")
    assert findings(untouched.output) == ["app.py:4:STD106"]


def test_diff_base_counts_staged_and_unstaged_changes(project: Path) -> None:
    append(project / "app.py", NEW_DEFINITION)
    git(project, "add", "app.py")
    append(project / "app.py", "def fourth():\n    return 4\n")
    checked = run(project, "check", "--diff-base", "HEAD")
    assert findings(checked.output) == ["app.py:6:STD106", "app.py:8:STD106"]


def test_diff_base_counts_every_line_of_a_new_file(project: Path) -> None:
    write(project, "pyproject.toml", '[tool.stdcheck]\nselect = ["STD1", '
          '"STD401"]\n')
    write(project, "new.py", "x = 1\n")  # untracked: new
    checked = run(project, "check", "--diff-base", "HEAD")
    assert findings(checked.output) == ["new.py:1:STD401"]
    git(project, "add", "new.py")
    commit(project)
    assert run(project, "check", "--diff-base", "HEAD").exit_code == 0


def test_diff_base_against_an_older_commit(project: Path) -> None:
    first = git(project, "rev-parse", "HEAD").strip()
    append(project / "app.py", NEW_DEFINITION)
    commit(project)
    checked = run(project, "check", "--diff-base", first)
    assert findings(checked.output) == ["app.py:6:STD106"]
    assert run(project, "check", "--diff-base", "HEAD").exit_code == 0


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=x", "HEAD~5"])
def test_diff_base_bad_revision_is_one_line(project: Path, ref: str) -> None:
    checked = run(project, "check", f"--diff-base={ref}")
    assert checked.exit_code == 2
    assert checked.output.count("\n") == 1
    assert f"--diff-base {ref}:" in checked.output
    assert not (project / "x").exists()


def test_diff_base_outside_a_repository_is_one_line(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", CONFIG)
    write(tmp_path, "app.py", OLD)
    checked = run(tmp_path, "check", "--diff-base", "HEAD")
    assert checked.exit_code == 2
    assert checked.output.count("\n") == 1


def test_fix_diff_base_changes_only_changed_lines(project: Path) -> None:
    path = project / "app.py"
    append(path, NEW_DEFINITION)
    fixed = run(project, "fix", "--diff-base", "HEAD")
    assert fixed.exit_code == 0, fixed.output
    assert path.read_text() == OLD + "\n\n" + NEW_DEFINITION
    assert run(project, "check", "--diff-base", "HEAD").exit_code == 0
    assert findings(run(project, "check").output) == [
        "app.py:2:STD106", "app.py:4:STD106",
    ]


def test_fix_diff_base_follows_lines_moved_by_earlier_fixes(
    project: Path,
) -> None:
    # The fix before `third` adds lines above the changed one at the
    # end: the changed line must be followed to its new number.
    path = project / "app.py"
    path.write_text(
        path.read_text().replace("def second():", "def second(x=1):")
        + NEW_DEFINITION,
        encoding="utf-8",
    )
    run(project, "fix", "--diff-base", "HEAD")
    text = path.read_text()
    assert "    return os.sep\n\n\ndef second(x=1):" in text
    assert "    return os.sep\n\n\ndef third" in text
    assert text.startswith("import os\ndef first")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{oops", "invalid JSON"),
        ('{"version": 99, "entries": []}', "version 99 is not supported"),
        ('{"version": 1, "entries": [{"file": "../other/app.py", '
         '"code": "STD106", "fingerprint": "x"}]}', "outside the project"),
    ],
)
def test_bad_baseline_is_one_line_exit_2(
    project: Path, content: str, problem: str
) -> None:
    (project / "stdcheck-baseline.json").write_text(content, encoding="utf-8")
    for command in (["check"], ["fix"], ["baseline"]):
        result = run(project, *command)
        assert result.exit_code == 2, command
        assert result.output.count("\n") == 1
        assert "stdcheck-baseline.json" in result.output
        assert problem in result.output
    reported = flake8(project, "app.py")
    assert reported[0] == "app.py:1:STD000"
    assert reported[1:] == ["app.py:2:STD106", "app.py:4:STD106"]


def test_baseline_location_from_config_and_option(project: Path) -> None:
    write(project, "pyproject.toml",
          CONFIG + 'baseline = "ci/known.json"\n')
    (project / "ci").mkdir()
    assert run(project, "baseline").exit_code == 0
    assert (project / "ci" / "known.json").exists()
    assert not (project / "stdcheck-baseline.json").exists()
    assert run(project, "check").exit_code == 0
    assert flake8(project, "app.py") == []
    missing = run(project, "check", "--baseline", "other.json")
    assert missing.exit_code == 2
    assert "other.json: cannot read the baseline" in missing.output
    assert run(project, "baseline", "--baseline", "other.json").exit_code == 0
    assert run(project, "check", "--baseline", "other.json").exit_code == 0
    both = run(project, "check", "--baseline", "x.json", "--no-baseline")
    assert both.exit_code == 2


def test_baseline_from_a_subfolder_uses_the_project_root(
    baselined: Path,
) -> None:
    write(baselined, "pkg/mod.py", OLD)
    checked = run(baselined / "pkg", "check", ".")
    assert findings(checked.output) == ["mod.py:2:STD106", "mod.py:4:STD106"]
    run(baselined / "pkg", "baseline", ".")
    entries = json.loads(
        (baselined / "stdcheck-baseline.json").read_text()
    )["entries"]
    assert {entry["file"] for entry in entries} == {"app.py", "pkg/mod.py"}


def test_github_step_summary(
    baselined: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    append(baselined / "app.py", NEW_DEFINITION)
    summary = tmp_path_factory.mktemp("summary") / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    os.environ["GITHUB_STEP_SUMMARY"] = str(summary)
    try:
        result = run(baselined, "check", "--format", "github")
        plain = run(baselined, "check")
    finally:
        del os.environ["GITHUB_STEP_SUMMARY"]
    assert result.output.startswith("::error file=app.py,line=6")
    assert plain.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## stdcheck: 1 finding\n")
    assert "The baseline hid 2 known findings." in text
    assert "| STD106 | blank-lines-top-level | 1 |" in text
    assert "- `app.py`: 1" in text
    assert text.count("## stdcheck") == 1  # not from the text run


def test_hostile_repository_settings_do_not_run(project: Path) -> None:
    marker = project.parent / f"{project.name}-ran"
    script = project / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\ncat\n", encoding="utf-8")
    script.chmod(0o755)
    for key, value in [
        ("core.fsmonitor", str(script)),
        ("core.hooksPath", str(project)),
        ("diff.external", str(script)),
        ("core.pager", str(script)),
        ("filter.evil.clean", str(script)),
        ("filter.evil.smudge", str(script)),
        ("filter.evil.process", str(script)),
        ("diff.evil.textconv", str(script)),
        ("diff.evil.command", str(script)),
    ]:
        git(project, "config", key, value)
    write(project, ".gitattributes", "*.py filter=evil diff=evil\n")
    append(project / "app.py", NEW_DEFINITION)
    checked = run(project, "check", "--diff-base", "HEAD")
    fixed = run(project, "fix", "--diff-base", "HEAD", "--check")
    history = baseline.history_sizes(project / "app.py")
    assert not marker.exists()
    assert len(history) == 1
    assert findings(checked.output) == ["app.py:6:STD106"]
    assert fixed.exit_code == 1


def test_standard_input_uses_the_baseline_of_the_file_it_names(
    baselined: Path,
) -> None:
    text = (baselined / "app.py").read_text() + NEW_DEFINITION
    runner = CliRunner()
    previous = os.getcwd()
    os.chdir(baselined)
    try:
        checked = runner.invoke(
            main, ["check", "-", "--stdin-filename", "app.py"], input=text
        )
        fixed = runner.invoke(
            main, ["fix", "-", "--stdin-filename", "app.py"], input=text
        )
        refused = runner.invoke(
            main, ["check", "-", "--diff-base", "HEAD"], input=text
        )
    finally:
        os.chdir(previous)
    assert findings(checked.output) == ["app.py:6:STD106"]
    assert fixed.output == OLD + "\n\n" + NEW_DEFINITION
    assert refused.exit_code == 2
    assert "--diff-base compares files, not standard input" in (
        refused.output
    )
