"""Rendering results: flake8-style text, JSON and the CI formats.

Every format is a function from a :class:`Report` to text, registered
in :data:`FORMATS`; the CLI picks one by name. ``docs/output.md``
describes each format's fields. What only one format uses (JSON, XML,
URL quoting) is imported when that format is rendered.
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from stdcheck import __version__
from stdcheck.core.findings import FileError, Finding
from stdcheck.core.registry import Rule, all_rules, lookup

if TYPE_CHECKING:
    from xml.etree import ElementTree

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
XML_INVALID = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""Characters XML 1.0 cannot hold (compiled on first use: slow)."""


@dataclass
class Report:
    """Everything a run produced, in a stable order.

    Attributes:
        findings: The findings, sorted.
        errors: The files that could not be checked.
        files: How many files were checked.
        statistics: Whether to count findings per code (text).
        quiet: Whether to leave out the summary line (text).
        checked: The paths of the checked files, for formats that
            list clean files too (JUnit).
        hidden: How many findings a baseline hid.
    """

    findings: list[Finding]
    errors: list[FileError]
    files: int
    statistics: bool = False
    quiet: bool = False
    checked: tuple[str, ...] = ()
    hidden: int = 0


@dataclass
class Tally:
    """What the closing lines need of a run, without its findings.

    A streamed run adds each file's findings as they are written, so
    memory does not grow with the number of files.

    Attributes:
        errors: The files that could not be checked.
        statistics: Whether to count findings per code (text).
        quiet: Whether to leave out the summary line (text).
        total: How many findings.
        fixable: How many of them ``stdcheck fix`` fixes by default.
        counts: Findings per code.
        per_file: Findings per file.
        hidden: How many findings a baseline hid.
    """

    errors: list[FileError] = field(default_factory=list)
    statistics: bool = False
    quiet: bool = False
    total: int = 0
    fixable: int = 0
    counts: collections.Counter[str] = field(
        default_factory=collections.Counter
    )
    per_file: collections.Counter[str] = field(
        default_factory=collections.Counter
    )
    hidden: int = 0

    def add(self, findings: list[Finding]) -> None:
        """Count a file's findings."""
        self.total += len(findings)
        if findings:
            self.per_file[findings[0].path] += len(findings)
        for finding in findings:
            self.fixable += finding.fixable()
            self.counts[finding.code] += 1

    @classmethod
    def of(cls, report: Report) -> Tally:
        """Tally a whole report."""
        tally = cls(
            report.errors, report.statistics, report.quiet,
            hidden=report.hidden,
        )
        for finding in report.findings:
            tally.add([finding])
        return tally


def text(report: Report) -> str:
    """Render ``path:line:col: CODE message`` lines, as flake8 does."""
    return text_findings(report.findings) + text_end(Tally.of(report))


def text_findings(findings: list[Finding]) -> str:
    """Render findings as ``path:line:col: CODE message`` lines."""
    bold, code_style = _text_styles()
    return "".join(
        f"{bold % f'{finding.path}:{finding.line}:{finding.col + 1}:'} "
        f"{code_style % finding.code} {finding.message}\n"
        for finding in findings
    )


@functools.lru_cache(maxsize=None)
def _text_styles() -> tuple[str, str]:
    """Return ``%`` templates for the place and the code (ANSI)."""
    return (
        click.style("%s", bold=True),
        click.style("%s", fg="red", bold=True),
    )


def text_end(tally: Tally) -> str:
    """Render the statistics (if asked) and the summary line.

    The statistics are one line per code: the count, the code and the
    rule's name (what every finding of the code has in common).
    """
    out: list[str] = []
    if tally.statistics:
        out.extend(
            f"{tally.counts[code]:<5} {code} {_name(code)}"
            for code in sorted(tally.counts)
        )
    if not tally.quiet and (tally.total or tally.errors or tally.hidden):
        out.append(_summary(tally))
    return "".join(line + "\n" for line in out)


def _summary(tally: Tally) -> str:
    """One closing line: how many findings, fixable and failed files."""
    total = tally.total
    new = " new" if tally.hidden else ""
    line = f"Found {total}{new} finding{'s' * (total != 1)}"
    if tally.fixable:
        line += f" ({tally.fixable} fixable with `stdcheck fix`)"
    if tally.hidden:
        line += f"; the baseline hid {tally.hidden}"
    if tally.errors:
        count = len(tally.errors)
        line += f"; {count} file{'s' * (count != 1)} could not be checked"
    return line + "."


def step_summary(tally: Tally, top: int = 10) -> str:
    """Render a run as Markdown for GitHub's job summary page.

    GitHub shows only the first annotations of a step (docs/ci.md);
    this summary counts everything: findings per rule with its name,
    the files with most findings, and what the baseline hid.

    Args:
        tally: The run's counts.
        top: How many files to list.

    Returns:
        The Markdown text.
    """
    total = tally.total
    out = [f"## stdcheck: {total} finding{'s' * (total != 1)}", ""]
    if tally.hidden:
        out += [f"The baseline hid {tally.hidden} known findings.", ""]
    if tally.errors:
        out += [f"{len(tally.errors)} files could not be checked.", ""]
    if tally.counts:
        out += ["| rule | name | findings |", "| --- | --- | ---: |"]
        out += [
            f"| {code} | {_name(code)} | {count} |"
            for code, count in sorted(
                tally.counts.items(), key=lambda item: (-item[1], item[0])
            )
        ]
        out += ["", f"Files with most findings (top {top}):", ""]
        out += [
            f"- `{_markdown_code(path)}`: {count}"
            for path, count in sorted(
                tally.per_file.items(), key=lambda item: (-item[1], item[0])
            )[:top]
        ]
    return "\n".join(out) + "\n"


def _markdown_code(text: str) -> str:
    """Keep a path inside a Markdown code span (no backquotes)."""
    return text.replace("`", "'")


def as_json(report: Report) -> str:
    """Render the findings and errors as one JSON document.

    The document's fields are described in ``docs/output.md``.

    Args:
        report: The run's results.

    Returns:
        The indented JSON text.
    """
    import json

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


def sarif(report: Report) -> str:
    """Render a SARIF 2.1.0 log: one run, every rule, every finding.

    Columns count characters (``columnKind`` ``unicodeCodePoints``);
    relative paths are URIs relative to ``%SRCROOT%``, the folder the
    command ran in, as GitHub code scanning expects.

    Args:
        report: The run's results.

    Returns:
        The log as indented JSON.
    """
    import json

    from stdcheck.frontends.pages import rule_url

    rules = all_rules()
    index = {rule.code: number for number, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "stdcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": rule_url(None),
                "rules": [_sarif_rule(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {
            "%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}
        },
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": error.message},
                        "locations": [
                            _sarif_location(error.path, error.line, error.col)
                        ],
                    }
                    for error in report.errors
                ],
            }
        ],
        "results": [
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": "error",
                "message": {"text": finding.message},
                "locations": [
                    _sarif_location(
                        finding.path,
                        finding.line,
                        finding.col,
                        finding.end_line,
                        finding.end_col,
                    )
                ],
            }
            for finding in report.findings
        ],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"


def _sarif_rule(rule: Rule) -> dict[str, object]:
    """Describe a rule for ``tool.driver.rules``, with its page."""
    from stdcheck.frontends.pages import render_rule, rule_url
    from stdcheck.rules import family_of

    page = render_rule(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": page, "markdown": page},
        "helpUri": rule_url(rule),
        "defaultConfiguration": {"enabled": rule.default, "level": "error"},
        "properties": {"tags": [family_of(rule.code).name]},
    }


def _sarif_location(
    path: str,
    line: int | None,
    col: int | None,
    end_line: int | None = None,
    end_col: int | None = None,
) -> dict[str, object]:
    """Return a SARIF location (0-based columns made 1-based)."""
    from urllib.parse import quote

    where = Path(path)
    artifact = (
        {"uri": where.as_uri()}
        if where.is_absolute()
        else {"uri": quote(where.as_posix()), "uriBaseId": "%SRCROOT%"}
    )
    location: dict[str, object] = {"artifactLocation": artifact}
    if line is not None:
        region = {"startLine": line, "startColumn": (col or 0) + 1}
        if end_line is not None and end_col is not None:
            region.update(endLine=end_line, endColumn=end_col + 1)
        location["region"] = region
    return {"physicalLocation": location}


def github(report: Report) -> str:
    """Render GitHub Actions workflow commands, one ``::error`` each.

    Args:
        report: The run's results.

    Returns:
        One annotation line per finding and per unchecked file.
    """
    return github_findings(report.findings) + github_end(Tally.of(report))


def github_findings(findings: list[Finding]) -> str:
    """Render one ``::error`` command per finding."""
    out = []
    for finding in findings:
        place = [
            ("file", finding.path),
            ("line", str(finding.line)),
            ("col", str(finding.col + 1)),
        ]
        if finding.end_line is not None and finding.end_col is not None:
            place += [
                ("endLine", str(finding.end_line)),
                ("endColumn", str(finding.end_col + 1)),
            ]
        out.append(_command(place + [("title", finding.code)],
                            finding.message))
    return "".join(line + "\n" for line in out)


def github_end(tally: Tally) -> str:
    """Render one ``::error`` command per file that was not checked."""
    out = []
    for error in tally.errors:
        place = [("file", error.path)]
        if error.line is not None:
            place += [
                ("line", str(error.line)),
                ("col", str((error.col or 0) + 1)),
            ]
        out.append(_command(place + [("title", "stdcheck")], error.message))
    return "".join(line + "\n" for line in out)


def _command(properties: list[tuple[str, str]], message: str) -> str:
    """Return one ``::error`` command, escaped as the runner expects."""
    listed = ",".join(
        f"{key}={_escape(value, property_value=True)}"
        for key, value in properties
    )
    return f"::error {listed}::{_escape(message)}"


def _escape(value: str, property_value: bool = False) -> str:
    """Escape a workflow command's data (and, more, property values)."""
    value = (
        value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    )
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def junit(report: Report) -> str:
    """Render a JUnit XML report: a test suite per file.

    Each finding is a failed test case named after its code and place,
    an unchecked file an errored case, a clean file one passed case.

    Args:
        report: The run's results.

    Returns:
        The XML document.
    """
    from xml.etree import ElementTree

    by_path: dict[str, list[Finding]] = {path: [] for path in report.checked}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    errors = {error.path: error for error in report.errors}
    root = ElementTree.Element("testsuites", name="stdcheck")
    for path in sorted(by_path.keys() | errors.keys()):
        suite = ElementTree.SubElement(root, "testsuite", name=_xml(path))
        for finding in by_path.get(path, []):
            where = f"{finding.line}:{finding.col + 1}"
            case = _case(suite, path, f"{finding.code} at {where}")
            ElementTree.SubElement(
                case, "failure", message=_xml(finding.message),
                type=finding.code,
            ).text = _xml(f"{path}:{where}: {finding.code} {finding.message}")
        if path in errors:
            ElementTree.SubElement(
                _case(suite, path, "stdcheck"), "error",
                message=_xml(errors[path].message), type="error",
            ).text = _xml(str(errors[path]))
        elif not by_path.get(path):
            _case(suite, path, "stdcheck")
        _count(suite)
    _count(root)
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _case(
    suite: ElementTree.Element, path: str, name: str
) -> ElementTree.Element:
    """Add a test case for a file to a suite."""
    from xml.etree import ElementTree

    return ElementTree.SubElement(
        suite, "testcase", name=_xml(name), classname=_xml(path),
        file=_xml(path),
    )


def _count(element: ElementTree.Element) -> None:
    """Count an element's ``tests``, ``failures`` and ``errors``."""
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    for kind in ("failures", "errors"):
        tag = kind[:-1]
        element.set(kind, str(sum(
            case.find(tag) is not None for case in cases
        )))


def _xml(value: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters)."""
    return re.sub(XML_INVALID, "\ufffd", value)


STREAMED: dict[str, tuple[Callable[[list[Finding]], str],
                          Callable[[Tally], str]]] = {
    "text": (text_findings, text_end),
    "github": (github_findings, github_end),
}
"""Formats written file by file: each file's findings, then the end."""

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": text,
    "json": as_json,
    "sarif": sarif,
    "github": github,
    "junit": junit,
}
