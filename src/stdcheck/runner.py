"""Running checks over paths: files, their configuration, results.

Shared by ``stdcheck check`` and ``stdcheck fix``: both find files the
same way and give each file the configuration that applies to it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdcheck import config as config_module
from stdcheck.config import Config
from stdcheck.discovery import discover
from stdcheck.engine import FileResult, check_file
from stdcheck.findings import FileError


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
        return _override(base, self.overrides)


@functools.lru_cache(maxsize=None)
def _override(base: Config, overrides: tuple[tuple[str, Any], ...]) -> Config:
    """Apply command-line options once per distinct base config."""
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
    found = discover(
        paths, lambda path: settings.for_path(path).is_excluded(path)
    )
    return Targets(
        [(path, settings.for_path(path)) for path in found.files],
        found.errors,
    )


def check_targets(targets: Targets) -> list[FileResult]:
    """Check every file, in order."""
    return [check_file(path, config) for path, config in targets.files]
