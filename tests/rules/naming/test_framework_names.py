"""STD205: names frameworks read, imported names, flags per path."""

from __future__ import annotations

import pytest

from tests.helpers import codes_of

ALEMBIC = (
    '"""Add a table."""\n'
    'revision = "a1"\n'
    'down_revision = "b2"\n'
    'branch_labels = ("x",)\n'
    'depends_on = "c3"\n'
    "\n\n"
    "def upgrade():\n    pass\n"
)


@pytest.mark.parametrize(
    ("source", "path"),
    [
        (ALEMBIC, "versions/a1_add.py"),
        ('app_name = "polls"\nurlpatterns = []\n', "urls.py"),
        ('handler404 = "views.missing"\nurlpatterns = []\n', "urls.py"),
        (
            'project = "Shop"\nversion = "1.0"\nhtml_theme = "alabaster"\n',
            "conf.py",
        ),
        ('extensions = []\nnapoleon_numpy_docstring = False\n', "conf.py"),
        ('broker_url = "redis://"\ntask_serializer = "json"\n', "c.py"),
        ('timezone = "UTC"\n', "celeryconfig.py"),
        ('bind = "0.0.0.0:80"\nworkers = 4\n', "gunicorn.conf.py"),
        ('pytest_plugins = "shop.fixtures"\n', "conftest.py"),
        # Django reads UPPER_CASE settings whatever the module does.
        (
            "INSTALLED_APPS = []\nDEBUG = False\nif ENV:\n    DEBUG = True\n",
            "settings.py",
        ),
        (
            "from os import SEEK_SET\n\n"
            'if __name__ == "__main__":\n'
            "    from os import SEEK_SET\n",
            "seek.py",
        ),
        ("import os.path as PATH\nif x:\n    import posixpath as PATH\n",
         "p.py"),
    ],
)
def test_names_owned_elsewhere(source: str, path: str) -> None:
    """Framework names and imported names are not the module's."""
    assert codes_of(source, path, select=["STD205"]) == []


@pytest.mark.parametrize(
    ("source", "path", "expected"),
    [
        # One marker of two is not an Alembic script.
        ('revision = "a1"\n', "rev.py", [(1, "STD205")]),
        # The framework's names only, not the module's others.
        (ALEMBIC + 'table_name = "orders"\n', "a1.py", [(10, "STD205")]),
        ('app_name = "polls"\n', "urls.py", [(1, "STD205")]),
        # A Sphinx conf.py is known by its name and its values.
        ('project = "Shop"\n', "config.py", [(1, "STD205")]),
        ('timeout = 5\n', "conf.py", [(1, "STD205")]),
        # Importing the framework does not make a module read by it.
        ('import celery\ntimezone = "UTC"\n', "tasks.py", [(2, "STD205")]),
        # Defined here, then imported over: a rebinding.
        ("SEEK_SET = 0\nfrom os import SEEK_SET\n", "s.py", [(2, "STD205")]),
        ("from os import SEEK_SET\nSEEK_SET = 0\n", "s.py", [(2, "STD205")]),
        # A default overridden on one path is rebound.
        (
            "HAVE_READLINE = False\ntry:\n    import readline\n"
            "    HAVE_READLINE = True\nexcept ImportError:\n    pass\n",
            "r.py",
            [(4, "STD205")],
        ),
    ],
)
def test_near_misses(
    source: str, path: str, expected: list[tuple[int, str]]
) -> None:
    """Only the framework's modules and names are exempt."""
    assert codes_of(source, path, select=["STD205"]) == expected
