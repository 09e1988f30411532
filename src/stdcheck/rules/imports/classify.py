"""Which group an import belongs to, and why.

The standard orders imports in groups: ``__future__`` first, then the
standard library, third-party packages and the project's own (local)
code. :func:`classify` places one imported module and says why, so
that ``stdcheck check --show-import-groups`` can explain a placement.

Local means a relative import, a name listed in ``known-first-party``,
or a top-level module or package of the project found from the file's
layout: the folder above the file's outermost package (a folder
without ``__init__.py`` inside a package is a namespace subpackage of
it), the file's own folder, and the project root (the nearest folder
above holding ``pyproject.toml``, ``setup.py`` or ``setup.cfg``) and
its ``src`` folder.
"""

from __future__ import annotations

import ast
import enum
import functools
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from stdcheck.core.config import Config, project_root

REMOVED_MODULES = {
    "_dummy_thread": 8,
    "dummy_threading": 8,
    "formatter": 9,
    "parser": 9,
    "symbol": 9,
    "binhex": 10,
    **dict.fromkeys(
        ("asynchat", "asyncore", "distutils", "imp", "smtpd"), 11
    ),
    **dict.fromkeys(
        (
            "aifc", "audioop", "cgi", "cgitb", "chunk", "crypt", "imghdr",
            "lib2to3", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev",
            "pipes", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib",
        ),
        12,
    ),
}
"""Standard modules removed from Python 3, by the last minor version
that had them: stdlib for targets up to that version."""

ADDED_MODULES = frozenset(
    {"_typeshed", "annotationlib", "compression", "graphlib", "tomllib",
     "zoneinfo"}
)
"""Standard modules newer than some supported Pythons (``_typeshed``
exists in stubs only): stdlib for every target, as code importing them
on older Pythons does so behind a version check."""


class Group(enum.IntEnum):
    """The import groups, in the order the standard wants them."""

    FUTURE = 0
    STDLIB = 1
    THIRD_PARTY = 2
    LOCAL = 3

    @property
    def label(self) -> str:
        """Return the group's name as shown in messages."""
        return GROUP_LABELS[self]


GROUP_LABELS = {
    Group.FUTURE: "__future__",
    Group.STDLIB: "standard-library",
    Group.THIRD_PARTY: "third-party",
    Group.LOCAL: "local",
}


@dataclass(frozen=True)
class Placement:
    """Where an import goes and why.

    Attributes:
        group: The group.
        reason: Why, in words (for ``--show-import-groups``).
    """

    group: Group
    reason: str


def classify(module: str, level: int, config: Config, path: str) -> Placement:
    """Place an imported module in its group.

    Args:
        module: The dotted module name (``""`` for ``from . import x``).
        level: The number of leading dots of a relative import.
        config: The file's configuration.
        path: The checked file (its folders give the project layout).

    Returns:
        The group and the reason for it.
    """
    if level:
        return Placement(Group.LOCAL, "relative import")
    top = module.partition(".")[0]
    if top == "__future__":
        return Placement(Group.FUTURE, "__future__ import")
    for known in config.known_first_party:
        if module == known or module.startswith(known + "."):
            return Placement(
                Group.LOCAL, f"{known!r} is listed in known-first-party"
            )
    minor = config.target_minor
    if top in stdlib_modules(minor):
        return Placement(
            Group.STDLIB, f"in the standard library (target Python 3.{minor})"
        )
    folder = os.path.dirname(os.path.abspath(path))
    found = project_modules(folder).get(top)
    if found is not None:
        return Placement(Group.LOCAL, f"project module found at {found}")
    return Placement(
        Group.THIRD_PARTY,
        f"neither in the standard library (target Python 3.{minor}) nor in "
        "the project",
    )


def explain(
    tree: ast.Module, config: Config, path: str
) -> Iterator[tuple[int, str, Placement]]:
    """Place every imported module of a file (for debugging).

    Args:
        tree: The file's syntax tree.
        config: The file's configuration.
        path: The file.

    Yields:
        The line, the import (one module) as text, and its placement.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield (
                    node.lineno,
                    f"import {alias.name}",
                    classify(alias.name, 0, config, path),
                )
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            yield (
                node.lineno,
                f"from {'.' * node.level}{module} import ...",
                classify(module, node.level, config, path),
            )


@functools.lru_cache(maxsize=None)
def stdlib_modules(target_minor: int) -> frozenset[str]:
    """Return the top-level standard modules of a Python 3 version.

    Args:
        target_minor: The minor version of the oldest Python targeted.

    Returns:
        The running Python's ``sys.stdlib_module_names``, corrected
        with the modules added or removed since the target version.
    """
    removed = {
        name for name, last in REMOVED_MODULES.items() if last < target_minor
    }
    kept = {
        name for name, last in REMOVED_MODULES.items() if last >= target_minor
    }
    return frozenset(
        (set(sys.stdlib_module_names) | kept | ADDED_MODULES) - removed
    )


@functools.lru_cache(maxsize=None)
def project_modules(folder: str) -> dict[str, str]:
    """Return the project's top-level modules as seen from a folder.

    Args:
        folder: The absolute folder of a checked file.

    Returns:
        Each top-level module or package name, mapped to the path
        where it was found.
    """
    roots = [package_root(folder)]
    project = project_root(roots[0])
    if project is not None:
        roots += [project, os.path.join(project, "src")]
    if folder != roots[0] and not os.path.isfile(
        os.path.join(folder, "__init__.py")
    ):  # a namespace subpackage: its own modules, as a script sees them
        roots.append(folder)
    found: dict[str, str] = {}
    for root in reversed(roots):
        found.update(_modules_in(root))
    return found


@functools.lru_cache(maxsize=None)
def package_root(folder: str) -> str:
    """Return the folder above the outermost package around a folder.

    A folder without ``__init__.py`` inside a package (its parent has
    one) is a namespace subpackage of that package, not a root.
    """
    parent = os.path.dirname(folder)
    if parent == folder or not (
        os.path.isfile(os.path.join(folder, "__init__.py"))
        or os.path.isfile(os.path.join(parent, "__init__.py"))
    ):
        return folder
    return package_root(parent)


@functools.lru_cache(maxsize=None)
def _modules_in(root: str) -> dict[str, str]:
    """Map the importable modules and packages in a folder to paths.

    A subfolder counts when it holds ``__init__.py``, or, inside a
    ``src`` folder, always (namespace packages).
    """
    try:
        entries = list(os.scandir(root))
    except OSError:
        return {}
    namespace_ok = os.path.basename(root) == "src"
    found = {}
    for entry in entries:
        name, extension = os.path.splitext(entry.name)
        try:
            if extension in (".py", ".pyi") and entry.is_file():
                found[name] = entry.path
            elif not extension and entry.is_dir() and (
                namespace_ok
                or os.path.isfile(os.path.join(entry.path, "__init__.py"))
            ):
                found[entry.name] = entry.path
        except OSError:
            continue
    return {name: path for name, path in found.items() if name.isidentifier()}
