"""The flake8 adapter: stdcheck's engine as a flake8 plugin (``STD``).

flake8 has already read, decoded and parsed the file; the plugin reuses
its tree, lines and tokens, reads the same ``[tool.stdcheck]`` as the
CLI and yields the engine's findings. Which rules run on the file
(``exclude`` and ``per-file-ignores`` included) is decided by
:meth:`~stdcheck.core.config.Config.codes_for`, as for the CLI. It
never raises: a rule's crash becomes one STD000 finding, a bad
configuration one STD000 at line 1.
For standard input flake8 passes ``--stdin-display-name`` (else
``stdin``) as the file name, so an editor's unsaved buffer is
configured from the folder of the file it shows.
"""

from __future__ import annotations

import ast
import tokenize
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdcheck import __version__

if TYPE_CHECKING:
    from stdcheck.core.findings import Finding


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
        """Yield ``(line, col, "STDnnn message", type)`` per finding.

        Never raises: a configuration that cannot be used, a file too
        deeply nested to check or any other failure is one STD000 at
        line 1 (an interrupt still stops the run).
        """
        from stdcheck.core.interrupts import raise_hidden_interrupt

        try:
            findings = self._findings()
        except Exception as error:  # noqa: BLE001,STD602  (one STD000)
            raise_hidden_interrupt(error)
            yield 1, 0, f"STD000 {_failure(error)}", type(self)
            return
        for finding in findings:
            yield (
                finding.line,
                finding.col,
                f"{finding.code} {finding.message}",
                type(self),
            )

    def _findings(self) -> list[Finding]:
        """Check the file flake8 parsed (``noqa`` comments applied)."""
        from stdcheck.core import config, noqa
        from stdcheck.core.context import FileContext
        from stdcheck.core.engine import run_checkers

        settings = config.load_for(Path(self.filename))
        codes = settings.codes_for(self.filename)
        if not codes:  # excluded, or every rule ignored for this file
            return []
        ctx = FileContext(
            self.filename, self.lines, self.tree, settings, self.file_tokens
        )
        findings = run_checkers(ctx, codes)
        return noqa.filter_findings(
            findings, self.lines, lambda: ctx.layout.spans
        )


def _failure(error: Exception) -> str:
    """Say in one line why a file could not be checked."""
    from stdcheck.core.config import ConfigError
    from stdcheck.core.source import SourceError

    if isinstance(error, ConfigError):
        return f"configuration error: {error}"
    if isinstance(error, SourceError):
        return f"cannot check this file: {error.message}"
    first_line = str(error).partition("\n")[0]
    return (
        f"internal error in stdcheck: {type(error).__name__}: "
        f"{first_line} (please report this)"
    )
