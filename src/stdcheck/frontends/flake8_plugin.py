"""The flake8 adapter: stdcheck's engine as a flake8 plugin (``STD``).

flake8 has already read, decoded and parsed the file; the plugin reuses
its tree, lines and tokens, reads the same ``[tool.stdcheck]`` as the
CLI and yields the engine's findings. It never raises: a rule's crash
becomes one STD000 finding, a bad configuration one STD000 at line 1.
For standard input flake8 passes ``--stdin-display-name`` (else
``stdin``) as the file name, so an editor's unsaved buffer is
configured from the folder of the file it shows.
"""

from __future__ import annotations

import ast
import tokenize
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from stdcheck import __version__


class Plugin:
    """flake8 entry point: one instance per checked file."""

    name = "stdcheck"
    version = __version__

    def __init__(
        self,
        tree: ast.Module,
        lines: Sequence[str],
        filename: str,
        file_tokens: Sequence[tokenize.TokenInfo],
    ) -> None:
        """Receive what flake8 already parsed."""
        self.tree = tree
        self.lines = list(lines)
        self.filename = filename
        self.file_tokens = file_tokens

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        """Yield ``(line, col, "STDnnn message", type)`` per finding."""
        from stdcheck.core import config, noqa
        from stdcheck.core.context import FileContext
        from stdcheck.core.engine import run_checkers
        from stdcheck.rules import load

        load()
        try:
            settings = config.load_for(Path(self.filename))
        except config.ConfigError as error:
            yield 1, 0, f"STD000 configuration error: {error}", type(self)
            return
        ctx = FileContext(
            self.filename, self.lines, self.tree, settings, self.file_tokens
        )
        findings = run_checkers(ctx, settings.enabled_for(self.filename))
        for finding in noqa.filter_findings(
            findings, self.lines, lambda: noqa.spans(ctx)
        ):
            yield (
                finding.line,
                finding.col,
                f"{finding.code} {finding.message}",
                type(self),
            )
