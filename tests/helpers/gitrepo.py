"""Temporary git repositories for tests (skipped without git)."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest


def git(folder: Path, *arguments: str) -> str:
    """Run git in a folder as a user would (plain, not hardened)."""
    done = subprocess.run(
        ["git", *arguments], cwd=folder, capture_output=True, text=True,
        check=True,
    )
    return done.stdout


def make_repository(folder: Path) -> Path:
    """Create an empty repository with an author (skips without git)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "test@example.com")
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "commit.gpgsign", "false")
    return folder


def commit(folder: Path, message: str = "change") -> str:
    """Commit everything in the work tree; return the commit id."""
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--allow-empty", "-m", message)
    return git(folder, "rev-parse", "HEAD").strip()


def write(folder: Path, name: str, text: str) -> Path:
    """Write a dedented file under the folder."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
