"""The results cache: files that did not change are not checked again.

Results are kept per file in ``.stdcheck_cache/`` beside the
``pyproject.toml`` that configures the file (in the current folder for
files that no ``[tool.stdcheck]`` configures), with a ``.gitignore``
inside so that it is never committed. An entry is used only when the
file's content hash, its effective configuration and stdcheck itself
(version, source files, Python version) all match; anything else is a
miss and the file is checked again.

Every file is written atomically (to a new temporary file, then
renamed), so concurrent runs never read half an index: at worst one
run's new entries are lost and rebuilt later; the index is written
only once its ``.gitignore`` is in place. An index that cannot be read
or does not have the expected shape is ignored and rewritten; an entry
whose checksum does not match its stored results is a miss. Symbolic
links are never followed: a cache folder that is a link means no
caching (with one warning), and files are opened and renamed relative
to the opened folder, refusing links. The cache is trusted as much as
the tree it sits in (see ``docs/performance.md``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import marshal
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import Any

from stdcheck import __version__
from stdcheck.core.config import Config
from stdcheck.core.engine import FileResult
from stdcheck.core.findings import FileError, Finding
from stdcheck.core.registry import FixSafety

FOLDER = ".stdcheck_cache"
INDEX = "results.marshal"
IGNORE = ".gitignore"
FORMAT = 2
NO_LINKS = getattr(os, "O_NOFOLLOW", 0)

# What an entry holds: content digest, configuration key, findings as
# (line, col, code, message, end_line, end_col, fix), the file error
# as (message, line, col) or None, and the checksum of the four.
Entry = tuple[
    bytes,
    bytes,
    tuple[tuple[Any, ...], ...],
    tuple[str, int | None, int | None] | None,
    bytes,
]


def digest(data: bytes) -> bytes:
    """Return the hash that identifies a file's content."""
    return hashlib.blake2b(data, digest_size=16).digest()


@functools.lru_cache(maxsize=None)
def tool_fingerprint() -> str:
    """Identify this stdcheck: version, Python, and its own code.

    The code's files are included (by size and modification time) so
    that an edited development install never serves stale results.
    """
    package = Path(__file__).parent
    parts: list[object] = [
        FORMAT, __version__, sys.version,
        [item.name for item in dataclasses.fields(Finding)],
    ]
    for folder, folders, names in os.walk(package):
        folders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                parts.append((folder, name, info.st_size, info.st_mtime_ns))
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def config_key(config: Config, path: str) -> bytes:
    """Identify the effective configuration of a file.

    Args:
        config: The configuration of the file.
        path: The file (per-file ignores change the rules run).

    Returns:
        A short key over every value and the rules that run.
    """
    return _config_key(config, config.root, config.codes_for(path))


@functools.lru_cache(maxsize=256)
def _config_key(
    config: Config, root: Path | None, enabled: frozenset[str]
) -> bytes:
    """Hash a configuration (``root`` is not part of its equality)."""
    values = [
        (item.name, getattr(config, item.name))
        for item in dataclasses.fields(config)
    ]
    text = repr((values, sorted(enabled)))
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


class Cache:
    """The cached results of the files under one folder."""

    def __init__(self, folder: Path) -> None:
        """Load the index of ``folder/.stdcheck_cache`` (if usable).

        A cache folder that is a symbolic link (or anything but a
        folder) disables this cache, with one warning.
        """
        self.folder = folder / FOLDER
        self.usable = _usable_folder(self.folder)
        self.entries = self._load() if self.usable else {}
        self.updates: dict[str, Entry] = {}

    def has(self, path: str) -> bool:
        """Return whether a file (absolute path) has an entry."""
        return path in self.entries

    def get(
        self, path: str, shown: str, content: bytes, key: bytes
    ) -> FileResult | None:
        """Return a file's cached result, if still valid.

        Args:
            path: The file's absolute path.
            shown: The path to show in the result.
            content: The digest of the file's content.
            key: The key of the file's effective configuration.

        Returns:
            The result, or None on a miss.
        """
        entry = self.entries.get(path)
        try:
            if (
                entry is None
                or entry[0] != content
                or entry[1] != key
                or entry[4] != _checksum(entry[:4])
            ):
                return None
            return _result(shown, entry)
        except (TypeError, ValueError, IndexError):
            return None  # a damaged entry: check the file again

    def put(
        self, path: str, content: bytes, key: bytes, result: FileResult
    ) -> None:
        """Record a file's result (saved by :meth:`save`)."""
        error = result.error
        stored = (
            content,
            key,
            tuple(
                (finding.line, finding.col, finding.code, finding.message,
                 finding.end_line, finding.end_col, finding.fix.value)
                for finding in result.findings
            ),
            None if error is None else (error.message, error.line, error.col),
        )
        self.updates[path] = (*stored, _checksum(stored))

    def save(self) -> None:
        """Write the index if anything changed; never fail the run.

        The index on disk is read again first, so that entries written
        meanwhile by a concurrent run are kept; entries of files that
        no longer exist are dropped.
        """
        if not self.updates or not self.usable:
            return
        entries = self._load()
        entries.update(self.updates)
        kept = {
            path: entry
            for path, entry in entries.items()
            if os.path.exists(path)
        }
        with contextlib.suppress(OSError, ValueError):
            self._write(marshal.dumps((FORMAT, tool_fingerprint(), kept)))
        self.updates.clear()

    def _load(self) -> dict[str, Entry]:
        """Read the index; an unusable one (corrupt, foreign): empty."""
        try:
            descriptor = _open_folder(self.folder)
        except OSError:
            return {}
        try:
            return _entries(_read(descriptor, INDEX))
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        finally:
            os.close(descriptor)

    def _write(self, data: bytes) -> None:
        """Write the ``.gitignore`` (if missing), then the index.

        Both are written atomically inside the opened folder, never
        through a symbolic link; without its ``.gitignore`` the index
        is not written (it would be committed).
        """
        with contextlib.suppress(FileExistsError):
            os.mkdir(self.folder)
        descriptor = _open_folder(self.folder)
        try:
            if not _is_file(descriptor, IGNORE):
                _write_atomic(
                    descriptor, IGNORE, b"# Written by stdcheck.\n*\n"
                )
            _write_atomic(descriptor, INDEX, data)
        finally:
            os.close(descriptor)


def _usable_folder(folder: Path) -> bool:
    """Return whether a cache folder is absent or a real folder.

    Warns once when it is a symbolic link or not a folder.
    """
    try:
        mode = os.lstat(folder).st_mode
    except OSError:
        return True  # created when saving
    if stat.S_ISDIR(mode):
        return True
    kind = "a symbolic link" if stat.S_ISLNK(mode) else "not a folder"
    sys.stderr.write(
        f"stdcheck: warning: {folder} is {kind}; results are not cached\n"
    )
    return False


def _is_file(folder: int, name: str) -> bool:
    """Return whether the opened folder holds a regular ``name``."""
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return stat.S_ISREG(info.st_mode)


def _open_folder(folder: Path) -> int:
    """Open the cache folder itself, refusing a symbolic link."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | NO_LINKS
    return os.open(folder, flags)


def _read(folder: int, name: str) -> bytes:
    """Read a regular file of the opened folder, refusing links."""
    descriptor = os.open(
        name, os.O_RDONLY | NO_LINKS | getattr(os, "O_NONBLOCK", 0),
        dir_fd=folder,
    )
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ValueError("not a regular file")
        return stream.read()


def _write_atomic(folder: int, name: str, data: bytes) -> None:
    """Replace a file of the opened folder with new content at once.

    The content goes to a new file (created exclusively, so never
    through a link), then is renamed over ``name`` (which replaces a
    link, never follows it).
    """
    temporary = f".{name}.{secrets.token_hex(8)}.tmp"
    descriptor = os.open(
        temporary,
        os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_LINKS,
        0o644,
        dir_fd=folder,
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise


def _entries(data: bytes) -> dict[str, Entry]:
    """Return the entries of an index's bytes (empty if foreign)."""
    document = marshal.loads(data)
    if (
        not isinstance(document, tuple)
        or len(document) != 3
        or document[:2] != (FORMAT, tool_fingerprint())
        or not isinstance(document[2], dict)
    ):
        return {}
    entries: dict[str, Entry] = document[2]
    return entries


def _checksum(stored: tuple[Any, ...]) -> bytes:
    """Return the checksum of an entry's key, digest and results.

    Over their ``repr`` (plain tuples, strings, numbers): marshal's
    bytes for equal values vary with how shared the objects are.
    """
    text = repr(stored).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).digest()


def _result(shown: str, entry: Entry) -> FileResult:
    """Rebuild a file's result from its entry."""
    _, _, findings, error, _ = entry
    if error is not None:
        return FileResult(shown, error=FileError(shown, *error))
    return FileResult(
        shown,
        [
            Finding(shown, line, col, code, message, end_line, end_col,
                    FixSafety(fix))
            for line, col, code, message, end_line, end_col, fix in findings
        ],
    )


class Caches:
    """The caches of one run, one per configuration root."""

    def __init__(self) -> None:
        """Start with no cache loaded."""
        self.by_folder: dict[Path, Cache] = {}
        self.cwd = Path.cwd()

    def for_config(self, config: Config) -> Cache:
        """Return the cache beside a config's ``pyproject.toml``."""
        folder = self.cwd if config.root is None else config.root
        cache = self.by_folder.get(folder)
        if cache is None:
            cache = self.by_folder[folder] = Cache(folder)
        return cache

    def save(self) -> None:
        """Save every cache that changed."""
        for cache in self.by_folder.values():
            cache.save()
