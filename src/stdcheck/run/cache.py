"""The results cache: files that did not change are not checked again.

Results are kept per file in ``.stdcheck_cache/`` beside the
``pyproject.toml`` that configures the file (in the current folder for
files that no ``[tool.stdcheck]`` configures), with a ``.gitignore``
inside so that it is never committed. An entry is used only when the
file's content hash, its effective configuration and stdcheck itself
(version, source files, Python version) all match; anything else is a
miss and the file is checked again.

The index is replaced atomically (written to a temporary file, then
renamed), so concurrent runs never read half an index: at worst one
run's new entries are lost and rebuilt later. An index that cannot be
read or does not have the expected shape is ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import marshal
import os
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
FORMAT = 1

# What an entry holds: content digest, configuration key, findings as
# (line, col, code, message, end_line, end_col, fix) and the file
# error as (message, line, col), or None.
Entry = tuple[
    bytes,
    bytes,
    tuple[tuple[Any, ...], ...],
    tuple[str, int | None, int | None] | None,
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
        """Load the index of ``folder/.stdcheck_cache`` (if usable)."""
        self.folder = folder / FOLDER
        self.entries = _load(self.folder / INDEX)
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
            if entry is None or entry[0] != content or entry[1] != key:
                return None
            return _result(shown, entry)
        except (TypeError, ValueError, IndexError):
            return None  # a damaged entry: check the file again

    def put(
        self, path: str, content: bytes, key: bytes, result: FileResult
    ) -> None:
        """Record a file's result (saved by :meth:`save`)."""
        error = result.error
        self.updates[path] = (
            content,
            key,
            tuple(
                (finding.line, finding.col, finding.code, finding.message,
                 finding.end_line, finding.end_col, finding.fix.value)
                for finding in result.findings
            ),
            None if error is None else (error.message, error.line, error.col),
        )

    def save(self) -> None:
        """Write the index if anything changed; never fail the run.

        The index on disk is read again first, so that entries written
        meanwhile by a concurrent run are kept; entries of files that
        no longer exist are dropped.
        """
        if not self.updates:
            return
        entries = _load(self.folder / INDEX)
        entries.update(self.updates)
        kept = {
            path: entry
            for path, entry in entries.items()
            if os.path.exists(path)
        }
        with contextlib.suppress(OSError, ValueError):
            self._write(marshal.dumps((FORMAT, tool_fingerprint(), kept)))
        self.updates.clear()

    def _write(self, data: bytes) -> None:
        """Replace the index atomically; mark the folder ignored."""
        import tempfile

        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Written by stdcheck.\n*\n", encoding="utf-8")
        handle, temporary = tempfile.mkstemp(
            dir=self.folder, prefix=".index-", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.folder / INDEX)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def _load(path: Path) -> dict[str, Entry]:
    """Read an index; an unusable one (corrupt, foreign) is empty."""
    try:
        with open(path, "rb") as stream:
            document = marshal.load(stream)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if (
        not isinstance(document, tuple)
        or len(document) != 3
        or document[:2] != (FORMAT, tool_fingerprint())
        or not isinstance(document[2], dict)
    ):
        return {}
    entries: dict[str, Entry] = document[2]
    return entries


def _result(shown: str, entry: Entry) -> FileResult:
    """Rebuild a file's result from its entry."""
    _, _, findings, error = entry
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
