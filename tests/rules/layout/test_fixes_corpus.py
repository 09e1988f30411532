"""The layout fixes over a sample of the standard library.

Every 30th stdlib file (about 25, a spread of styles and sizes) is
copied to a temporary folder and fixed with the STD1 rules only: every
file must still compile, a second fix must change nothing, and no
finding with a safe fix may remain. The whole stdlib takes minutes,
too long for CI: to run it, copy it and ``stdcheck fix --select STD1``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stdcheck.fix.run import fix_targets
from stdcheck.run.runner import Settings, collect
from tests.helpers import corpus

STEP = 30


@pytest.mark.corpus
def test_layout_fixes_over_stdlib_sample(
    stdlib_files: list[Path], tmp_path: Path
) -> None:
    root = corpus.stdlib_root()
    for path in stdlib_files[::STEP]:
        target = tmp_path / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    settings = Settings(overrides=(("select", ("STD1",)),))
    first = fix_targets(collect([str(tmp_path)], settings), False, True)
    assert [str(error) for error in first.errors] == []
    assert first.fixed > 50
    for path in tmp_path.rglob("*.py"):
        compile(path.read_bytes(), str(path), "exec")
    again = fix_targets(collect([str(tmp_path)], settings), False, False)
    assert [fixed.path for fixed in again.changed] == []
    assert [
        finding for finding in again.findings if finding.fixable()
    ] == []
