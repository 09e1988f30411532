"""What git ignores, read from ignore files (never by running git)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from stdcheck.run.discovery import discover
from stdcheck.run.ignores import Ignores

TREE = {
    ".gitignore": (
        "*.gen.py\n/top_only.py\nbuild_*/\n!keep.gen.py\n"
        "docs/**/conf.py\n# a comment\n\\#hash.py\nspaced\\ .py\n"
    ),
    "a.py": "", "top_only.py": "", "x.gen.py": "", "keep.gen.py": "",
    "#hash.py": "", "spaced .py": "",
    "sub/top_only.py": "", "sub/y.gen.py": "", "sub/keep.gen.py": "",
    "sub/.gitignore": "!y.gen.py\nlocal.py\n",
    "sub/local.py": "", "sub/deeper/local.py": "",
    "build_x/a.py": "", "sub/build_y/a.py": "",
    "docs/conf.py": "", "docs/a/b/conf.py": "", "docs/a/b/other.py": "",
    "excluded_by_info.py": "", "excluded_globally.py": "",
}


def _tree(root: Path, files: dict[str, str]) -> None:
    """Create files under ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _found(root: Path) -> list[str]:
    """Return the files discovery keeps, relative to ``root``."""
    return [
        Path(path).relative_to(root).as_posix()
        for path in discover([str(root)], lambda path: False).files
    ]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a work tree with ignore files at every level.

    Nested ``.gitignore`` files, ``info/exclude`` and a global excludes
    file named by the user's git configuration.
    """
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        f"[user]\n\tname = t\n[core]\n\texcludesFile = {home}/ignore\n",
        encoding="utf-8",
    )
    (home / "ignore").write_text("excluded_globally.py\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    Ignores.clear_global_cache()
    root = tmp_path / "repo"
    _tree(root, TREE)
    info = root / ".git" / "info"
    info.mkdir(parents=True)
    (info / "exclude").write_text("excluded_by_info.py\n", encoding="utf-8")
    return root


EXPECTED = [
    "a.py", "docs/a/b/other.py", "keep.gen.py", "sub/keep.gen.py",
    "sub/top_only.py", "sub/y.gen.py",
]
"""What git keeps of :data:`TREE` (``test_git_agrees`` asks git)."""


def test_ignore_files_are_read_as_git_reads_them(repo: Path) -> None:
    """Nested files, negation, anchors, folders, ``**``, escapes."""
    assert _found(repo) == sorted(EXPECTED)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_agrees(repo: Path) -> None:
    """``git check-ignore`` (run here, by the test) ignores the same."""
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True,
                   capture_output=True)
    every = sorted(
        Path(folder, name).relative_to(repo).as_posix()
        for folder, _, names in os.walk(repo)
        if ".git" not in Path(folder).relative_to(repo).parts
        for name in names
        if name.endswith(".py")
    )
    result = subprocess.run(
        ["git", "-c", "core.fsmonitor=false", "check-ignore", "--stdin"],
        cwd=repo, input="\n".join(every), capture_output=True, text=True,
        check=False,
    )
    ignored = set(result.stdout.splitlines())
    assert [path for path in every if path not in ignored] == _found(repo)


def test_outside_a_work_tree_nothing_is_ignored(tmp_path: Path) -> None:
    """Without a ``.git`` above, ``.gitignore`` files mean nothing."""
    _tree(tmp_path, {".gitignore": "*.py\n", "a.py": ""})
    assert _found(tmp_path) == ["a.py"]


def test_walking_a_sub_folder_applies_the_ignore_files_above(
    repo: Path,
) -> None:
    """The work tree's top ``.gitignore`` applies to a sub-folder."""
    assert [
        Path(path).relative_to(repo).as_posix()
        for path in discover([str(repo / "sub")], lambda path: False).files
    ] == ["sub/keep.gen.py", "sub/top_only.py", "sub/y.gen.py"]


def test_a_linked_ignore_file_is_not_followed(
    repo: Path, tmp_path: Path
) -> None:
    """As git does, a ``.gitignore`` that is a link is not read.

    A tree could point it at any file.
    """
    (tmp_path / "elsewhere").write_text("*.py\n", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere", repo / "docs" / ".gitignore")
    (repo / "sub" / ".gitignore").unlink()
    os.symlink(tmp_path / "elsewhere", repo / "sub" / ".gitignore")
    found = _found(repo)
    assert "docs/a/b/other.py" in found
    assert "sub/local.py" in found
    assert "sub/y.gen.py" not in found  # the top file still applies


def test_a_nested_repository_has_its_own_rules(repo: Path) -> None:
    """A folder holding ``.git`` starts over: its own info/exclude."""
    _tree(repo / "vendored", {
        ".git/info/exclude": "mine.py\n", "mine.py": "", "x.gen.py": "",
        "excluded_by_info.py": "",
    })
    found = _found(repo)
    assert "vendored/mine.py" not in found
    assert "vendored/excluded_by_info.py" in found
    assert "vendored/x.gen.py" in found  # not the outer .gitignore


def test_a_linked_work_tree_reads_the_main_excludes(tmp_path: Path) -> None:
    """A ``.git`` file points at the git folder (``commondir`` too)."""
    main = tmp_path / "main.git"
    _tree(main, {"info/exclude": "linked_out.py\n",
                 "worktrees/w/commondir": "../..\n"})
    _tree(tmp_path / "w", {"linked_out.py": "", "kept.py": ""})
    (tmp_path / "w" / ".git").write_text(
        f"gitdir: {main}/worktrees/w\n", encoding="utf-8"
    )
    assert _found(tmp_path / "w") == ["kept.py"]


def test_a_fifo_for_an_ignore_file_does_not_hang(tmp_path: Path) -> None:
    """An ignore file that is a FIFO is not read."""
    _tree(tmp_path, {"a.py": "", ".git/info/placeholder": ""})
    os.mkfifo(tmp_path / ".gitignore")
    os.mkfifo(tmp_path / ".git" / "info" / "exclude")
    assert _found(tmp_path) == ["a.py"]
