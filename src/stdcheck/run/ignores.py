"""What git ignores, read from its ignore files without running git.

A walked folder inside a git work tree skips what the work tree's
``.gitignore`` files, ``.git/info/exclude`` and the user's global
excludes file ignore. The files are read and matched with
``pathspec``'s gitignore rules: no git process runs, so nothing in the
checked repository's configuration (hooks, ``core.fsmonitor``, ...) can
run either. As with git, a ``.gitignore`` that is a symbolic link is not
followed, a nearer ignore file overrides a farther one, the last
matching pattern of a file wins, and nothing inside an ignored folder
is looked at. Unlike ``git check-ignore``, a file git already tracks is
skipped when a pattern matches it (the index is not read).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

import pathspec

from stdcheck.core.source import SourceError, read_bytes

IGNORE_FILE = ".gitignore"
EXCLUDES_KEY = re.compile(r"^\s*excludesfile\s*=\s*(.*?)\s*$", re.I | re.M)
SECTION = re.compile(r"^\s*\[([^\]]*)\]", re.M)


@dataclass(frozen=True)
class Level:
    """The patterns of one ignore file, relative to their folder."""

    base: str
    spec: pathspec.GitIgnoreSpec


@dataclass(frozen=True)
class Ignores:
    """The ignore files that apply inside one folder, nearest last.

    Attributes:
        levels: Each ignore file read, farthest (global) first.
        in_work_tree: Whether the folder is inside a git work tree
            (outside one, nothing is ignored).
    """

    levels: tuple[Level, ...] = ()
    in_work_tree: bool = False

    @classmethod
    def above(cls, folder: str) -> Ignores:
        """Return the rules that apply to a folder about to be walked.

        Args:
            folder: The walked folder.

        Returns:
            The rules of its work tree, from the top down to the
            folder's parent (the folder's own ``.gitignore`` is added
            by :meth:`inside`), or none outside a work tree.
        """
        start = os.path.abspath(folder)
        chain = [start]
        while not os.path.lexists(os.path.join(chain[-1], ".git")):
            parent = os.path.dirname(chain[-1])
            if parent == chain[-1]:
                return cls()
            chain.append(parent)
        ignores = cls()
        for step in reversed(chain[1:]):
            ignores = ignores.inside(step)
        return ignores

    def inside(self, folder: str) -> Ignores:
        """Return the rules for the entries of ``folder``.

        A folder holding ``.git`` starts a work tree of its own: its
        global and ``info/exclude`` rules replace those around it.

        Args:
            folder: A folder the walk enters (its rules were ``self``).

        Returns:
            ``self`` with the folder's ``.gitignore`` added.
        """
        levels = self.levels
        in_work_tree = self.in_work_tree
        marker = os.path.join(folder, ".git")
        if os.path.lexists(marker):
            in_work_tree = True
            levels = tuple(
                Level(folder, spec)
                for spec in (_global_excludes(), _info_exclude(marker))
                if spec is not None
            )
        spec = None
        if in_work_tree:
            spec = _read_spec(os.path.join(folder, IGNORE_FILE))
        if spec is not None:
            levels += (Level(folder, spec),)
        if levels is self.levels and in_work_tree == self.in_work_tree:
            return self
        return Ignores(levels, in_work_tree)

    @staticmethod
    def clear_global_cache() -> None:
        """Forget the global excludes read (its settings changed)."""
        _global_excludes.cache_clear()

    def ignores(self, path: str, is_folder: bool) -> bool:
        """Return whether git would ignore a path the walk met.

        Args:
            path: The path (as the walk spells it).
            is_folder: Whether it is a folder (``name/`` patterns).

        Returns:
            True if the nearest ignore file with a matching pattern
            ignores it.
        """
        if not self.levels:
            return False
        absolute = os.path.abspath(path)
        for level in reversed(self.levels):
            relative = os.path.relpath(absolute, level.base)
            relative = relative.replace(os.sep, "/")
            if is_folder:
                relative += "/"
            verdict = level.spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False


def _read_spec(
    path: str, follow_links: bool = False
) -> pathspec.GitIgnoreSpec | None:
    """Read an ignore file (a link to one is followed only if asked)."""
    text = _read_text(path, follow_links)
    lines = [] if text is None else text.splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines) if lines else None


def _info_exclude(marker: str) -> pathspec.GitIgnoreSpec | None:
    """Read a repository's ``info/exclude`` (``marker``: its ``.git``).

    A ``.git`` file (a linked work tree, a submodule) names the git
    folder; a linked work tree shares its main repository's excludes.
    """
    git_folder = marker
    if not os.path.isdir(marker):
        pointer = _read_text(marker)
        if pointer is None or not pointer.startswith("gitdir:"):
            return None
        git_folder = os.path.join(
            os.path.dirname(marker), pointer[len("gitdir:"):].strip()
        )
        common = _read_text(os.path.join(git_folder, "commondir"))
        if common is not None:
            git_folder = os.path.join(git_folder, common.strip())
    return _read_spec(os.path.join(git_folder, "info", "exclude"))


@functools.lru_cache(maxsize=1)
def _global_excludes() -> pathspec.GitIgnoreSpec | None:
    """Read the user's global excludes file (``core.excludesFile``).

    The setting is looked for in the user's own git configuration
    files only (``~/.gitconfig``, ``$XDG_CONFIG_HOME/git/config``);
    unset, git's default ``$XDG_CONFIG_HOME/git/ignore`` is read.
    """
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser(
        "~/.config"
    )
    path = os.path.join(config_home, "git", "ignore")
    for config in (
        os.path.join(config_home, "git", "config"),
        os.path.expanduser("~/.gitconfig"),
    ):
        text = _read_text(config, follow_links=True)
        setting = None if text is None else _excludes_setting(text)
        if setting is not None:
            path = os.path.expanduser(setting)
    return _read_spec(path, follow_links=True)


def _excludes_setting(text: str) -> str | None:
    """Return ``core.excludesFile`` from a git configuration text."""
    found = None
    sections = list(SECTION.finditer(text))
    for index, section in enumerate(sections):
        if section.group(1).strip().lower() != "core":
            continue
        end = (
            sections[index + 1].start()
            if index + 1 < len(sections) else len(text)
        )
        for match in EXCLUDES_KEY.finditer(text, section.end(), end):
            found = match.group(1).strip('"')
    return found


def _read_text(path: str, follow_links: bool = False) -> str | None:
    """Return a regular file's text, or None if it cannot be read."""
    try:
        data = read_bytes(path, follow_links)
    except SourceError:
        return None
    return data.decode("utf-8", "surrogateescape")
