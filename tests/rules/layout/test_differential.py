"""STD1xx against pycodestyle over the running Python's standard library.

Both tools run over every file once, in this process. pycodestyle's own
``# noqa`` handling is turned off, as flake8 turns it off (flake8 reads
``noqa`` itself), and stdcheck's findings are taken before ``noqa``
filtering, so that the rules themselves are compared. Findings are
compared as (file, line) pairs per rule; a difference either falls into
a deliberate difference documented in the rule's notes (classified
below, each by a precise test of the line) or counts against the rule,
and at most 1% of either side may be unexplained.

Where pycodestyle reports what stdcheck does not, ruff (which has the
same rules) is asked as a third opinion: for the categories it covers,
it must side with stdcheck, so that a deliberate difference is not a
blind spot of ours.
"""

from __future__ import annotations

import ast
import collections
import io
import json
import re
import subprocess
import sys
import tokenize
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pycodestyle
import pytest

from stdcheck.core import registry
from stdcheck.core.config import Config
from stdcheck.core.context import FileContext
from stdcheck.core.engine import run_checkers
from stdcheck.core.source import decode, parse, split_lines

MINIMUM_AGREED = {
    "STD101": 3000, "STD102": 9500, "STD105": 700, "STD106": 3400,
    "STD107": 280, "STD108": 450,
}
"""Findings each rule shares with pycodestyle on the stdlib."""
PEERS = {
    "STD101": ("E501",),
    "STD102": ("W505",),
    "STD105": ("W504",),
    "STD106": ("E302", "E305"),
    "STD107": ("E301",),
    "STD108": ("E303",),
}
Place = tuple[str, int]
Found = dict[str, set[Place]]
STRING_START = re.compile(r"\s*[rRbBuUfF]{0,2}['\"]")
PRAGMA = re.compile(r"#\s*(?:noqa\b|type:)", re.IGNORECASE)
"""A ``# noqa`` or ``# type:`` comment (read here, not by stdcheck)."""
LINE_END_OPERATOR = re.compile(
    r"(?P<operator>%|@|\bin|\bnot\s+in|\bis|\bis\s+not)\s*(?:#.*)?$"
)
OPERATOR = re.compile(r"'(?P<operator>[^']+)'$")


class _Collect(pycodestyle.BaseReport):  # type: ignore[misc]
    """A pycodestyle report that keeps (file, line) per code."""

    found: Found = collections.defaultdict(set)

    def error(
        self, line_number: int, offset: int, text: str, check: Any
    ) -> None:
        """Record one finding."""
        self.found[text[:4]].add((self.filename, line_number))


def _pycodestyle(paths: Sequence[str]) -> Found:
    """Run pycodestyle's matching checks over the files."""
    codes = [code for peers in PEERS.values() for code in peers]
    guide = pycodestyle.StyleGuide(
        select=codes, max_line_length=79, max_doc_length=72, quiet=True
    )
    _Collect.found = collections.defaultdict(set)
    guide.init_report(_Collect)
    for path in paths:
        guide.input_file(path)
    return _Collect.found


def _stdcheck(paths: Sequence[str]) -> tuple[Found, dict[Place, str]]:
    """Run the layout rules over the files (before ``noqa``)."""
    registry.all_rules()
    config = Config(target_version="py310")
    found: Found = collections.defaultdict(set)
    messages: dict[Place, str] = {}
    for path in paths:
        with open(path, "rb") as handle:
            text = decode(handle.read()).text
        ctx = FileContext(path, split_lines(text), parse(text, path), config)
        for finding in run_checkers(ctx, frozenset(PEERS)):
            found[finding.code].add((path, finding.line))
            messages[(path, finding.line)] = finding.message
    return found, messages


@cache
def _lines(path: str) -> list[str]:
    """Return a file's lines."""
    with open(path, "rb") as handle:
        return split_lines(decode(handle.read()).text)


def _line(place: Place) -> str:
    """Return the text of the line at a place."""
    return _lines(place[0])[place[1] - 1]


@cache
def _in_function(path: str) -> frozenset[int]:
    """Return the lines of definitions nested inside a function."""
    nested = set()
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (*functions, ast.ClassDef)) and inside:
                first = child.decorator_list[0] if child.decorator_list \
                    else child
                nested.add(first.lineno)
            visit(child, inside or isinstance(child, functions))

    visit(ast.parse("".join(_lines(path))), False)
    return frozenset(nested)


def _after_async_def(place: Place) -> bool:
    """Return whether the top-level statement above is ``async def``."""
    for text in reversed(_lines(place[0])[:place[1] - 1]):
        if text.strip() and not text[0].isspace() and text[0] != "#":
            return text.startswith("async def")
    return False


def _fits_without_pragma(place: Place) -> bool:
    """Return whether a line fits in 79 without its pragma comment."""
    text = _line(place)
    match = PRAGMA.search(text)
    return match is not None and len(text[:match.start()].rstrip()) <= 79


def _ends_with_url_string(place: Place) -> bool:
    """Return whether a line's over-long part is a URL or path string.

    Read from the line's own tokens: its last string (no f-string)
    holds one word with ``://`` or two slashes, starts a word of the
    line before column 72, and only closing brackets or separators
    follow it.
    """
    text = _line(place)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    strings = [item for item in tokens if item.type == tokenize.STRING]
    if not strings:
        return False
    last = strings[-1]
    if "f" in last.string[:2].lower():
        return False
    body = str(ast.literal_eval(last.string))
    rest = text[last.end[1]:].strip()
    return (
        len(body.split()) == 1
        and ("://" in body or body.count("/") >= 2)
        and last.start[1] < 72
        and text[:last.start[1]][-1:] in (" ", "")
        and all(char in ",)]}:;" for char in rest)
    )


def _ends_with_url(place: Place, start_before: int) -> bool:
    """Return whether a line ends in a URL starting early.

    Its last word holds ``://`` and starts before column
    ``start_before``.
    """
    text = _line(place).rstrip()
    word = text.split()[-1]
    return "://" in word and len(text) - len(word) < start_before


def _comment_after_string(place: Place) -> bool:
    """Return whether a line is a string literal then a comment."""
    text = _line(place)
    return bool(STRING_START.match(text)) and "#" in text


def _ends_with_operator(place: Place, operators: tuple[str, ...]) -> bool:
    """Return whether a line's code ends with one of some operators."""
    match = LINE_END_OPERATOR.search(_line(place).rstrip("\n"))
    return match is not None and " ".join(
        match.group("operator").split()
    ) in operators


# pycodestyle-only findings that ruff must not report either.
RUFF_PEERS = {"STD102": "W505", "STD107": "E301"}


def _ruff(paths: Iterable[str]) -> set[tuple[str, Place]]:
    """Return ruff's (code, place) findings of the RUFF_PEERS codes."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache",
         "--preview", "--select", ",".join(RUFF_PEERS.values()),
         "--line-length", "79", "--config",
         "lint.pycodestyle.max-doc-length=72", "--output-format", "json",
         *sorted(set(paths))],
        capture_output=True, text=True, check=False,
    )
    return {
        (error["code"], (error["filename"], error["location"]["row"]))
        for error in json.loads(result.stdout)
    }


# Deliberate differences, per rule and side, as documented in notes.
Explain = Callable[[Place, dict[Place, str]], bool]
EXPLAINED: dict[tuple[str, str], dict[str, Explain]] = {
    ("STD101", "theirs"): {
        "fits without its noqa/type comment":
            lambda place, _: _fits_without_pragma(place),
        "a string holding a URL or path ends the line (RULES.md)":
            lambda place, _: _ends_with_url_string(place),
        "a comment or string line ends in a URL (RULES.md)":
            lambda place, _: _ends_with_url(place, 72),
    },
    ("STD102", "theirs"): {
        "comment after a string literal is a code line's":
            lambda place, _: _comment_after_string(place),
        "a doc line ends in a URL (as ruff)":
            lambda place, _: _ends_with_url(place, 72),
    },
    ("STD105", "ours"): {
        "% and @ are binary operators":
            lambda place, _: _ends_with_operator(place, ("%", "@")),
        "in, not in, is, is not are binary operators":
            lambda place, _: _ends_with_operator(
                place, ("in", "not in", "is", "is not")
            ),
    },
    ("STD106", "ours"): {
        "code after an async def": lambda place, _: _after_async_def(place),
    },
    ("STD107", "theirs"): {
        "definition inside a function (pycodestyle E306 territory)":
            lambda place, _: place[1] in _in_function(place[0]),
    },
}


def _explain(
    rule: str, side: str, places: Iterable[Place], messages: dict[Place, str]
) -> tuple[collections.Counter[str], list[Place]]:
    """Sort differences into documented categories and the rest."""
    categories = EXPLAINED.get((rule, side), {})
    counts: collections.Counter[str] = collections.Counter()
    unexplained = []
    for place in sorted(places):
        reason = next(
            (name for name, test in categories.items()
             if test(place, messages)),
            None,
        )
        if reason is None:
            unexplained.append(place)
        else:
            counts[reason] += 1
    return counts, unexplained


def _percent(part: set[Place], whole: set[Place]) -> str:
    """Return the share of a set in another, as a percentage."""
    return f"{100 * len(part) / max(len(whole), 1):.2f}%"


@pytest.mark.corpus
def test_layout_agrees_with_pycodestyle(
    stdlib_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rule agrees with its pycodestyle peers, or says why not."""
    monkeypatch.setattr(pycodestyle, "noqa", lambda line: False)
    paths = [str(path) for path in stdlib_files]
    theirs = _pycodestyle(paths)
    ours, messages = _stdcheck(paths)
    failures = []
    disputed = {
        (RUFF_PEERS[rule], place)
        for rule in RUFF_PEERS
        for place in set().union(*(theirs[code] for code in PEERS[rule]))
        - ours[rule]
    }
    print(f"pycodestyle only, ruff's opinion asked: {len(disputed)}")
    opinion = _ruff(place[0] for _, place in disputed)
    assert opinion, "ruff reported nothing: is it installed?"
    assert disputed & opinion == set()
    for rule, peers in PEERS.items():
        mine = ours[rule]
        peer = set().union(*(theirs[code] for code in peers))
        both = mine & peer
        if len(both) < MINIMUM_AGREED[rule]:
            failures.append((rule, "agreed", len(both)))
        print(
            f"{rule} vs {'+'.join(peers)}: stdcheck {len(mine)}, "
            f"pycodestyle {len(peer)}, both {len(both)} "
            f"({_percent(both, mine)} of ours, {_percent(both, peer)} "
            "of theirs)"
        )
        for side, extra, total in (
            ("ours", mine - peer, mine), ("theirs", peer - mine, peer)
        ):
            counts, unexplained = _explain(rule, side, extra, messages)
            for reason, count in counts.items():
                print(f"    only {side}, deliberate: {reason}: {count}")
            if unexplained:
                print(f"    only {side}, unexplained: {len(unexplained)}")
            if len(unexplained) > 0.01 * len(total):
                failures.append((rule, side, unexplained[:10]))
    assert not failures, failures
