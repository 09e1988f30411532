"""Finding the files to check: walking folders, skipping the usual."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from stdcheck.core.findings import FileError

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
    output, caches and what git ignores. Symbolic links to folders are
    not followed; linked files are kept only when they resolve inside
    the walked folder. ``exclude`` globs apply to both.

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
    """List the Python files of one folder tree, sorted."""
    real_root = os.path.realpath(root)
    files = []
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(
            name
            for name in folders
            if not _skipped_folder(folder, name)
            and not is_excluded(os.path.join(folder, name))
        )
        for name in sorted(names):
            if not name.endswith(SUFFIXES):
                continue
            path = _clean(os.path.join(folder, name))
            if is_excluded(path):
                continue
            if os.path.islink(path):
                target = os.path.realpath(path)
                if not os.path.exists(path):
                    errors.append(FileError(path, _broken_link(path)))
                    continue
                if os.path.commonpath([real_root, target]) != real_root:
                    continue
            files.append(path)
    return sorted(_without_git_ignored(root, files))


def _skipped_folder(parent: str, name: str) -> bool:
    """Return whether a folder is one a checker never looks into."""
    if name in SKIPPED_FOLDERS or name.endswith(".egg-info"):
        return True
    path = os.path.join(parent, name)
    return os.path.islink(path) or os.path.exists(
        os.path.join(path, "pyvenv.cfg")
    )


def _broken_link(path: str) -> str:
    """Explain why a symbolic link cannot be followed."""
    try:
        os.stat(path)
    except OSError as error:
        if error.strerror:
            return f"cannot read: {error.strerror.lower()}"
    return "cannot read: broken symbolic link"


def _without_git_ignored(root: str, files: Iterable[str]) -> list[str]:
    """Drop the files git ignores, when the folder is in a work tree."""
    import subprocess  # only folder walks need it, not named files

    files = list(files)
    if not files:
        return files
    try:
        result = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            input="\0".join(os.path.abspath(path) for path in files),
            capture_output=True,
            text=True,
            cwd=root,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return files
    if result.returncode not in (0, 1):
        return files
    ignored = set(result.stdout.split("\0"))
    return [path for path in files if os.path.abspath(path) not in ignored]
