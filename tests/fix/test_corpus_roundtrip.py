"""Real packages survive check and fix: compile, settle, nothing left.

Three PyPI packages (pinned in ``tests/helpers/corpus.py``, downloaded
by name, skipped offline) are copied to a temporary folder; checking
them must not crash any rule, and ``stdcheck fix`` (safe, then unsafe)
must leave files that compile, that a second fix does not change, and
with no remaining finding that has a safe fix.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stdcheck.fix.registry import fix_for
from stdcheck.fix.run import fix_targets
from stdcheck.run.runner import Settings, check_targets, collect
from tests.helpers import corpus

PACKAGES = ("requests", "attrs", "more-itertools")


@pytest.mark.corpus
@pytest.mark.network
@pytest.mark.parametrize("name", PACKAGES)
def test_package_round_trip(name: str, tmp_path: Path) -> None:
    tree = tmp_path / name
    shutil.copytree(corpus.package_root(name), tree)
    settings = Settings()
    targets = collect([str(tree)], settings)
    assert len(targets.files) > 5
    results = list(check_targets(targets))
    assert [r.error for r in results if r.error] == []
    crashes = [
        finding for result in results for finding in result.findings
        if finding.code == "STD000"
    ]
    assert crashes == []
    for unsafe in (False, True):
        first = fix_targets(collect([str(tree)], settings), unsafe, True)
        assert [str(error) for error in first.errors] == []
        for path, _ in targets.files:
            compile(Path(path).read_bytes(), path, "exec")
        again = fix_targets(collect([str(tree)], settings), unsafe, False)
        assert again.changed == [], [fixed.path for fixed in again.changed]
        fixable = [
            finding for finding in again.findings
            if finding.fixable(unsafe) and fix_for(finding.code)
        ]
        assert fixable == [], fixable[:5]
