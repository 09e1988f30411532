"""Real code for corpus tests: this Python's stdlib, PyPI packages.

Packages are downloaded by name (pinned here, in one place) into a
cache folder outside the repository, and never committed. Without
network access the tests that need them are skipped.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGES = {
    "django": "5.2.19",
    "requests": "2.34.2",
    "attrs": "26.1.0",
    "more-itertools": "11.2.1",
    "sqlalchemy": "2.0.44",  # the benchmark's third large corpus
    "pep8-naming": "0.15.1",  # its own test suite (testsuite/)
    "pycodestyle": "2.15.0",  # its own tests (tests/test_blank_lines.py)
    # Projects whose own test suites run before and after fixing.
    "boltons": "26.2.0",
    "humanize": "4.17.0",
    "pyparsing": "3.3.3",
    "python-dateutil": "4.0.0",
    "tomlkit": "0.15.3",
}
PYCODESTYLE_DATA_SUITE = "2.10.0"
"""The last pycodestyle sdist that ships its data test suite
(``testsuite/E50.py`` and the like; later ones only ``tests/``)."""
CACHE = Path(
    os.environ.get(
        "STDCHECK_CORPUS_CACHE",
        Path(tempfile.gettempdir()) / "stdcheck-corpus",
    )
)
SKIPPED_STDLIB = {"test", "tests", "site-packages", "idle_test"}


def stdlib_root() -> Path:
    """Return the running Python's standard library folder."""
    return Path(sysconfig.get_paths()["stdlib"])


def stdlib_files() -> list[Path]:
    """Return the stdlib's ``.py`` files, without test suites."""
    root = stdlib_root()
    return sorted(
        path
        for path in root.rglob("*.py")
        if not SKIPPED_STDLIB & set(path.relative_to(root).parts[:-1])
    )


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    """Hold a lock on one cache entry (test workers run in parallel)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f"{name}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _download(name: str, kind: str, version: str) -> Path:
    """Download a package (``wheel`` or ``sdist``) once."""
    target = CACHE / f"{name}-{version}-{kind}"
    done = target / ".complete"
    if done.exists():
        return target
    with _locked(target.name):
        if not done.exists():
            _fetch(name, kind, version, target)
    return target


def _fetch(name: str, kind: str, version: str, target: Path) -> None:
    """Download and unpack one version of a package into ``target``."""
    archive_dir = CACHE / "archives"
    archive_dir.mkdir(parents=True, exist_ok=True)
    binary = ["--only-binary", ":all:"] if kind == "wheel" else [
        "--no-binary", ":all:"]
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
         "--disable-pip-version-check", *binary, "-d", str(archive_dir),
         f"{name}=={version}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot download {name} (offline?): "
                    f"{result.stderr.strip().splitlines()[-1:]}")
    stem = name.replace("-", "_").lower()
    suffix = ".whl" if kind == "wheel" else ".tar.gz"
    archives = [
        path for path in archive_dir.iterdir()
        if path.name.lower().replace("-", "_").startswith(
            f"{stem}_{version}".lower()
        ) and path.name.endswith(suffix)
    ]
    if not archives:
        pytest.skip(f"no {kind} archive of {name} was downloaded")
    target.mkdir(parents=True, exist_ok=True)
    if kind == "wheel":
        with zipfile.ZipFile(archives[0]) as archive:
            archive.extractall(target)
    else:
        with tarfile.open(archives[0]) as archive:
            archive.extractall(target, filter="data")
    (target / ".complete").touch()


def package_root(name: str) -> Path:
    """Return the folder of a package's unpacked wheel (downloaded)."""
    return _download(name, "wheel", PACKAGES[name])


def package_sdist(name: str, version: str | None = None) -> Path:
    """Return the folder of a package's unpacked sdist (with tests).

    Args:
        name: The package, as pinned in :data:`PACKAGES`.
        version: Another version than the pinned one.
    """
    root = _download(name, "sdist", version or PACKAGES[name])
    folders = [path for path in root.iterdir() if path.is_dir()]
    return folders[0] if len(folders) == 1 else root


def package_files(name: str) -> list[Path]:
    """Return the ``.py`` files of a package's wheel."""
    return sorted(package_root(name).rglob("*.py"))
