"""Checked code is data: never run, never followed out of bounds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.faults import stdcheck

PAYLOAD = """\
import pathlib
pathlib.Path({marker!r}).write_text("ran")
if __name__ == "__main__":
    pathlib.Path({marker!r}).write_text("ran as main")
"""


def test_checked_and_fixed_code_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    project = tmp_path / "project"
    (project / "pkg").mkdir(parents=True)
    for name in ("setup.py", "conftest.py", "pkg/__init__.py",
                 "pkg/__main__.py", "pkg/module.py"):
        (project / name).write_text(
            PAYLOAD.format(marker=str(marker)) + "import os, sys\n",
            encoding="utf-8",
        )
    stdcheck("check", str(project))
    stdcheck("fix", "--unsafe-fixes", str(project))
    subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "STD",
         str(project)],
        capture_output=True, check=False,
    )
    assert not marker.exists()


def test_configuration_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    code = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    (tmp_path / "pyproject.toml").write_text(
        "[tool.stdcheck]\n"
        f"select = [{code!r}]\n",
        encoding="utf-8",
    )
    (tmp_path / "example.py").write_text("x = 1\n", encoding="utf-8")
    result = stdcheck("check", str(tmp_path))
    assert result.returncode == 2
    assert "unknown rule or code prefix" in result.stderr
    assert not marker.exists()


def test_symlinks_out_of_the_tree_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("x = 1  " + "#" * 100 + "\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "inner.py").write_text('"""Inner."""\n\nY = 2\n', encoding="utf-8")
    os.symlink(outside, tree / "linked_folder")
    os.symlink(outside / "secret.py", tree / "linked_file.py")
    result = stdcheck("check", "--format", "json", str(tree))
    assert "secret" not in result.stdout
    assert "linked" not in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    asked = stdcheck("check", str(tree / "linked_file.py"))
    assert asked.returncode == 1
    assert "linked_file.py:1:" in asked.stdout


def test_symlink_loop_is_one_error_and_the_rest_is_checked(
    tmp_path: Path,
) -> None:
    os.symlink(tmp_path / "loop_b.py", tmp_path / "loop_a.py")
    os.symlink(tmp_path / "loop_a.py", tmp_path / "loop_b.py")
    (tmp_path / "fine.py").write_text("x = 1  " + "#" * 100 + "\n")
    result = stdcheck("check", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2, errors
    assert all("symbolic links" in line for line in errors), errors
    assert "fine.py:1:80: STD101" in result.stdout
