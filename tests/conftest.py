"""Shared fixtures: corpora of real code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import corpus
from tests.differential import Parsed, parse_files


@pytest.fixture(scope="session")
def stdlib_files() -> list[Path]:
    """The running Python's standard library, without its tests."""
    return corpus.stdlib_files()


@pytest.fixture(scope="session")
def django_files() -> list[Path]:
    """Django's source files (downloaded; skipped when offline)."""
    return corpus.package_files("django")


@pytest.fixture(scope="session")
def corpus_parsed(
    stdlib_files: list[Path], django_files: list[Path]
) -> dict[str, Parsed]:
    """The standard library and Django, parsed once for every test."""
    return parse_files(stdlib_files + django_files)
