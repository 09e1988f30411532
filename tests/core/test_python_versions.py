"""The engine finds the same on every supported Python it can run on.

An interpreter of each other version (``python3.10`` to
``python3.13``, on ``PATH`` or installed by pyenv) checks the
project's fixtures and sources with the engine; the findings must be
those of the Python running the tests.
This guards the paths that differ by version (the text scan before
3.12, the C tokenizer from 3.12, ``ast`` classes that come and go).
An interpreter that is missing, or cannot import the engine (3.10
without ``tomli``), is skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.engine_findings import findings

REPOSITORY = Path(__file__).resolve().parents[2]
FOLDERS = ["fixtures", "src"]
VERSIONS = ["3.10", "3.11", "3.12", "3.13"]


def _interpreter(version: str) -> str:
    """Return a working interpreter of a version, or skip."""
    if version == "{}.{}".format(*sys.version_info[:2]):
        pytest.skip("the Python running the tests")
    for python in _candidates(version):
        probe = subprocess.run(
            [python, "-c", "import stdcheck.core.engine"],
            env={**os.environ, "PYTHONPATH": str(REPOSITORY / "src")},
            capture_output=True, check=False,
        )
        if probe.returncode == 0:
            return python
    pytest.skip(f"no python{version} that can import the engine")


def _candidates(version: str) -> list[str]:
    """Return the interpreters of a version on PATH or from pyenv."""
    found = [shutil.which(f"python{version}") or ""]
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found += sorted(
        str(path)
        for path in root.glob(f"versions/{version}.*/bin/python{version}")
    )
    return [python for python in found if python]


@pytest.mark.parametrize("version", VERSIONS)
def test_same_findings_as_this_python(
    version: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = _interpreter(version)
    monkeypatch.chdir(REPOSITORY)
    run = subprocess.run(
        [python, "tests/helpers/engine_findings.py", *FOLDERS],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY / "src")},
        capture_output=True, text=True, check=True,
    )
    here = json.loads(json.dumps(findings(FOLDERS)))  # lists, as read
    assert json.loads(run.stdout) == here
