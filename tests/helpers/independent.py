"""Facts about code, judged here and not by stdcheck's own predicates.

A differential test that explains a disagreement with stdcheck's own
helpers proves nothing: a bug in the helper would explain itself away.
The categorizers use these small, separate readings of the source
instead (each as plain as the fact it reads).
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from tests.helpers import corpus

TEST_FOLDERS = frozenset({"test", "tests", "testing"})
UNITTEST_HOOKS = frozenset({
    "setUp", "tearDown", "setUpClass", "tearDownClass", "setUpModule",
    "tearDownModule", "asyncSetUp", "asyncTearDown",
})
HEADER = re.compile(r"(?P<title>[A-Za-z][A-Za-z ]*?)\s*:\s*$")
ENTRY = re.compile(r"(?P<name>\*{0,2}[A-Za-z_][\w.]*)\s*(?:\([^)]*\))?\s*:")
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def corpus_relative(path: str) -> PurePath:
    """Return a corpus file's path inside its corpus."""
    pure = PurePath(path)
    if pure.is_relative_to(corpus.stdlib_root()):
        return pure.relative_to(corpus.stdlib_root())
    parts = pure.parts
    for index, part in enumerate(parts):
        if part.endswith(("-wheel", "-sdist")):
            return PurePath(*parts[index + 1:])
    return PurePath(pure.name)


def is_test_file(path: str) -> bool:
    """Return whether a corpus file is a test module (by its path)."""
    relative = corpus_relative(path)
    name = relative.name
    return (
        name.startswith("test_") or name.endswith("_test.py")
        or name == "conftest.py"
        or bool(TEST_FOLDERS & set(relative.parts[:-1]))
    )


def is_test_definition(node: ast.AST) -> bool:
    """Return whether a definition is a test, test class or test hook.

    Judged by name: the runner calls them, never people.
    """
    name = getattr(node, "name", "")
    if isinstance(node, ast.ClassDef):
        return name.startswith("Test")
    return name.startswith("test") or name in UNITTEST_HOOKS


def is_placeholder(function: ast.AST) -> bool:
    """Return whether a body is a placeholder (``pass``, ``...``).

    A docstring, ``pass``, ``...`` and ``raise NotImplementedError``
    only.
    """
    body = list(getattr(function, "body", []))
    if body and isinstance(body[0], ast.Expr) and isinstance(
        body[0].value, ast.Constant
    ) and isinstance(body[0].value.value, str):
        body = body[1:]
    return all(
        isinstance(statement, ast.Pass)
        or (isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and statement.value.value is Ellipsis)
        or (isinstance(statement, ast.Raise) and statement.exc is not None
            and "NotImplementedError" in ast.unparse(statement.exc))
        for statement in body
    )


def is_dunder(name: str) -> bool:
    """Return whether a name is ``__like_this__``."""
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def is_public(node: ast.AST, parents: list[ast.AST]) -> bool:
    """Return whether a definition is public, as RULES.md defines it.

    Not inside a function; no leading underscore on its name or an
    enclosing class's (a method may be a dunder); and when the module
    lists a literal ``__all__``, a top-level name is public if and
    only if it is listed there (as pydocstyle decides).
    """
    if any(isinstance(scope, (*FUNCTIONS, ast.Lambda)) for scope in parents):
        return False
    names = [
        getattr(scope, "name", "") for scope in [*parents[1:], node]
    ]
    listed = module_all(parents[0]) if parents else None
    if listed is not None and names[0] not in listed:
        return False
    return all(
        not name.startswith("_")
        or (depth == 0 and listed is not None)
        or (depth > 0 and is_dunder(name))
        for depth, name in enumerate(names)
    )


def module_all(module: ast.AST) -> frozenset[str] | None:
    """Return a module's literal ``__all__``, or None if it has none.

    ``__all__ = [...]``, ``__all__ += [...]`` and
    ``__all__.extend([...])`` of string literals add up; anything else
    makes it unknown.
    """
    names: set[str] = set()
    found = False
    for statement in getattr(module, "body", []):
        value = _all_value(statement)
        if value is None:
            continue
        found = True
        try:
            listed = ast.literal_eval(value)
        except ValueError:
            return None
        if not isinstance(listed, (list, tuple)) or not all(
            isinstance(name, str) for name in listed
        ):
            return None
        names.update(listed)
    return frozenset(names) if found else None


def _all_value(statement: ast.stmt) -> ast.expr | None:
    """Return what a statement sets, adds or extends `__all__` by."""
    if isinstance(statement, ast.Assign) and [
        ast.unparse(target) for target in statement.targets
    ] == ["__all__"]:
        return statement.value
    if isinstance(statement, ast.AugAssign) and ast.unparse(
        statement.target
    ) == "__all__":
        return statement.value
    if (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and ast.unparse(statement.value.func) == "__all__.extend"
        and len(statement.value.args) == 1
    ):
        return statement.value.args[0]
    return None


def positional_parameters(function: ast.AST) -> list[str]:
    """Return a function's parameter names but `self`, `cls`."""
    arguments = getattr(function, "args")
    names = [
        item.arg for item in (
            *arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
            arguments.vararg, arguments.kwarg,
        ) if item is not None
    ]
    return [name for name in names if name not in ("self", "cls")]


@dataclass
class Section:
    """A Google-style section: its header and the lines under it."""

    title: str
    lines: list[str] = field(default_factory=list)

    @property
    def indented(self) -> bool:
        """Return whether the section has a body, indented under it."""
        body = [line for line in self.lines if line.strip()]
        return bool(body) and all(line[:1].isspace() for line in body)

    @property
    def names(self) -> list[str]:
        """Return the names its entries start with (``name:``)."""
        body = [line for line in self.lines if line.strip()]
        if not body:
            return []
        margin = min(len(line) - len(line.lstrip()) for line in body)
        return [
            match.group("name")
            for line in body
            if len(line) - len(line.lstrip()) == margin
            for match in [ENTRY.match(line.strip())] if match
        ]


def google_sections(docstring: str) -> dict[str, Section]:
    """Read the sections of a docstring: headers at the left margin.

    Args:
        docstring: The docstring's text.

    Returns:
        Each header's title (as written) and the lines under it, up to
        the next line back at the left margin.
    """
    sections: dict[str, Section] = {}
    current: Section | None = None
    for line in inspect.cleandoc(docstring).splitlines()[1:]:
        header = HEADER.match(line)
        if header is not None and not line[:1].isspace():
            current = sections.setdefault(
                header.group("title"), Section(header.group("title"))
            )
        elif line.strip() and not line[:1].isspace():
            current = None
        elif current is not None:
            current.lines.append(line)
    return sections


def docstring_text(node: ast.AST) -> str | None:
    """Return a definition's docstring (as written), if it has one."""
    body = getattr(node, "body", [])
    if body and isinstance(body[0], ast.Expr) and isinstance(
        body[0].value, ast.Constant
    ) and isinstance(body[0].value.value, str):
        return body[0].value.value
    return None


CLASS_FACTORIES = frozenset({
    "namedtuple", "NamedTuple", "TypedDict", "NewType", "TypeVar",
    "ParamSpec", "TypeVarTuple", "make_dataclass", "Enum", "IntEnum",
    "StrEnum", "Flag", "IntFlag",
})
"""The class factories RULES.md names (STD203: they make classes)."""


def last_name(node: ast.AST) -> str | None:
    """Return ``x`` of ``x``, ``a.x``, ``x[...]`` and ``x(...)``."""
    while isinstance(node, (ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def makes_class(value: ast.AST | None) -> bool:
    """Return whether a value is a call of a class factory."""
    if not isinstance(value, ast.Call):
        return False
    name = last_name(value.func)
    return (name == "type" and len(value.args) == 3) or (
        name in CLASS_FACTORIES
    )


def decorated(function: ast.AST, name: str) -> bool:
    """Return whether a definition has ``@name`` or ``@module.name``."""
    return any(
        last_name(decorator) == name
        for decorator in getattr(function, "decorator_list", [])
    )


def mixes_case(name: str) -> bool:
    """Return whether a name is mixedCase: lower first, then upper."""
    bare = name.lstrip("_")
    return bare[:1].islower() and any(letter.isupper() for letter in bare)


@functools.cache
def builtin_exceptions() -> frozenset[str]:
    """Return the names of the built-in exception classes."""
    import builtins

    return frozenset(
        name for name, value in vars(builtins).items()
        if isinstance(value, type) and issubclass(value, BaseException)
    )


@functools.cache
def api_method_names() -> frozenset[str]:
    """Return method names that stdlib base classes call by name.

    Read from the classes themselves (unittest, logging, xml.sax,
    xml.dom), so that the list is not stdcheck's.
    """
    import logging.handlers
    import unittest
    import xml.dom.NodeFilter
    import xml.sax.handler
    import xml.sax.xmlreader

    classes = (
        unittest.TestCase, unittest.TestResult, unittest.TestLoader,
        unittest.TextTestRunner, unittest.TextTestResult,
        logging.Handler, logging.Formatter, logging.Logger,
        logging.handlers.RotatingFileHandler,
        logging.handlers.TimedRotatingFileHandler,
        logging.handlers.SocketHandler, logging.handlers.SMTPHandler,
        logging.handlers.NTEventLogHandler,
        logging.handlers.BufferingHandler, logging.handlers.HTTPHandler,
        xml.sax.handler.ContentHandler, xml.sax.handler.DTDHandler,
        xml.sax.handler.EntityResolver, xml.sax.handler.ErrorHandler,
        xml.sax.handler.LexicalHandler, xml.sax.xmlreader.Locator,
        xml.sax.SAXException, xml.dom.NodeFilter.NodeFilter,
        logging.LogRecord,
    )
    return frozenset(
        name for cls in classes for name in dir(cls)
        if not name.startswith("__") and not name.islower()
    ) | {
        "setUpModule", "tearDownModule",  # unittest, module level
        "runTest",  # TestCase's default test method name
        "addDuration",  # TestResult, Python 3.12+
        "setUpTestData",  # django.test.TestCase
    }


def is_api_dictated(name: str) -> bool:
    """Return whether an external API dictates a name (``visit_X``)."""
    return name in api_method_names() or re.match(
        r"(?:visit|leave|depart)_|do_[A-Z]+\Z", name
    ) is not None
