"""Helpers for tests: check a snippet, list its codes."""

from __future__ import annotations

import textwrap

from stdcheck.config import Config
from stdcheck.engine import check_source
from stdcheck.findings import Finding


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
