"""The report's page in a real browser: headless Chromium.

Skipped where Debian's ``chromium`` is not installed. Chromium runs
with host names unresolvable, so a page that tried to fetch anything
would log an error, and the test asks the page what it loaded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stdcheck.frontends.report.render import render_page
from tests.frontends.test_report import CONFIG, PROJECT, gathered
from tests.helpers.chromium import CHROMIUM, Page, browser
from tests.helpers.cli_runner import run, write

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM}"
)
CHARTS = 5
"""Compliance, density, folders, rules and fixes."""
MAX_PAGE_BYTES = 3_000_000
"""The page's size limit on the standard library."""
CHART_SIZES = """
[...document.querySelectorAll("figure.chart svg")].map(svg => {
  const box = svg.getBoundingClientRect();
  return [box.width, box.height];
})
"""
"""JavaScript: the drawn width and height of every chart."""
FETCHED = "performance.getEntriesByType('resource').map(entry => entry.name)"
"""JavaScript: what the page loaded besides itself."""


def assert_shown_well(page: Page, charts: int = CHARTS) -> None:
    """Assert a report loaded cleanly and drew each chart, sized."""
    assert page.problems == []
    assert page.evaluate(FETCHED) == []
    for media in ("screen", "print"):
        page.send("Emulation.setEmulatedMedia", media=media)
        sizes = page.evaluate(CHART_SIZES)
        assert len(sizes) == charts
        for width, height in sizes:
            assert width > 200 and height > 40, (media, sizes)
    text = page.evaluate("document.body.innerText")
    assert "Compliance by section of the standard" in text


def test_the_page_in_chromium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {**PROJECT, "bad.py": b"x = '\xff'\n"}, CONFIG)
    assert run(tmp_path, "report").exit_code == 0
    with browser() as chromium:
        page = chromium.open((tmp_path / "stdcheck-report.html").as_uri())
        assert_shown_well(page)
        target = page.evaluate(
            "document.querySelector('a[href=\"#file-1\"]').click();"
            "document.getElementById('file-1').textContent"
        )
        assert target == "pkg/a.py"


def test_the_baseline_page_in_chromium(repository: Path) -> None:
    assert run(repository, "report").exit_code == 0
    with browser() as chromium:
        page = chromium.open(
            (repository / "stdcheck-report.html").as_uri()
        )
        assert_shown_well(page, CHARTS + 2)  # new/known, burn-down


def test_problems_are_seen(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<link rel="stylesheet" href="https://fonts.example/f.css">'
        "<script>console.error('boom'); missing();</script>",
        encoding="utf-8",
    )
    with browser() as chromium:
        page = chromium.open(bad.as_uri())
        assert len(page.problems) == 3, page.problems
        assert page.evaluate(FETCHED) == ["https://fonts.example/f.css"]


@pytest.mark.corpus
def test_the_standard_library_report(
    stdlib_files: list[Path], tmp_path: Path
) -> None:
    report = gathered(*map(str, stdlib_files))
    assert report.files == len(stdlib_files) and report.findings > 10_000
    html = tmp_path / "stdlib.html"
    html.write_text(render_page(report), encoding="utf-8")
    assert html.stat().st_size < MAX_PAGE_BYTES
    with browser() as chromium:
        assert_shown_well(chromium.open(html.as_uri()))
