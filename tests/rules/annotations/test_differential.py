"""STD501-STD503 against flake8-annotations and ruff's RUF013.

flake8-annotations (ANN001-ANN003, ANN201-ANN206; options as the rules'
notes describe: ``--suppress-dummy-args``, ``--mypy-init-return``, the
default dispatch and overload decorators) is compared with STD501 and
STD502 on the public functions of a deterministic quarter of the
standard library and of Django (it re-parses every file and is slow);
ruff's RUF013 with STD503's parameter findings on all of both and on
STD503's fixture file. Counts are printed (``pytest -s``).
"""

from __future__ import annotations

import ast
import builtins
import collections
import json
import re
import subprocess
import sys

import pytest

from stdcheck.core.findings import Finding
from tests.helpers import corpus
from tests.helpers.differential import Parsed, parse_files, tally
from tests.helpers.independent import (
    is_public,
    is_test_definition,
    is_test_file,
)
from tests.helpers.rule_fixtures import ROOT

pytestmark = pytest.mark.corpus

SKIPPED = {"ANN101", "ANN102", "ANN401", "ANN402"}
"""``self``/``cls`` (exempt by the catalogue) and the opinion codes."""
Key = tuple[str, int, int, str]
TYPING_NAMES = {"Annotated", "List", "Literal", "Union", "Dict", "Final"}
MINIMUM_AGREED = {"STD501": 3300, "STD502": 2650, "STD503": 5}
"""Findings each rule shares with its peer (STD501/502: on the stdlib
sample; STD503: on the corpus and its fixture)."""


def test_missing_annotations_match_flake8_annotations(
    corpus_parsed: dict[str, Parsed],
    corpus_findings: dict[str, list[Finding]],
) -> None:
    """STD501/STD502 match ANN0xx/ANN2xx on public functions."""
    from flake8_annotations.checker import TypeHintChecker

    checker = TypeHintChecker
    checker.suppress_none_returning = False
    checker.suppress_dummy_args = True
    checker.allow_untyped_defs = False
    checker.allow_untyped_nested = False
    checker.mypy_init_return = True
    checker.allow_star_arg_any = False
    checker.respect_type_ignore = False
    checker.dispatch_decorators = {
        "singledispatch", "singledispatchmethod",
        "functools.singledispatch", "functools.singledispatchmethod",
    }
    checker.overload_decorators = {"overload", "typing.overload"}
    sample = sorted(corpus_parsed)[::4]
    ours: set[Key] = set()
    theirs: dict[Key, str] = {}
    for path in sample:
        item = corpus_parsed[path]
        functions = _signature_lines(item)
        for finding in corpus_findings[path]:
            if finding.code == "STD501":
                ours.add((path, finding.line, finding.col, "argument"))
            elif finding.code == "STD502":
                node, _ = functions[finding.line]
                ours.add((path, node.lineno, 0, "return"))
        for line, col, message, _ in checker(
            item.ctx.tree, item.ctx.lines
        ).run():
            code = message.split()[0]
            node, parents = functions[line]
            if code in SKIPPED or not is_public(node, parents):
                continue
            if is_test_file(path) and is_test_definition(node):
                continue
            if code.startswith("ANN0"):
                theirs[path, line, col, "argument"] = code
            else:
                theirs[path, node.lineno, 0, "return"] = code
    reasons = {
        key: _underscore(corpus_parsed[key[0]], key)
        for key in set(theirs) - ours
    }
    agreed = tally((code,) for key, code in theirs.items() if key in ours)
    in_stdlib = collections.Counter(
        kind for (path, _, _, kind) in ours & set(theirs)
        if path.startswith(str(corpus.stdlib_root()))
    )
    print(f"\nflake8-annotations: {len(sample)} files, agreed: {agreed} "
          f"(in the stdlib: {dict(in_stdlib)}), "
          f"{len(ours - set(theirs))} only stdcheck, only "
          f"flake8-annotations by reason: {tally(reasons.items())}")
    assert sorted(ours - set(theirs)) == []
    assert sorted(key for key, why in reasons.items() if not why) == []
    assert in_stdlib["argument"] >= MINIMUM_AGREED["STD501"], in_stdlib
    assert in_stdlib["return"] >= MINIMUM_AGREED["STD502"], in_stdlib


def _signature_lines(
    item: Parsed,
) -> dict[int, tuple[ast.AST, list[ast.AST]]]:
    """Map each line of each signature to its (innermost) function."""
    lines = {}
    for node, parents in sorted(
        item.definitions, key=lambda pair: getattr(pair[0], "lineno")
    ):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for line in range(node.lineno, node.body[0].lineno + 1):
                lines[line] = (node, parents)
    return lines


def _underscore(item: Parsed, key: Key) -> str:
    """Explain an ANN0xx we do not report: an underscore parameter."""
    _, line, col, _ = key
    match = re.match(r"\**(\w+)", item.ctx.lines[line - 1][col:])
    if match and match.group(1).startswith("_"):
        return "parameter named with a leading underscore"
    return ""


def test_implicit_optional_matches_ruff(
    corpus_parsed: dict[str, Parsed],
    corpus_findings: dict[str, list[Finding]],
) -> None:
    """Every RUF013 is an STD503; our extras are documented cases."""
    fixture = parse_files([ROOT / "STD503.py"])
    paths = [*corpus_parsed, *fixture]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache",
         "--select", "RUF013", "--target-version", "py310",
         "--output-format", "json", *paths],
        capture_output=True, text=True, check=False,
    )
    parsed = {**corpus_parsed, **fixture}
    theirs = {
        _annotation_start(
            parsed[error["filename"]], error["location"]["row"],
            error["location"]["column"] - 1,
        )
        for error in json.loads(result.stdout)
    }
    ours = {
        (path, finding.line, finding.col)
        for path, findings in corpus_findings.items()
        for finding in findings if finding.code == "STD503"
    } | {
        (path, finding.line, finding.col)
        for path, findings in _fixture_findings(fixture).items()
        for finding in findings
    }
    reasons = {
        key: _extra_reason(parsed[key[0]], key[1], key[2])
        for key in ours - theirs
    }
    print(f"\nruff RUF013: {len(ours & theirs)} agreed, "
          f"{len(theirs - ours)} only ruff, only stdcheck by reason: "
          f"{tally(reasons.items())}")
    assert len(ours & theirs) >= MINIMUM_AGREED["STD503"]
    assert theirs - ours == set()
    assert sorted(key for key, why in reasons.items() if not why) == []


def _annotation_start(
    item: Parsed, line: int, col: int
) -> tuple[str, int, int]:
    """Return where the annotation holding a position starts.

    ruff points into a string annotation (at the type it holds);
    stdcheck points at the annotation.
    """
    for node in ast.walk(item.ctx.tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            start = (node.annotation.lineno, node.annotation.col_offset)
            end = (node.annotation.end_lineno or 0,
                   node.annotation.end_col_offset or 0)
            if start <= (line, col) < end:
                return item.ctx.path, start[0], start[1]
    return item.ctx.path, line, col


def _fixture_findings(fixture: dict[str, Parsed]) -> dict[str, list[Finding]]:
    """Check STD503's fixture file as one module."""
    from tests.helpers.differential import our_findings

    return our_findings(fixture, ["STD503"])


def _extra_reason(item: Parsed, line: int, col: int) -> str:
    """Explain an STD503 that RUF013 does not report."""
    for node in ast.walk(item.ctx.tree):
        if isinstance(node, ast.AnnAssign) and node.annotation.lineno == line:
            return "class attribute (RUF013 checks parameters only)"
        if isinstance(node, ast.arg) and node.annotation is not None:
            annotation = node.annotation
            if (annotation.lineno, annotation.col_offset) == (line, col):
                return _unknown_to_ruff(annotation)
    return ""


def _unknown_to_ruff(annotation: ast.expr) -> str:
    """Explain an annotation ruff cannot judge (not builtin/stdlib)."""
    if isinstance(annotation, ast.Constant) and isinstance(
        annotation.value, str
    ):
        annotation = ast.parse(annotation.value, mode="eval").body
    names = {
        node.id for node in ast.walk(annotation)
        if isinstance(node, ast.Name)
    }
    if names - set(dir(builtins)) - TYPING_NAMES:
        return "type ruff cannot resolve (project or third-party class)"
    return ""
