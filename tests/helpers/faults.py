"""A tree of files with fixable findings, and its fixed twin.

The fault tests interrupt, starve and race ``stdcheck fix`` on such a
tree, then compare every file with the versions a clean run gives.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


Pristine = tuple[Path, dict[Path, bytes], dict[Path, bytes]]
"""A tree's folder, its files' bytes, and their bytes once fixed."""

TEMPLATE = '''\
"""Module {n}: written with fixable layout, import and docstring slips."""
import sys, os
import json
from collections import OrderedDict
def first_{n}(values):
\t"""Return the first value.
\tArgs:
\t\tvalues: the values
\t"""
\treturn values[0]
class Holder{n}:
    """Holds a value."""
    def get(self):
        """Return the value."""
        total = (1 +
                 2)
        return total



def last_{n}(values):
    \'\'\'Return the last value.\'\'\'
    return values[-1] if values else (sys.argv, os.sep, json, OrderedDict)
'''


def stdcheck(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run the stdcheck CLI in a fresh interpreter."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "stdcheck", *args],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )


def make_tree(root: Path, files: int = 40) -> dict[Path, bytes]:
    """Write modules with fixable findings; return their bytes."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        "[tool.stdcheck]\nselect = [\"STD\"]\n", encoding="utf-8"
    )
    written = {}
    for number in range(files):
        path = root / f"module_{number:03d}.py"
        path.write_text(TEMPLATE.format(n=number), encoding="utf-8")
        written[path.relative_to(root)] = path.read_bytes()
    return written


def fixed_twin(tmp_path: Path, before: dict[Path, bytes]) -> dict[
    Path, bytes
]:
    """Return each file as an undisturbed ``stdcheck fix`` leaves it.

    Fails the calling test when no registered fix changes the tree:
    the fault tests would prove nothing.
    """
    twin = tmp_path / "twin"
    make_tree(twin, len(before))
    stdcheck("fix", str(twin))
    after = {path: (twin / path).read_bytes() for path in before}
    assert after != before, "no registered fix changes the sample tree"
    return after


def copy_tree(source: Path, target: Path) -> Path:
    """Copy a tree for one run (the original stays pristine)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def assert_whole(
    root: Path, before: dict[Path, bytes], after: dict[Path, bytes]
) -> int:
    """Assert each file is wholly old or wholly new; count new ones."""
    new = 0
    for path, old in before.items():
        data = (root / path).read_bytes()
        assert data in (old, after[path]), f"{path} is torn"
        new += data == after[path]
        compile(data, str(path), "exec")
    leftovers = [
        name for name in os.listdir(root) if name.endswith(".stdcheck")
    ]
    assert all(name.startswith(".") for name in leftovers), leftovers
    return new
