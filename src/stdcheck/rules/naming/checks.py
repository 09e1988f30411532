"""STD2xx: naming conventions.

Names are judged where they are bound, in the scope that binds them:
the checkers keep a light scope stack during the engine's single walk
(:class:`ScopeTracker`). Module-level names are decided after the walk,
once every binding of the module is known (STD203, STD205); private
attribute accesses too, once every private name the module defines is
known (STD208). File and folder names are judged once per file.
"""

from __future__ import annotations

import ast
import collections
import os
import re
import tokenize
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from stdcheck.core.checker import Checker
from stdcheck.core.context import FileContext
from stdcheck.core.registry import FixSafety, Rule
from stdcheck.rules.naming.frameworks import describe, framework_names
from stdcheck.rules.naming.renames import (
    DYNAMIC_NAMES,
    FRAME_NAMESPACES,
    ScopeReads,
    documented,
    has_debug_field,
    lengthens_past,
    rename_target,
)
from stdcheck.rules.naming.scopes import (
    ASSIGN,
    AUGMENT,
    CLASS,
    DECLARE,
    DEFINE,
    FUNCTION,
    GLOBAL,
    IMPORT,
    LOOP,
    MODULE,
    Binding,
    Branches,
    Scope,
    ScopeTracker,
    rebinding,
)
from stdcheck.rules.naming.styles import (
    BUILTIN_EXCEPTIONS,
    BUILTIN_WARNINGS,
    PUBLIC_PRIVATE_ATTRIBUTES,
    PUBLIC_PRIVATE_NAMES,
    SELF_NAMES,
    creates_class,
    final_name,
    glob_matcher,
    has_decorator,
    is_api_name,
    is_cap_words,
    is_dummy,
    is_dunder,
    is_error_name,
    is_literal,
    is_lower,
    is_mixed_case,
    is_normalized,
    is_private,
    is_upper,
    target_names,
)

_RENAME_NOTES = (
    "The fix renames every binding and use that libcst's scope "
    "analysis finds for the name, in this file only; a renamed "
    "module-level name is renamed in `__all__` too, but docstrings and "
    "comments are not changed. A module-level name is not renamed "
    "when another file fixed in the same run imports it, reads an "
    "attribute of that name, spells it in a string or star-imports "
    "and uses it: that file would be left with a dangling reference "
    "(files outside the run are why the fix is unsafe). A finding "
    "offers the fix only when the "
    "rename is possible: not when the new name is already used in the "
    "scope or a scope inside it, is a keyword, or (at module level) a "
    "builtin; when the scope (or one inside it) reads names as text: "
    "calls `locals`, `vars`, `eval`, `exec` or `globals` (so "
    "`format_map(locals())` too), reads a frame's `f_locals` or "
    "`f_globals`, or prints the name with an f-string `=` "
    "(`f\"{myValue=}\"` prints `myValue=`); when the name is bound to "
    "a call that names its result after it (`E = Forward(\"E\")`, "
    "`LMT = ZoneOffset(\"LMT\", ...)`, also at the start of a chain: "
    "`A = Literal(\"A\").set_parse_action(f)`), or to an attribute of "
    "its name (`SECONDS = Unit.SECONDS`): the name mirrors what it "
    "holds; "
    "when the new name would read as digits (`l`, `O`, `I`, which "
    "pycodestyle rejects as E741, and `l1`: `L1` is left alone); when "
    "the name is also bound by an import or a `match` capture, or "
    "deleted; when a string annotation mentions it; when the longer "
    "new name would push a line of the scope past `max-line-length`; "
    "when the name is a parameter its function's docstring names "
    "(in `Args:`, a `:param name:` field or prose: the docstring would "
    "name a parameter that is gone); "
    "or when the file spells a name in a non-normalized Unicode form. "
    "Names spelt after a "
    "foreign API (a capitalised prefix and an underscore, as C "
    "libraries name theirs: `Py_buffer`, `PyBUF_SIMPLE`, `SDL_Init`), "
    "a class named for its role (`LoggingMixin`, never "
    "`LoggingMixinError`), a lowercase class sharing its base with "
    "another lowercase class of the module (a vocabulary of its own, "
    "such as SQLAlchemy's SQL functions: `class "
    "percentile_cont(OrderedSetAgg)`; their base too when the module "
    "defines it in lowercase: dateutil's `rrulebase` of `rrule` and "
    "`rruleset`) and a flag that an `if` or `try` "
    "sets with literals (`HAVE_SSL = True`, then `HAVE_SSL = False` "
    "under `except ImportError`) are reported without a fix."
)


def _call_spellings(value: ast.expr) -> Iterator[str]:
    """Yield the names a value spells for what it holds.

    The strings that the calls of a chain start with:
    ``Literal("A").set_parse_action(pa0)`` yields ``"A"``: a name bound
    to it is named after what it holds, as ``T = TypeVar("T")``. An
    attribute yields its name: ``SECONDS = Unit.SECONDS`` is an alias.
    """
    if isinstance(value, ast.Attribute):
        yield value.attr
    while isinstance(value, ast.Call):
        if value.args and isinstance(value.args[0], ast.Constant) \
                and isinstance(value.args[0].value, str):
            yield value.args[0].value
        func = value.func
        if not isinstance(func, ast.Attribute):
            return
        value = func.value


_IGNORE_NAMES = (
    " Names matching a glob of `ignore-names` are never reported."
)

FUNCTION_NAME = Rule(
    code="STD201",
    name="function-name",
    message="function name '{name}' should be lowercase_with_underscores",
    summary="A function or method not named `lowercase_with_underscores`.",
    rationale=(
        "One case convention per kind of name tells a reader what a name "
        "is before they look it up: `lowercase_with_underscores` for "
        "functions and methods, `CapWords` for classes, `UPPER_CASE` for "
        "constants."
    ),
    bad=(
        "def report(orders):\n"
        "    def formatLine(order):\n"
        "        return f'{order.id}: {order.total}'\n"
        "    return [formatLine(order) for order in orders]\n"
    ),
    good=(
        "def report(orders):\n"
        "    def format_line(order):\n"
        "        return f'{order.id}: {order.total}'\n"
        "    return [format_line(order) for order in orders]\n"
    ),
    options=("ignore-names",),
    peers=("pep8-naming N802", "ruff N802", "pylint C0103"),
    fix=FixSafety.SAFE,
    fix_notes=(
        "Safe for a function defined inside a function (without "
        "decorators) and only ever called there: `formatLine` becomes "
        "`format_line`. A local function that is passed, returned, "
        "stored or rebound (`f = wrap(f)`) is renamed only with "
        "`--unsafe-fixes`: whatever receives it may read its "
        "`__name__` (`functools.wraps`, a thread's default name, a "
        "registry). Tracebacks show the new name. A "
        "module-level function is renamed only with `--unsafe-fixes` "
        "(other modules may import it); methods are not renamed (their "
        "callers use attributes). " + _RENAME_NOTES
    ),
    notes=(
        "Names an API dictates are exempt: methods overriding camelCase "
        "hooks of `unittest` (`setUp`, `tearDownClass`, `asyncSetUp`, "
        "`addFailure`, ...), `logging` (`emit`-style hooks such as "
        "`formatTime`, `shouldRollover`, `makeRecord`), `xml.sax` "
        "handlers (`startElement`, ...) and Django tests "
        "(`setUpTestData`); `visit_*`, `leave_*` and `depart_*` methods "
        "(`ast.NodeVisitor`, libcst, docutils); `do_GET`-style "
        "`http.server` handlers; `setUpModule`/`tearDownModule`; and "
        "methods decorated `@override` (`typing` or "
        "`typing_extensions`). A module-level definition of a name the "
        "module also imports before it (`try: from x import Name` / "
        "`except ImportError: def Name(...)`) is the imported API's "
        "fallback and is exempt, here and in STD204/STD209. Unlike "
        "pep8-naming these are built in, "
        "and `ignore-names` adds to them rather than replacing them. A "
        "name defined several times in one scope (overloads, property "
        "setters, conditional definitions) is reported once, at its "
        "first definition, where pep8-naming reports every definition."
        + _IGNORE_NAMES
    ),
)

ARGUMENT_NAME = Rule(
    code="STD202",
    name="argument-name",
    message="argument name '{name}' should be lowercase_with_underscores",
    summary="A parameter not named `lowercase_with_underscores`.",
    rationale=(
        "Parameters are variables of the function; callers also write "
        "their names as keywords, so they follow the variable convention."
    ),
    bad="def scale(Value, scaleFactor=2):\n    return Value * scaleFactor\n",
    good=(
        "def scale(value, scale_factor=2):\n"
        "    return value * scale_factor\n"
    ),
    options=("ignore-names",),
    peers=("pep8-naming N803", "ruff N803", "pylint C0103"),
    fix=FixSafety.UNSAFE,
    fix_notes=(
        "Unsafe: callers passing the argument by keyword break. The "
        "parameter and its uses in the function are renamed "
        "(`scaleFactor` becomes `scale_factor`); refused when this file "
        "or another file fixed in the same run passes the old name as a "
        "keyword. The parameters of pytest tests (`test*` functions and "
        "methods in test modules) and fixtures (`@pytest.fixture`) are "
        "fixture names that pytest passes by keyword: they have no fix. "
        + _RENAME_NOTES
    ),
    notes=(
        "The parameters of methods exempt from STD201 because an API "
        "dictates them (`@override`, `visit_*`, `setUp`, ...) are exempt "
        "too: the overridden signature fixes their names, and renaming "
        "them would break callers passing them by keyword. pep8-naming "
        "reports them. Lambda parameters are checked as well (pep8-naming "
        "skips them)." + _IGNORE_NAMES
    ),
)

VARIABLE_NAME = Rule(
    code="STD203",
    name="variable-name",
    message="variable name '{name}' should be lowercase_with_underscores",
    summary=(
        "A variable of a function, loop or comprehension not named "
        "`lowercase_with_underscores`, or a module-level name in "
        "mixedCase."
    ),
    rationale=(
        "Variables read as lowercase words; a capitalised local looks "
        "like a class or a constant and misleads the reader. At module "
        "level `CapWords` names are classes or class aliases "
        "(`Base = declarative_base()`) and `UPPER_CASE` ones constants, "
        "so only mixedCase (`userCount`) is wrong there."
    ),
    bad=(
        "def total(items):\n"
        "    totalPrice = 0\n"
        "    for item in items:\n"
        "        totalPrice += item.price\n"
        "    return totalPrice\n"
    ),
    good=(
        "def total(items):\n"
        "    total_price = 0\n"
        "    for item in items:\n"
        "        total_price += item.price\n"
        "    return total_price\n"
    ),
    options=("ignore-names",),
    peers=(
        "pep8-naming N806",
        "pep8-naming N816",
        "ruff N806",
        "ruff N816",
        "pylint C0103",
    ),
    fix=FixSafety.SAFE,
    fix_notes=(
        "Safe for variables of a function or comprehension: "
        "`totalPrice` becomes `total_price` everywhere in its scope "
        "(a variable's name is not part of its value). "
        "Module-level names are renamed only with `--unsafe-fixes` "
        "(other modules may import them). " + _RENAME_NOTES
    ),
    notes=(
        "Never reported: class-body names (attributes, enum members, "
        "dataclass fields and model columns often mirror an external "
        "schema; pep8-naming N815 reports mixedCase ones); names bound "
        "by `import` or `from x import y` (the definer owns them); `_` "
        "dummies; names declared `nonlocal` (judged where they are "
        "bound); and a `CapWords` local bound (by `=` or `:=`) to a "
        "class factory (`namedtuple`, `NamedTuple`, `TypedDict`, `NewType`, "
        "`TypeVar`, `ParamSpec`, `TypeVarTuple`, `make_dataclass`, "
        "`Enum`, three-argument `type`), which is a class (pep8-naming "
        "exempts only `namedtuple`); nor a local that a `class` or "
        "`def` of the same function also binds (`class C: ...` then "
        "`C = decorate(C)`): STD204 or STD201 judge it (pep8-naming "
        "N806 reports it). A name declared `global` in a "
        "function is a module-level name. Loop and comprehension "
        "variables must be lowercase at module level too (`for Item in "
        "...`), where pep8-naming N816 only reports mixedCase. A "
        "`:=` inside a `lambda` binds a variable of the lambda, a "
        "function, so it must be lowercase (pep8-naming does not look "
        "inside lambdas). Dunder names (`__version__`, `__mC__`) are "
        "never reported: they are names Python or a tool reads "
        "(pep8-naming N816 reports a mixedCase one). A "
        "mixedCase module-level name bound once to a literal is a "
        "constant: STD205 reports it instead. A name is reported once "
        "per scope, at its first binding." + _IGNORE_NAMES
    ),
)

CLASS_NAME = Rule(
    code="STD204",
    name="class-name",
    message="class name '{name}' should use CapWords",
    summary="A class not named in `CapWords` (a leading underscore is "
    "allowed).",
    rationale=(
        "`CapWords` marks a name as a class (something to instantiate or "
        "subclass) at every place it is used."
    ),
    bad="class order_item:\n    pass\n",
    good="class OrderItem:\n    pass\n",
    options=("ignore-names",),
    peers=("pep8-naming N801", "ruff N801", "pylint C0103"),
    fix=FixSafety.UNSAFE,
    fix_notes=(
        "Unsafe: other modules may import the class. `order_item` "
        "becomes `OrderItem` (and gets an `Error` suffix when STD209 "
        "reports it too); classes nested in classes are not renamed. "
        + _RENAME_NOTES
    ),
    notes=(
        "Leading and trailing underscores are allowed (`_Base`); "
        "acronyms may stay capitalised (`HTTPServer`). A class defined "
        "several times in one scope is reported once." + _IGNORE_NAMES
    ),
)

CONSTANT_NAME = Rule(
    code="STD205",
    name="constant-name",
    message="constant '{name}' {problem}",
    summary=(
        "A module-level name bound once to a literal, or annotated "
        "`Final`, that is not `UPPER_CASE`; or a module-level "
        "`UPPER_CASE` name that is rebound."
    ),
    rationale=(
        "`UPPER_CASE` tells the reader a value never changes: a literal "
        "bound once at module level is such a value, and an "
        "`UPPER_CASE` name that the module rebinds breaks that promise."
    ),
    bad="max_items = 50\nTIMEOUT = 5\nTIMEOUT = 10\n",
    good="MAX_ITEMS = 50\nTIMEOUT = 10\n",
    fixed="MAX_ITEMS = 50\ntimeout = 5\ntimeout = 10\n",
    options=("ignore-names",),
    peers=("pylint C0103",),
    fix=FixSafety.UNSAFE,
    fix_notes=(
        "Unsafe: other modules may import the name. A constant is "
        "renamed to `UPPER_CASE` (`max_items` becomes `MAX_ITEMS`); a "
        "rebound `UPPER_CASE` name is a variable and is renamed "
        "lowercase (`TIMEOUT` becomes `timeout`). "
        + _RENAME_NOTES
    ),
    notes=(
        "Literals are numbers, booleans, strings, bytes, arithmetic on "
        "them (`60 * 60`) and tuples or `frozenset(...)` of literals; "
        "`None` is not one (it usually marks a value filled in later), "
        "nor are lists, dicts and sets (mutable). A name is bound more "
        "than once if a second statement of the module binds it "
        "(assignment, augmented assignment, import, `def`, `class`, "
        "loop, or a function declaring it `global`); bindings in "
        "exclusive branches (`if`/`else`, `try`/`except`, `match` "
        "cases) count when deciding that a lowercase name is a "
        "variable, but are not a rebinding of an `UPPER_CASE` one. "
        "Loop variables are left to STD203, and names bound by `def` or "
        "`class` (a redefined class `A`) to STD201/STD204. Dunder names "
        "(`__all__`, `__version__`), `_` dummies and type aliases annotated "
        "`TypeAlias` are exempt. A name only ever bound by imports "
        "(`from os import SEEK_SET`, imported again under `if __name__ "
        "== \"__main__\":`) is the definer's, never a rebound constant. "
        "Names a framework reads from the module by name are the "
        "framework's, as an imported name is the definer's: neither "
        "their case nor their rebinding is judged. A module is known by "
        "names every such module binds (never by an import alone) and "
        "by its file name where the framework fixes one; a "
        "configuration module is read whole. Known: " + describe()
        + ". Another tool's configuration module belongs in "
        "`per-file-ignores`." + _IGNORE_NAMES
    ),
)

MODULE_NAME = Rule(
    code="STD206",
    name="module-name",
    message="module name '{name}' should be lowercase_with_underscores",
    summary="A module file name not `lowercase_with_underscores`.",
    rationale=(
        "Module names are typed in every `import`; lowercase names never "
        "clash on case-insensitive file systems and are valid "
        "identifiers."
    ),
    bad="# file: OrderUtils.py\n",
    good="# file: order_utils.py\n",
    options=("ignore-names",),
    peers=("pep8-naming N999", "ruff N999", "pylint C0103"),
    notes=(
        "Reported once per module, at line 1. Digits are allowed "
        "anywhere (`0001_initial.py`, Django migrations are loaded by "
        "path). `__init__.py` and `__main__.py` are exempt; the package "
        "name is STD207's. Files that do not end in `.py` or `.pyi` "
        "(scripts) are not modules. `ignore-names` globs are matched "
        "against the name without its suffix."
    ),
)

PACKAGE_NAME = Rule(
    code="STD207",
    name="package-name",
    message="package name '{name}' should be lowercase letters and "
    "digits only",
    summary=(
        "A package folder (holding `__init__.py`) whose name is not "
        "lowercase letters and digits only."
    ),
    rationale=(
        "Package names are short, all-lowercase words (`mypackage`): "
        "they are typed in every import of every module inside them."
    ),
    bad="# folder: my_package/__init__.py\n",
    good="# folder: mypackage/__init__.py\n",
    options=("ignore-names",),
    peers=("pylint C0103",),
    notes=(
        "Reported once per package, at line 1 of its `__init__.py`. A "
        "leading underscore (a private package, `_internal`) is allowed; "
        "PEP 561 stub-only packages (`name-stubs`, holding only "
        "`__init__.pyi`) are not checked. Locale packages named after "
        "language codes (Django's `en_GB`) are reported: list them in "
        "`ignore-names` or `per-file-ignores`."
    ),
)

PRIVATE_ACCESS = Rule(
    code="STD208",
    name="private-access",
    message="private attribute '{name}' used outside its class and module",
    summary=(
        "An attribute with a single leading underscore read or written on "
        "an object other than `self`/`cls` or the defining class, "
        "outside the module that defines it."
    ),
    rationale=(
        "A leading underscore says \"internal\": the owner may change or "
        "remove it without notice, so code elsewhere must not depend on "
        "it."
    ),
    bad="import shop\n\nshop.cart._items.clear()\n",
    good="import shop\n\nshop.cart.clear()\n",
    options=("ignore-names",),
    peers=("ruff SLF001", "pylint W0212"),
    notes=(
        "An attribute counts as defined by the module when the module "
        "defines a function, method or class-body name of that name, "
        "assigns it on `self`/`cls`, or lists it in `__slots__`; then "
        "any access in the module is allowed (e.g. `other._x` in "
        "`__eq__`). Always allowed: access on `self`, `cls`, the first "
        "parameter of an enclosing method, `super()`, `type(self)`, "
        "`self.__class__` and classes defined in the module; dunder and "
        "sunder names (`_value_`, `_missing_`: enum API); the "
        "`namedtuple` API (`_asdict`, `_replace`, `_make`, `_fields`, "
        "`_field_defaults`), `os._exit`, and Django's documented model "
        "API (`_meta`, `_default_manager`, `_base_manager`, `_state`). "
        "`sys._getframe` is reported (a CPython implementation detail). "
        "Test modules are not exempt: list them in `per-file-ignores` "
        "if your tests may reach into internals." + _IGNORE_NAMES
    ),
)

EXCEPTION_NAME = Rule(
    code="STD209",
    name="exception-name",
    message="exception name '{name}' should end in 'Error'",
    summary=(
        "An exception class whose name does not end in `Error` "
        "(warnings and `*Exit`/`*Interrupt` aside)."
    ),
    rationale=(
        "The suffix tells a reader at the `raise` and the `except` that "
        "the class is an error, as the built-in exceptions do."
    ),
    bad="class OrderNotFound(Exception):\n    pass\n",
    good="class OrderNotFoundError(Exception):\n    pass\n",
    options=("ignore-names",),
    peers=("pep8-naming N818", "ruff N818"),
    fix=FixSafety.UNSAFE,
    fix_notes=(
        "Unsafe: code elsewhere may import or catch it by name. "
        "`OrderNotFound` becomes `OrderNotFoundError`, `ShopException` "
        "`ShopError`. " + _RENAME_NOTES
    ),
    notes=(
        "A class is an exception when a base is `Exception`, "
        "`BaseException` or another built-in exception (`ValueError`, "
        "`OSError`, ...), or a class of the same file that is one; "
        "pep8-naming N818 only follows `Exception`. Exempt: warnings "
        "(a base that is a `Warning`, or a name ending in `Warning`) and "
        "control-flow exits, judged by the base class: subclasses of "
        "`SystemExit`, `KeyboardInterrupt` or `GeneratorExit` (or of a "
        "class of the same file that is one), whatever their name, and "
        "names ending in `Exit` or `Interrupt`. Exceptions imported "
        "from elsewhere are not "
        "followed (their names are unknown to a one-file check)."
        + _IGNORE_NAMES
    ),
)


WORD = re.compile(r"\w+")
CONTROL_FLOW_EXITS = frozenset(
    {"SystemExit", "KeyboardInterrupt", "GeneratorExit"}
)
CLASS_KINDS = ("warning", "exit", "exception")  # the first found decides


@dataclass
class Pending:
    """A finding held until the end of the walk, to judge its fix.

    Attributes:
        rule: The rule broken.
        node: Where the name is bound.
        name: The name.
        fix: The fix safety, if the rename turns out possible.
        scope: The scope binding the name.
        problem: Detail for the message (STD205).
    """

    rule: Rule
    node: ast.AST
    name: str
    fix: FixSafety
    scope: Scope
    problem: str = ""


def _dictated(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Return whether an external API dictates a function's name."""
    return is_api_name(node.name) or has_decorator(node, "override")


def _in_annotation(node: ast.AST, parents: Sequence[ast.AST]) -> bool:
    """Return whether an expression is inside an annotation."""
    child = node
    for parent in reversed(parents):
        if isinstance(parent, (ast.arg, ast.AnnAssign)):
            return child is parent.annotation
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return child is parent.returns
        if isinstance(parent, ast.stmt):
            return False
        child = parent
    return False


def _names_a_definition(pending: Pending) -> bool:
    """Return whether a local variable finding names a def or class.

    ``class C: ...`` then ``C = decorate(C)`` in a function rebinds a
    class: its name is STD204's (or STD201's for a function) to judge,
    not STD203's.
    """
    scope = pending.scope
    return (
        pending.rule is VARIABLE_NAME
        and scope.kind == FUNCTION
        and pending.name in scope.classes | scope.functions
    )


def _is_flag(bindings: list[Binding]) -> bool:
    """Return whether a module-level name is a flag ``if``/``try`` set.

    ``HAVE_SSL = True`` then ``except ImportError: HAVE_SSL = False``:
    every binding is a literal, some in an arm of an ``if`` or ``try``.
    The name is a setting the import-time paths decide, not a variable;
    it is not offered a rename.
    """
    return all(
        binding.kind == ASSIGN and binding.constant for binding in bindings
    ) and any(binding.branch for binding in bindings)


def _may_break_style(name: str, bindings: list[Binding]) -> bool:
    """Return whether a module-level name may be judged wrong.

    Only a constant, an ``UPPER_CASE`` name (rebound) or a name with
    capitals (mixedCase) can be: the test spares the others (most
    functions and imports) the judgement.
    """
    return (
        not is_lower(name)
        or is_upper(name)
        or any(binding.constant for binding in bindings)
    )


def _may_be_seen(scope: Scope, name: str) -> bool:
    """Return whether renaming a local may change what code observes.

    A ``class`` statement's name is its ``__name__``, shown by the
    default ``repr`` of its instances and by generated ones (dataclass,
    attrs); a function's ``__name__`` can be read by whatever receives
    the function (a decorator, ``functools.wraps``, a thread's default
    name): only a function that is never used other than called keeps
    its name to itself.
    """
    return name in scope.classes or (
        name in scope.functions and name in scope.escaping
    )


class NameChecker(ScopeTracker):
    """Reports names that break the naming convention.

    Functions, arguments, variables, classes, constants and exceptions
    (STD201-STD205, STD209).
    """

    rules = (
        FUNCTION_NAME,
        ARGUMENT_NAME,
        VARIABLE_NAME,
        CLASS_NAME,
        CONSTANT_NAME,
        EXCEPTION_NAME,
    )
    on_demand = frozenset({"visit_Constant", "visit_Attribute"})

    def __init__(self, ctx: FileContext) -> None:
        """Start with no bindings and no known exception classes."""
        super().__init__(ctx)
        self.module_bindings: dict[str, list[Binding]] = {}
        self.imported: set[str] = set()  # module-level names imported
        self.branches = Branches()
        self.class_kinds: dict[str, str] = {}
        # Module-level lowercase classes by the name of their base.
        self.lowercase_classes: dict[str, list[str]] = (
            collections.defaultdict(list)
        )
        self.lowercase_defined: set[str] = set()  # every such class
        self.schemes: set[str] = set()  # those sharing a base, at the end
        self.pending: list[Pending] = []
        self.keywords: set[str] = set()
        self.annotation_words: set[str] = set()
        if any(name in ctx.source for name in FRAME_NAMESPACES):
            self.switch("visit_Attribute", True)

    # Definitions: functions, lambdas, classes.

    def define(self, node: ast.AST) -> None:
        """Check a definition's name (its parameters come next)."""
        if not isinstance(
            node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            return
        if not self._is_import_fallback(node.name):
            if isinstance(node, ast.ClassDef):
                self._check_class(node)
            elif not is_lower(node.name) and not _dictated(node):
                self._check_style(  # is_lower first: most pass, cheaply
                    FUNCTION_NAME, node, node.name, is_lower,
                    self._rename_safety(node),
                )
        if isinstance(node, ast.ClassDef):
            self.scope.classes.add(node.name)
        else:
            self.scope.functions.add(node.name)
        self._bind(node.name, node, DEFINE, node)

    def _is_import_fallback(self, name: str) -> bool:
        """Return whether a module-level definition replaces an import.

        ``try: from x import Name`` / ``except ImportError: def Name``
        defines the imported API's name: its definer owns it.
        """
        return self.scope.kind == MODULE and name in self.imported

    def visit_arguments(self, node: ast.arguments) -> None:
        """Note parameter names in their function's scope; check them.

        Parameters are only ever in ``arguments``: noting them here
        spares a hook call per ``arg``.
        """
        every = [*node.posonlyargs, *node.args, *node.kwonlyargs]
        for extra in (node.vararg, node.kwarg):
            if extra is not None:
                every.append(extra)
        self.scope.names.update(argument.arg for argument in every)
        function = self.scope.node
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.scope.spelt |= documented(
                (argument.arg for argument in every),
                ast.get_docstring(function, clean=False),
            )
        if "visit_Constant" not in self.switched_on and (
            getattr(function, "returns", None) is not None
            or any(argument.annotation is not None for argument in every)
        ):
            self._annotations_met()
        wrong = [
            argument for argument in every
            if not (is_lower(argument.arg) or self.is_exempt(argument.arg))
        ]
        if not wrong or isinstance(  # most have none: judge the def then
            function, (ast.FunctionDef, ast.AsyncFunctionDef)
        ) and _dictated(function):
            return
        fix = FixSafety.NONE if self._takes_fixtures(
            function
        ) else FixSafety.UNSAFE
        for argument in wrong:
            self.pending.append(Pending(
                ARGUMENT_NAME, argument, argument.arg, fix, self.scope,
            ))

    def _takes_fixtures(self, function: ast.AST) -> bool:
        """Return whether pytest passes a function's arguments by name.

        The parameters of a test (``test*`` in a test module) and of a
        fixture are fixture names, requested by keyword: renaming one
        breaks the test.
        """
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        return has_decorator(function, "fixture") or (
            self.ctx.is_test and function.name.startswith("test")
        )

    def _check_class(self, node: ast.ClassDef) -> None:
        """Check a class's name and exception suffix (STD204/209)."""
        kinds = {self._class_kind(base) for base in node.bases}
        kind = next(
            (kind for kind in CLASS_KINDS if kind in kinds), ""
        )
        if kind:
            self.class_kinds[node.name] = kind
        base = final_name(node.bases[0]) if node.bases else None
        if self.scope.kind == MODULE and is_lower(node.name):
            self.lowercase_defined.add(node.name)
            if base not in (None, "object"):
                self.lowercase_classes[base].append(node.name)
        fix = self._rename_safety(node)
        self._check_style(CLASS_NAME, node, node.name, is_cap_words, fix)
        if kind == "exception":
            self._check_style(
                EXCEPTION_NAME, node, node.name, is_error_name, fix
            )

    def _class_kind(self, base: ast.expr) -> str:
        """Return ``exception``, ``warning`` or ``exit`` for a base."""
        name = final_name(base) or ""
        if name in BUILTIN_WARNINGS:
            return "warning"
        if name in CONTROL_FLOW_EXITS:
            return "exit"
        if name in BUILTIN_EXCEPTIONS:
            return "exception"
        return self.class_kinds.get(name, "")

    def _check_style(
        self,
        rule: Rule,
        node: ast.AST,
        name: str,
        follows: Callable[[str], bool],
        fix: FixSafety,
    ) -> None:
        """Report a name once per scope unless it follows the style.

        The report waits for the end of the walk when a rename may fix
        it: whether the new name is free is known only then.
        """
        if follows(name):  # most names do: spare the key
            return
        key = f"{rule.code} {name}"
        reported = self.scope.reported
        if key in reported or self.is_exempt(name):
            return
        reported.add(key)
        if fix is FixSafety.NONE:
            self.report_name(rule, node, name, fix=fix)
        else:
            self.pending.append(Pending(rule, node, name, fix, self.scope))

    def _rename_safety(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    ) -> FixSafety:
        """Return how safe renaming a ``def`` or ``class`` is.

        A plain function local to a function is only used there (safe);
        module-level names may be imported, and a decorator may read a
        function's name (unsafe); methods and classes nested in classes
        are reached through attributes, which a rename cannot follow
        (no fix).
        """
        kind = self.scope.kind
        if kind == CLASS:
            return FixSafety.NONE
        if kind == FUNCTION and not isinstance(node, ast.ClassDef):
            return FixSafety.UNSAFE if node.decorator_list else FixSafety.SAFE
        return FixSafety.UNSAFE

    def is_exempt(self, name: str) -> bool:
        """Return whether a name is ignored or dictated by an API."""
        return is_api_name(name) or self.is_ignored(name)

    # Bindings.

    def visit_Global(self, node: ast.Global) -> None:
        """Remember names a function binds at module level."""
        self.scope.declared_global.update(node.names)
        self.scope.names.update(node.names)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        """Remember names a function binds in an enclosing function."""
        self.scope.declared_nonlocal.update(node.names)
        self.scope.names.update(node.names)

    def visit_Name(self, node: ast.Name) -> None:
        """Note a name used in the scope (``del`` defeats renames)."""
        scope, name, context = self.scope, node.id, type(node.ctx)
        scope.names.add(name)
        if context is ast.Load:  # the most frequent node: tests by type
            parent = self.ctx.parents[-1]  # (a name is never the root)
            if not (type(parent) is ast.Call and parent.func is node):
                scope.escaping.add(name)
        elif context is ast.Del:
            scope.unrenamable.add(name)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        """Note a frame's names read (on demand: files naming one)."""
        if node.attr in FRAME_NAMESPACES:
            self.scope.reads_frames = True

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        """Note the names an f-string prints with ``=`` (``f"{x=}"``).

        The :mod:`ast` of ``f"{x=}"`` is that of ``f"x={x!r}"``: a text
        ending in ``=`` before a field. The source lines decide.
        """
        values = node.values
        fields = [
            value.value
            for text, value in zip(values, values[1:])
            if isinstance(value, ast.FormattedValue)
            and isinstance(text, ast.Constant)
            and str(text.value).rstrip().endswith("=")
        ]
        if fields and has_debug_field(
            "".join(self.ctx.lines[node.lineno - 1:node.end_lineno])
        ):
            self.scope.spelt.update(
                name.id
                for field in fields
                for name in ast.walk(field)
                if isinstance(name, ast.Name)
            )

    def visit_keyword(self, node: ast.keyword) -> None:
        """Note argument names passed by keyword (STD202 renames)."""
        if node.arg is not None:
            self.keywords.add(node.arg)

    def _annotations_met(self) -> None:
        """Look at string constants from the first annotation on.

        The hook of a parameter list or annotated assignment runs
        before its annotations are visited: a constant seen before the
        first such annotation cannot be in one.
        """
        self.switch("visit_Constant", True)

    def visit_Constant(self, node: ast.Constant) -> None:
        """Note the words of string annotations (renames skip them)."""
        if isinstance(node.value, str) and _in_annotation(
            node, self.ctx.parents
        ):
            self.annotation_words.update(WORD.findall(node.value))

    def visit_Assign(self, node: ast.Assign) -> None:
        """Bind assignment targets."""
        # Only module-level bindings keep ``constant``: skip the test
        # elsewhere.
        literal = self.scope.kind == MODULE and is_literal(node.value)
        spellings = set(_call_spellings(node.value))
        if spellings:  # ``T = TypeVar("T")``
            self.scope.spelt.update(
                target.id for target in node.targets
                if isinstance(target, ast.Name) and target.id in spellings
            )
        for target in node.targets:
            for name in target_names(target):
                self._bind(
                    name.id, name, ASSIGN, node,
                    value=node.value if name is target else None,
                    constant=literal and name is target,
                )

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        """Bind (or declare) an annotated name."""
        self._annotations_met()
        if not isinstance(node.target, ast.Name):
            return
        if final_name(node.annotation) == "TypeAlias":
            return
        final = final_name(node.annotation) == "Final"
        self._bind(
            node.target.id, node.target,
            ASSIGN if node.value is not None else DECLARE, node,
            value=node.value,
            constant=final or (
                node.value is not None and is_literal(node.value)
            ),
            final=final,
        )

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        """Rebind an augmented target."""
        if isinstance(node.target, ast.Name):
            self._bind(node.target.id, node.target, AUGMENT, node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        """Bind a walrus target (a class factory too, as ``=`` does)."""
        self._bind(
            node.target.id, node.target, ASSIGN, node, value=node.value
        )

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        """Bind loop variables."""
        for name in target_names(node.target):
            self._bind(name.id, name, LOOP, node)

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        """Bind ``as`` targets."""
        for item in node.items:
            if item.optional_vars is not None:
                for name in target_names(item.optional_vars):
                    self._bind(name.id, name, ASSIGN, node)

    visit_AsyncWith = visit_With

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        """Bind ``except ... as name``."""
        if node.name is not None:
            self._bind(node.name, node, ASSIGN, node)

    def visit_MatchAs(self, node: ast.MatchAs | ast.MatchStar) -> None:
        """Bind a capture pattern."""
        if node.name is not None:
            self.scope.unrenamable.add(node.name)
            self._bind(node.name, node, ASSIGN, node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        """Bind ``**rest`` of a mapping pattern."""
        if node.rest is not None:
            self.scope.unrenamable.add(node.rest)
            self._bind(node.rest, node, ASSIGN, node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        """Check comprehension variables (their own scope)."""
        for name in target_names(node.target):
            if not is_dummy(name.id):
                self._check_style(
                    VARIABLE_NAME, name, name.id, is_lower, FixSafety.SAFE
                )

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        """Bind imported names (the definer owns them: not judged)."""
        for alias in node.names:
            if alias.name == "*":
                continue
            bound = alias.asname or alias.name
            if isinstance(node, ast.Import) and alias.asname is None:
                bound = bound.split(".", 1)[0]
            self._bind(bound, alias, IMPORT, node)

    visit_ImportFrom = visit_Import

    def _bind(
        self,
        name: str,
        node: ast.AST,
        kind: str,
        statement: ast.AST,
        *,
        value: ast.expr | None = None,
        constant: bool = False,
        final: bool = False,
    ) -> None:
        """Judge a binding in its scope, or record a module one."""
        scope = self.scope
        scope.names.add(name)
        if kind == IMPORT:
            scope.unrenamable.add(name)
        if scope.kind == FUNCTION and name not in scope.declared_global:
            if is_lower(name) or kind in (IMPORT, DEFINE, AUGMENT):
                return  # most locals are lowercase (dummies are)
            if name in scope.declared_nonlocal:
                return
            if is_cap_words(name) and creates_class(value):
                return
            self._check_style(
                VARIABLE_NAME, node, name, is_lower, FixSafety.SAFE
            )
            return
        if scope.kind == CLASS or is_dummy(name):
            return
        if scope.kind == FUNCTION:  # a name declared global
            kind, constant, final = GLOBAL, False, False
        elif kind == LOOP:
            self._check_style(
                VARIABLE_NAME, node, name, is_lower, FixSafety.UNSAFE
            )
        if kind == IMPORT:
            self.imported.add(name)
        branch = (
            self.branches.path(self.ctx.parents, statement)
            if kind != GLOBAL else ()
        )
        self.module_bindings.setdefault(name, []).append(
            Binding(node, kind, constant, final, branch)
        )

    # Module-level names, once every binding is known.

    def finish(self) -> None:
        """Judge module-level names, then report what waited."""
        dictated = framework_names(self.ctx.filename, self.module_bindings)
        for name, bindings in self.module_bindings.items():
            if _may_break_style(name, bindings) and not (
                is_dunder(name)
                or self.is_exempt(name)
                or dictated is None
                or name in dictated
            ):
                self._judge_module_name(name, bindings)
        codes: dict[tuple[int, str], set[str]] = collections.defaultdict(
            set
        )
        judged = [
            pending for pending in self.pending
            if not _names_a_definition(pending)
        ]
        for pending in judged:
            codes[id(pending.scope), pending.name].add(pending.rule.code)
        spelt = self._names_normalized()
        for base, family in self.lowercase_classes.items():
            if len(family) > 1:
                self.schemes.update(family)
                if base in self.lowercase_defined:
                    self.schemes.add(base)
        for pending in judged:
            fix = pending.fix
            if not spelt or not self._renamable(
                pending.scope, pending.name,
                codes[id(pending.scope), pending.name],
            ):
                fix = FixSafety.NONE
            elif fix is FixSafety.SAFE and _may_be_seen(
                pending.scope, pending.name
            ):
                fix = FixSafety.UNSAFE
            self.report_name(
                pending.rule, pending.node, pending.name,
                fix=fix, problem=pending.problem,
            )

    def _names_normalized(self) -> bool:
        """Return whether every name in the source is NFKC-normal."""
        if not self.pending or is_normalized(self.ctx.source):
            return True  # so is every name in it: no tokens needed
        return all(
            is_normalized(text)
            for kind, text, _, _, _ in self.ctx.tokens
            if kind == tokenize.NAME
        )

    def _renamable(self, scope: Scope, old: str, codes: set[str]) -> bool:
        """Return whether the rename fix can rename a name in its scope.

        The fix's own predicate (:func:`rename_target`) decides, on
        what this walk saw of the scope; the rest the fix learns from
        libcst: every binding must be one a rename follows (no import,
        ``match`` capture or ``del``, no string annotation naming it),
        and no line of the scope may grow past ``max-line-length``. In
        a fix run, a module-level name or an argument that another file
        of the run may take (``ctx.outside``) is not renamed either,
        nor a lowercase class of a scheme: one sharing its base with
        another lowercase class of the module (SQLAlchemy's SQL
        functions, ``class percentile_cont(OrderedSetAgg)``), or that
        base when the module defines it in lowercase (dateutil's
        ``rrulebase`` of ``rrule`` and ``rruleset``), whose names are a
        vocabulary of their own.
        """
        module_level = scope.kind == MODULE
        if CLASS_NAME.code in codes and old in self.schemes:
            return False
        reads = ScopeReads(
            scope.names,
            scope.spelt,
            scope.reads_frames or not DYNAMIC_NAMES.isdisjoint(scope.names),
        )
        new = rename_target(
            old, codes, reads,
            module_level=module_level, keywords=self.keywords,
        )
        if new is None or old in scope.unrenamable or (
            {new, old} & self.annotation_words
        ):
            return False
        if old in self.ctx.outside and (
            module_level or ARGUMENT_NAME.code in codes
        ):
            return False
        lines = self.ctx.lines
        if not module_level:
            node = scope.node
            lines = lines[getattr(node, "lineno", 1) - 1:getattr(
                node, "end_lineno", len(lines)
            )]
        return not lengthens_past(
            lines, old, new, self.ctx.config.max_line_length
        )

    def _judge_module_name(self, name: str, bindings: list[Binding]) -> None:
        """Report one module-level name's constant or variable style."""
        counted = sorted(
            (b for b in bindings if b.kind != DECLARE),
            key=lambda binding: binding.kind == GLOBAL,
        )
        first = counted[0] if counted else bindings[0]
        if first.final or (len(counted) == 1 and first.constant):
            if not is_upper(name):
                self._pend(CONSTANT_NAME, first.node, name,
                           problem="should be UPPER_CASE")
            return
        kinds = {binding.kind for binding in bindings}
        if kinds == {IMPORT}:  # imported only: the definer's name
            return
        if is_upper(name) and DEFINE not in kinds:
            rebound = rebinding(counted)
            if rebound is not None:
                self._pend(
                    CONSTANT_NAME, rebound.node, name,
                    problem=f"is rebound (first bound on line "
                    f"{getattr(first.node, 'lineno', 1)})",
                    fix=FixSafety.NONE if _is_flag(counted) else None,
                )
        elif is_mixed_case(name) and not kinds & {IMPORT, DEFINE, LOOP}:
            self._pend(VARIABLE_NAME, first.node, name)

    def _pend(
        self,
        rule: Rule,
        node: ast.AST,
        name: str,
        problem: str = "",
        fix: FixSafety | None = None,
    ) -> None:
        """Queue a module-level name's finding (by default unsafe)."""
        self.pending.append(Pending(
            rule, node, name, fix or FixSafety.UNSAFE, self.scopes[0],
            problem,
        ))


class FileNameChecker(Checker):
    """Reports module file and package folder names (once per file)."""

    rules = (MODULE_NAME, PACKAGE_NAME)

    def finish(self) -> None:
        """Judge the file name, and the package's from its init."""
        stem, suffix = os.path.splitext(self.ctx.filename)
        if suffix not in (".py", ".pyi"):
            return
        ignored = glob_matcher(self.ctx.config.ignore_names)
        if stem == "__init__":
            if suffix == ".py":
                folder = os.path.dirname(os.path.abspath(self.ctx.path))
                name = os.path.basename(folder)
                private = name.lstrip("_")
                if not (private.isalnum() and is_lower(private)) and not (
                    ignored and ignored.match(name)
                ):
                    self.ctx.report(PACKAGE_NAME, 1, 0, name=name)
            return
        if stem == "__main__" or (ignored and ignored.match(stem)):
            return
        if not (stem.replace("_", "").isalnum() and is_lower(stem)):
            self.ctx.report(MODULE_NAME, 1, 0, name=stem)


class PrivateAccessChecker(ScopeTracker):
    """Reports private attributes used outside their class and module.

    Accesses are collected during the walk and judged at the end, once
    every private name the module defines is known.
    """

    rules = (PRIVATE_ACCESS,)

    def __init__(self, ctx: FileContext) -> None:
        """Start with nothing defined and nothing accessed."""
        super().__init__(ctx)
        self.defined: set[str] = set()
        self.class_names: set[str] = set()
        self.accesses: list[ast.Attribute] = []

    def define(self, node: ast.AST) -> None:
        """Remember the names of functions, methods and classes."""
        if isinstance(node, ast.ClassDef):
            self.class_names.add(node.name)
        if isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        ):
            self.defined.add(node.name)

    def visit_Assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        """Remember class-body names and ``__slots__`` entries."""
        if self.scope.kind != CLASS:
            return
        targets = node.targets if isinstance(node, ast.Assign) else [
            node.target
        ]
        for target in targets:
            for name in target_names(target):
                self.defined.add(name.id)
                if name.id == "__slots__" and node.value is not None:
                    self.defined.update(_strings_in(node.value))

    visit_AnnAssign = visit_Assign

    def visit_Attribute(self, node: ast.Attribute) -> None:
        """Collect a private attribute access, or a self definition."""
        if node.attr[0] != "_" or not is_private(node.attr):
            return  # (most attributes are public: the call is spared)
        if self._is_self(node.value):
            if not isinstance(node.ctx, ast.Load):
                self.defined.add(node.attr)
            return
        self.accesses.append(node)

    def _is_self(self, node: ast.expr) -> bool:
        """Return whether an object is the current instance or class."""
        if isinstance(node, ast.Name):
            return node.id in SELF_NAMES or any(
                outer.kind == CLASS and _self_name(inner.node) == node.id
                for outer, inner in zip(self.scopes, self.scopes[1:])
            )
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "super":
                return True
            return node.func.id == "type" and len(node.args) == 1 and (
                self._is_self(node.args[0])
            )
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "__class__"
            and self._is_self(node.value)
        )

    def finish(self) -> None:
        """Report the accesses to names the module does not define."""
        for node in self.accesses:
            name = node.attr
            owner = node.value
            if (
                name in self.defined
                or name in PUBLIC_PRIVATE_NAMES
                or self.is_ignored(name)
            ):
                continue
            if isinstance(owner, ast.Name) and (
                owner.id in self.class_names
                or (owner.id, name) in PUBLIC_PRIVATE_ATTRIBUTES
            ):
                continue
            line = node.end_lineno or node.lineno
            end = self.ctx.char_col(line, node.end_col_offset or 0)
            self.ctx.report(
                PRIVATE_ACCESS,
                line,
                end - len(name),
                end_line=line,
                end_col=end,
                name=name,
            )


def _self_name(function: ast.AST) -> str | None:
    """Return the first parameter of a method (``self``, ``cls``).

    Asked only about a private attribute's object: most functions
    never need theirs.
    """
    if not isinstance(
        function, (ast.FunctionDef, ast.AsyncFunctionDef)
    ) or has_decorator(function, "staticmethod"):
        return None
    positional = function.args.posonlyargs + function.args.args
    return positional[0].arg if positional else None


def _strings_in(node: ast.expr) -> Iterator[str]:
    """Yield the string constants of a ``__slots__`` value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        for element in node.elts:
            yield from _strings_in(element)
