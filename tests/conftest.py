"""Shared fixtures: corpora of real code."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from tests import corpus

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
    """The running Python's standard library, without its tests."""
    return corpus.stdlib_files()


@pytest.fixture(scope="session")
def django_files() -> list[Path]:
    """Django's source files (downloaded; skipped when offline)."""
    return corpus.package_files("django")
