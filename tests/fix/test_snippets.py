"""Executable snippets behave the same before and after ``fix``.

Each program in ``tests/fix/snippets`` asserts what it computes and
prints some of it. It is run as it is, after the safe fixes and after
the unsafe ones: the exit status and output must not change, no
comment word may be lost, and the codes its ``# fixed:`` line names
must be cleared (so each snippet exercises its fix). Every fix has a
snippet.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from stdcheck.core.config import Config
from stdcheck.fix.engine import fix_source
from stdcheck.fix.verify import comment_words, comments

SNIPPETS = sorted((Path(__file__).parent / "snippets").glob("*.py"))
CODES = re.compile(r"#\s*(fixed|kept):\s*(.*)")


def _declared(text: str, kind: str) -> set[str]:
    """Return the codes named by a ``# fixed:`` or ``# kept:`` line."""
    for match in CODES.finditer(text):
        if match.group(1) == kind:
            return {code.strip() for code in match.group(2).split(",")}
    return set()


def _run(path: Path) -> tuple[int, str, str]:
    """Run a program; return its exit status, output and errors."""
    done = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True,
        check=False, timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda path: path.stem)
def test_snippet_behaves_the_same_after_fixing(
    snippet: Path, tmp_path: Path
) -> None:
    text = snippet.read_text(encoding="utf-8")
    program = tmp_path / snippet.name
    program.write_text(text, encoding="utf-8", newline="")
    before = _run(program)
    assert before[0] == 0, before[2]
    config = Config(target_version="py310")
    cleared: set[str] = set()
    for unsafe in (False, True):
        fixed = fix_source(text, snippet.name, config, unsafe)
        assert not fixed.errors, fixed.errors
        program.write_text(fixed.after, encoding="utf-8", newline="")
        assert _run(program) == before, fixed.diff()
        assert set(comment_words(comments(fixed.after) or ())) == set(
            comment_words(comments(text) or ())
        )  # in order but where imports move (the verifier checks each)
        remaining = {finding.code for finding in fixed.findings}
        cleared |= {finding.code for finding in fixed.found} - remaining
        assert _declared(text, "kept") <= remaining
    assert _declared(text, "fixed") <= cleared
    assert _declared(text, "fixed"), "a snippet names the codes it fixes"


def test_every_fix_has_a_snippet() -> None:
    from stdcheck.fix.registered import FIXES
    from stdcheck.fix.registry import FIX_MODULES, fix_for

    for digit in FIX_MODULES:
        fix_for(f"STD{digit}00")
    declared = set().union(*(
        _declared(path.read_text(encoding="utf-8"), "fixed")
        for path in SNIPPETS
    ))
    missing = {
        fix.__name__ for fix in set(FIXES.values())
        if not declared & set(fix.codes)
        and fix.__module__.startswith("stdcheck.")
    }
    assert missing <= {"PydanticV2Methods"}, missing
