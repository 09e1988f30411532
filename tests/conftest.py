"""Shared fixtures: corpora of real code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import corpus


@pytest.fixture(scope="session")
def stdlib_files() -> list[Path]:
    """The running Python's standard library, without its tests."""
    return corpus.stdlib_files()


@pytest.fixture(scope="session")
def django_files() -> list[Path]:
    """Django's source files (downloaded; skipped when offline)."""
    return corpus.package_files("django")
