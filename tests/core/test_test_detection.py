"""Test modules are known from the path below the project root."""

from __future__ import annotations

from pathlib import Path

import pytest

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source

UNTESTED = (
    'PASSWORD = "hunter2-hunter2"\nprint(PASSWORD)\n\n\n'
    "def test_orders():\n    pass\n"
)


def _codes(path: Path, root: Path | None = None) -> set[str]:
    """Check the sample as the file at ``path``; return the codes."""
    config = Config(target_version="py310", root=root)
    return {item.code for item in check_source(UNTESTED, str(path), config)}


@pytest.mark.parametrize("workspace", ["test", "tests", "testing"])
def test_folders_above_the_project_do_not_count(
    tmp_path: Path, workspace: str
) -> None:
    """A project checked out under ``~/test/`` is not all tests."""
    project = tmp_path / workspace / "shop"
    (project / "shop").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    codes = _codes(project / "shop" / "orders.py")
    assert {"STD401", "STD403", "STD901"} <= codes
    # The same, with the root given by the configuration.
    assert {"STD401", "STD403", "STD901"} <= _codes(
        project / "shop" / "orders.py", root=project
    )


@pytest.mark.parametrize(
    "relative",
    [
        "tests/orders.py",
        "shop/tests/orders.py",
        "test/orders.py",
        "testing/helpers.py",
        "shop/test_orders.py",
        "shop/orders_test.py",
        "conftest.py",
    ],
)
def test_test_modules_below_the_root(tmp_path: Path, relative: str) -> None:
    """Test folders below the root and test file names count."""
    project = tmp_path / "test" / "shop"
    project.mkdir(parents=True)
    (project / "setup.cfg").write_text("", encoding="utf-8")
    codes = _codes(project / relative)
    assert "STD401" not in codes
    assert "STD403" not in codes


def test_near_miss_names(tmp_path: Path) -> None:
    """``testing_tools.py`` or ``contest.py`` are no test modules."""
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    for name in ("testing_tools.py", "contest.py", "tests_util/x.py"):
        assert "STD401" in _codes(tmp_path / name)
