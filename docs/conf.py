"""Sphinx configuration: Markdown pages, plus pages made from the code.

Before the sources are read, :func:`stdcheck.frontends.docs.write_pages`
writes the rule pages (``rules/``) and the configuration and
command-line references (``_generated/``, included by hand-written
pages). It refuses a rule that names an option that does not exist,
which fails the build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stdcheck import __version__
from stdcheck.frontends.docs import write_pages

project = "stdcheck"
author = "stdcheck developers"
copyright = "stdcheck developers"
version = release = __version__
extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated"]
myst_heading_anchors = 3
html_theme = "alabaster"
html_title = f"stdcheck {version}"


def _generate(app: Any) -> None:
    """Write the generated pages into the source folder."""
    write_pages(Path(app.srcdir))


def setup(app: Any) -> dict[str, Any]:
    """Generate pages once the builder exists, before reading."""
    app.connect("builder-inited", _generate)
    return {"parallel_read_safe": True}
