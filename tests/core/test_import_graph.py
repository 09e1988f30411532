"""The package's shape: no import cycle, the core below everything.

The graph is read from the source with :mod:`ast`: every import counts,
those inside functions too, but not those under ``if TYPE_CHECKING:``
(annotations only). The two modules that import by name (the rule
loader and the fix registry) get the edges the family table gives
them, and no other module may import by name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from stdcheck.rules import FAMILIES, module_of

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "stdcheck"
LAYERS_BELOW = {
    "stdcheck.core": ("stdcheck.rules", "stdcheck.run", "stdcheck.fix",
                      "stdcheck.frontends"),
    "stdcheck.rules": ("stdcheck.run", "stdcheck.frontends"),
    "stdcheck.run": ("stdcheck.fix", "stdcheck.frontends"),
    "stdcheck.fix": ("stdcheck.frontends",),
}
"""What each package must not import (its users)."""
NO_CLICK = ("stdcheck.core", "stdcheck.fix", "stdcheck.run",
            "stdcheck.rules")
LOADERS = {
    "stdcheck.rules": [
        module_of(family, "checks") for family in FAMILIES if family.package
    ],
    "stdcheck.fix.registry": [
        module_of(family, "fixes") for family in FAMILIES if family.fixes
    ],
}
"""The modules that import by name, and what they import so."""


def modules(src: Path, package: str) -> dict[str, Path]:
    """Return every module of a package under ``src``, by name."""
    found = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> Iterator[str]:
    """Yield each module name an import of the module names.

    ``from a import b`` names ``a.b`` (``b`` may be a module) and
    ``a``; the caller keeps the names that are modules.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    pending: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _type_checking(node.test):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) + 1 - node.level]
                base = ".".join([*parts, base] if base else parts)
            yield base
            for alias in node.names:
                yield f"{base}.{alias.name}"
        pending.extend(ast.iter_child_nodes(node))


def _type_checking(test: ast.expr) -> bool:
    """Return whether an ``if`` tests ``TYPE_CHECKING``."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def by_name(path: Path) -> bool:
    """Return whether a module imports modules by a computed name."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "import_module":
            return True
        if isinstance(node, ast.Name) and node.id in (
            "__import__", "import_module"
        ):
            return True
    return False


def graph(
    src: Path, package: str, loaders: dict[str, list[str]]
) -> dict[str, set[str]]:
    """Return each module's imports of the package's modules.

    Args:
        src: The folder holding the package.
        package: Its name.
        loaders: The modules allowed to import by name, with the
            modules they import so.

    Returns:
        The modules each imports (itself excluded).

    Raises:
        ValueError: If another module imports by name.
    """
    found = modules(src, package)
    edges = {}
    for name, path in found.items():
        edges[name] = {
            target for target in imports(name, path) if target in found
        } - {name}
        edges[name].update(loaders.get(name, ()))
        if name not in loaders and by_name(path):
            raise ValueError(
                f"{name} imports by name: its imports cannot be checked"
            )
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Return the import cycles: each strongly connected component.

    Tarjan's algorithm, iterative; a module importing itself is no
    cycle here (:func:`graph` drops such edges).
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges[target]))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


@pytest.fixture(scope="module")
def edges() -> dict[str, set[str]]:
    """The import graph of stdcheck."""
    return graph(SRC, PACKAGE, LOADERS)


def test_no_import_cycle(edges: dict[str, set[str]]) -> None:
    """No module reaches itself through imports."""
    assert cycles(edges) == []


@pytest.mark.parametrize(("package", "users"), sorted(LAYERS_BELOW.items()))
def test_packages_do_not_import_their_users(
    edges: dict[str, set[str]], package: str, users: tuple[str, ...]
) -> None:
    """Nothing imports its users: the core no rule, runner or fixer."""
    wrong = sorted(
        f"{name} -> {target}"
        for name, targets in edges.items()
        if name == package or name.startswith(package + ".")
        for target in targets
        if target.startswith(users)
    )
    assert wrong == []


def test_click_only_in_frontends() -> None:
    """The core, rules, runner and fixer never import click."""
    wrong = sorted(
        name
        for name, path in modules(SRC, PACKAGE).items()
        if name.startswith(NO_CLICK)
        and any(
            target == "click" or target.startswith("click.")
            for target in imports(name, path)
        )
    )
    assert wrong == []


def test_few_modules_at_the_top() -> None:
    """At most 8 modules sit directly in ``src/stdcheck``."""
    assert len(list((SRC / PACKAGE).glob("*.py"))) <= 8


def test_loaders_import_existing_modules() -> None:
    """Each family's ``checks`` and ``fixes`` the table names exist."""
    found = modules(SRC, PACKAGE)
    missing = [
        name for names in LOADERS.values() for name in names
        if name not in found
    ]
    assert missing == []
    with_fixes = {
        family.package for family in FAMILIES
        if family.package
        and (SRC / PACKAGE / "rules" / family.package / "fixes.py").exists()
    }
    assert with_fixes == {family.package for family in FAMILIES
                          if family.fixes}


def write_package(root: Path, files: dict[str, str]) -> None:
    """Write a package's modules (``a/b.py``: text) under ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_cycle_through_a_function_import_found(tmp_path: Path) -> None:
    """An import inside a function closes a cycle; the test sees it."""
    write_package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg import b\n",
        "pkg/b.py": "def f():\n    from pkg.a import x\n",
        "pkg/c.py": "from . import a\n",
    })
    assert cycles(graph(tmp_path, "pkg", {})) == [["pkg.a", "pkg.b"]]


def test_type_checking_imports_do_not_count(tmp_path: Path) -> None:
    """An import for annotations only closes no cycle."""
    write_package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg import b\n",
        "pkg/b.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from pkg import a\n"
            "else:\n    import os\n"
        ),
    })
    assert cycles(graph(tmp_path, "pkg", {})) == []


def test_import_by_name_refused_unless_declared(tmp_path: Path) -> None:
    """An undeclared ``import_module`` hides edges: it is refused."""
    write_package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "import importlib\nimportlib.import_module('pkg.b')\n",
        "pkg/b.py": "import pkg.a\n",
    })
    with pytest.raises(ValueError, match="pkg.a imports by name"):
        graph(tmp_path, "pkg", {})
    declared = graph(tmp_path, "pkg", {"pkg.a": ["pkg.b"]})
    assert cycles(declared) == [["pkg.a", "pkg.b"]]
