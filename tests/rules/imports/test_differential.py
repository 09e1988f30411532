"""STD301-STD303 against isort configured to the standard, on real code.

isort runs with its default profile, ``force_sort_within_sections =
false``, ``lines_between_types = 0``, ``line_length = 79`` and the
corpus's first-party package. A file isort leaves alone must get no
STD301-STD303 finding; a file whose imports isort reorders, regroups
or respaces must get at least one.

isort also rewrites what these rules deliberately leave alone: it
rewraps long imports, sets the blank lines after the import block,
merges ``from`` imports of one module and splits ``import a, b`` and
``as`` names into statements of their own. So "isort changes the
imports" compares the sequence of imported names with the blank lines
between statements, before and after isort, rather than the text.
Findings are taken before ``noqa`` comments apply: the comparison is
of the rules, not of a file's opt-outs.
"""

from __future__ import annotations

import ast
import collections
import functools
from pathlib import Path

import isort
import pytest

from stdcheck.core.config import Config
from stdcheck.core.context import FileContext
from stdcheck.core.engine import run_checkers
from stdcheck.core.source import split_lines
from stdcheck.rules.imports.classify import package_root
from tests.helpers.fixing import fix_text

CODES = frozenset({"STD301", "STD302", "STD303"})
MINIMUM_AGREEMENT = 0.98
MINIMUM_AGREED = {"STD301": 12, "STD302": 120, "STD303": 320}
"""Standard-library files isort reorders where each rule reports, at
least: deleting one rule fails the test, however well the others do."""

Layout = list[tuple[tuple[object, ...], int | None]]


@functools.lru_cache(maxsize=None)
def _isort_config(root: str, first_party: tuple[str, ...]) -> isort.Config:
    """Return isort's settings for the standard, per package root."""
    return isort.Config(
        force_sort_within_sections=False,
        lines_between_types=0,
        line_length=79,
        known_first_party=first_party,
        src_paths=(Path(root),),
    )


def _layout(text: str) -> Layout:
    """Return each imported name with the blank lines above its import.

    Names come in file order, body by body; the blank-line count is
    None for an import that follows other code (it starts a block),
    and 0 for the second and later names of a statement.
    """
    lines = text.splitlines()
    layout: Layout = []
    for node in ast.walk(ast.parse(text)):
        for _, body in ast.iter_fields(node):
            if not isinstance(body, list):
                continue
            above: ast.stmt | None = None
            for statement in body:
                if not isinstance(statement, (ast.Import, ast.ImportFrom)):
                    above = None
                    continue
                blanks = None if above is None else sum(
                    1
                    for line in lines[above.end_lineno:statement.lineno - 1]
                    if not line.strip()
                )
                for index, alias in enumerate(statement.names):
                    name = (
                        getattr(statement, "level", 0),
                        getattr(statement, "module", None),
                        alias.name,
                        alias.asname,
                    )
                    layout.append((name, blanks if index == 0 else 0))
                above = statement
    return layout


def _compare(
    files: list[Path], first_party: tuple[str, ...]
) -> tuple[collections.Counter[str], list[str]]:
    """Classify every file by what isort does and what we report."""
    config = Config(
        target_version="py310", select=tuple(CODES),
        known_first_party=first_party,
    )
    counts: collections.Counter[str] = collections.Counter()
    disagreements = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        root = package_root(str(path.parent))
        fixed = isort.code(text, config=_isort_config(root, first_party))
        reordered = fixed != text and _layout(fixed) != _layout(text)
        if fixed != text and not reordered:
            counts["isort rewrites only what the rules leave alone"] += 1
        ctx = FileContext(str(path), split_lines(text), tree, config)
        reported = {
            finding.code for finding in run_checkers(ctx, config.enabled)
        } & CODES
        flagged = bool(reported)
        if reordered:
            counts.update(f"isort reorders, {code}" for code in reported)
        counts[
            ("isort reorders" if reordered else "isort keeps the order")
            + (", flagged" if flagged else ", clean")
        ] += 1
        if flagged != reordered:
            disagreements.append(str(path))
    return counts, disagreements


def _assert_agreement(
    files: list[Path], first_party: tuple[str, ...]
) -> collections.Counter[str]:
    """Check the agreement rate; print and return the counts."""
    counts, disagreements = _compare(files, first_party)
    agreement = 1 - len(disagreements) / len(files)
    print(f"{len(files)} files, agreement {agreement:.2%}: {dict(counts)}")
    assert counts["isort reorders, flagged"] > 0
    assert agreement >= MINIMUM_AGREEMENT, disagreements
    return counts


@pytest.mark.corpus
def test_stdlib_agrees_with_isort(stdlib_files: list[Path]) -> None:
    """The standard library: our findings match isort's changes."""
    counts = _assert_agreement(stdlib_files, ())
    assert {
        code: counts[f"isort reorders, {code}"] for code in MINIMUM_AGREED
        if counts[f"isort reorders, {code}"] < MINIMUM_AGREED[code]
    } == {}


@pytest.mark.corpus
@pytest.mark.network
def test_django_agrees_with_isort(django_files: list[Path]) -> None:
    """Django (first party ``django``): findings match isort's."""
    _assert_agreement(django_files, ("django",))


FIXED_CODES = "STD301,STD302,STD303,STD305"
SAMPLE_STEP = 40
"""Every 40th stdlib file: 19 files, half of them with findings."""


@pytest.mark.corpus
def test_fix_settles_on_a_stdlib_sample(stdlib_files: list[Path]) -> None:
    """Fixing real files leaves no import finding, once and for all."""
    changed = 0
    for path in stdlib_files[::SAMPLE_STEP]:
        first = fix_text(path.read_text(encoding="utf-8"), FIXED_CODES,
                         path=str(path))
        assert not first.errors, first.errors
        assert not first.findings, (path, first.findings)
        if first.changed:
            changed += 1
            again = fix_text(first.after, FIXED_CODES, path=str(path))
            assert not again.changed, again.diff()
    assert changed > 0


@pytest.mark.corpus
@pytest.mark.network
def test_fix_settles_on_django(django_files: list[Path]) -> None:
    """The Django files with import findings are fixed cleanly."""
    for path in django_files:
        text = path.read_text(encoding="utf-8")
        if "import" not in text:
            continue
        fixed = fix_text(text, FIXED_CODES, path=str(path),
                         known_first_party=["django"])
        assert not fixed.errors, fixed.errors
        assert not fixed.findings, (path, fixed.findings)
