"""Import groups, their classification and the shared sort order."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.frontends.cli import main
from stdcheck.rules.imports.classify import Group, classify
from stdcheck.rules.imports.sort import name_key, natural_key, statement_key
from tests.helpers import codes_of

STANDARD_EXAMPLE = """\
# Standard library
import os
import sys
from datetime import datetime

# Third-party
import pandas as pd
import requests
from fastapi import FastAPI

# Local application
from app.models import User
from app.utils.helpers import format_response
"""
"""The example of "Import Organization" in the team standard."""


def _write(root: Path, files: dict[str, str]) -> None:
    """Create files (and their folders) under a root."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _group(
    module: str,
    path: Path | str = "example.py",
    level: int = 0,
    **options: object,
) -> Group:
    """Classify a module for a file, with config overrides."""
    config = Config(target_version="py310").override(**options)
    return classify(module, level, config, str(path)).group


def test_standard_example_is_clean_with_app_in_the_layout(
    tmp_path: Path,
) -> None:
    """The standard's own example passes when ``app`` is a package."""
    _write(tmp_path, {"app/__init__.py": "", "main.py": STANDARD_EXAMPLE})
    path = tmp_path / "main.py"
    config = Config(target_version="py310", select=("STD3",))
    assert check_source(STANDARD_EXAMPLE, str(path), config) == []


def test_standard_example_is_clean_with_known_first_party() -> None:
    """The standard's own example passes with ``app`` configured."""
    assert codes_of(
        STANDARD_EXAMPLE, known_first_party=["app"], select="STD3"
    ) == []


def test_standard_example_needs_app_to_be_local(tmp_path: Path) -> None:
    """Unknown, ``app`` is third-party: after ``fastapi``, unspaced."""
    path = tmp_path / "main.py"
    findings = check_source(
        STANDARD_EXAMPLE,
        str(path),
        Config(target_version="py310", select=("STD3",)),
    )
    assert [(item.line, item.code) for item in findings] == [
        (12, "STD302"),
        (12, "STD303"),
    ]


@pytest.mark.parametrize(
    ("module", "level", "group"),
    [
        ("__future__", 0, Group.FUTURE),
        ("os.path", 0, Group.STDLIB),
        ("tomllib", 0, Group.STDLIB),
        ("requests", 0, Group.THIRD_PARTY),
        ("", 1, Group.LOCAL),
        ("models", 2, Group.LOCAL),
    ],
)
def test_classify_basic_groups(module: str, level: int, group: Group) -> None:
    """Future, stdlib, third-party and relative imports are placed."""
    assert _group(module, level=level) is group


@pytest.mark.parametrize(
    ("module", "target", "group"),
    [
        ("distutils", "py311", Group.STDLIB),
        ("distutils", "py312", Group.THIRD_PARTY),
        ("formatter", "py38", Group.STDLIB),
        ("formatter", "py310", Group.THIRD_PARTY),
        ("cgi", "py312", Group.STDLIB),
        ("cgi", "py313", Group.THIRD_PARTY),
        ("zoneinfo", "py38", Group.STDLIB),
    ],
)
def test_stdlib_depends_on_the_target(
    module: str, target: str, group: Group
) -> None:
    """Removed modules are stdlib only for targets that had them."""
    assert _group(module, target_version=target) is group


def test_known_first_party_wins_and_matches_dotted_names() -> None:
    """A listed name is local, even over a stdlib module's name."""
    assert _group("app.models", known_first_party=["app"]) is Group.LOCAL
    assert _group("apple", known_first_party=["app"]) is Group.THIRD_PARTY
    assert _group("logging", known_first_party=["logging"]) is Group.LOCAL
    assert _group("app.sub", known_first_party=["app.sub"]) is Group.LOCAL


def test_layout_finds_the_package_root(tmp_path: Path) -> None:
    """Packages beside the file's outermost package are local."""
    _write(tmp_path, {
        "shop/__init__.py": "",
        "shop/orders/__init__.py": "",
        "shop/orders/views.py": "",
        "billing/__init__.py": "",
        "tools.py": "",
        "data/readme.txt": "",
    })
    path = tmp_path / "shop" / "orders" / "views.py"
    assert _group("shop.models", path) is Group.LOCAL
    assert _group("billing", path) is Group.LOCAL
    assert _group("tools", path) is Group.LOCAL
    assert _group("data", path) is Group.THIRD_PARTY


def test_layout_finds_src_packages_from_tests(tmp_path: Path) -> None:
    """From ``tests/``, the project's ``src`` packages are local."""
    _write(tmp_path, {
        "pyproject.toml": "",
        "src/shop/__init__.py": "",
        "src/company/billing/__init__.py": "",
        "tests/test_shop.py": "",
        "tests/helpers.py": "",
    })
    path = tmp_path / "tests" / "test_shop.py"
    assert _group("shop", path) is Group.LOCAL
    assert _group("company.billing", path) is Group.LOCAL
    assert _group("helpers", path) is Group.LOCAL
    assert _group("requests", path) is Group.THIRD_PARTY


@pytest.mark.parametrize(
    "ordered",
    [
        ["a9", "a10", "A11", "b"],
        ["os", "os.path", "os_extra", "osa"],
    ],
)
def test_natural_key_orders_numbers_by_value(ordered: list[str]) -> None:
    """Digits compare as numbers; case is ignored."""
    assert sorted(reversed(ordered), key=natural_key) == ordered


def test_name_key_orders_by_type() -> None:
    """``*``, constants, classes, then the rest, as isort does."""
    names = ["*", "TYPE_CHECKING", "Any", "ClassVar", "X", "_x", "cast"]
    assert sorted(reversed(names), key=name_key) == names


def test_statement_key_orders_a_group() -> None:
    """``import`` first, relative last, farther relative first."""
    ordered = [
        statement_key("app"),
        statement_key("app", is_from=True, name="a"),
        statement_key("app", is_from=True, name="b"),
        statement_key("app.models", is_from=True, name="A"),
        statement_key("", 2, is_from=True, name="x"),
        statement_key("", 1, is_from=True, name="x"),
        statement_key("views", 1, is_from=True, name="x"),
    ]
    assert sorted(reversed(ordered)) == ordered


def test_isort_off_and_on_delimit_skipped_imports() -> None:
    """Imports between ``# isort: off`` and ``# isort: on`` are left."""
    source = """\
        import sys
        # isort: off
        import os
        import abc
        # isort: on
        import zlib
        import re
    """
    assert codes_of(source, select=["STD3"]) == [(7, "STD303")]


def test_show_import_groups_prints_group_and_reason(tmp_path: Path) -> None:
    """The debug option explains each import instead of checking."""
    _write(tmp_path, {
        "pyproject.toml": '[tool.stdcheck]\nknown-first-party = ["app"]\n',
        "main.py": textwrap.dedent("""\
            import requests, os
            from . import sibling
            from app import models
        """),
    })
    result = CliRunner().invoke(
        main, ["check", "--show-import-groups", str(tmp_path / "main.py")]
    )
    assert result.exit_code == 0, result.output
    lines = [line.split(": ", 1)[1] for line in result.output.splitlines()]
    assert lines == [
        "import requests: third-party (neither in the standard library "
        "(target Python 3.10) nor in the project)",
        "import os: standard-library (in the standard library "
        "(target Python 3.10))",
        "from . import ...: local (relative import)",
        "from app import ...: local ('app' is listed in known-first-party)",
    ]


def test_namespace_subpackage_is_inside_its_package(tmp_path: Path) -> None:
    """A folder without ``__init__.py`` in a package is part of it."""
    _write(tmp_path, {
        "shop/__init__.py": "",
        "shop/db.py": "",
        "shop/api/views.py": "",
        "shop/api/helpers.py": "",
        "loose/tool.py": "",
    })
    views = tmp_path / "shop" / "api" / "views.py"
    assert _group("shop.db", views) is Group.LOCAL
    assert _group("helpers", views) is Group.LOCAL  # beside the file
    assert _group("requests", views) is Group.THIRD_PARTY
    # A folder outside any package is its own root, as before.
    assert _group("shop", tmp_path / "loose" / "tool.py") is Group.THIRD_PARTY
    findings = check_source(
        "import os\n\nimport requests\n\nfrom shop import db\n",
        str(views),
        Config(target_version="py310", select=("STD3",)),
    )
    assert findings == []


def test_a_package_module_is_not_top_level(tmp_path: Path) -> None:
    """``pkg/__main__.py`` and ``pkg/jinja2.py`` shadow no import."""
    _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/__main__.py": "",
        "pkg/jinja2.py": "",
        "pkg/run.py": "",
    })
    run = tmp_path / "pkg" / "run.py"
    assert _group("jinja2", run) is Group.THIRD_PARTY
    assert _group("__main__", run) is not Group.LOCAL
