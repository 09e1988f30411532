"""STD7xx: async code (never block the event loop, keep tasks)."""

from __future__ import annotations

import ast
import re

from stdcheck.core.context import FileContext
from stdcheck.core.registry import Rule
from stdcheck.rules.common.calls import NameResolver

BLOCKING_CALL = Rule(
    code="STD701",
    name="blocking-call-in-async",
    message="blocking call {call}() inside `async def {function}`; "
    "{advice}",
    summary=(
        "A blocking call (sleep, HTTP, subprocess, socket) inside an "
        "`async def`."
    ),
    rationale=(
        "The standard warns against blocking the event loop: while "
        "`time.sleep()` or `requests.get()` waits, no other coroutine "
        "runs, so one slow call stalls every request the process "
        "serves."
    ),
    bad=(
        "import time\n"
        "\n"
        "\n"
        "async def poll(job):\n"
        "    while not job.done():\n"
        "        time.sleep(1)\n"
    ),
    good=(
        "import asyncio\n"
        "\n"
        "\n"
        "async def poll(job):\n"
        "    while not job.done():\n"
        "        await asyncio.sleep(1)\n"
    ),
    peers=(
        "ruff ASYNC210", "ruff ASYNC220", "ruff ASYNC221",
        "ruff ASYNC222", "ruff ASYNC251",
    ),
    notes=(
        "Names are resolved through the imports (`import time as t; "
        "t.sleep(1)` is reported). Reported: `time.sleep`; `requests` "
        "and `httpx` module-level request functions, "
        "`urllib.request.urlopen`, `urllib3.request`; `subprocess` "
        "`run`/`call`/`check_call`/`check_output`/`getoutput`/"
        "`getstatusoutput`/`Popen`, `os.system`, `os.popen`, "
        "`os.spawn*`, `os.posix_spawn*`, `os.wait*`; socket name "
        "lookups and connections (`socket.create_connection`, "
        "`socket.getaddrinfo`, `socket.gethostbyname`, ...) and the "
        "blocking methods (`recv`, `send`, `sendall`, `accept`, "
        "`connect`, ...) of a socket made in the same function or held "
        "in a name containing `sock`, unless a `try` around the call "
        "handles `BlockingIOError` (a non-blocking socket). Only the "
        "innermost function "
        "counts: a blocking call in a nested plain `def` or `lambda` "
        "(handed to `run_in_executor` or `asyncio.to_thread`) is "
        "exempt, and so is an awaited call. ruff splits this into "
        "ASYNC210/220/221/222/251 and has no socket rule."
    ),
)
BLOCKING_FILE_IO = Rule(
    code="STD702",
    name="blocking-file-io-in-async",
    message="blocking file I/O {call}() inside `async def {function}`; "
    "use an async file API or asyncio.to_thread()",
    summary="A blocking file open, read or write inside an `async def`.",
    rationale=(
        "Disk I/O blocks the event loop like any other blocking call; "
        "on a network file system or a busy disk it blocks for long."
    ),
    bad=(
        "async def load_config(path):\n"
        "    with open(path) as handle:\n"
        "        return handle.read()\n"
    ),
    good=(
        "import asyncio\n"
        "from pathlib import Path\n"
        "\n"
        "\n"
        "async def load_config(path):\n"
        "    return await asyncio.to_thread(Path(path).read_text)\n"
    ),
    peers=("ruff ASYNC230",),
    notes=(
        "Reports `open()`, `io.open()`, `codecs.open()` and the path "
        "methods `read_text()`, `read_bytes()`, `write_text()` and "
        "`write_bytes()` called (not awaited: `anyio.Path` methods are "
        "awaited) in the body of an `async def`. A file API's own "
        "reads and writes are reported once, at the `open()`. Kept "
        "apart from STD701 so that a project can allow small local "
        "file reads in async code and still forbid the rest."
    ),
)
DANGLING_TASK = Rule(
    code="STD703",
    name="dangling-task",
    message="the task made by {call}() is dropped and may be garbage "
    "collected before it finishes; keep a reference",
    summary=(
        "`asyncio.create_task(...)` or `ensure_future(...)` whose result "
        "is not kept."
    ),
    rationale=(
        "The event loop keeps only a weak reference to tasks: a task "
        "nobody holds can be garbage collected mid-flight, and its "
        "exception is never seen."
    ),
    bad=(
        "import asyncio\n"
        "\n"
        "\n"
        "async def handle(event):\n"
        "    asyncio.create_task(notify(event))\n"
    ),
    good=(
        "import asyncio\n"
        "\n"
        "\n"
        "async def handle(event, background):\n"
        "    task = asyncio.create_task(notify(event))\n"
        "    background.add(task)\n"
        "    task.add_done_callback(background.discard)\n"
    ),
    peers=("ruff RUF006",),
    notes=(
        "Reports `asyncio.create_task` and `asyncio.ensure_future` as "
        "statements, and `.create_task` on a loop from "
        "`asyncio.get_event_loop()`, `get_running_loop()` or "
        "`new_event_loop()` (called in place or assigned in the same "
        "function). `TaskGroup.create_task` is exempt: the group keeps "
        "its tasks."
    ),
)

SLEEP_ADVICE = "use `await asyncio.sleep()`"
HTTP_ADVICE = "use an async HTTP client (httpx.AsyncClient, aiohttp)"
PROCESS_ADVICE = "use asyncio.create_subprocess_exec()"
SOCKET_ADVICE = "use asyncio streams or loop.getaddrinfo()"
HTTP_METHODS = (
    "get", "post", "put", "patch", "delete", "head", "options", "request",
)
BLOCKING = {
    "time.sleep": SLEEP_ADVICE,
    "urllib.request.urlopen": HTTP_ADVICE,
    "urllib3.request": HTTP_ADVICE,
    **{f"requests.{verb}": HTTP_ADVICE for verb in HTTP_METHODS},
    **{f"httpx.{verb}": HTTP_ADVICE for verb in (*HTTP_METHODS, "stream")},
    **{
        f"subprocess.{name}": PROCESS_ADVICE
        for name in (
            "run", "call", "check_call", "check_output", "getoutput",
            "getstatusoutput", "Popen",
        )
    },
    **{
        f"os.{name}": PROCESS_ADVICE
        for name in (
            "system", "popen", "wait", "wait3", "wait4", "waitid",
            "waitpid", "posix_spawn", "posix_spawnp",
        )
    },
    **{
        f"socket.{name}": SOCKET_ADVICE
        for name in (
            "create_connection", "getaddrinfo", "gethostbyname",
            "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "getfqdn",
        )
    },
}
SPAWN = re.compile(r"os\.spawn[lv]p?e?\Z")
SOCKET_MAKERS = frozenset({
    "socket.socket", "socket.create_connection", "socket.socketpair",
})
SOCKET_METHODS = frozenset({
    "recv", "recv_into", "recvfrom", "recvfrom_into", "recvmsg", "send",
    "sendall", "sendto", "sendmsg", "sendfile", "accept", "connect",
})
SOCKET_NAME = re.compile(r"sock", re.IGNORECASE)
OPENERS = frozenset({"open", "io.open", "codecs.open"})
PATH_IO = frozenset({"read_text", "read_bytes", "write_text", "write_bytes"})
TASK_MAKERS = frozenset({"asyncio.create_task", "asyncio.ensure_future"})
LOOP_MAKERS = frozenset({
    "asyncio.get_event_loop", "asyncio.get_running_loop",
    "asyncio.new_event_loop",
})


class AsyncPractices(NameResolver):
    """Reports blocking calls in coroutines and dropped tasks."""

    rules = (BLOCKING_CALL, BLOCKING_FILE_IO, DANGLING_TASK)
    on_demand = frozenset({"visit_Call"})  # while a coroutine is open

    def __init__(self, ctx: FileContext) -> None:
        """Start a file outside any coroutine."""
        super().__init__(ctx)
        self.coroutines = 0  # the open ``async def``s

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        """Look at calls while in a coroutine (nested defs included)."""
        self.coroutines += 1
        self.switch("visit_Call", True)

    def leave_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        """Stop looking at calls after the outermost coroutine."""
        self.coroutines -= 1
        self.switch("visit_Call", self.coroutines > 0)

    def visit_Call(self, node: ast.Call) -> None:
        """Check a call made directly in an ``async def``."""
        function = self.names.function()
        if not isinstance(function, ast.AsyncFunctionDef) or isinstance(
            self.ctx.parents[-1], ast.Await
        ):
            return
        name = self.names.call_name(node)
        shown = name or ast.unparse(node.func)
        advice = BLOCKING.get(name or "")
        if advice is None and name is not None and SPAWN.match(name):
            advice = PROCESS_ADVICE
        if (
            advice is None
            and self._is_socket_method(node)
            and not self._expects_would_block(node)
        ):
            advice = SOCKET_ADVICE
        if advice is not None:
            self.ctx.report_node(
                BLOCKING_CALL,
                node,
                call=shown,
                function=function.name,
                advice=advice,
            )
        elif name in OPENERS or (
            isinstance(node.func, ast.Attribute) and node.func.attr in PATH_IO
        ):
            self.ctx.report_node(
                BLOCKING_FILE_IO, node, call=shown, function=function.name
            )

    def visit_Expr(self, node: ast.Expr) -> None:
        """Report a task-making call whose result is dropped."""
        call = node.value
        if not isinstance(call, ast.Call):
            return
        name = self.names.call_name(call)
        if name in TASK_MAKERS or (
            isinstance(call.func, ast.Attribute)
            and call.func.attr == "create_task"
            and self._makes(call.func.value, LOOP_MAKERS)
        ):
            self.ctx.report_node(
                DANGLING_TASK, call, call=name or ast.unparse(call.func)
            )

    def _is_socket_method(self, call: ast.Call) -> bool:
        """Return whether a call is a blocking method of a socket."""
        func = call.func
        if not isinstance(func, ast.Attribute) or (
            func.attr not in SOCKET_METHODS
        ):
            return False
        receiver = self.names.qualified_name(func.value)
        return self._makes(func.value, SOCKET_MAKERS) or (
            receiver is not None
            and SOCKET_NAME.search(receiver.rsplit(".", 1)[-1]) is not None
        )

    def _expects_would_block(self, node: ast.AST) -> bool:
        """Return whether a ``try`` around catches ``BlockingIOError``.

        A socket call whose ``BlockingIOError`` is handled is made on
        a non-blocking socket (asyncio's own ``sock_recv`` does this).
        """
        child = node
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, ast.Try) and child in parent.body and any(
                "BlockingIOError" in self.names.caught(handler.type)
                for handler in parent.handlers
            ):
                return True
            child = parent
        return False

    def _makes(self, node: ast.expr, makers: frozenset[str]) -> bool:
        """Return whether an expression is (bound to) a maker's call."""
        value = self.names.bound_value(node)
        return (
            isinstance(value, ast.Call)
            and self.names.call_name(value) in makers
        )
