"""The fixes on real code: a copy of the running Python's stdlib.

Whatever fixes are registered run over the copy with the default
configuration; then every file must compile, a second ``fix`` must
change nothing, and no finding that has a safe fix may remain.

libcst is slow (about a second per thousand lines and fix), so by
default an evenly spread sample of the library is fixed; set
``STDCHECK_FIX_CORPUS=all`` for the whole of it, or to a number of
files.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from stdcheck.core.findings import Finding
from stdcheck.core.registry import FixSafety, all_rules
from stdcheck.fix.registry import fix_for
from stdcheck.fix.run import FixRun, fix_targets
from stdcheck.run.runner import Settings, collect
from tests.helpers import corpus, fix_samples

SAMPLE = 40
ROUND_TRIP_SAMPLE = 20


def fixable_codes() -> list[str]:
    """Return the codes whose rule has a fix registered."""
    return [
        rule.code for rule in all_rules()
        if rule.fix is not FixSafety.NONE and fix_for(rule.code) is not None
    ]


def sample(files: list[Path], default: int = SAMPLE) -> list[Path]:
    """Pick the files to fix, as ``STDCHECK_FIX_CORPUS`` says."""
    wanted = os.environ.get("STDCHECK_FIX_CORPUS", str(default))
    if wanted == "all":
        return files
    count = max(1, int(wanted))
    step = max(1, len(files) // count)
    return files[::step][:count]


def copy_files(files: list[Path], root: Path, target: Path) -> None:
    """Copy files below ``root`` into ``target``, keeping paths."""
    for path in files:
        destination = target / path.relative_to(root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


def safe_left(findings: list[Finding]) -> list[Finding]:
    """Return the findings a registered safe fix should have fixed."""
    return [
        finding for finding in findings
        if finding.fix is FixSafety.SAFE and fix_for(finding.code) is not None
    ]


def fix_tree(
    folder: Path, write: bool, unsafe: bool = False, select: str = ""
) -> FixRun:
    """Fix every file below a folder (default rules, or ``select``)."""
    overrides = (("select", select),) if select else ()
    settings = Settings(overrides=overrides)
    return fix_targets(collect([str(folder)], settings), unsafe, write)


def not_compiling(folder: Path) -> list[str]:
    """Return the files below a folder that do not compile, with why."""
    failures = []
    for path in sorted(folder.rglob("*.py")):
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as error:
            failures.append(f"{path}: {error}")
    return failures


def fix_twice(
    folder: Path, unsafe: bool = False, select: str = ""
) -> tuple[FixRun, FixRun]:
    """Fix a folder, then fix it again without writing; check both.

    The first run must report no error (no refused or crashed fix),
    leave every file compiling, and the second must change nothing.
    """
    first = fix_tree(folder, True, unsafe, select)
    assert first.errors == []
    assert not_compiling(folder) == []
    second = fix_tree(folder, False, unsafe, select)
    assert second.errors == []
    assert [fixed.path for fixed in second.changed] == []
    return first, second


@pytest.mark.corpus
def test_fixing_the_stdlib_is_safe_and_stable(
    stdlib_files: list[Path], tmp_path: Path
) -> None:
    codes = fixable_codes()
    assert codes, "no rule has a registered fix"
    copy_files(sample(stdlib_files), corpus.stdlib_root(), tmp_path)
    first, second = fix_twice(tmp_path)
    print(f"fixes for {', '.join(codes)}: {first.fixed} findings fixed in "
          f"{len(first.changed)} of {first.files} files")
    left = safe_left(second.findings)
    assert left == [], f"{len(left)} findings with a safe fix remain"


@pytest.mark.corpus
def test_engine_round_trip_on_the_stdlib(
    stdlib_files: list[Path], tmp_path: Path
) -> None:
    """The engine itself, with the test-only quote fix, on real code.

    Requoting strings touches nearly every file, so this exercises
    libcst's round trip, verification, encodings and writing on real
    code even before any family has a fix.
    """
    files = sample(stdlib_files, ROUND_TRIP_SAMPLE)
    copy_files(files, corpus.stdlib_root(), tmp_path)
    with fix_samples.registered():
        first, _ = fix_twice(tmp_path, select="STD091")
    print(f"sample quote fix: {first.fixed} findings fixed in "
          f"{len(first.changed)} of {first.files} files")
    assert len(first.changed) > first.files // 2
