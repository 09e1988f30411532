"""Shared fixtures: corpora of real code; the rule catalogue loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from stdcheck.core.findings import Finding
from stdcheck.rules import load
from tests.helpers import corpus
from tests.helpers.differential import Parsed, our_findings, parse_files

DIFFERENTIAL_CODES = (
    "STD401", "STD402", "STD403", "STD405", "STD406", "STD407", "STD501",
    "STD502", "STD503",
)

load()  # as the command line and the flake8 plugin do before checking

settings.register_profile("ci", max_examples=40, derandomize=True)
settings.register_profile("long", max_examples=3000)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--fuzz-long``: many more fuzzing examples, random seeds."""
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="run the property-based fuzz tests with 3000 examples each",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Pick the hypothesis profile: bounded, repeatable by default."""
    settings.load_profile(
        "long" if config.getoption("--fuzz-long") else "ci"
    )


@pytest.fixture(scope="session")
def stdlib_files() -> list[Path]:
    """The running Python's standard library, without its tests.

    It is always there: an empty or missing one fails, never skips.
    """
    files = corpus.stdlib_files()
    assert len(files) > 500, f"no standard library at {corpus.stdlib_root()}"
    return files


@pytest.fixture(scope="session")
def django_files() -> list[Path]:
    """Django's source files (downloaded; skipped when offline)."""
    return corpus.package_files("django")


@pytest.fixture(scope="session")
def corpus_parsed(stdlib_files: list[Path]) -> dict[str, Parsed]:
    """The standard library and Django, parsed once for every test.

    Without Django (offline) the standard library half still runs; the
    tests' minimum agreed counts are met by the standard library alone.
    """
    try:
        django = corpus.package_files("django")
    except pytest.skip.Exception as reason:
        print(f"corpus without Django: {reason}")
        django = []
    return parse_files(stdlib_files + django)


@pytest.fixture(scope="session")
def corpus_findings(
    corpus_parsed: dict[str, Parsed],
) -> dict[str, list[Finding]]:
    """stdcheck's docstring and type-hint findings on that corpus."""
    return our_findings(corpus_parsed, DIFFERENTIAL_CODES)
