"""Which files ``stdcheck check`` looks at when walking folders."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli_runner import NEEDS_BLANK_LINES, run, write

SKIPPED = [
    ".git/a.py", ".venv/a.py", "venv/a.py", "env/a.py", "build/a.py",
    "dist/a.py", "__pycache__/a.py", "node_modules/a.py", ".tox/a.py",
    ".mypy_cache/a.py", "pkg.egg-info/a.py", "site-packages/a.py",
    "myenv/lib/a.py",
]


def _checked(folder: Path, *args: str) -> list[str]:
    """Return the files with findings, in output order."""
    result = run(folder, "check", "--quiet", *args)
    return [line.split(":")[0] for line in result.stdout.splitlines()]


def test_skips_the_usual_folders(tmp_path: Path) -> None:
    """Virtualenvs, build output, caches and VCS folders are skipped."""
    files = dict.fromkeys(SKIPPED, NEEDS_BLANK_LINES)
    files.update({
        "myenv/pyvenv.cfg": "home = /usr/bin\n",
        "src/a.py": NEEDS_BLANK_LINES,
        "src/b.pyi": NEEDS_BLANK_LINES.replace("return os.sep", "..."),
        "src/notes.txt": NEEDS_BLANK_LINES,
    })
    write(tmp_path, files)
    assert _checked(tmp_path) == ["src/a.py"]


def test_named_file_in_a_skipped_folder_is_checked(tmp_path: Path) -> None:
    """A file given by name is checked wherever it is."""
    write(tmp_path, {"build/a.py": NEEDS_BLANK_LINES})
    assert _checked(tmp_path, "build/a.py") == ["build/a.py"]


def test_stub_files_are_checked(tmp_path: Path) -> None:
    """``.pyi`` files are found (and get the stub conventions)."""
    write(tmp_path, {"a.pyi": "x: int\n\n\n\ny: int\n"})
    assert _checked(tmp_path) == ["a.pyi"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_skips_files_git_ignores(tmp_path: Path) -> None:
    """Inside a git work tree, ignored files are not checked."""
    write(tmp_path, {
        ".gitignore": "ignored.py\ngenerated/\n",
        "ignored.py": NEEDS_BLANK_LINES,
        "generated/a.py": NEEDS_BLANK_LINES,
        "kept.py": NEEDS_BLANK_LINES,
    })
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert _checked(tmp_path) == ["kept.py"]


def test_symbolic_links(tmp_path: Path) -> None:
    """Linked folders are not followed, linked files only inside."""
    outside = tmp_path / "outside"
    write(outside, {"a.py": NEEDS_BLANK_LINES})
    project = tmp_path / "project"
    write(project, {"real.py": NEEDS_BLANK_LINES})
    os.symlink(outside, project / "linked_folder")
    os.symlink(project, project / "loop")
    os.symlink(outside / "a.py", project / "linked_outside.py")
    os.symlink(project / "real.py", project / "linked_inside.py")
    assert _checked(project) == ["linked_inside.py", "real.py"]


def test_directory_named_like_a_module(tmp_path: Path) -> None:
    """A folder named ``x.py`` is a folder: walked, not read."""
    write(tmp_path, {"x.py/inner.py": NEEDS_BLANK_LINES})
    assert _checked(tmp_path) == ["x.py/inner.py"]
    assert _checked(tmp_path, "x.py") == ["x.py/inner.py"]
