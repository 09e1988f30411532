"""STD6xx-STD9xx against their ruff peers on the stdlib and Django.

ruff runs once per corpus with every peer code selected, stdcheck once
with every backend rule (STD902, off by default, selected by code). A
ruff finding and a stdcheck finding agree when they are in the same
file and ruff's line lies within the stdcheck finding's lines. Every
disagreement must fall under one of the deliberate differences the
rule's notes document; each is recognised here by an independent test
on the source, so an unexplained disagreement fails the test. Each rule
must also agree with ruff at least :data:`MINIMUM_AGREED` times on the
standard library; the rules ruff finds nothing for there (async,
secrets, hashes, TLS, timeouts, SQL) are compared on the cases of their
fixture files instead (:data:`FIXTURE_MINIMUM`), so deleting a rule
fails the test. The counts are printed (``pytest -s``).
"""

from __future__ import annotations

import ast
import collections
import functools
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from stdcheck.core.config import Config
from stdcheck.core.engine import check_file
from tests.helpers.rule_fixtures import ROOT, load_cases

PEERS = {
    "E722": "STD601", "BLE001": "STD602", "B904": "STD603",
    "S110": "STD604", "ASYNC210": "STD701", "ASYNC220": "STD701",
    "ASYNC221": "STD701", "ASYNC222": "STD701", "ASYNC251": "STD701",
    "ASYNC230": "STD702", "RUF006": "STD703", "S105": "STD801",
    "S106": "STD801", "S107": "STD801", "S324": "STD802",
    "S501": "STD805", "S113": "STD806", "S608": "STD807",
    "T201": "STD901", "G001": "STD902", "G002": "STD902",
    "G004": "STD902", "DTZ003": "STD903", "DTZ004": "STD903",
    "B006": "STD905", "B019": "STD906",
}
SELECT = ("STD6", "STD7", "STD8", "STD9", "STD902")
BROAD = {"Exception", "BaseException"}
SECRET_WORDS = {"password", "passwd", "pwd", "passphrase", "secret", "key"}
CREDENTIAL_TOKENS = {"access", "auth", "api", "bearer", "refresh"}
PASSWORDISH = re.compile(r"pass|pwd|pw\b", re.IGNORECASE)
RUFF_SQL = re.compile(
    r"\b(select\s+.+\s+from\s|delete\s+from\s"
    r"|(insert|replace)\s+.+\s+values\s|update\s+.+\s+set\s)",
    re.IGNORECASE | re.DOTALL,
)
Where = tuple[str, int]
LINT_PRAGMA = re.compile(
    r"#?\s*(?:pragma|noqa|nosec|type|pylint|pyright|mypy)\b[^#]*"
)
"""A lint pragma in a comment, which explains nothing to a reader."""
MINIMUM_AGREED = {
    "STD601": 80, "STD602": 130, "STD603": 250, "STD604": 25,
    "STD901": 100, "STD902": 1, "STD903": 4, "STD905": 140,
    "STD906": 3,
}
"""Findings each rule shares with ruff on the standard library alone."""
FIXTURE_MINIMUM = {
    "STD701": 1, "STD702": 1, "STD703": 1, "STD801": 1, "STD802": 1,
    "STD805": 1, "STD806": 1, "STD807": 1,
}
"""Findings each rule shares with ruff on its fixture file's cases."""


@dataclass
class Comparison:
    """How one stdcheck rule and its ruff peers compare on a corpus."""

    both: int = 0
    ruff_only: list[Where] = field(default_factory=list)
    ours_only: list[Where] = field(default_factory=list)


@functools.lru_cache(maxsize=None)
def _tree(path: str) -> ast.Module:
    """Parse a corpus file once."""
    return ast.parse(Path(path).read_bytes())


@functools.lru_cache(maxsize=None)
def _lines(path: str) -> list[str]:
    """Return a corpus file's lines."""
    return Path(path).read_text(encoding="utf-8").splitlines()


@functools.lru_cache(maxsize=None)
def _index(path: str) -> dict[int, list[ast.AST]]:
    """Map each line of a file to the nodes starting on it."""
    index: dict[int, list[ast.AST]] = collections.defaultdict(list)
    for node in ast.walk(_tree(path)):
        for child in ast.iter_child_nodes(node):
            _PARENTS[child] = node
        line = getattr(node, "lineno", None)
        if line is not None:
            index[line].append(node)
    return index


_PARENTS: dict[ast.AST, ast.AST] = {}


def _at(path: str, line: int, kind: type[ast.AST]) -> list[ast.AST]:
    """Return the nodes of a type starting on a line."""
    return [node for node in _index(path)[line] if isinstance(node, kind)]


def _name(node: ast.AST | None) -> str | None:
    """Return the last name of a name or attribute."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _handler_raises_or_logs(path: str, line: int) -> str | None:
    """STD602 is not reported where the handler raises or logs."""
    for handler in _at(path, line, ast.ExceptHandler):
        for node in ast.walk(handler):
            if isinstance(node, ast.Raise):
                return "handler raises (a new error counts)"
            if isinstance(node, ast.Call) and re.search(
                r"log|exception|warn|print_exc|format_exc",
                ast.unparse(node.func), re.IGNORECASE,
            ):
                return "handler logs the error"
    return None


def _raise_in_nested_else(path: str, line: int) -> str | None:
    """STD603 also reports raises in nested ``finally``/``else``."""
    for node in _at(path, line, ast.Raise):
        child, parent = node, _PARENTS.get(node)
        while parent is not None and not isinstance(
            parent, ast.ExceptHandler
        ):
            if (
                isinstance(parent, ast.Try)
                and (child in parent.finalbody or child in parent.orelse
                     or (not parent.handlers and child in parent.body))
            ) or (
                isinstance(parent, (ast.For, ast.While))
                and child in parent.orelse
            ):
                return "raise in a nested finally/else block"
            child, parent = parent, _PARENTS.get(parent)
    return None


def _handler_commented(path: str, line: int) -> str | None:
    """STD604 accepts a handler whose silence a comment explains."""
    for handler in _at(path, line, ast.ExceptHandler):
        if _explained(_lines(path)[line - 1:handler.end_lineno]):
            return "a comment explains the silence"
    return None


def _explained(rows: list[str]) -> bool:
    """Return whether a comment other than a lint pragma is on rows."""
    return any(
        LINT_PRAGMA.sub("", row.partition("#")[2]).strip(" #")
        for row in rows if "#" in row
    )


def _handler_typed(path: str, line: int) -> str | None:
    """STD604 reports typed handlers too (ruff S110: broad only).

    Only a silent one: a body of ``pass`` or ``...`` and no comment.
    """
    for handler in _at(path, line, ast.ExceptHandler):
        assert isinstance(handler, ast.ExceptHandler)
        if handler.type is None or not _silent(path, handler):
            return None
        types = (
            handler.type.elts if isinstance(handler.type, ast.Tuple)
            else [handler.type]
        )
        if not BROAD & {_name(item) or "?" for item in types if item}:
            return "typed handler (ruff checks only broad ones)"
    return None


def _silent(path: str, handler: ast.ExceptHandler) -> bool:
    """Return whether a handler only passes, with no comment saying why.

    A lint pragma (``# pragma: no cover``, ``# noqa``) says nothing.
    """
    quiet = all(
        isinstance(statement, ast.Pass)
        or (isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and statement.value.value is Ellipsis)
        for statement in handler.body
    )
    return quiet and not _explained(
        _lines(path)[handler.lineno - 1:handler.end_lineno]
    )


def _not_a_secret(path: str, line: int) -> str | None:
    """STD801 skips metadata names, lexer tokens, prose and tests."""
    if "/tests/" in path or "/test/" in path:
        return "test file"
    for node in _index(path)[line]:
        pairs: list[tuple[str | None, ast.AST]] = []
        if isinstance(node, ast.Assign):
            pairs = [(_name(target), node.value) for target in node.targets]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            pairs = [(_name(node.target), node.value)]
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            pairs = [(_name(a), b) for a in sides for b in sides if a is not b]
        elif isinstance(node, ast.keyword):
            pairs = [(node.arg, node.value)]
        elif isinstance(node, ast.arg):
            pairs = [(node.arg, ast.Constant(""))]
        for name, value in pairs:
            if not isinstance(value, ast.Constant) or name is None:
                continue
            words = name.lower().split("_")
            if words[-1] == "token" and not CREDENTIAL_TOKENS & set(words):
                return "token that is not a credential"
            if words[-1] not in SECRET_WORDS | {"token"}:
                return "secret word followed by more words (metadata)"
            if not isinstance(value.value, str) or re.search(
                r"\s", value.value
            ):
                return "prose, not a secret"
            if value.value.lower() in name.lower():
                return "value is part of the name"
    return None


def _hash_not_of_password(path: str, line: int) -> str | None:
    """STD802 reports fast hashes of passwords only (ruff: any MD5)."""
    for call in _at(path, line, ast.Call):
        assert isinstance(call, ast.Call)
        arguments = " ".join(ast.unparse(arg) for arg in call.args)
        if not PASSWORDISH.search(arguments):
            return "hash of something that is not a password"
    return None


def _sql_not_run_here(path: str, line: int) -> str | None:
    """STD807 judges SQL where it is run, with quoted names exempt."""
    runners = [
        node for start in range(max(line - 5, 1), line + 1)
        for node in _at(path, start, ast.Call)
        if isinstance(node, ast.Call) and node.args
        and re.search(r"execute|raw|\btext$", ast.unparse(node.func))
        and node.args[0].lineno <= line <= (node.args[0].end_lineno or 0)
    ]
    if not runners:
        return "SQL built here, not passed to a query runner"
    argument = runners[0].args[0]
    used = {
        node.id for node in ast.walk(argument) if isinstance(node, ast.Name)
    }
    scope = _PARENTS.get(runners[0])
    while scope is not None and not isinstance(scope, ast.FunctionDef):
        scope = _PARENTS.get(scope)
    quoted = {
        target.id
        for node in (ast.walk(scope) if scope is not None else ())
        if isinstance(node, ast.Assign) and "quote" in ast.unparse(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    if "quote" in ast.unparse(argument) or used & quoted:
        return "quoted identifiers are not parameters"
    return None


def _sql_ruff_misses(path: str, line: int) -> str | None:
    """ruff S608 misses SQL in names or not starting with a keyword."""
    for call in _at(path, line, ast.Call):
        assert isinstance(call, ast.Call)
        if not call.args:
            continue
        first = call.args[0]
        if isinstance(first, ast.Name):
            return "SQL assigned earlier (ruff reports the assignment)"
        if not RUFF_SQL.search(ast.unparse(first) + " "):
            return "text does not match ruff's SQL pattern"
    return None


def _print_allowed(path: str, line: int) -> str | None:
    """STD901 exempts scripts, tests, ``__main__`` and file output."""
    tree = _tree(path)
    if Path(path).name == "__main__.py" or re.search(r"/tests?/", path):
        return "test or __main__ module"
    if any(
        isinstance(node, ast.If) and "__main__" in ast.unparse(node.test)
        for node in tree.body
    ):
        return "script (has a main guard)"
    for call in _at(path, line, ast.Call):
        assert isinstance(call, ast.Call)
        if any(item.arg == "file" for item in call.keywords):
            return "print to a stream ruff cannot resolve"
    return None


def _logger_ruff_cannot_see(path: str, line: int) -> str | None:
    """ruff's G rules see only loggers of the logging module."""
    if not any(
        isinstance(node, (ast.Import, ast.ImportFrom))
        and "logging" in ast.unparse(node)
        for node in _tree(path).body
    ):
        return "logger-like object not from the logging module"
    return None


Explainer = Callable[[str, int], "str | None"]
EXPLAIN: dict[str, tuple[Explainer | None, Explainer | None]] = {
    "STD602": (_handler_raises_or_logs, None),
    "STD603": (None, _raise_in_nested_else),
    "STD604": (_handler_commented, _handler_typed),
    "STD801": (_not_a_secret, None),
    "STD802": (_hash_not_of_password, None),
    "STD807": (_sql_not_run_here, _sql_ruff_misses),
    "STD901": (_print_allowed, _print_allowed),
    "STD902": (None, _logger_ruff_cannot_see),
}


def _ruff(files: list[Path]) -> list[dict[str, object]]:
    """Run ruff once over a corpus with every peer code selected."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated",
         "--select", ",".join(PEERS), "--target-version", "py311",
         "--output-format", "json", "--exit-zero", *map(str, files)],
        capture_output=True, text=True, check=True,
    )
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def compare(files: list[Path]) -> dict[str, Comparison]:
    """Compare stdcheck's backend rules with ruff on some files."""
    config = Config(target_version="py311", select=SELECT)
    spans: dict[tuple[str, str], list[tuple[int, int]]] = (
        collections.defaultdict(list)
    )
    for path in files:
        for finding in check_file(str(path), config).findings:
            spans[finding.code, finding.path].append(
                (finding.line, finding.end_line or finding.line)
            )
    comparisons = {code: Comparison() for code in set(PEERS.values())}
    matched: set[tuple[str, str, int]] = set()
    for item in _ruff(files):
        code = PEERS[str(item["code"])]
        path = str(item["filename"])
        line = int(item["location"]["row"])  # type: ignore[index]
        hits = [
            start for start, end in spans.get((code, path), [])
            if start <= line <= end
        ]
        if hits:
            comparisons[code].both += 1
            matched.update((code, path, start) for start in hits)
        else:
            comparisons[code].ruff_only.append((path, line))
    for (code, path), found in spans.items():
        if code in comparisons:
            comparisons[code].ours_only += [
                (path, start) for start, _ in found
                if (code, path, start) not in matched
            ]
    return comparisons


def _unexplained(comparisons: dict[str, Comparison]) -> list[str]:
    """Return the disagreements no documented difference explains."""
    problems = []
    for code, comparison in sorted(comparisons.items()):
        ruff_side, our_side = EXPLAIN.get(code, (None, None))
        reasons: collections.Counter[str] = collections.Counter()
        for side, explain, where in (
            ("ruff only", ruff_side, comparison.ruff_only),
            ("stdcheck only", our_side, comparison.ours_only),
        ):
            for path, line in where:
                reason = explain(path, line) if explain else None
                if reason is None:
                    problems.append(f"{code} {side}: {path}:{line}")
                else:
                    reasons[f"{side}: {reason}"] += 1
        print(
            f"{code}: agree {comparison.both}, ruff only "
            f"{len(comparison.ruff_only)}, stdcheck only "
            f"{len(comparison.ours_only)} {dict(reasons)}"
        )
    return problems


@pytest.mark.corpus
def test_stdlib_matches_ruff(stdlib_files: list[Path]) -> None:
    """On the stdlib every disagreement with ruff is deliberate."""
    comparisons = compare(stdlib_files)
    assert _unexplained(comparisons) == []
    agreed = {code: comparisons[code].both for code in MINIMUM_AGREED}
    assert {
        code: count for code, count in agreed.items()
        if count < MINIMUM_AGREED[code]
    } == {}, agreed


def fixture_files(folder: Path) -> list[Path]:
    """Write each case of the fixture-compared rules as its own file.

    A case's ``path=`` option names its file (tests, scripts).
    """
    files = []
    for code in FIXTURE_MINIMUM:
        for case in load_cases(ROOT / f"{code}.py"):
            target = (
                folder / code / str(case.first_line)
                / case.options.get("path", "example.py")
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(case.source, encoding="utf-8")
            files.append(target)
    return files


def test_fixture_cases_match_ruff(tmp_path: Path) -> None:
    """Rules ruff never meets in the stdlib agree on their fixtures.

    The fixture cases are near misses on purpose, and their verdicts
    are pinned by the fixture tests; here ruff must confirm at least
    :data:`FIXTURE_MINIMUM` findings of each rule (the disagreements
    are printed, not judged).
    """
    comparisons = compare(fixture_files(tmp_path))
    print("\n".join(_unexplained(comparisons)))
    agreed = {code: comparisons[code].both for code in FIXTURE_MINIMUM}
    assert {
        code: count for code, count in agreed.items()
        if count < FIXTURE_MINIMUM[code]
    } == {}, agreed


@pytest.mark.corpus
@pytest.mark.network
def test_django_matches_ruff(django_files: list[Path]) -> None:
    """On Django every disagreement with ruff is deliberate."""
    assert _unexplained(compare(django_files)) == []


def test_comparison_sees_disagreements(tmp_path: Path) -> None:
    """The comparison itself finds agreement and both kinds of miss."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "try:\n"
        "    pass\n"
        "except:\n"
        "    pass  # shown by ruff S110 only\n"
        "try:\n"
        "    pass\n"
        "except KeyError:\n"
        "    pass\n",
        encoding="utf-8",
    )
    comparisons = compare([sample])
    assert comparisons["STD601"].both == 1
    assert comparisons["STD604"].ruff_only == [(str(sample), 3)]
    assert comparisons["STD604"].ours_only == [(str(sample), 7)]
    assert _unexplained(comparisons) == []
