"""Property-based fuzzing: generated programs never break check or fix.

``check`` must never raise on any input (a bad file is a one-line
``SourceError``), and ``fix`` (safe, then unsafe) must give code that
parses, that a second fix leaves alone, and (for safe fixes) whose
meaning the fixer's own verification accepted. The number of examples
is small by default; ``pytest --fuzz-long`` runs many more.
"""

from __future__ import annotations

import ast

import hypothesmith
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.core.source import SourceError
from stdcheck.fix.engine import fix_source

CONFIG = Config(target_version="py310")
FUZZ = settings(
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _check_never_raises(text: str) -> None:
    """Check text; only a one-line SourceError is an allowed failure."""
    try:
        findings = check_source(text, "fuzzed.py", CONFIG)
    except SourceError as error:
        assert "\n" not in error.message
        return
    assert all(finding.code != "STD000" for finding in findings), findings


@FUZZ
@given(hypothesmith.from_grammar())
def test_check_never_raises_on_grammar_text(text: str) -> None:
    _check_never_raises(text)


@FUZZ
@given(st.text(max_size=400))
def test_check_never_raises_on_any_text(text: str) -> None:
    _check_never_raises(text)


@FUZZ
@given(hypothesmith.from_node(), st.booleans())
def test_fix_parses_and_is_idempotent(text: str, unsafe: bool) -> None:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return
    first = fix_source(text, "fuzzed.py", CONFIG, unsafe)
    assert first.errors == [], [str(error) for error in first.errors]
    ast.parse(first.after)
    second = fix_source(first.after, "fuzzed.py", CONFIG, unsafe)
    assert second.after == first.after, "fix is not idempotent"
