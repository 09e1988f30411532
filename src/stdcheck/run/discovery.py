"""Finding the files to check: walking folders, skipping the usual."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from stdcheck.core.findings import FileError
from stdcheck.run.ignores import Ignores

SUFFIXES = (".py", ".pyi")
SKIPPED_FOLDERS = frozenset({
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox",
    ".pytest_cache", ".ruff_cache", ".stdcheck_cache", ".svn", ".tox",
    ".venv", "__pycache__", "__pypackages__", "_build", "build", "dist",
    "env", "node_modules", "site-packages", "venv",
})


@dataclass
class Discovery:
    """The files found, in order, and the paths that were unusable."""

    files: list[str] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


def discover(
    paths: Sequence[str], is_excluded: Callable[[str], bool]
) -> Discovery:
    """Find the Python files under the given paths.

    Files named explicitly are checked whatever their suffix; folders
    are walked for ``.py``/``.pyi`` files, skipping virtualenvs, build
    output, caches and what git ignores (read from its ignore files;
    git is never run). Symbolic links to folders are not followed;
    linked files are kept only when they resolve inside the walked
    folder. ``exclude`` globs apply to both.

    Args:
        paths: Files and folders given by the user.
        is_excluded: Whether a path matches a configured exclude glob.

    Returns:
        The files, sorted and without duplicates, and the errors.
    """
    found = Discovery()
    seen: set[str] = set()
    for path in paths:
        shown = _clean(path)
        if os.path.isdir(shown):
            candidates = _walk(shown, is_excluded, found.errors)
        elif os.path.lexists(shown):
            candidates = [] if is_excluded(shown) else [shown]
        else:
            found.errors.append(FileError(shown, "no such file or folder"))
            continue
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                found.files.append(candidate)
    return found


def _clean(path: str) -> str:
    """Normalise a user path for display (``./a/b`` -> ``a/b``)."""
    cleaned = os.path.normpath(path)
    return cleaned if cleaned != "." or path == "." else path


def _walk(
    root: str, is_excluded: Callable[[str], bool], errors: list[FileError]
) -> list[str]:
    """List the Python files of one folder tree, sorted.

    Iterative (any depth), and never running anything: what git
    ignores is read from its ignore files (:mod:`stdcheck.run.ignores`).
    """
    real_root = os.path.realpath(root)
    files = []
    pending = [(root, Ignores.above(root))]
    while pending:
        folder, around = pending.pop()
        ignores = around.inside(folder)
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            errors.append(FileError(folder, _unreadable(error)))
            continue
        folders = []
        for entry in entries:
            path = _clean(entry.path)
            if _is_folder(entry):
                if not (
                    _skipped_folder(entry)
                    or is_excluded(path)
                    or ignores.ignores(path, is_folder=True)
                ):
                    folders.append(path)
            elif (
                entry.name.endswith(SUFFIXES)
                and not is_excluded(path)
                and not ignores.ignores(path, is_folder=False)
                and _kept_link(path, real_root, errors)
            ):
                files.append(path)
        pending.extend((path, ignores) for path in reversed(folders))
    return sorted(files)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Return whether an entry is a folder (a link to one is not)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _skipped_folder(entry: os.DirEntry[str]) -> bool:
    """Return whether a folder is one a checker never looks into."""
    name = entry.name
    if name in SKIPPED_FOLDERS or name.endswith(".egg-info"):
        return True
    return os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))


def _kept_link(path: str, real_root: str, errors: list[FileError]) -> bool:
    """Return whether a file is kept: not a link leading out or nowhere.

    A file that is not a link is kept (reading it refuses what is not
    a regular file, with one line).
    """
    if not os.path.islink(path):
        return True
    if not os.path.exists(path):
        errors.append(FileError(path, _broken_link(path)))
        return False
    if os.path.isdir(path):
        return False  # a linked folder named like a module
    target = os.path.realpath(path)
    return os.path.commonpath([real_root, target]) == real_root


def _unreadable(error: OSError) -> str:
    """Explain why a folder cannot be listed."""
    return f"cannot read: {(error.strerror or str(error)).lower()}"


def _broken_link(path: str) -> str:
    """Explain why a symbolic link cannot be followed."""
    try:
        os.stat(path)
    except OSError as error:
        if error.strerror:
            return f"cannot read: {error.strerror.lower()}"
    return "cannot read: broken symbolic link"
