"""Running checks over paths: files, their configuration, results.

Shared by ``stdcheck check`` and ``stdcheck fix``: both find files the
same way and give each file the configuration that applies to it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdcheck.core import config as config_module
from stdcheck.core.config import Config
from stdcheck.core.engine import FileResult, check_data
from stdcheck.core.findings import FileError
from stdcheck.core.source import SourceError, read_bytes
from stdcheck.rules import load
from stdcheck.run import parallel
from stdcheck.run.discovery import discover

if TYPE_CHECKING:
    from stdcheck.run import cache


@dataclass(frozen=True)
class Settings:
    """How the user asked to run: an explicit config file and overrides.

    Attributes:
        config_file: A ``pyproject.toml`` to use for every file, or
            None to find the nearest one per file.
        overrides: Command-line options, keyed by ``Config`` field.
    """

    config_file: Path | None = None
    overrides: tuple[tuple[str, Any], ...] = ()

    def for_path(self, path: str) -> Config:
        """Return the configuration for a file (raises ConfigError)."""
        return self._for_absolute(os.path.abspath(path))

    @functools.lru_cache(maxsize=None)  # noqa: STD906  (one per run)
    def _for_absolute(self, path: str) -> Config:
        """Return the configuration for an absolute file path."""
        if self.config_file is not None:
            base = config_module.load(self.config_file)
        else:
            base = config_module.load_for(Path(path))
        return _override(base, base.root, self.overrides)


@functools.lru_cache(maxsize=None)
def _override(
    base: Config, root: Path | None, overrides: tuple[tuple[str, Any], ...]
) -> Config:
    """Apply command-line options once per distinct base config.

    ``root`` is part of the key: configs of two projects with the same
    settings are equal, but their globs are relative to their roots.
    """
    return base.override(**dict(overrides))


@dataclass
class Targets:
    """The files to work on, each with its configuration."""

    files: list[tuple[str, Config]] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


def collect(paths: Sequence[str], settings: Settings) -> Targets:
    """Find the files under ``paths`` and the config for each.

    Args:
        paths: Files and folders given by the user.
        settings: The explicit config file and command-line overrides.

    Returns:
        The files with their configuration, and unusable paths.
    """
    load()  # the configurations name rules
    found = discover(
        paths, lambda path: settings.for_path(path).is_excluded(path)
    )
    return Targets(
        [(path, settings.for_path(path)) for path in found.files],
        found.errors,
    )


def nothing_checked(
    paths: Sequence[str], files: Sequence[tuple[str, Config]]
) -> str | None:
    """Say why a run checks nothing, or None if it checks something.

    Args:
        paths: The files and folders the user gave (``-`` for
            standard input).
        files: The files found, each with its configuration (for
            standard input, the path it is shown as).

    Returns:
        The reason, for a warning on standard error, or None when a
        rule runs on some file (or a path that does not exist already
        explains the empty run).
    """
    if any(config.codes_for(path) for path, config in files):
        return None
    if files:
        selection = files[0][1]
        if all(config.is_excluded(path) for path, config in files):
            return f"`exclude` matches {files[0][0]}"
        if not any(config.enabled for _, config in files):
            chosen = selection.select + selection.extend_select
            return (
                "the selection leaves no rule to run (select: "
                f"{', '.join(chosen)}; ignore: "
                f"{', '.join(selection.ignore) or 'nothing'})"
            )
        return "`per-file-ignores` ignore every selected rule in every file"
    found = discover(paths, lambda path: False)
    if found.files:
        count = len(found.files)
        return (
            f"`exclude` matches every file ({count} Python "
            f"file{'s' * (count != 1)} found)"
        )
    if found.errors:
        return None
    return "no Python file (.py, .pyi) found under " + ", ".join(paths)


def check_targets(
    targets: Targets, jobs: int = 1, use_cache: bool = False
) -> Iterator[FileResult]:
    """Check every file; yield the results in the files' order.

    Each result is yielded as soon as it and those before it are
    known, so a caller can write it out and let it go.

    Args:
        targets: The files and their configuration.
        jobs: How many processes may check files.
        use_cache: Whether to reuse and record results in
            ``.stdcheck_cache`` (see :mod:`stdcheck.run.cache`).

    Yields:
        One result per file, whatever ``jobs`` and the cache.
    """
    with rare_collections():
        yield from _check_all(targets, jobs, use_cache)


@contextlib.contextmanager
def rare_collections() -> Iterator[None]:
    """Run the cycle collector rarely while checking or fixing.

    Forked workers inherit it. Checking (and fixing, with libcst's
    trees) allocates millions of objects (syntax trees, tokens) that
    form no reference cycles; at the default thresholds the collector
    scans them over and over, for a quarter of the run time. Objects
    that exist before the run are frozen out of the scans.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _check_all(
    targets: Targets, jobs: int, use_cache: bool
) -> Iterator[FileResult]:
    """Check the files, through the cache and worker processes.

    The cache module (and its hashing) is imported only when used.
    """
    caches = None
    if use_cache:
        from stdcheck.run import cache

        caches = cache.Caches()
    cached: list[FileResult | None] = [None] * len(targets.files)
    pending: list[tuple[str, Config]] = []
    for index, (path, config) in enumerate(targets.files):
        if caches is not None:
            cached[index] = _cached(caches, path, config)
        if cached[index] is None:
            pending.append((path, config))
    checked = zip(pending, parallel.map_in_order(
        _check,
        [(path, config, caches is not None) for path, config in pending],
        jobs,
    ))
    for known in cached:
        if known is not None:
            yield known
            continue
        (path, config), (result, content) = next(checked)
        if caches is not None and content is not None:
            caches.for_config(config).put(
                os.path.abspath(path),
                content,
                cache.config_key(config, path),
                result,
            )
        yield result
    if caches is not None:
        caches.save()


def _cached(
    caches: cache.Caches, path: str, config: Config
) -> FileResult | None:
    """Return a file's still-valid cached result, if any."""
    from stdcheck.run import cache

    absolute = os.path.abspath(path)
    store = caches.for_config(config)
    if not store.has(absolute):
        return None
    try:
        data = read_bytes(path)
    except SourceError:
        return None
    return store.get(
        absolute, path, cache.digest(data), cache.config_key(config, path)
    )


def _check(
    job: tuple[str, Config, bool]
) -> tuple[FileResult, bytes | None]:
    """Check one file (in a worker); with its digest when wanted."""
    load()  # a worker started afresh (not forked) has no rules yet
    path, config, want_digest = job
    try:
        data = read_bytes(path)
    except SourceError as error:
        return FileResult(path, error=error.for_path(path)), None
    content = None
    if want_digest:
        from stdcheck.run import cache

        content = cache.digest(data)
    return check_data(data, path, config), content
