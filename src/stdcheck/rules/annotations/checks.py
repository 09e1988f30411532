"""STD5xx: type hints."""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from stdcheck.core.checker import Checker
from stdcheck.core.registry import FixSafety, Rule
from stdcheck.rules.annotations.signature import read_signature
from stdcheck.rules.common.bodies import BodyFacts, FunctionBodies
from stdcheck.rules.common.definitions import (
    Function,
    dotted_name,
    enclosing_scope,
    has_decorator,
    is_abstract,
    is_method,
    is_overload,
    is_stub_body,
    is_test,
    parameters,
)

if TYPE_CHECKING:
    from stdcheck.core.context import FileContext

PUBLIC = (
    "Only public functions and methods are checked (the definition of "
    "public is STD403's); flake8-annotations checks every function, "
    "and its ANN202/ANN203 cover private ones. In test modules, "
    "`test*` functions and methods and unittest hooks are exempt (the "
    "runner calls them; pytest injects their fixtures). The "
    "implementation after `@overload` stubs and "
    "`functools.singledispatch` functions are exempt, as in "
    "flake8-annotations."
)

MISSING_ARGUMENT_ANNOTATION = Rule(
    code="STD501",
    name="missing-argument-annotation",
    message="parameter {name!r} of {function!r} has no type annotation",
    summary="A parameter of a public function without a type annotation.",
    rationale=(
        "The standard asks for type hints on parameters: they document "
        "what a function accepts and let a type checker find wrong "
        "calls."
    ),
    bad="def greet(name) -> str:\n    return 'Hello, ' + name\n",
    good="def greet(name: str) -> str:\n    return 'Hello, ' + name\n",
    peers=(
        "flake8-annotations ANN001",
        "flake8-annotations ANN002",
        "flake8-annotations ANN003",
        "ruff ANN001",
    ),
    notes=(
        PUBLIC + " `self` and `cls` (the first parameter of a method "
        "that is not a `@staticmethod`) and parameters whose name starts "
        "with an underscore are exempt. `*args` and `**kwargs` need "
        "annotations too."
    ),
)

MISSING_RETURN_ANNOTATION = Rule(
    code="STD502",
    name="missing-return-annotation",
    message="public function {name!r} has no return annotation",
    summary="A public function or method without a return annotation.",
    rationale=(
        "The standard asks for type hints on return values: they tell "
        "callers what they get back and let a type checker verify it."
    ),
    bad="def greet(name: str):\n    print('Hello, ' + name)\n",
    good="def greet(name: str) -> None:\n    print('Hello, ' + name)\n",
    fix=FixSafety.SAFE,
    peers=(
        "flake8-annotations ANN201",
        "flake8-annotations ANN204",
        "flake8-annotations ANN205",
        "flake8-annotations ANN206",
        "ruff ANN201",
    ),
    notes=(
        PUBLIC + " `__init__` needs no return annotation when one of "
        "its parameters is annotated, as mypy decides "
        "(flake8-annotations' `--mypy-init-return`)."
    ),
    fix_notes=(
        "Adds `-> None` where the body has no `return` of a value, no "
        "`yield` and is not a placeholder or abstract method (whose "
        "body says nothing about what implementations return), whose "
        "body does not only end by `raise` (such a function never "
        "returns: `NoReturn`, not `None`). Where ` -> None` would make "
        "the line longer than `max-line-length`, the signature is "
        "wrapped as black does: one parameter a line (`*` and `/` too), "
        "indented four more than the `def`, each with its comma, and "
        "`) -> None:` on a line of its own. Where that cannot be done "
        "(a comment in or after the signature, a parameter written over "
        "several lines or too long for a line of its own, a line of the "
        "signature already too long, the body on the `def` line, no "
        "parameter) the finding needs a human. Other findings are not "
        "fixed."
    ),
)

IMPLICIT_OPTIONAL = Rule(
    code="STD503",
    name="implicit-optional",
    message="{name!r} defaults to None but its annotation {annotation!r} "
    "does not admit None",
    summary=(
        "A parameter, or an attribute annotated in a class body "
        "(dataclass, pydantic model), annotated `T` with default `None` "
        "where `T` does not admit `None`."
    ),
    rationale=(
        "PEP 484 dropped implicit `Optional`: type checkers read "
        "`name: str = None` as an error, and readers are told the value "
        "is always a string when it may be missing."
    ),
    bad=(
        "def greet(name: str = None) -> str:\n"
        "    return f'Hello, {name or \"world\"}'\n"
    ),
    good=(
        "def greet(name: str | None = None) -> str:\n"
        "    return f'Hello, {name or \"world\"}'\n"
    ),
    fix=FixSafety.SAFE,
    options=("target-version",),
    peers=("ruff RUF013", "mypy implicit_optional"),
    notes=(
        "`None` is admitted by `None`, `Optional[...]`, a `Union[...]` "
        "or `X | Y` with an admitting member, `Any`, `object`, "
        "`Literal[None, ...]`, and `Annotated[T, ...]`, `ClassVar[T]`, "
        "`Final[T]` when `T` admits it; string annotations are read as "
        "the expression they hold. Names bound by an assignment at the "
        "top of the module (type aliases, `TypeVar`s) and type "
        "parameters could admit `None` and are not reported, nor are "
        "annotations stdcheck cannot read. Unlike ruff's RUF013, which "
        "only judges builtin and standard-library types, classes of the "
        "project and of other packages are judged too "
        "(`user: User = None` is reported). A default of `None` given "
        "through `Field(None)`/`Field(default=None)` (pydantic) or "
        "`field(default=None)` (dataclasses) counts as `None`. Every "
        "function is checked, private and nested ones included."
    ),
    fix_notes=(
        "Rewrites the annotation as `T | None` when `target-version` is "
        "py310 or later, else as `Optional[T]` (importing `Optional`). Safe "
        "only on a parameter of a plain function (no decorator but "
        "`staticmethod`, `classmethod`, `property` and its accessors, "
        "`abstractmethod`, `overload`, `override`) annotated with a name, "
        "an attribute or a subscript. Unsafe on fields annotated in a class "
        "body, because pydantic, dataclasses, attrs, `TypedDict` and "
        "SQLModel read those annotations at run time (`age: int = None` "
        "made `int | None` lets `User(age=None)` validate and changes a "
        "published schema; the standard's own `full_name: str = None` in a "
        "pydantic model is one), on parameters of decorated functions (a "
        "web framework may read them the same way) and on other annotations "
        "(strings, unions). Never on a string annotation written as several "
        "concatenated strings (`\"int\" \"\"`), which no rewrite keeps "
        "valid. Where a parameter's line would grow past "
        "`max-line-length`, the signature is wrapped as STD502's fix "
        "does; where that cannot be done, and for a field, the finding "
        "needs a human."
    ),
)

RETURNS_NONE = " -> None"
WRAPPERS = frozenset(
    {"Annotated", "ClassVar", "Final", "Required", "NotRequired",
     "ReadOnly", "InitVar"}
)
ADMITTING = frozenset({"Any", "object", "Optional", "None", "NoneType"})
# Decorators that leave a function's annotations to type checkers.
PLAIN_DECORATORS = frozenset(
    {"staticmethod", "classmethod", "property", "setter", "getter",
     "deleter", "abstractmethod", "overload", "override"}
)
SIMPLE_ANNOTATIONS = (ast.Name, ast.Attribute, ast.Subscript)
DEFAULT_HELPERS = frozenset({"Field", "field"})


class MissingAnnotations(FunctionBodies):
    """Reports public functions with unannotated parameters/returns."""

    rules = (MISSING_ARGUMENT_ANNOTATION, MISSING_RETURN_ANNOTATION)

    def __init__(self, ctx: FileContext) -> None:
        """Start with no ``@overload`` stubs seen."""
        super().__init__(ctx)
        self._overloads: set[tuple[int, str]] = set()

    def function_done(self, node: Function, facts: BodyFacts) -> None:
        """Check a function's parameters and return annotation."""
        ctx = self.ctx
        if not ctx.is_public(node) or is_test(node, ctx.is_test):
            return
        key = (id(ctx.parents[-1]), node.name)
        if is_overload(node):
            self._overloads.add(key)
        elif key in self._overloads:
            return
        if has_decorator(node, "singledispatch", "singledispatchmethod"):
            return
        annotated = False
        for name, argument in parameters(node, is_method(ctx.parents)):
            if argument.annotation is not None:
                annotated = True
            elif not name.lstrip("*").startswith("_"):
                ctx.report_node(
                    MISSING_ARGUMENT_ANNOTATION, argument,
                    name=name, function=node.name,
                )
        if node.returns is not None or (node.name == "__init__" and annotated):
            return
        fixable = not (
            facts.returns_value or facts.yields
            or is_stub_body(node) or is_abstract(node)
            or _only_raises(node)
            or not _fits(
                ctx, node, signature_width(ctx, node), len(RETURNS_NONE),
                [(None, len(RETURNS_NONE))],
            )
        )
        ctx.report(
            MISSING_RETURN_ANNOTATION, node.lineno,
            ctx.char_col(node.lineno, node.col_offset),
            fix=FixSafety.SAFE if fixable else FixSafety.NONE,
            name=node.name,
        )


class ImplicitOptional(Checker):
    """Reports ``T = None`` where ``T`` does not admit ``None``."""

    rules = (IMPLICIT_OPTIONAL,)

    def __init__(self, ctx: FileContext) -> None:
        """Start with no candidates; they are judged at the end."""
        super().__init__(ctx)
        self._candidates: list[
            tuple[str, ast.expr, frozenset[str], Function | None]
        ] = []

    def visit_FunctionDef(self, node: ast.AST) -> None:
        """Collect parameters annotated and defaulting to ``None``."""
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if not node.args.defaults and not node.args.kw_defaults:
            return  # most functions: no default at all
        found = [
            (argument.arg, argument.annotation)
            for argument, default in _defaults(node.args)
            if argument.annotation is not None and _is_none(default)
        ]
        if found:  # the type parameters in scope cost a look up the tree
            scope = _type_parameters(node) | self._outer_type_parameters()
            self._candidates.extend(
                (name, annotation, scope, node) for name, annotation in found
            )

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node: ast.AST) -> None:
        """Collect class attributes annotated and defaulting to None."""
        assert isinstance(node, ast.AnnAssign)
        owner = enclosing_scope(self.ctx.parents)
        if (
            isinstance(owner, ast.ClassDef)
            and isinstance(node.target, ast.Name)
            and node.value is not None
            and _defaults_to_none(node.value)
        ):
            self._candidates.append(
                (node.target.id, node.annotation,
                 _type_parameters(owner) | self._outer_type_parameters(),
                 None)
            )

    def finish(self) -> None:
        """Judge the candidates, knowing every module-level alias.

        The fixes of one function's (or line's) findings all grow its
        lines: whether they stay within the limit is judged for them
        together.
        """
        if not self._candidates:
            return  # spare the look for aliases
        aliases = frozenset(_module_names(self.ctx.tree.body))
        reported = [
            (name, annotation, function,
             self._form_safety(annotation, function))
            for name, annotation, type_parameters, function
            in self._candidates
            if not _admits_none(annotation, aliases | type_parameters)
        ]
        growth = (
            len(" | None") if self.ctx.config.target_minor >= 10
            else len("Optional[]")
        )
        grown: dict[ast.AST | int, list[tuple[ast.expr | None, int]]] = {}
        for _, annotation, function, form in reported:
            if form is not FixSafety.NONE:
                grown.setdefault(function or _end(annotation), []).append(
                    (annotation, growth)
                )
        for name, annotation, function, form in reported:
            together = grown.get(function or _end(annotation), [])
            line = _end(annotation)
            width = len(self.ctx.lines[line - 1].rstrip("\r\n"))
            on_line = sum(
                extra for node, extra in together
                if node is not None and _end(node) == line
            )
            fits = _fits(self.ctx, function, width, on_line, together)
            self.ctx.report_node(
                IMPLICIT_OPTIONAL, annotation,
                fix=form if fits else FixSafety.NONE,
                name=name, annotation=ast.unparse(annotation),
            )

    def _form_safety(
        self, annotation: ast.expr, function: Function | None
    ) -> FixSafety:
        """Return how safe making an annotation optional is (its form).

        Args:
            annotation: The annotation.
            function: The function it annotates a parameter of (None
                for a field).
        """
        plain = function is not None and all(
            dotted_name(decorator).rpartition(".")[2] in PLAIN_DECORATORS
            for decorator in function.decorator_list
        )
        if isinstance(annotation, ast.Constant):
            text = ast.get_source_segment(self.ctx.source, annotation) or ""
            strings = [
                token for token in tokenize.generate_tokens(
                    io.StringIO(text).readline
                )
                if token.type == tokenize.STRING
            ]
            return FixSafety.UNSAFE if len(strings) == 1 else FixSafety.NONE
        if plain and isinstance(annotation, SIMPLE_ANNOTATIONS):
            return FixSafety.SAFE
        return FixSafety.UNSAFE

    def _outer_type_parameters(self) -> frozenset[str]:
        """Return the PEP 695 type parameters of enclosing scopes."""
        names: frozenset[str] = frozenset()
        for parent in self.ctx.parents:
            names |= _type_parameters(parent)
        return names


def _only_raises(node: Function) -> bool:
    """Return whether a function can only end by raising.

    Its body ends in ``raise`` and has no ``return`` (nested
    definitions left out): it returns ``NoReturn``, never ``None``.
    """
    if not isinstance(node.body[-1], ast.Raise):
        return False
    stack: list[ast.AST] = list(node.body)
    while stack:
        child = stack.pop()
        if isinstance(child, ast.Return):
            return False
        if not isinstance(child, (Function, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(child))
    return True


def _fits(
    ctx: FileContext,
    function: Function | None,
    width: int,
    growth: int,
    grown: Sequence[tuple[ast.expr | None, int]],
) -> bool:
    """Return whether fixes that grow a line keep it within the limit.

    As it is, or, for a function's signature, wrapped one parameter a
    line (:mod:`stdcheck.rules.annotations.signature`).

    Args:
        ctx: The file.
        function: The function whose signature grows (None for a
            class-body field).
        width: The width of the line that grows.
        growth: How many characters the fixes add to it.
        grown: Each annotation of the signature that grows (None for
            the return annotation) and by how much.
    """
    limit = ctx.config.max_line_length
    if width + growth <= limit:
        return True
    signature = None if function is None else read_signature(ctx, function)
    if signature is None:
        return False
    growths: dict[int | None, int] = {}
    for annotation, extra in grown:
        index = None
        if annotation is not None:
            index = signature.parameter_at(
                (annotation.lineno,
                 ctx.char_col(annotation.lineno, annotation.col_offset))
            )
            if index is None:
                return False
        growths[index] = growths.get(index, 0) + extra
    return signature.wrapped_within(limit, growths)


def _end(node: ast.expr) -> int:
    """Return the line an expression ends on."""
    return node.end_lineno or node.lineno


def signature_width(ctx: FileContext, node: Function) -> int:
    """Return the width of the line that ends a ``def``'s signature.

    The last line above the body's first statement that holds code
    (the body's own line for ``def f(): pass``).
    """
    first = node.body[0].lineno
    lines = ctx.lines
    if first == node.lineno:
        return len(lines[first - 1].rstrip("\r\n"))
    for number in range(first - 1, node.lineno - 1, -1):
        text = lines[number - 1].strip()
        if text and not text.startswith("#"):
            return len(lines[number - 1].rstrip("\r\n"))
    return 0


def _type_parameters(node: ast.AST) -> frozenset[str]:
    """Return the names of a definition's PEP 695 type parameters."""
    return frozenset(
        getattr(item, "name", "") for item in getattr(node, "type_params", ())
    )


def _defaults(
    arguments: ast.arguments,
) -> Iterator[tuple[ast.arg, ast.expr]]:
    """Yield each parameter that has a default, with the default."""
    positional = arguments.posonlyargs + arguments.args
    offset = len(positional) - len(arguments.defaults)
    yield from zip(positional[offset:], arguments.defaults)
    for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
        if default is not None:
            yield argument, default


def _is_none(node: ast.expr | None) -> bool:
    """Return whether an expression is the constant ``None``."""
    return isinstance(node, ast.Constant) and node.value is None


def _defaults_to_none(value: ast.expr) -> bool:
    """Return whether a class attribute's value makes it default None.

    ``None`` itself, or a field helper (pydantic's ``Field``,
    dataclasses' ``field``) given ``None`` as its default.
    """
    if _is_none(value):
        return True
    if not isinstance(value, ast.Call):
        return False
    if dotted_name(value.func).rpartition(".")[2] not in DEFAULT_HELPERS:
        return False
    if value.args and _is_none(value.args[0]):
        return True
    return any(
        keyword.arg == "default" and _is_none(keyword.value)
        for keyword in value.keywords
    )


def _admits_none(annotation: ast.expr, unknown: frozenset[str]) -> bool:
    """Return whether an annotation admits None (or may: unknown).

    Args:
        annotation: The annotation expression.
        unknown: Names that may stand for any type (aliases, type
            variables).

    Returns:
        False only when the annotation surely excludes ``None``.
    """
    if isinstance(annotation, ast.Constant):
        if annotation.value is None:
            return True
        if not isinstance(annotation.value, str):
            return True
        try:
            parsed = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return True
        return _admits_none(parsed, unknown)
    if isinstance(annotation, ast.BinOp) and isinstance(
        annotation.op, ast.BitOr
    ):
        return _admits_none(annotation.left, unknown) or _admits_none(
            annotation.right, unknown
        )
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        name = dotted_name(annotation)
        return name.rpartition(".")[2] in ADMITTING or name in unknown
    if isinstance(annotation, ast.Subscript):
        return _subscript_admits_none(annotation, unknown)
    return True


def _subscript_admits_none(
    annotation: ast.Subscript, unknown: frozenset[str]
) -> bool:
    """Return whether ``Generic[...]`` admits None (or may)."""
    name = dotted_name(annotation.value)
    last = name.rpartition(".")[2]
    items = (
        annotation.slice.elts
        if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
    )
    if last == "Optional" or name in unknown or not name:
        return True
    if last == "Union":
        return any(_admits_none(item, unknown) for item in items)
    if last in WRAPPERS:
        return _admits_none(items[0], unknown)
    if last == "Literal":
        return any(
            _is_none(item)
            or (isinstance(item, ast.Subscript)
                and _subscript_admits_none(item, unknown))
            for item in items
        )
    return False


def _module_names(body: list[ast.stmt]) -> Iterator[str]:
    """Yield the names assigned at module level (possible aliases).

    Looks into top-level ``if``/``try`` blocks, where aliases are
    often defined per Python version.
    """
    for statement in body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    yield target.id
        elif isinstance(statement, ast.AnnAssign):
            if isinstance(statement.target, ast.Name):
                yield statement.target.id
        elif type(statement).__name__ == "TypeAlias":
            yield dotted_name(getattr(statement, "name"))
        for block in ("body", "orelse", "finalbody"):
            if isinstance(statement, (ast.If, ast.Try)):
                yield from _module_names(getattr(statement, block, []))
        if isinstance(statement, ast.Try):
            for handler in statement.handlers:
                yield from _module_names(handler.body)
