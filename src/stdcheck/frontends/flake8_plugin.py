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
configured from the folder of the file it shows. Findings the project's
baseline holds are dropped through the function ``check`` uses
(:meth:`stdcheck.run.baseline.Baseline.split`); a bad baseline is one
STD000 at line 1, and then every finding is reported.
"""

from __future__ import annotations

import ast
import tokenize
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdcheck import __version__

if TYPE_CHECKING:
    from stdcheck.core.config import Config
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
        for line, col, text in findings:
            yield line, col, text, type(self)

    def _findings(self) -> list[tuple[int, int, str]]:
        """Check the file flake8 parsed (``noqa`` comments applied).

        Returns:
            ``(line, col, "STDnnn message")`` per finding; a baseline
            that is not valid is one STD000 first, and filters nothing.
        """
        from stdcheck.core import config, noqa
        from stdcheck.core.context import FileContext
        from stdcheck.core.engine import run_checkers
        from stdcheck.rules import load
        from stdcheck.run.baseline import BaselineError

        load()
        settings = config.load_for(Path(self.filename))
        codes = settings.codes_for(self.filename)
        if not codes:  # excluded, or every rule ignored for this file
            return []
        ctx = FileContext(
            self.filename, self.lines, self.tree, settings, self.file_tokens
        )
        findings = noqa.filter_findings(
            run_checkers(ctx, codes), self.lines, lambda: noqa.spans(ctx)
        )
        failure = []
        try:
            findings = _baselined(
                self.filename, settings, findings, self.lines
            )
        except BaselineError as error:
            failure = [(1, 0, f"STD000 {error}")]
        return failure + [
            (finding.line, finding.col, f"{finding.code} {finding.message}")
            for finding in findings
        ]


def _failure(error: Exception) -> str:
    """Say in one line why a file could not be checked."""
    from stdcheck.core.config import ConfigError
    from stdcheck.core.findings import internal_error
    from stdcheck.core.source import SourceError

    if isinstance(error, ConfigError):
        return f"configuration error: {error}"
    if isinstance(error, SourceError):
        return f"cannot check this file: {error.message}"
    return internal_error(error)


def _baselined(
    path: str, settings: Config, findings: list[Finding], lines: list[str]
) -> list[Finding]:
    """Drop the findings the project's baseline holds (as ``check``).

    Args:
        path: The file, as flake8 names it.
        settings: Its configuration (which says where the baseline is).
        findings: Its findings, in order.
        lines: Its lines.

    Returns:
        The findings the baseline does not hold.

    Raises:
        BaselineError: If the baseline file is not valid.
    """  # noqa: STD407  (raised by load_baseline)
    from stdcheck.run.baseline import on_disk

    if not findings:
        return findings
    known = on_disk(settings)
    return findings if known is None else known.split(
        path, findings, lines
    )[0]
