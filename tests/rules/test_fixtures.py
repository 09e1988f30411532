"""Every rule fixture case gives its findings through both adapters.

Each case is written to a folder of its own with a ``pyproject.toml``
selecting only its rule (plus the case's options), then checked by the
engine as the CLI does and by ``flake8 --select STD``: both must give
the expected codes.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

import pytest

from stdcheck.core.config import load_for
from stdcheck.core.engine import check_file
from tests.helpers.rule_fixtures import Case, all_cases

CASES = all_cases()
FLAKE8_LINE = re.compile(r"(?P<path>.+?):(?P<line>\d+):\d+: (?P<code>STD\d+)")


def _folder(root: Path, case: Case) -> Path:
    """Write a case and its configuration; return the file's path."""
    folder = root / case.id.replace(":", "_")
    folder.mkdir(parents=True, exist_ok=True)
    options = dict(case.options)
    filename = options.pop("path", "example.py")
    table = [f'select = ["{case.code}"]']
    for key, value in options.items():
        table.append(f"{key} = {value}")
    (folder / "pyproject.toml").write_text(
        "[tool.stdcheck]\n" + "\n".join(table) + "\n", encoding="utf-8"
    )
    path = folder / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(case.source, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Write every case once for the module's tests."""
    root = tmp_path_factory.mktemp("cases")
    return {case.id: _folder(root, case) for case in CASES}


@pytest.fixture(scope="module")
def flake8_found(written: dict[str, Path]) -> dict[str, list[tuple[int, str]]]:
    """Run flake8 once over every case; map path to findings."""
    paths = [str(path) for path in written.values()]
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD",
         *paths],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert not result.stderr, result.stderr
    found: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for line in result.stdout.splitlines():
        match = FLAKE8_LINE.match(line)
        assert match, line
        found[match["path"]].append((int(match["line"]), match["code"]))
    return found


def _matches(case: Case, found: list[tuple[int, str]]) -> bool:
    """Compare findings with a case's header (lines where given)."""
    codes = sorted(code for _, code in found)
    if codes != sorted(code for code, _ in case.expected):
        return False
    lines = collections.Counter(found)
    wanted = collections.Counter(
        (line, code) for code, line in case.expected if line is not None
    )
    return not wanted - lines


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_cli_engine(case: Case, written: dict[str, Path]) -> None:
    """The engine, as the CLI runs it, reports what the header says."""
    path = written[case.id]
    result = check_file(str(path), load_for(path))
    assert result.error is None, result.error
    found = [(finding.line, finding.code) for finding in result.findings]
    assert _matches(case, found), (found, case.expected, case.source)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_flake8_plugin(
    case: Case,
    written: dict[str, Path],
    flake8_found: dict[str, list[tuple[int, str]]],
) -> None:
    """flake8 with the plugin reports the same as the CLI."""
    found = flake8_found.get(str(written[case.id]), [])
    assert _matches(case, found), (found, case.expected, case.source)
