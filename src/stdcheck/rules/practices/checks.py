"""STD9xx: logging and other practices (print, dates, models...)."""

from __future__ import annotations

import ast
import functools
import re

from stdcheck.core.context import FileContext
from stdcheck.core.registry import FixSafety, Rule
from stdcheck.rules.common.calls import NameResolver, keyword

PRINT_IN_LIBRARY = Rule(
    code="STD901",
    name="print-in-library",
    message="print() in library code; use a logger",
    summary="A `print()` call in library code.",
    rationale=(
        "The standard asks for structured logging with levels that "
        "each environment configures; `print()` output has no level, "
        "no context and cannot be turned off or routed by the "
        "application that imports the library."
    ),
    bad=(
        "def charge(order):\n"
        "    print('charging', order.id)\n"
    ),
    good=(
        "import logging\n"
        "\n"
        "logger = logging.getLogger(__name__)\n"
        "\n"
        "\n"
        "def charge(order):\n"
        "    logger.info('charging %s', order.id)\n"
    ),
    options=("allow-print",),
    peers=("ruff T201", "flake8-print T201"),
    notes=(
        "Programs may print: `__main__.py` modules, scripts (a file "
        "with a top-level `if __name__ == '__main__':`), tests, and "
        "files matching the `allow-print` globs are exempt, and so is "
        "`print(..., file=stream)` to a stream other than "
        "`sys.stdout`/`sys.stderr` (writing a report to a file). "
        "`sys.stdout` and `sys.stderr` are known by name even where "
        "`sys` is not imported (ruff then takes them for a file). "
        "Deliberate differences from ruff T201, which reports prints "
        "in scripts and tests too."
    ),
)
LOGGING_FORMAT = Rule(
    code="STD902",
    name="logging-eager-format",
    message="logging message formatted with {how}; pass the values as "
    "arguments (`logger.info('user %s', user_id)`)",
    summary=(
        "A logging call whose message is built with an f-string, `%` "
        "or `.format()`."
    ),
    rationale=(
        "With `logger.info('user %s', user_id)` the message is built "
        "only if the record is emitted, stays one template for log "
        "aggregation, and the values stay available to structured "
        "handlers."
    ),
    bad="logger.info(f'user {user_id} logged in')\n",
    good="logger.info('user %s logged in', user_id)\n",
    default=False,
    peers=("ruff G004", "ruff G001", "ruff G002", "pylint W1203"),
    notes=(
        "Off by default: the standard's own examples log with "
        "f-strings. Select it by code or name to enforce lazy "
        "formatting. A logging call is `logging.<level>(...)` or a "
        "level method on a receiver named like a logger (`logger`, "
        "`log`, `self._logger`) or made by `logging.getLogger()`. "
        "Covers ruff G004 (f-strings), G001 (`.format()`) and G002 "
        "(`%`) in one rule; unlike ruff, a logger-like object that is "
        "not from the `logging` module (`distutils.log`) counts too."
    ),
)
DATETIME_UTC = Rule(
    code="STD903",
    name="naive-utc-datetime",
    message="datetime.{method}() is deprecated and returns a naive "
    "datetime; use {replacement}",
    summary="`datetime.utcnow()` or `datetime.utcfromtimestamp()`.",
    rationale=(
        "Both are deprecated since Python 3.12 and return naive "
        "datetimes that most of the library then takes for local "
        "time (`.timestamp()` is off by the UTC offset); an aware "
        "datetime says which zone it is in."
    ),
    bad=(
        "from datetime import datetime\n"
        "\n"
        "stamp = datetime.utcnow().isoformat()\n"
    ),
    good=(
        "from datetime import datetime, timezone\n"
        "\n"
        "stamp = datetime.now(timezone.utc).isoformat()\n"
    ),
    fix=FixSafety.UNSAFE,
    peers=("ruff DTZ003", "ruff DTZ004"),
    fix_notes=(
        "Rewrites `datetime.utcnow()` to `datetime.now(timezone.utc)` "
        "and `datetime.utcfromtimestamp(ts)` to `datetime.fromtimestamp("
        "ts, tz=timezone.utc)`, importing `timezone` from `datetime` "
        "(as `dt_timezone` when the file's `timezone` is another "
        "module, such as Django's; through the module when it is "
        "imported as one: `dt.timezone.utc`). The result is aware, so "
        "the fix is unsafe in general: comparing it with a naive "
        "datetime raises `TypeError`, and `isoformat()` or `str()` "
        "gain `+00:00`. It is safe, and applied by default, where the "
        "value is used zone-blind on the spot: `.date()`, `.time()`, "
        "`.year` ... `.microsecond`, `.weekday()`, `.isoweekday()`, "
        "`.isocalendar()`, or `.strftime(format)` with a literal format "
        "without `%z`, `%Z`, `%c` or `%s`."
    ),
    notes=(
        "Names are resolved through the imports: `import datetime as "
        "dt; dt.datetime.utcnow()` is reported, a `utcnow()` method of "
        "another class is not."
    ),
)
PYDANTIC_V1_METHOD = Rule(
    code="STD904",
    name="pydantic-v1-method",
    message="pydantic v1 method .{method}() on a {model} model; use "
    ".{replacement}()",
    summary=(
        "`.dict()` or `.json()` called on an object seen to be a "
        "pydantic model."
    ),
    rationale=(
        "Pydantic v2 renamed them `model_dump()` and "
        "`model_dump_json()`; the old names warn on every call and go "
        "away in the next major version."
    ),
    bad=(
        "from pydantic import BaseModel\n"
        "\n"
        "\n"
        "class User(BaseModel):\n"
        "    name: str\n"
        "\n"
        "\n"
        "def to_row(user: User):\n"
        "    return user.dict()\n"
    ),
    good=(
        "from pydantic import BaseModel\n"
        "\n"
        "\n"
        "class User(BaseModel):\n"
        "    name: str\n"
        "\n"
        "\n"
        "def to_row(user: User):\n"
        "    return user.model_dump()\n"
    ),
    fix=FixSafety.UNSAFE,
    fix_notes=(
        "Renames the method: `.dict(...)` to `.model_dump(...)`, "
        "`.json(...)` to `.model_dump_json(...)`, keeping the "
        "arguments. Unsafe: it needs pydantic 2, and some v1 keyword "
        "arguments (`encoder=`, `models_as_dict=`) do not exist in v2."
    ),
    notes=(
        "Only where the model can be seen in the file: the class "
        "derives (directly or through classes of the same file) from "
        "`pydantic.BaseModel`, `RootModel`, `pydantic_settings."
        "BaseSettings` or `sqlmodel.SQLModel`, and the receiver is a "
        "parameter annotated with it, a name assigned from calling it "
        "(or its `model_validate`/`parse_obj`), a call of it, or "
        "`self` in its methods. Models of the `pydantic.v1` "
        "compatibility layer are exempt. No peer tool has this rule."
    ),
)
MUTABLE_DEFAULT = Rule(
    code="STD905",
    name="mutable-default-argument",
    message="mutable default {default} is shared between calls; "
    "default to None and create it in the body",
    summary="A parameter defaulting to a list, dict, set or similar.",
    rationale=(
        "A default is evaluated once, when the function is defined: "
        "every call that mutates it changes it for all later calls."
    ),
    bad=(
        "def add_tag(tag, tags=[]):\n"
        "    tags.append(tag)\n"
        "    return tags\n"
    ),
    good=(
        "def add_tag(tag, tags=None):\n"
        "    tags = [] if tags is None else tags\n"
        "    tags.append(tag)\n"
        "    return tags\n"
    ),
    peers=("ruff B006", "flake8-bugbear B006", "pylint W0102"),
    notes=(
        "Reports list, dict and set displays and comprehensions, and "
        "calls of `list`, `dict`, `set`, `bytearray` and the "
        "`collections` containers (`deque`, `defaultdict`, "
        "`OrderedDict`, `Counter`), as defaults of `def` and "
        "`async def` parameters."
    ),
)
CACHED_METHOD = Rule(
    code="STD906",
    name="cached-method",
    message="@{decorator} on a method keeps every instance alive; "
    "cache a module-level function or use functools.cached_property",
    summary="`functools.lru_cache` or `functools.cache` on a method.",
    rationale=(
        "The cache is global and holds `self` in its keys, so the "
        "instances are never freed (a memory leak) and one instance's "
        "entries evict another's."
    ),
    bad=(
        "import functools\n"
        "\n"
        "\n"
        "class Prices:\n"
        "    @functools.lru_cache(maxsize=100)\n"
        "    def quote(self, sku):\n"
        "        return self.client.fetch(sku)\n"
    ),
    good=(
        "import functools\n"
        "\n"
        "\n"
        "@functools.lru_cache(maxsize=100)\n"
        "def quote(client, sku):\n"
        "    return client.fetch(sku)\n"
    ),
    peers=("ruff B019", "flake8-bugbear B019"),
    notes=(
        "Static methods, class methods (the class outlives its cache "
        "anyway), the implicit ones (`__new__`, `__init_subclass__`, "
        "`__class_getitem__`) and methods of `enum` classes (members are "
        "singletons) are exempt, as in ruff."
    ),
)

ZONE_BLIND = frozenset({
    "date", "time", "year", "month", "day", "hour", "minute", "second",
    "microsecond", "weekday", "isoweekday", "isocalendar",
})
PRINT_STREAMS = frozenset({"sys.stdout", "sys.stderr"})
UTC_METHODS = {
    "datetime.datetime.utcnow": "datetime.now(timezone.utc)",
    "datetime.datetime.utcfromtimestamp": (
        "datetime.fromtimestamp(timestamp, tz=timezone.utc)"
    ),
}
MODEL_BASES = frozenset({
    "pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.RootModel",
    "pydantic_settings.BaseSettings", "sqlmodel.SQLModel",
})
MODEL_MAKERS = frozenset({"model_validate", "parse_obj", "construct"})
V1_METHODS = {"dict": "model_dump", "json": "model_dump_json"}
MUTABLE_DISPLAYS = (
    ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp,
)
MUTABLE_CALLS = frozenset({
    "list", "dict", "set", "bytearray", "collections.deque",
    "collections.defaultdict", "collections.OrderedDict",
    "collections.Counter",
})
CACHES = frozenset({"functools.lru_cache", "functools.cache"})
NOT_INSTANCE = frozenset({"staticmethod", "classmethod"})
IMPLICIT_NOT_INSTANCE = frozenset({
    "__new__", "__init_subclass__", "__class_getitem__",
})


class Practices(NameResolver):
    """Reports prints, eager log formatting, naive UTC, v1 pydantic."""

    rules = (
        PRINT_IN_LIBRARY,
        LOGGING_FORMAT,
        DATETIME_UTC,
        PYDANTIC_V1_METHOD,
        MUTABLE_DEFAULT,
        CACHED_METHOD,
    )

    def __init__(self, ctx: FileContext) -> None:
        """Find the file's models."""
        super().__init__(ctx)
        self.models: set[str] = set()
        for item in ctx.tree.body:
            if isinstance(item, ast.ClassDef) and any(
                self._is_model(base) for base in item.bases
            ):
                self.models.add(item.name)

    @functools.cached_property
    def may_print(self) -> bool:
        """Return whether the file is a program (asked at a print)."""
        ctx = self.ctx
        return (
            ctx.filename == "__main__.py"
            or ctx.is_test
            or ctx.config.path_matches(ctx.path, ctx.config.allow_print)
            or any(_is_main_guard(item) for item in ctx.tree.body)
        )

    def visit_Call(self, node: ast.Call) -> None:
        """Check prints, logging calls, UTC helpers and v1 methods."""
        name = self.names.call_name(node)
        if name in ("print", "builtins.print"):
            self._check_print(node)
        elif name in UTC_METHODS:
            self.ctx.report_node(
                DATETIME_UTC,
                node,
                fix=FixSafety.SAFE if self._zone_blind() else None,
                method=name.rsplit(".", 1)[-1],
                replacement=UTC_METHODS[name],
            )
        elif self.names.is_logging_call(node):
            self._check_logging(node)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in V1_METHODS:
            model = self._model_of(func.value)
            if model is not None and not node.args:
                self.ctx.report_node(
                    PYDANTIC_V1_METHOD,
                    node,
                    method=func.attr,
                    model=model,
                    replacement=V1_METHODS[func.attr],
                )

    def visit_arguments(self, node: ast.arguments) -> None:
        """Report mutable parameter defaults of functions."""
        if not isinstance(
            self.ctx.parents[-1], (ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            return
        for default in [*node.defaults, *node.kw_defaults]:
            if default is not None and self._is_mutable(default):
                self.ctx.report_node(
                    MUTABLE_DEFAULT, default, default=ast.unparse(default)
                )

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        """Report caching decorators on methods."""
        self._check_cache(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        """Report caching decorators on async methods."""
        self._check_cache(node)

    def _check_print(self, node: ast.Call) -> None:
        """Report a print (not in programs, not to a file)."""
        if self.may_print:
            return
        stream = keyword(node, "file")
        if stream is None or (
            isinstance(stream, ast.Constant) and stream.value is None
        ) or self.names.qualified_name(stream) in PRINT_STREAMS:
            self.ctx.report_node(PRINT_IN_LIBRARY, node)

    def _zone_blind(self) -> bool:
        """Return whether the datetime made here is used zone-blind.

        ``.date()``, ``.year``, ``.strftime('%Y-%m-%d')`` and the like
        give the same result for the naive and the aware datetime.
        """
        parents = self.ctx.parents
        if not isinstance(parents[-1], ast.Attribute):
            return False
        used = parents[-1].attr
        if used in ZONE_BLIND:
            return True
        call = parents[-2] if len(parents) > 1 else None
        if used != "strftime" or not isinstance(call, ast.Call):
            return False
        form = call.args[0] if len(call.args) == 1 else None
        return (
            isinstance(form, ast.Constant)
            and isinstance(form.value, str)
            and not re.search(r"%[zZcs]", form.value)
        )

    def _check_logging(self, node: ast.Call) -> None:
        """Report a logging message formatted before the call."""
        assert isinstance(node.func, ast.Attribute)
        index = 1 if node.func.attr == "log" else 0
        message = node.args[index] if len(node.args) > index else keyword(
            node, "msg"
        )
        how = None
        if isinstance(message, ast.JoinedStr) and any(
            isinstance(part, ast.FormattedValue) for part in message.values
        ):
            how = "an f-string"
        elif (
            isinstance(message, ast.BinOp)
            and isinstance(message.op, ast.Mod)
            and _is_str(message.left)
        ):
            how = "`%`"
        elif (
            isinstance(message, ast.Call)
            and isinstance(message.func, ast.Attribute)
            and message.func.attr == "format"
            and _is_str(message.func.value)
        ):
            how = "`.format()`"
        if how is not None:
            self.ctx.report_node(LOGGING_FORMAT, node, how=how)

    def _check_cache(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef
    ) -> None:
        """Report ``lru_cache``/``cache`` on an instance method."""
        owner = self.ctx.parents[-1]
        if not isinstance(owner, ast.ClassDef) or any(
            (self.names.qualified_name(base) or "").startswith("enum.")
            for base in owner.bases
        ):
            return
        names = [
            self.names.qualified_name(
                item.func if isinstance(item, ast.Call) else item
            )
            for item in node.decorator_list
        ]
        if node.name in IMPLICIT_NOT_INSTANCE or NOT_INSTANCE.intersection(
            names
        ):
            return
        for decorator, name in zip(node.decorator_list, names):
            if name in CACHES:
                self.ctx.report_node(
                    CACHED_METHOD, decorator, decorator=name
                )

    def _is_model(self, base: ast.expr) -> bool:
        """Return whether a class base is a pydantic model class."""
        name = self.names.qualified_name(base)
        return name in MODEL_BASES or (
            isinstance(base, ast.Name) and base.id in self.models
        )

    def _model_of(self, node: ast.expr) -> str | None:
        """Return the model class of an expression, where visible."""
        if isinstance(node, ast.Name) and node.id == "self":
            return self._enclosing_model()
        value = self.names.bound_value(node)
        if isinstance(value, ast.Call):
            func = value.func
            if isinstance(func, ast.Attribute) and (
                func.attr in MODEL_MAKERS
            ):
                func = func.value
            return self._model_name(func)
        if isinstance(node, ast.Name):
            return self._annotated_model(node.id)
        return None

    def _model_name(self, node: ast.expr) -> str | None:
        """Return the name of a model class an expression names."""
        if isinstance(node, ast.Name) and node.id in self.models:
            return node.id
        if isinstance(node, ast.Constant) and node.value in self.models:
            return str(node.value)
        if isinstance(node, ast.Subscript):
            return self._model_name(node.slice)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return self._model_name(node.left) or self._model_name(
                node.right
            )
        return None

    def _annotated_model(self, name: str) -> str | None:
        """Return the model a parameter of this function is typed as."""
        function = self.names.function()
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        arguments = function.args
        for arg in [*arguments.posonlyargs, *arguments.args,
                    *arguments.kwonlyargs]:
            if arg.arg == name and arg.annotation is not None:
                return self._model_name(arg.annotation)
        return None

    def _enclosing_model(self) -> str | None:
        """Return the model class whose method holds this node."""
        parents = self.ctx.parents
        for index in range(len(parents) - 1, 0, -1):
            if isinstance(parents[index], (ast.FunctionDef,
                                           ast.AsyncFunctionDef)):
                owner = parents[index - 1]
                if isinstance(owner, ast.ClassDef):
                    return owner.name if owner.name in self.models else None
                return None
        return None

    def _is_mutable(self, node: ast.expr) -> bool:
        """Return whether a default value is a fresh mutable object."""
        if isinstance(node, MUTABLE_DISPLAYS):
            return True
        return isinstance(node, ast.Call) and (
            self.names.call_name(node) in MUTABLE_CALLS
        )


def _is_main_guard(statement: ast.stmt) -> bool:
    """Return whether a statement is ``if __name__ == "__main__":``."""
    if not isinstance(statement, ast.If):
        return False
    test = statement.test
    if not isinstance(test, ast.Compare) or len(test.comparators) != 1:
        return False
    sides = {
        side.id if isinstance(side, ast.Name) else side.value
        for side in (test.left, test.comparators[0])
        if isinstance(side, (ast.Name, ast.Constant))
    }
    return sides == {"__name__", "__main__"}


def _is_str(node: ast.expr) -> bool:
    """Return whether a node is a string literal."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str)
