"""What names look like: case styles, API-dictated names, literals.

Shared by the naming checks and their fixes.
"""

from __future__ import annotations

import ast
import builtins
import fnmatch
import functools
import keyword
import re
import unicodedata
from collections.abc import Callable, Iterator

# camelCase methods that subclasses of standard-library (and Django)
# classes must define under the base class's name.
API_METHOD_NAMES = frozenset(
    {
        # unittest.TestCase, TestResult, TestLoader, TextTestRunner
        "setUp", "tearDown", "setUpClass", "tearDownClass", "asyncSetUp",
        "asyncTearDown", "runTest", "shortDescription", "countTestCases",
        "defaultTestResult", "doCleanups", "doClassCleanups",
        "startTest", "stopTest", "startTestRun", "stopTestRun",
        "addError", "addFailure", "addSuccess", "addSkip", "addSubTest",
        "addExpectedFailure", "addUnexpectedSuccess", "addDuration",
        "wasSuccessful", "printErrors", "printErrorList",
        "getDescription", "loadTestsFromTestCase", "loadTestsFromModule",
        "loadTestsFromName", "loadTestsFromNames", "getTestCaseNames",
        "_makeResult",
        # django.test.TestCase
        "setUpTestData",
        # logging handlers, formatters and loggers
        "createLock", "handleError", "formatTime", "formatException",
        "formatStack", "formatMessage", "usesTime", "getMessage",
        "makeRecord", "findCaller", "callHandlers", "isEnabledFor",
        "getEffectiveLevel", "getChild", "shouldRollover", "doRollover",
        "getFilesToDelete", "makeSocket", "makePickle", "createSocket",
        "mapLogRecord", "getSubject", "getMessageID", "getEventCategory",
        "getEventType", "shouldFlush",
        # xml.sax handlers and locators, xml.dom.NodeFilter
        "setDocumentLocator", "startDocument", "endDocument",
        "startPrefixMapping", "endPrefixMapping", "startElement",
        "endElement", "startElementNS", "endElementNS",
        "ignorableWhitespace", "processingInstruction", "skippedEntity",
        "notationDecl", "unparsedEntityDecl", "resolveEntity",
        "fatalError", "startDTD", "endDTD", "startCDATA", "endCDATA",
        "getColumnNumber", "getLineNumber", "getPublicId", "getSystemId",
        "acceptNode",
    }
)
API_FUNCTION_NAMES = frozenset({"setUpModule", "tearDownModule"})
API_NAME_PATTERN = re.compile(r"(?:visit|leave|depart)_|do_[A-Z]+\Z")

CLASS_FACTORIES = frozenset(
    {
        "namedtuple", "NamedTuple", "TypedDict", "NewType", "TypeVar",
        "ParamSpec", "TypeVarTuple", "make_dataclass", "Enum", "IntEnum",
        "StrEnum", "Flag", "IntFlag",
    }
)
BUILTIN_EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
BUILTIN_WARNINGS = frozenset(
    name
    for name in BUILTIN_EXCEPTIONS
    if issubclass(getattr(builtins, name), Warning)
)
# Underscored names that are documented public API: the namedtuple
# methods, and Django's model API.
PUBLIC_PRIVATE_NAMES = frozenset(
    {
        "_asdict", "_replace", "_make", "_fields", "_field_defaults",
        "_meta", "_default_manager", "_base_manager", "_state",
    }
)
PUBLIC_PRIVATE_ATTRIBUTES = frozenset({("os", "_exit")})
SELF_NAMES = frozenset({"self", "cls", "mcs", "mcls", "metacls"})


def is_api_name(name: str) -> bool:
    """Return whether an external API dictates a name (``setUp``)."""
    return (
        name in API_METHOD_NAMES
        or name in API_FUNCTION_NAMES
        or API_NAME_PATTERN.match(name) is not None
    )


def is_normalized(name: str) -> bool:
    """Return whether a name is spelt as Python reads it (NFKC).

    ``ｆoo`` and ``foo`` are one name to Python but two to libcst, so
    no rename is attempted in a file that spells names unnormalized.
    """
    return name.isascii() or unicodedata.normalize("NFKC", name) == name


def is_lower(name: str) -> bool:
    """Return whether a name has no uppercase letter."""
    return name == name.lower()


def is_upper(name: str) -> bool:
    """Return whether a name has no lowercase letter (``MAX_SIZE``)."""
    return name == name.upper()


def is_cap_words(name: str) -> bool:
    """Return whether a name is ``CapWords`` (``_`` aside)."""
    stripped = name.strip("_")
    return stripped[:1].isupper() and "_" not in stripped


def is_mixed_case(name: str) -> bool:
    """Return whether a name is ``mixedCase`` (``userCount``)."""
    return not is_lower(name) and name.lstrip("_")[:1].islower()


def is_dunder(name: str) -> bool:
    """Return whether a name is ``__special__``."""
    return len(name) > 4 and name[:2] == name[-2:] == "__"


def is_dummy(name: str) -> bool:
    """Return whether a name is a ``_`` dummy (only underscores)."""
    return not name.strip("_")


@functools.lru_cache(maxsize=64)
def glob_matcher(globs: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compile ``ignore-names`` globs into one case-sensitive regex."""
    if not globs:
        return None
    return re.compile("|".join(fnmatch.translate(glob) for glob in globs))


def target_names(target: ast.expr) -> Iterator[ast.Name]:
    """Yield the names an assignment target binds (``a, *b = ...``)."""
    if isinstance(target, ast.Name):
        yield target
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from target_names(element)
    elif isinstance(target, ast.Starred):
        yield from target_names(target.value)


def final_name(node: ast.expr) -> str | None:
    """Return ``x`` of ``x``, ``a.x``, ``x[...]`` and ``x(...)``."""
    if isinstance(node, (ast.Subscript, ast.Call)):
        return final_name(node.value if isinstance(
            node, ast.Subscript) else node.func)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def is_literal(node: ast.expr) -> bool:
    """Return whether an expression is a constant literal value.

    Numbers, booleans, strings and bytes, arithmetic on them, and
    tuples or ``frozenset(...)`` of literals; not ``None``, ``...``
    or mutable displays. Iterative: an operator chain may be longer
    than the recursion limit.
    """
    pending = [node]
    while pending:
        parts = _literal_parts(pending.pop())
        if parts is None:
            return False
        pending += parts
    return True


def _literal_parts(node: ast.expr) -> list[ast.expr] | None:
    """Return what must be literal for ``node`` to be (None: never)."""
    if isinstance(node, ast.Constant):
        return [] if node.value is not None and node.value is not Ellipsis \
            else None
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.Tuple):
        return list(node.elts)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "frozenset"
        and not node.keywords
        and len(node.args) <= 1
        and all(
            isinstance(arg, (ast.Tuple, ast.List, ast.Set))
            for arg in node.args
        )
    ):
        return [
            element
            for arg in node.args
            for element in arg.elts  # type: ignore[attr-defined]
        ]
    return None


def creates_class(value: ast.expr | None) -> bool:
    """Return whether a value calls a class factory (``namedtuple``)."""
    if not isinstance(value, ast.Call):
        return False
    name = final_name(value.func)
    if name == "type":
        return len(value.args) == 3
    return name in CLASS_FACTORIES


def has_decorator(
    node: ast.FunctionDef | ast.AsyncFunctionDef, *names: str
) -> bool:
    """Return whether a decorator is ``@name`` or ``@module.name``."""
    return bool(node.decorator_list) and any(  # most have none: cheap
        final_name(decorator) in names for decorator in node.decorator_list
    )


def is_error_name(name: str) -> bool:
    """Return whether an exception's name has an accepted suffix."""
    return name.endswith(("Error", "Warning", "Exit", "Interrupt"))


def is_private(name: str) -> bool:
    """Return whether an attribute name is ``_private`` (not sunder)."""
    return (
        len(name) > 1
        and name[0] == "_"
        and name[1] != "_"
        and not (name[-1] == "_" and name[-2] != "_")
    )


def _words(name: str) -> list[str]:
    """Split a name into words (``getURL2`` -> ``get``, ``URL2``).

    An acronym's plural is one word (``NLs``, ``getURLs`` -> ``get``,
    ``URLs``).
    """
    return re.findall(
        r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])[0-9]*|[A-Z]?[^A-Z_]+", name
    )


def _affixes(name: str) -> tuple[str, str, str]:
    """Split a name into leading underscores, core and trailing ones."""
    core = name.strip("_")
    start = name.index(core) if core else len(name)
    return name[:start], core, name[start + len(core):]


def to_lower(name: str) -> str:
    """Return ``lower_with_underscores`` (``getURL``: ``get_url``).

    An ``UPPER_CASE`` name is only lowercased: its underscores already
    part its words (``V2P_OUT`` is ``v2p_out``, not ``v2_p_out``).
    """
    if is_upper(name):
        return name.lower()
    lead, core, tail = _affixes(name)
    return lead + "_".join(word.lower() for word in _words(core)) + tail


def to_upper(name: str) -> str:
    """Return ``UPPER_CASE`` (``maxItems`` -> ``MAX_ITEMS``)."""
    return to_lower(name).upper()


def to_cap_words(name: str) -> str:
    """Return ``CapWords`` (``order_item`` -> ``OrderItem``)."""
    lead, core, tail = _affixes(name)
    return lead + "".join(
        word[:1].upper() + word[1:] for word in _words(core)
    ) + tail


def to_error_name(name: str) -> str:
    """Return an exception name ending in ``Error``."""
    if is_error_name(name):
        return name
    return name.removesuffix("Exception") + "Error"


def _constant_name(name: str) -> str:
    """Return ``UPPER_CASE``, or lowercase for a rebound constant.

    A rebound ``UPPER_CASE`` name is a variable.
    """
    return to_lower(name) if is_upper(name) else to_upper(name)


RENAMERS: dict[str, Callable[[str], str]] = {
    "STD201": to_lower,
    "STD202": to_lower,
    "STD203": to_lower,
    "STD204": to_cap_words,
    "STD205": _constant_name,
    "STD209": to_error_name,
}


def new_name(old: str, codes: set[str]) -> str | None:
    """Return the name that satisfies every rule reported at a name.

    Args:
        old: The current name.
        codes: The codes reported at it (STD204 and STD209 may meet).

    Returns:
        The new name, or None if there is none (a keyword, no change).
    """
    name = old
    for code in sorted(codes):
        name = RENAMERS[code](name)
    if name == old or keyword.iskeyword(name) or not name.isidentifier():
        return None
    return name
