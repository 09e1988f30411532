"""Real projects still work after fixing: their own tests say so.

Each package's sdist (with its test suite) is copied, its tests run,
the copy fixed (safe fixes, then also unsafe ones) and its tests run
again after each: every test must end as it did before, every file
must keep the words of its comments, and no fix may create a finding
(a file has no more findings of any code than before). The suites
take minutes, so this runs only with ``STDCHECK_SLOW=1``::

    STDCHECK_SLOW=1 pytest tests/fix/test_projects.py -s -n 0 -k alike

The counts are printed (``-s`` shows them). The test dependencies of
these suites (freezegun, railroad-diagrams) are in the ``test`` extra.
"""

from __future__ import annotations

import collections
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from stdcheck.run.runner import Settings, check_targets, collect
from tests.fix.test_corpus import fix_twice, fixable_codes
from tests.helpers import corpus, fix_samples

PACKAGES = (
    "attrs", "more-itertools", "boltons", "humanize", "pyparsing",
    "python-dateutil", "tomlkit",
)
SOURCE_FOLDERS = {"attrs": "src", "humanize": "src", "python-dateutil": "src"}
MARKER = re.compile(r"#+:?")

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.network,
    pytest.mark.skipif(
        not os.environ.get("STDCHECK_SLOW"),
        reason="runs whole test suites; set STDCHECK_SLOW=1",
    ),
]


def run_tests(project: Path, package: str) -> dict[str, str]:
    """Run a project's tests; return each test's outcome by id."""
    with tempfile.NamedTemporaryFile(
        suffix=".xml", dir=project.parent, delete=False
    ) as handle:
        report = handle.name
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(
        project / SOURCE_FOLDERS.get(package, "")
    )
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-p", "no:asyncio", "-p", "no:xdist", "-o", "addopts=",
         f"--junitxml={report}", "tests"],
        cwd=project, env=environment, capture_output=True, timeout=900,
        check=False,
    )
    outcomes = {}
    for case in ElementTree.parse(report).getroot().iter(
        "testcase"
    ):
        kinds = [child.tag for child in case] or ["passed"]
        name = f"{case.get('classname')}::{case.get('name')}"
        outcomes[name] = next(
            (kind for kind in kinds
             if kind in ("failure", "error", "skipped")),
            "passed",
        )
    assert outcomes, f"no test ran in {project}"
    return outcomes


def comment_words(folder: Path) -> dict[Path, collections.Counter[str]]:
    """Return the words of each file's comments, without markers.

    A multiset per file: sorting imports may move a comment with its
    import, and a rewrap repeats the ``#`` marker on each line.
    """
    words = {}
    for path in sorted(folder.rglob("*.py")):
        readline = io.StringIO(
            path.read_text(encoding="utf-8"), newline=""
        ).readline
        try:
            tokens = list(tokenize.generate_tokens(readline))
        except (tokenize.TokenError, SyntaxError):
            continue
        words[path] = collections.Counter(
            word for token in tokens if token.type == tokenize.COMMENT
            for word in MARKER.sub("", token.string, count=1).split()
        )
    return words


def findings_by_file(folder: Path) -> dict[Path, collections.Counter[str]]:
    """Return how many findings of each code each file has."""
    targets = collect([str(folder)], Settings())
    return {
        Path(result.path): collections.Counter(
            finding.code for finding in result.findings
        )
        for result in check_targets(targets)
    }


def gained(
    before: dict[Path, collections.Counter[str]],
    after: dict[Path, collections.Counter[str]],
) -> dict[str, dict[str, int]]:
    """Return by file what ``after`` holds more of than ``before``."""
    empty: collections.Counter[str] = collections.Counter()
    return {
        str(path): dict(counts - before.get(path, empty))
        for path, counts in after.items()
        if counts - before.get(path, empty)
    }


def renamed_alike(outcomes: dict[str, str]) -> collections.Counter[str]:
    """Return the outcomes by test id, spelt as a rename leaves it.

    Unsafe fixes rename test functions and classes
    (``test_YMD_could_be_day`` becomes ``test_ymd_could_be_day``),
    which pytest still collects: ids are compared lowercase and
    without underscores.
    """
    return collections.Counter(
        f"{name.replace('_', '').lower()} {kind}"
        for name, kind in outcomes.items()
    )


def _counts(outcomes: dict[str, str]) -> str:
    """Summarise outcomes as ``passed=N failure=M ...``."""
    counts = collections.Counter(outcomes.values())
    return " ".join(f"{kind}={count}" for kind, count in sorted(
        counts.items()
    ))


def _fixed_project(package: str, tmp_path: Path) -> Path:
    """Copy a package's sdist into the temporary folder."""
    project = tmp_path / package
    shutil.copytree(corpus.package_sdist(package), project)
    return project


@pytest.mark.parametrize("package", PACKAGES)
def test_tests_pass_alike_after_fixing(package: str, tmp_path: Path) -> None:
    codes = fixable_codes()
    assert codes, "no rule has a registered fix"
    project = _fixed_project(package, tmp_path)
    before = run_tests(project, package)
    words = comment_words(project)
    findings = findings_by_file(project)
    for unsafe in (False, True):
        first, second = fix_twice(project, unsafe=unsafe)
        after = run_tests(project, package)
        found = findings_by_file(project)
        created = gained(findings, found)
        lost = gained(comment_words(project), words)
        print(f"{package} {corpus.PACKAGES[package]} "
              f"({'unsafe' if unsafe else 'safe'} fixes): "
              f"{first.fixed} findings fixed in {len(first.changed)} of "
              f"{first.files} files, {len(second.findings)} left, "
              f"{len(first.notes)} left for a human; tests before: "
              f"{_counts(before)}; after: {_counts(after)}; files that "
              f"lost comment words: {len(lost)}; files with created "
              f"findings: {len(created)} {created}")
        if unsafe:
            assert renamed_alike(after) == renamed_alike(before)
        else:
            assert after == before
        assert lost == {}
        assert created == {}
        findings = found


@pytest.mark.parametrize(
    ("package", "quotes"), [("attrs", "STD096"), ("more-itertools", "STD091")]
)
def test_engine_round_trip_keeps_tests_passing(
    package: str, quotes: str, tmp_path: Path
) -> None:
    """The engine, requoting the strings of whole projects.

    Each project is requoted to the quotes it does not use (attrs is
    written with double quotes, more-itertools with single ones).
    """
    project = _fixed_project(package, tmp_path)
    before = run_tests(project, package)
    with fix_samples.registered():
        first, _ = fix_twice(project, select=quotes)
    after = run_tests(project, package)
    print(f"{package} (sample quote fix): {first.fixed} findings fixed in "
          f"{len(first.changed)} of {first.files} files; tests before: "
          f"{_counts(before)}; after: {_counts(after)}")
    assert first.changed
    assert after == before
