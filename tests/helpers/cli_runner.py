"""Running the ``stdcheck`` command in process, from a given folder."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

from stdcheck.frontends.cli import main


def run(folder: Path, *args: str) -> Result:
    """Run ``stdcheck ARGS`` from ``folder``."""
    previous = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)


def write(
    folder: Path,
    files: dict[str, str | bytes],
    config: str = 'select = ["STD1"]',
) -> None:
    """Create files (text is dedented) and a ``pyproject.toml``.

    The configuration selects only the layout rules by default, so that
    the tests do not change as other families' rules are added.
    """
    files = {"pyproject.toml": f"[tool.stdcheck]\n{config}\n", **files}
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")


NEEDS_BLANK_LINES = "import os\ndef f():\n    return os.sep\n"
"""A module with one STD106 finding, at line 2."""

CLEAN = "import os\n\n\ndef f():\n    return os.sep\n"
"""A module with no layout finding."""
