"""STD6xx: error handling (catch narrowly, chain, log, explain)."""

from __future__ import annotations

import ast
import builtins
import functools
import re
from dataclasses import dataclass

from stdcheck.core.context import FileContext
from stdcheck.core.registry import Rule
from stdcheck.rules.common.calls import (
    FUNCTIONS,
    NameResolver,
    is_constant,
    keyword,
)

BARE_EXCEPT = Rule(
    code="STD601",
    name="bare-except",
    message="bare `except:` also catches KeyboardInterrupt and "
    "SystemExit; name the exceptions to catch",
    summary="An `except:` clause without an exception type.",
    rationale=(
        "The standard asks to be specific about the exceptions you "
        "catch. A bare `except:` catches everything, including "
        "`KeyboardInterrupt`, `SystemExit` and the bugs the handler "
        "was never meant for, and hides them."
    ),
    bad=(
        "try:\n"
        "    value = int(text)\n"
        "except:\n"
        "    value = 0\n"
    ),
    good=(
        "try:\n"
        "    value = int(text)\n"
        "except ValueError:\n"
        "    value = 0\n"
    ),
    peers=("pycodestyle E722", "ruff E722", "pylint W0702"),
    notes=(
        "A bare `except:` whose body re-raises with a bare `raise` "
        "statement of its own (clean up, then propagate) is exempt, as "
        "in ruff; a `raise` nested in an `if` does not count."
    ),
)
BROAD_EXCEPT = Rule(
    code="STD602",
    name="broad-except",
    message="`except {name}` {problem}",
    summary=(
        "An `except Exception` or `except BaseException` handler that "
        "neither raises nor logs the error."
    ),
    rationale=(
        "The standard asks to catch specific exceptions and to log "
        "exceptions with context. A handler that catches everything "
        "and carries on turns every unexpected bug into silent wrong "
        "behaviour."
    ),
    bad=(
        "try:\n"
        "    send(message)\n"
        "except Exception:\n"
        "    retry_later(message)\n"
    ),
    good=(
        "try:\n"
        "    send(message)\n"
        "except Exception:\n"
        "    logger.exception('sending %s failed', message.id)\n"
        "    retry_later(message)\n"
    ),
    peers=("ruff BLE001", "pylint W0718"),
    notes=(
        "Also when `Exception` or `BaseException` is one of a tuple. "
        "The handler is accepted when it contains any `raise` (bare, "
        "or a new exception: translating an error into an API error "
        "is the standard's own pattern; whether it is chained is "
        "STD603's concern), or a logging call that records the error: "
        "`.exception(...)`, a call with `exc_info=`, or one whose "
        "arguments use the caught exception (`logger.warning('...: "
        "%s', error)`); `traceback.print_exc()` and `warnings.warn()` "
        "count as logging. Deliberate differences from ruff BLE001, "
        "which accepts only bare re-raises, `raise ... from error` and "
        "logging with a traceback. A handler that logs without the "
        "error (`logger.warning('sending failed')`) is told so: the "
        "message asks for `logger.exception`, `exc_info=True` or the "
        "error in the call."
    ),
)
RAISE_WITHOUT_FROM = Rule(
    code="STD603",
    name="raise-without-from",
    message="`raise` inside `except` without `from`; chain with "
    "`from {name}` or say `from None`",
    summary="A new exception raised in an `except` block without `from`.",
    rationale=(
        "`raise NewError(...) from error` records the cause, so the "
        "traceback says the first error caused the second instead of "
        "'during handling of the above exception, another exception "
        "occurred'; `from None` says the cause is deliberately hidden."
    ),
    bad=(
        "try:\n"
        "    user = users[user_id]\n"
        "except KeyError:\n"
        "    raise LookupError(f'no user {user_id}')\n"
    ),
    good=(
        "try:\n"
        "    user = users[user_id]\n"
        "except KeyError as error:\n"
        "    raise LookupError(f'no user {user_id}') from error\n"
    ),
    peers=("ruff B904", "flake8-bugbear B904", "pylint W0707"),
    notes=(
        "A bare `raise` and `raise error` (the caught exception itself) "
        "are exempt, and so are raises in functions defined inside the "
        "handler, and raises in the body of a `try` with handlers "
        "nested in the handler (they may be caught right there). "
        "Unlike ruff, a raise in a nested `try`'s `finally` or `else`, "
        "or in a loop's `else`, is reported: it replaces the handled "
        "error all the same."
    ),
)
SILENT_EXCEPT = Rule(
    code="STD604",
    name="silent-except",
    message="`except{name}: pass` swallows the error silently; {advice}",
    summary="An `except` block whose body is only `pass` (or `...`).",
    rationale=(
        "An error swallowed without a word leaves no trace when the "
        "program later misbehaves. `contextlib.suppress(...)` states "
        "the intent; a comment says why ignoring is right."
    ),
    bad=(
        "try:\n"
        "    os.remove(path)\n"
        "except OSError:\n"
        "    pass\n"
    ),
    good=(
        "try:\n"
        "    os.remove(path)\n"
        "except FileNotFoundError:\n"
        "    pass  # already gone: nothing to clean up\n"
    ),
    peers=("ruff S110", "bandit B110", "ruff SIM105"),
    notes=(
        "Exempt: a handler with a comment on its lines (the silence is "
        "explained; a lint pragma alone, such as `# pragma: no cover`, "
        "`# noqa`, `# type: ignore` or `# pylint: disable=...`, explains "
        "nothing), and `except ImportError` / `ModuleNotFoundError` "
        "(the optional-dependency idiom). Deliberate differences from "
        "ruff S110, which reports only bare and `Exception` handlers "
        "(its `check-typed-exception` option reports all) and does "
        "not read comments. `contextlib.suppress` is suggested only "
        "where it can replace the `try`: a `try` with this one handler "
        "and no `else` (code that runs only when nothing was raised), "
        "not itself the fallback of another handler (a chain of "
        "attempts)."
    ),
)
EXCEPTION_WITHOUT_MESSAGE = Rule(
    code="STD605",
    name="exception-without-message",
    message="{name} raised without a message",
    summary="A custom error class raised without a message.",
    rationale=(
        "The standard's custom exceptions carry a message saying what "
        "went wrong (`ResourceNotFoundError(f'User with ID {user_id} "
        "not found')`); the class name alone does not say which "
        "resource or why, in the log or in the API response."
    ),
    bad="raise ResourceNotFoundError\n",
    good="raise ResourceNotFoundError(f'no user with ID {user_id}')\n",
    peers=(),
    notes=(
        "Reports `raise X`, `raise X()` and `raise X from error` when "
        "`X` (a name or attribute, not an instance in a lowercase "
        "variable) ends in `Error` or `Exception` and is not a built-in "
        "exception. Exempt: classes whose name starts with an "
        "underscore (internal signals), exceptions not named as errors "
        "(`StopProcessing`, `Http404`: control flow), and names whose "
        "message is supplied elsewhere in the same file: a class with "
        "its own `__init__` (a default message) or `__str__`, or with "
        "a class attribute holding a message text (a string assigned "
        "to a name with `msg`, `message`, `detail`, `description` or "
        "`template` in it: pydantic v1's `msg_template`, DRF's "
        "`default_detail`), a class of the file derived from one, and "
        "a module-level exception instance made with arguments "
        "(`raise InvalidCredentials` after `InvalidCredentials = "
        "HTTPException(401, detail=...)`). No peer tool has this "
        "rule (ruff TRY003 asks the opposite: messages in the class)."
    ),
)

BROAD_NAMES = frozenset({"Exception", "BaseException"})
IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
LOGGING_FUNCTIONS = frozenset({
    "traceback.print_exc", "traceback.print_exception",
    "traceback.format_exc", "warnings.warn",
})
BUILTIN_EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
ERROR_CLASS = re.compile(r"[A-Z]\w*(?:Error|Exception)\Z")
PRAGMA = re.compile(
    r"|(?:pragma|noqa|nosec|type|pylint|pyright|mypy|fmt|isort|nolint"
    r"|ruff|flake8|coverage)\b.*",
    re.IGNORECASE,
)
"""A comment (the text after one ``#``) that only instructs a tool."""


@dataclass
class _Handler:
    """An open broad handler: has it raised or logged yet?"""

    node: ast.ExceptHandler
    name: str
    handled: bool = False
    logged: bool = False  # logs, but without the error


class ErrorHandling(NameResolver):
    """Reports handlers that catch too much, swallow or lose errors."""

    rules = (
        BARE_EXCEPT,
        BROAD_EXCEPT,
        RAISE_WITHOUT_FROM,
        SILENT_EXCEPT,
        EXCEPTION_WITHOUT_MESSAGE,
    )
    on_demand = frozenset({"visit_Call", "visit_Name"})  # while broad

    def __init__(self, ctx: FileContext) -> None:
        """Start a file outside any handler."""
        super().__init__(ctx)
        self.broad: list[_Handler] = []

    @functools.cached_property
    def own_message(self) -> set[str]:
        """Return the file's names whose message is supplied elsewhere.

        Classes that supply their own message (see
        :func:`_supplies_message`) and the classes of the file derived
        from them, and module-level exception instances made with
        arguments (``Denied = HTTPException(403, detail="...")``).
        """
        classes = [
            node for node in ast.walk(self.ctx.tree)
            if isinstance(node, ast.ClassDef)
        ]
        supplied = {node.name for node in classes if _supplies_message(node)}
        derived = True
        while derived:  # classes derived from those, at any depth
            derived = False
            for node in classes:
                if node.name not in supplied and any(
                    _last_name(base) in supplied for base in node.bases
                ):
                    supplied.add(node.name)
                    derived = True
        for statement in self.ctx.tree.body:
            if (
                isinstance(statement, (ast.Assign, ast.AnnAssign))
                and isinstance(statement.value, ast.Call)
                and (statement.value.args or statement.value.keywords)
            ):
                targets = getattr(statement, "targets", [
                    getattr(statement, "target", None)
                ])
                supplied.update(
                    target.id for target in targets
                    if isinstance(target, ast.Name)
                )
        return supplied

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        """Check the handler's type and, for silence, its body."""
        caught = self.names.caught(node.type)
        if node.type is None and not any(
            isinstance(statement, ast.Raise) and statement.exc is None
            for statement in node.body
        ):
            self.ctx.report(BARE_EXCEPT, node.lineno, self._col(node))
        if all(_is_pass(statement) for statement in node.body) and not (
            caught & IMPORT_ERRORS or self._has_comment(node)
        ):
            shown = ast.unparse(node.type) if node.type else ""
            self.ctx.report(
                SILENT_EXCEPT,
                node.lineno,
                self._col(node),
                name=f" {shown}" if shown else "",
                advice=(
                    "log it, use contextlib.suppress or say why in a "
                    "comment" if self._suppress_fits(node)
                    else "log it or say why in a comment"
                ),
            )
        broad = caught & BROAD_NAMES
        if broad:
            self.broad.append(_Handler(node, min(broad)))
            self._switch_hooks()

    def leave_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        """Report a broad handler that neither raised nor logged."""
        if self.broad and self.broad[-1].node is node:
            handler = self.broad.pop()
            self._switch_hooks()
            if not handler.handled:
                self.ctx.report(
                    BROAD_EXCEPT,
                    node.lineno,
                    self._col(node),
                    name=handler.name,
                    problem=(
                        "logs without the error; use logger.exception, "
                        "exc_info=True or put the error in the message"
                        if handler.logged
                        else "neither re-raises nor logs the error"
                    ),
                )

    def visit_Raise(self, node: ast.Raise) -> None:
        """Check chaining and the message of a raised exception."""
        handler = self._handler(node)
        if handler is not None:
            self._mark(handler)
            if node.exc is not None and node.cause is None and not (
                isinstance(node.exc, ast.Name) and node.exc.id == handler.name
            ):
                self.ctx.report_node(
                    RAISE_WITHOUT_FROM, node, name=handler.name or "error"
                )
        if node.exc is not None:
            self._check_message(node, node.exc)

    def visit_Call(self, node: ast.Call) -> None:
        """Note logging calls that record the handled error."""
        handler = self._handler(node)
        if handler is None or self.broad[-1].node is not handler:
            return
        if self.names.call_name(node) in LOGGING_FUNCTIONS or (
            self.names.is_logging_call(node)
            and isinstance(node.func, ast.Attribute)
            and (
                node.func.attr == "exception"
                or _truthy(keyword(node, "exc_info"))
            )
        ):
            self._mark(handler)
        elif self.names.is_logging_call(node):
            self.broad[-1].logged = True

    def visit_Name(self, node: ast.Name) -> None:
        """Note the caught exception used in a logging call."""
        if node.id != self.broad[-1].node.name:
            return
        for parent in reversed(self.ctx.parents):
            if parent is self.broad[-1].node or isinstance(
                parent, FUNCTIONS
            ):
                return
            if isinstance(parent, ast.Call) and self.names.is_logging_call(
                parent
            ):
                self.broad[-1].handled = True
                return

    def _switch_hooks(self) -> None:
        """Watch calls and names while a broad handler is open."""
        for hook in self.on_demand:
            self.switch(hook, bool(self.broad))

    def _check_message(self, node: ast.Raise, exc: ast.expr) -> None:
        """Report an error class raised without arguments."""
        if isinstance(exc, ast.Call):
            if exc.args or exc.keywords:
                return
            exc = exc.func
        if not isinstance(exc, (ast.Name, ast.Attribute)):
            return
        name = exc.id if isinstance(exc, ast.Name) else exc.attr
        if (
            ERROR_CLASS.match(name)
            and name not in BUILTIN_EXCEPTIONS
            and name not in self.own_message
        ):
            self.ctx.report_node(EXCEPTION_WITHOUT_MESSAGE, node, name=name)

    def _handler(self, node: ast.AST) -> ast.ExceptHandler | None:
        """Return the handler a node is in (in the same function).

        Code in the body of a ``try`` nested in the handler is not in
        it for this purpose: what it raises may be caught right there.
        """
        child = node
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, ast.ExceptHandler):
                return parent
            if isinstance(parent, (*FUNCTIONS, ast.ClassDef)) or (
                isinstance(parent, ast.Try)
                and parent.handlers
                and child in parent.body
            ):
                return None
            child = parent
        return None

    def _mark(self, handler: ast.ExceptHandler) -> None:
        """Mark an open broad handler as raising or logging."""
        if self.broad and self.broad[-1].node is handler:
            self.broad[-1].handled = True

    def _has_comment(self, node: ast.ExceptHandler) -> bool:
        """Return whether a comment that is not a pragma is on its lines.

        A lint pragma (``# pragma: no cover``, ``# noqa``) tells a tool
        what to do; it does not say why the error is ignored.
        """
        end = node.end_lineno or node.lineno
        return any(
            PRAGMA.fullmatch(part.strip()) is None
            for line in self.ctx.lines[node.lineno - 1:end]
            if "#" in line
            for part in line.split("#")[1:]
        )

    def _suppress_fits(self, node: ast.ExceptHandler) -> bool:
        """Return whether ``contextlib.suppress`` can replace the try.

        Only for a ``try`` whose one handler this is, without ``else``,
        and not itself the fallback of an enclosing handler.
        """
        parents = self.ctx.parents
        statement = parents[-1] if parents else None
        return (
            isinstance(statement, ast.Try)
            and len(statement.handlers) == 1
            and not statement.orelse
            and not (len(parents) > 1 and isinstance(
                parents[-2], ast.ExceptHandler
            ))
        )

    def _col(self, node: ast.ExceptHandler) -> int:
        """Return the character column of the ``except`` keyword."""
        return self.ctx.char_col(node.lineno, node.col_offset)


MESSAGE_ATTRIBUTE = re.compile(
    r"\w*(?:msg|message|detail|description|template)\w*", re.IGNORECASE
)


def _supplies_message(node: ast.ClassDef) -> bool:
    """Return whether a class gives its instances a message itself.

    By its own ``__init__`` (a default message) or ``__str__``, or by a
    class attribute holding a message text (pydantic v1's
    ``msg_template``, ``default_detail``, ``message``, ...).
    """
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if item.name in ("__init__", "__str__"):
                return True
        elif isinstance(item, (ast.Assign, ast.AnnAssign)) and (
            isinstance(item.value, (ast.Constant, ast.JoinedStr))
            and not isinstance(getattr(item.value, "value", ""), bytes)
            and any(
                isinstance(target, ast.Name)
                and MESSAGE_ATTRIBUTE.fullmatch(target.id) is not None
                for target in getattr(item, "targets", [
                    getattr(item, "target", None)
                ])
            )
        ):
            return True
    return False


def _last_name(node: ast.expr) -> str:
    """Return ``X`` of a base written ``X`` or ``module.X``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _is_pass(statement: ast.stmt) -> bool:
    """Return whether a statement does nothing (``pass``, ``...``)."""
    return isinstance(statement, ast.Pass) or (
        isinstance(statement, ast.Expr)
        and is_constant(statement.value, Ellipsis)
    )


def _truthy(node: ast.expr | None) -> bool:
    """Return whether a keyword value may be true (not None/False)."""
    return node is not None and not (
        isinstance(node, ast.Constant) and not node.value
    )
