"""Module-level names that a framework reads from a module by name.

A framework that imports a module and looks its names up (Alembic's
``revision``, Django's ``urlpatterns``, every value of a Sphinx
``conf.py``) owns those names, as a definer owns the names imported
from it: their case and rebinding are the framework's contract, not
the module's style. A module is recognised by names every such module
binds (never by an import alone: a helper importing the framework is
not read by it), and by its file name where the framework fixes one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FrameworkModule:
    """A kind of module whose names a framework reads.

    Attributes:
        framework: The framework and the kind of module (for the docs).
        markers: Names every such module binds at module level (all of
            them must be bound).
        file_names: The file names such a module has (empty: any).
        names: The names the framework reads; None for a configuration
            module read whole (every module-level name).
    """

    framework: str
    markers: frozenset[str] = frozenset()
    file_names: frozenset[str] = frozenset()
    names: frozenset[str] | None = None

    def matches(self, file_name: str, bound: Collection[str]) -> bool:
        """Return whether a module is of this kind."""
        return (
            not self.file_names or file_name in self.file_names
        ) and all(marker in bound for marker in self.markers)


ALEMBIC_NAMES = frozenset(
    {"revision", "down_revision", "branch_labels", "depends_on"}
)
URLCONF_NAMES = frozenset(
    {
        "urlpatterns",
        "app_name",
        "handler400",
        "handler403",
        "handler404",
        "handler500",
    }
)
PYTEST_NAMES = frozenset(
    {"pytest_plugins", "pytestmark", "collect_ignore", "collect_ignore_glob"}
)
GUNICORN_FILES = frozenset(
    {"gunicorn.conf.py", "gunicorn_conf.py", "gunicorn_config.py"}
)

FRAMEWORK_MODULES = (
    FrameworkModule(
        "Alembic migration script",
        markers=frozenset({"revision", "down_revision"}),
        names=ALEMBIC_NAMES,
    ),
    FrameworkModule(
        "Django URLconf",
        markers=frozenset({"urlpatterns"}),
        names=URLCONF_NAMES,
    ),
    FrameworkModule(
        "Django settings", markers=frozenset({"INSTALLED_APPS"})
    ),
    FrameworkModule("Django settings", markers=frozenset({"ROOT_URLCONF"})),
    FrameworkModule(
        "Sphinx configuration",
        markers=frozenset({"project"}),
        file_names=frozenset({"conf.py"}),
    ),
    FrameworkModule(
        "Sphinx configuration",
        markers=frozenset({"extensions"}),
        file_names=frozenset({"conf.py"}),
    ),
    FrameworkModule(
        "Celery configuration", file_names=frozenset({"celeryconfig.py"})
    ),
    FrameworkModule(
        "Celery configuration", markers=frozenset({"broker_url"})
    ),
    FrameworkModule("gunicorn configuration", file_names=GUNICORN_FILES),
    FrameworkModule("pytest", names=PYTEST_NAMES),
)


def framework_names(
    file_name: str, bound: Collection[str]
) -> frozenset[str] | None:
    """Return the module-level names frameworks read from a module.

    Args:
        file_name: The module's file name.
        bound: The names the module binds at module level.

    Returns:
        The names, or None when a framework reads every name (a
        configuration module).
    """
    read: set[str] = set()
    for kind in FRAMEWORK_MODULES:
        if kind.matches(file_name, bound):
            if kind.names is None:
                return None
            read |= kind.names
    return frozenset(read)


def describe() -> str:
    """Return the table above as a sentence for the rule page."""
    ways: dict[str, list[str]] = {}
    read: dict[str, str] = {}
    for kind in FRAMEWORK_MODULES:
        how = " or ".join(f"`{name}`" for name in sorted(kind.file_names))
        if kind.markers:
            how += (" binding " if how else "binding ") + " and ".join(
                f"`{name}`" for name in sorted(kind.markers)
            )
        ways.setdefault(kind.framework, []).append(how or "any module")
        read[kind.framework] = "every name" if kind.names is None else (
            ", ".join(f"`{name}`" for name in sorted(kind.names))
        )
    return "; ".join(
        f"{framework} ({', or '.join(ways[framework])}): {read[framework]}"
        for framework in ways
    )
