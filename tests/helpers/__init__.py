"""Helpers for tests: check a snippet, list its codes."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.core.findings import Finding


def findings_of(
    source: str, path: str = "example.py", **config: object
) -> list[Finding]:
    """Check a dedented snippet with the default configuration."""
    settings = Config(target_version="py310").override(**config)
    return check_source(textwrap.dedent(source), path, settings)


def codes_of(source: str, path: str = "example.py", **config: object) -> list[
    tuple[int, str]
]:
    """Return ``(line, code)`` of each finding in a snippet."""
    return [
        (finding.line, finding.code)
        for finding in findings_of(source, path, **config)
    ]


def write_project(root: Path, files: int = 3, **table: object) -> Path:
    """Write a configured project whose files have findings.

    Args:
        root: The folder to write it in.
        files: How many modules to write (each finding on another line).
        **table: ``[tool.stdcheck]`` keys (as field names) and values.

    Returns:
        The project's folder.
    """
    settings = "".join(
        f"{key.replace('_', '-')} = {value!r}\n"
        for key, value in table.items()
    )
    (root / "pyproject.toml").write_text(
        f"[tool.stdcheck]\n{settings}", encoding="utf-8"
    )
    package = root / "pkg"
    package.mkdir()
    for number in range(files):
        body = "".join(
            f"x{line} = {'1 + ' * (18 + number % 7)}1\n"
            for line in range(number % 5 + 3)
        )
        (package / f"module_{number:03}.py").write_text(
            f'"""Module {number}."""\nimport sys, os\n{body}',
            encoding="utf-8",
        )
    (package / "broken.py").write_text("def (:\n", encoding="utf-8")
    return root


def unmeasured_env() -> dict[str, str]:
    """Return this environment without coverage's subprocess hook.

    A child started with it neither writes coverage data (which an
    unprivileged child cannot do in a checkout root owns) nor imports
    what coverage imports.
    """
    return {
        key: value for key, value in os.environ.items()
        if not key.startswith("COVERAGE_")
    }


def interrupted_cleanup() -> None:
    """Fail in clean-up after Ctrl-C, as libcst's position provider can.

    The ``KeyError`` raised in ``finally`` hides the interrupt, which
    stays only its context.
    """
    positions: dict[str, int] = {}
    try:
        raise KeyboardInterrupt
    finally:
        positions["end"] = positions["start"]
