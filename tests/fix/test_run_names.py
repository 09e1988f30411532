"""Unsafe renames across the files of one run: none left dangling."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stdcheck.core.registry import FixSafety
from stdcheck.fix.run import FixRun, fix_targets
from stdcheck.fix.run_names import RunNames, names_used
from stdcheck.run.runner import Settings, collect

SHAPES = """\
__all__ = ["maxSides", "area"]
maxSides = 12
defaultColour = "red"


def area(sides):
    return min(sides, maxSides) * 2


class polygon:
    colour = defaultColour
"""


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    """Write a small project: ``{relative path: source}``."""
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    return tmp_path


def _fix(folder: Path) -> FixRun:
    """Fix a folder's naming findings, unsafe fixes included."""
    settings = Settings(overrides=(("select", "STD2"),))
    run = fix_targets(collect([str(folder)], settings), True, True)
    assert run.errors == []
    return run


@pytest.mark.parametrize(
    "user",
    [
        "from shop.shapes import maxSides\n\nprint(maxSides)\n",
        "import shop.shapes\n\nprint(shop.shapes.maxSides)\n",
        "from shop import *\n\nprint(maxSides)\n",
        "import shop\n\nprint(getattr(shop, 'maxSides'))\n",
    ],
)
def test_names_other_files_take_are_not_renamed(
    tmp_path: Path, user: str
) -> None:
    """A rename must not leave another fixed file's reference dangling.

    The names nobody else takes are still renamed, in ``__all__`` too;
    the others stay reported, as not fixable.
    """
    project = _project(tmp_path, {
        "shop/__init__.py": "from shop.shapes import *\n",
        "shop/shapes.py": SHAPES,
        "use.py": user,
    })
    run = _fix(project)
    shapes = (project / "shop" / "shapes.py").read_text()
    assert "maxSides = 12" in shapes
    [left] = [f for f in run.findings if "'maxSides'" in f.message]
    assert left.fix is FixSafety.NONE
    assert "DEFAULT_COLOUR = " in shapes
    assert "class Polygon" in shapes
    assert (project / "use.py").read_text() == user
    subprocess.run(
        [sys.executable, "use.py"], cwd=project, check=True,
        capture_output=True,
    )


def test_parameters_other_files_pass_by_keyword_are_kept(
    tmp_path: Path,
) -> None:
    lib = "def scale(value, scaleFactor=2):\n    return value * scaleFactor\n"
    project = _project(tmp_path, {
        "lib.py": lib,
        "use.py": "from lib import scale\n\nprint(scale(1, scaleFactor=3))\n",
    })
    _fix(project)
    assert (project / "lib.py").read_text() == lib


def test_a_lone_module_is_renamed_whole(tmp_path: Path) -> None:
    """Without other files, every module-level rename is made."""
    project = _project(tmp_path, {"shapes.py": SHAPES})
    _fix(project)
    shapes = (project / "shapes.py").read_text()
    assert '__all__ = ["MAX_SIDES", "area"]' in shapes
    assert "min(sides, MAX_SIDES)" in shapes


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from a.b import c as d, e\n", {"c", "e"}),
        ("x.y.z = w\n", {"y", "z"}),
        ("patch('pkg.mod.old')\nf('two words', '3x')\n",
         {"pkg", "mod", "old"}),
        ("from a import *\nprint(b)\n", {"*", "print", "b"}),
        ("from a import *\nb = 1\nprint(b)\n", {"*", "print"}),
        ("from a import *\ndef b(): pass\nfor c in b(): print(c)\n",
         {"*", "print"}),
        ("from a import *\ndef f():\n    b = 1\nprint(b)\n",
         {"*", "print", "b"}),
        ("from a import *\ndef f(b):\n    return b, c\n", {"*", "c"}),
        ("from a import *\ndef f(b):\n    return lambda: b\n", {"*"}),
        ("from a import *\nclass C:\n    b = 1\n    c = b\n"
         "    def f(self):\n        return b\n", {"*", "b"}),
        ("import a\nprint(b)\n", set()),
        ("f(a, key=b, **c)\n", {"key"}),
    ],
)
def test_names_used(source: str, expected: set[str]) -> None:
    assert names_used(ast.parse(source)) == expected


def test_a_star_importer_own_name_is_renamed_everywhere_at_once(
    tmp_path: Path,
) -> None:
    """A name a star-importing module binds itself is its own.

    Before, its read of the name counted as taken from other files, so
    their renames waited for a second run.
    """
    project = _project(tmp_path, {
        "star.py": "from m import *\nsample = 1\nprint(sample)\n",
        "other.py": "sample = 1\n",
    })
    _fix(project)
    assert (project / "other.py").read_text() == "SAMPLE = 1\n"
    assert _fix(project).changed == []


def test_a_file_own_names_are_not_outside(tmp_path: Path) -> None:
    one = tmp_path / "one.py"
    two = tmp_path / "two.py"
    one.write_text("from m import shared, mine\n")
    two.write_text("from m import shared\nx = 'broken\n")
    three = tmp_path / "three.py"
    three.write_text("from m import shared, theirs\n")
    names = RunNames([str(one), str(two), str(three)])
    assert names.outside(str(one)) == {"shared", "theirs"}
    assert names.outside(str(three)) == {"shared", "mine"}
