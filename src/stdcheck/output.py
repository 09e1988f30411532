"""Rendering results: flake8-style text and JSON.

Every format is a function from a :class:`Report` to text, registered
in :data:`FORMATS`; the CLI picks one by name.
"""

from __future__ import annotations

import collections
import json
from collections.abc import Callable
from dataclasses import dataclass

import click

from stdcheck import __version__
from stdcheck.findings import FileError, Finding
from stdcheck.registry import FixSafety, lookup


@dataclass
class Report:
    """Everything a run produced, in a stable order."""

    findings: list[Finding]
    errors: list[FileError]
    files: int
    statistics: bool = False
    quiet: bool = False


def text(report: Report) -> str:
    """Render ``path:line:col: CODE message`` lines, as flake8 does."""
    out = []
    for finding in report.findings:
        where = click.style(
            f"{finding.path}:{finding.line}:{finding.col + 1}:", bold=True
        )
        code = click.style(finding.code, fg="red", bold=True)
        out.append(f"{where} {code} {finding.message}")
    if report.statistics:
        out.extend(_statistics(report.findings))
    if not report.quiet and (report.findings or report.errors):
        out.append(_summary(report))
    return "\n".join(out) + "\n" if out else ""


def _statistics(findings: list[Finding]) -> list[str]:
    """Count findings per code, with each code's first message."""
    counts = collections.Counter(finding.code for finding in findings)
    first: dict[str, str] = {}
    for finding in findings:
        first.setdefault(finding.code, finding.message)
    return [
        f"{counts[code]:<5} {code} {first[code]}" for code in sorted(counts)
    ]


def _summary(report: Report) -> str:
    """One closing line: how many findings, fixable and failed files."""
    total = len(report.findings)
    fixable = sum(
        finding.fix is FixSafety.SAFE for finding in report.findings
    )
    line = f"Found {total} finding{'s' * (total != 1)}"
    if fixable:
        line += f" ({fixable} fixable with `stdcheck fix`)"
    if report.errors:
        count = len(report.errors)
        line += f"; {count} file{'s' * (count != 1)} could not be checked"
    return line + "."


def as_json(report: Report) -> str:
    """Render the findings and errors as one JSON document.

    The document's fields are described in ``docs/output.md``.
    """
    document = {
        "version": __version__,
        "files": report.files,
        "findings": [
            {
                "path": finding.path,
                "line": finding.line,
                "column": finding.col + 1,
                "end_line": finding.end_line,
                "end_column": None
                if finding.end_col is None
                else finding.end_col + 1,
                "code": finding.code,
                "name": _name(finding.code),
                "message": finding.message,
                "fix": finding.fix.value,
            }
            for finding in report.findings
        ],
        "errors": [
            {
                "path": error.path,
                "line": error.line,
                "column": None if error.col is None else error.col + 1,
                "message": error.message,
            }
            for error in report.errors
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def _name(code: str) -> str:
    """Return a code's rule name ("" for unknown codes)."""
    rule = lookup(code)
    return rule.name if rule is not None else ""


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": text,
    "json": as_json,
}
