"""``stdcheck report``: the numbers, the JSON and the HTML page.

The page's look in a real browser is tested in
``test_report_browser.py``; here it is read as text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from stdcheck.frontends.report import data as report_data
from stdcheck.frontends.report.data import ReportData, gather
from stdcheck.frontends.report.render import render_page
from stdcheck.run.baseline import Baselines
from stdcheck.run.focus import Focus
from stdcheck.run.runner import Settings, Targets, check_targets, collect
from tests.helpers.cli_runner import run, write

LONG = "x = '" + "a" * 80 + "'"
"""A line too long (STD101, fixed by hand)."""
PROJECT = {
    "pkg/a.py": (
        f"def f(Arg):\n    BadLocal = Arg\n    return BadLocal\n{LONG}\n"
    ),
    "pkg/sub/b.py": "x = 1\n",
    "c.py": LONG,  # no newline at the end: still one line
    "pkg/__init__.py": "",
}
"""STD101 twice, STD202 (unsafe fix) and STD203 (safe fix) once."""
CONFIG = 'select = ["STD101", "STD202", "STD203"]'
EXTERNAL = re.compile(
    r"<script[^>]*\ssrc=|<link\b|<img\b|<iframe\b|@import|@font-face"
    r"|url\(|<use\b[^>]*href=\"[^#]",
    re.IGNORECASE,
)
"""Anything in a page that would make a browser fetch something."""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project, the current folder."""
    write(tmp_path, PROJECT, CONFIG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def gathered(*paths: str) -> ReportData:
    """Check paths and gather the report's numbers, as the CLI does."""
    targets = collect(paths or (".",), Settings())
    return gather(check_targets(targets), targets, Focus(Baselines()))


def test_totals_and_sections(project: Path) -> None:
    report = gathered()
    assert (report.files, report.files_with_findings) == (4, 2)
    assert report.lines == 4 + 1 + 1 + 0
    assert report.findings == 4
    assert report.per_kloc == 666.7
    assert (report.fixes.safe, report.fixes.unsafe, report.fixes.manual) == (
        1, 1, 2
    )
    by_name = {section.name: section for section in report.sections}
    assert list(by_name)[:2] == ["layout", "naming"]
    assert "internal" not in by_name
    layout, naming = by_name["layout"], by_name["naming"]
    assert (layout.rules_run, layout.files_clean, layout.findings) == (
        1, 2, 2
    )
    assert (naming.rules_run, naming.files_clean, naming.findings) == (
        2, 3, 2
    )
    assert (naming.fixes.safe, naming.fixes.unsafe) == (1, 1)
    assert layout.per_kloc == 333.3
    imports = by_name["imports"]
    assert (imports.rules_run, imports.findings, imports.files_clean) == (
        0, 0, 4
    )


def test_folders_files_and_rules(project: Path) -> None:
    report = gathered()
    assert report.root == "."
    assert [
        (folder.path, folder.files, folder.lines, folder.findings)
        for folder in report.folders
    ] == [("pkg/", 2, 4, 3), ("./", 1, 1, 1), ("pkg/sub/", 1, 1, 0)]
    assert [(w.path, w.count, w.lines) for w in report.worst_files] == [
        ("pkg/a.py", 3, 4), ("c.py", 1, 1),
    ]
    assert [finding.code for finding in report.worst_files[0].findings] == [
        "STD202", "STD203", "STD101",
    ]
    assert [(rule.code, rule.count) for rule in report.rules] == [
        ("STD101", 2), ("STD202", 1), ("STD203", 1),
    ]
    first = report.rules[0]
    assert (first.name, first.section, first.fix) == (
        "line-too-long", "layout", "none"
    )
    assert first.url.endswith("/rules/STD101.html")
    assert first.summary


def test_paths_are_relative_to_the_common_folder(project: Path) -> None:
    report = gathered("pkg")
    assert report.root == "pkg"
    assert [folder.path for folder in report.folders] == ["./", "sub/"]
    assert report.worst_files[0].path == "a.py"


def test_a_root_outside_the_current_folder_is_absolute(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "pkg" / "sub")
    assert gathered(str(project / "pkg")).root == str(project / "pkg")


def test_worst_files_keep_the_most_and_the_first_findings(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"d.py": LONG + "\n", "e.py": f"{LONG}\n{LONG}\n"}, CONFIG)
    monkeypatch.setattr(report_data, "WORST_FILES", 3)
    monkeypatch.setattr(report_data, "FINDINGS_PER_FILE", 2)
    report = gathered()
    # c.py and d.py tie at one finding: the first checked is kept.
    assert [(w.path, w.count) for w in report.worst_files] == [
        ("pkg/a.py", 3), ("e.py", 2), ("c.py", 1),
    ]
    assert [len(w.findings) for w in report.worst_files] == [2, 2, 1]
    page = render_page(report)
    assert "and 1 more: <code>stdcheck check pkg/a.py</code>" in page
    assert page.count("more: <code>stdcheck check") == 1


def test_files_that_cannot_be_checked(project: Path) -> None:
    write(project, {"bad.py": b"x = '\xff'\n"}, CONFIG)
    report = gathered(".", "missing.py")
    assert sorted(error.path for error in report.errors) == [
        "bad.py", "missing.py",
    ]
    assert report.files == 4
    page = render_page(report)
    assert 'href="#errors"' in page and 'id="errors"' in page
    assert "missing.py" in page


def test_no_files() -> None:
    report = gather([], Targets())
    assert (report.files, report.lines, report.findings) == (0, 0, 0)
    assert report.per_kloc == 0.0
    assert report.root == "."
    page = render_page(report)
    assert "No file has a finding." in page
    assert page.count("<svg") == 5


def test_json_format(project: Path) -> None:
    result = run(project, "report", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document == json.loads(json.dumps(gathered().to_json()))
    assert document["fix"] == {"safe": 1, "unsafe": 1, "needs_human": 2}
    assert document["sections"][0]["name"] == "layout"
    assert document["folders"][0] == {
        "path": "pkg/", "files": 2, "lines": 4, "findings": 3,
        "findings_per_kloc": 750.0,
    }
    assert document["worst_files"][0]["path"] == "pkg/a.py"
    assert document["rules"][0]["name"] == "line-too-long"
    assert not (project / "stdcheck-report.html").exists()


def test_html_page(project: Path) -> None:
    result = run(project, "report")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Wrote stdcheck-report.html: 4 findings in 4 files.\n"
    )
    page = (project / "stdcheck-report.html").read_text(encoding="utf-8")
    for section in ("layout", "naming", "imports", "docstrings",
                    "type hints", "error handling", "async", "security",
                    "logging and practices"):
        assert f"{section}</td>" in page
    assert page.count("<svg") == 5
    assert 'href="#file-1">pkg/a.py</a>' in page
    assert 'id="file-1"' in page and 'id="file-2"' in page
    assert "/rules/STD203.html" in page
    assert "not run" in page  # the imports section: no rule selected
    assert "lowercase_with_underscores" in page


def test_the_page_fetches_nothing(project: Path) -> None:
    run(project, "report", "-o", "page.html")
    page = (project / "page.html").read_text(encoding="utf-8")
    assert EXTERNAL.search(page) is None
    # pygal adds a script per chart: its options, nothing to load.
    assert page.count("<script") == page.count("<svg") == 5


def test_the_check_for_fetches_can_fail() -> None:
    for fetching in (
        '<script src="https://x/y.js"></script>',
        '<link rel="stylesheet" href="s.css">',
        "<style>@font-face { src: url(f.woff) }</style>",
    ):
        assert EXTERNAL.search(fetching)


def test_html_to_a_named_file_and_standard_output(project: Path) -> None:
    result = run(project, "report", "pkg", "-o", "out/../r.html")
    assert result.exit_code == 2  # the folder does not exist
    assert "cannot write" in result.stderr
    result = run(project, "report", "pkg", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "Wrote" not in result.stdout


@pytest.mark.parametrize("module", ["jinja2", "pygal"])
def test_without_the_page_dependencies(
    project: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import fails
    result = run(project, "report")
    assert result.exit_code == 2
    assert result.stderr == (
        "stdcheck: error: the HTML report needs Jinja2 and pygal "
        f"({module} is not installed): pip install Jinja2 pygal (the "
        "extra stdcheck[report])\n"
    )
    assert not (project / "stdcheck-report.html").exists()
    result = run(project, "report", "--format", "json")
    assert result.exit_code == 0  # the numbers need neither


def test_bad_configuration(project: Path) -> None:
    result = run(project, "report", "--select", "NOPE")
    assert result.exit_code == 2
    assert "NOPE" in result.stderr


def test_markdown_code_in_summaries_is_escaped(project: Path) -> None:
    from stdcheck.frontends.report.render import _inline_code

    assert str(_inline_code("a `<b>` & `c` d`")) == (
        "a <code>&lt;b&gt;</code> &amp; <code>c</code> d`"
    )
