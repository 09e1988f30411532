"""The engine's single walk: order, parents, skipped nodes, crashes."""

from __future__ import annotations

import ast
import gc
import textwrap
import weakref
from pathlib import Path

import pytest

from stdcheck.core import engine
from stdcheck.core.checker import Checker
from stdcheck.core.config import Config
from stdcheck.core.context import FileContext
from stdcheck.core.source import split_lines
from stdcheck.rules.common.calls import Names as ResolvedNames

SRC = Path(__file__).resolve().parents[2] / "src" / "stdcheck"
SYNTAX = textwrap.dedent('''\
    """Every kind of node the walk must reach."""
    from __future__ import annotations
    import os.path as p, sys
    from . import x
    global_value: int = 1
    a, *b = c = d[1:2, ::3] = -e if not f else g ** 2
    h = {**i, "k": j, **{}} | {1, 2} ^ frozenset([*k])
    m = [n async for n in o if n] + [(q := r) for r in range(3)]
    s = {t: u for t, u in v.items()} or (w for w in x)
    y = lambda z, /, aa=1, *bb, cc, dd=2, **ee: (z, aa, bb, cc, dd, ee)
    ff = f"{y!r:>{gg}} {hh=}" "s" if ii is not jj < kk in ll else b"."

    @decorator(1)
    class Klass(Base, metaclass=Meta):
        attribute: list[int]

        async def method(self, *args: int, **kwargs: str) -> None:
            global mm
            nonlocal_name = 1
            def inner():
                nonlocal nonlocal_name
                del nonlocal_name
            async with a as (b, c), d:
                async for e in f:
                    await g
            for h in i:
                continue
            else:
                pass
            while j:
                break
            try:
                raise K from L
            except (M, N) as error:
                assert error, "message"
            else:
                yield
            finally:
                yield from o
            with p as q:
                r += 1
            match s:
                case [1, *rest] | {"key": _, **others} if rest:
                    pass
                case Point(x=0, y=t) as point:
                    pass
                case str() | None | -1 | 1 + 2j:
                    return
    ''')


def _files() -> list[tuple[str, str]]:
    """The syntax sample and stdcheck's own modules."""
    sources = [("sample.py", SYNTAX)]
    for path in sorted(SRC.rglob("*.py")):
        sources.append((str(path), path.read_text(encoding="utf-8")))
    return sources


class Recorder(Checker):
    """Records every visit and leave with the parents at that time."""

    def __init__(self, ctx: FileContext) -> None:
        """Start with no events."""
        super().__init__(ctx)
        self.events: list[tuple[str, int, tuple[int, ...]]] = []

    def record(self, kind: str, node: ast.AST) -> None:
        """Note one hook call."""
        self.events.append(
            (kind, id(node), tuple(id(p) for p in self.ctx.parents))
        )


class Everything(Recorder):
    """Hooks every node type, operators and contexts included."""

    def visit_AST(self, node: ast.AST) -> None:
        """Record a visit."""
        self.record("visit", node)

    def leave_AST(self, node: ast.AST) -> None:
        """Record a leave."""
        self.record("leave", node)


class Structure(Recorder):
    """Hooks statements and expressions only."""

    def visit_stmt(self, node: ast.AST) -> None:
        """Record a visit."""
        self.record("visit", node)

    def visit_expr(self, node: ast.AST) -> None:
        """Record a visit."""
        self.record("visit", node)

    def leave_stmt(self, node: ast.AST) -> None:
        """Record a leave."""
        self.record("leave", node)


def _reference(
    tree: ast.AST,
    visited: tuple[type[ast.AST], ...],
    left: tuple[type[ast.AST], ...],
) -> list[tuple[str, int, tuple[int, ...]]]:
    """The events of a plain recursive walk over iter_child_nodes."""
    events = []
    parents: list[int] = []

    def walk(node: ast.AST) -> None:
        if isinstance(node, visited):
            events.append(("visit", id(node), tuple(parents)))
        parents.append(id(node))
        for child in ast.iter_child_nodes(node):
            walk(child)
        parents.pop()
        if isinstance(node, left):
            events.append(("leave", id(node), tuple(parents)))

    walk(tree)
    return events


def _walked(checker_type: type[Recorder], path: str, text: str) -> tuple[
    ast.Module, list[tuple[str, int, tuple[int, ...]]]
]:
    """Walk one file with one recorder; return the tree and events."""
    ctx = FileContext(path, split_lines(text), ast.parse(text), Config())
    checker = checker_type(ctx)
    engine.walk(ctx, [checker], [])
    return ctx.tree, checker.events


@pytest.mark.parametrize(("path", "text"), _files())
def test_every_node_in_order_with_parents(path: str, text: str) -> None:
    """Hooking ``AST`` sees what a recursive walk over children sees."""
    tree, events = _walked(Everything, path, text)
    assert events == _reference(tree, (ast.AST,), (ast.AST,))


@pytest.mark.parametrize(("path", "text"), _files())
def test_abstract_hooks_see_their_subclasses(path: str, text: str) -> None:
    """Operators and contexts skipped when unhooked change nothing."""
    tree, events = _walked(Structure, path, text)
    assert events == _reference(tree, (ast.stmt, ast.expr), (ast.stmt,))


def test_deep_nesting_does_not_recurse() -> None:
    """A tree as deep as the parser allows is walked iteratively."""
    text = "x = " + "+".join(["a"] * 900) + "\n"
    tree, events = _walked(Structure, "deep.py", text)
    assert events == _reference(tree, (ast.stmt, ast.expr), (ast.stmt,))


class Crashing(Checker):
    """Crashes on the first name it sees."""

    def visit_Name(self, node: ast.Name) -> None:
        """Fail."""
        raise ValueError("boom")


class Names(Recorder):
    """Records every name."""

    def visit_Name(self, node: ast.Name) -> None:
        """Record a visit."""
        self.record("visit", node)

    def finish(self) -> None:
        """Record the end."""
        self.events.append(("finish", 0, ()))


def test_crash_is_reported_once_and_others_continue() -> None:
    """A crashing checker is retired; the others see every node."""
    text = "a = b\nc = d\n"
    ctx = FileContext("crash.py", split_lines(text), ast.parse(text),
                      Config())
    crashing, names = Crashing(ctx), Names(ctx)
    failed: list[Checker] = []
    engine.walk(ctx, [crashing, names], failed)
    assert failed == [crashing]
    assert [event[0] for event in names.events] == ["visit"] * 4
    assert [(f.code, f.line) for f in ctx.findings] == [("STD000", 1)]
    assert "ValueError: boom" in ctx.findings[0].message


def test_helpers_are_shared_and_walked_first() -> None:
    """Checkers asking for one helper get one instance, walked first."""
    text = "import time as t\nt.sleep(1)\n"
    ctx = FileContext("helped.py", split_lines(text), ast.parse(text),
                      Config())
    seen: list[str | None] = []

    class Reader(Checker):
        """Reads the shared names at each call."""

        def __init__(self, ctx: FileContext) -> None:
            """Ask for the helper."""
            super().__init__(ctx)
            self.names = ctx.helper(ResolvedNames)

        def visit_Call(self, node: ast.Call) -> None:
            """Record what the call calls."""
            seen.append(self.names.call_name(node))

    first, second = Reader(ctx), Reader(ctx)
    assert first.names is second.names
    checkers: list[Checker] = [*ctx.helpers.values(), first, second]
    engine.walk(ctx, checkers, [])
    assert seen == ["time.sleep", "time.sleep"]


def test_hooks_skip_node_classes_no_tree_holds() -> None:
    """A node class made on use (3.12's ``ast.Num``) gets no hook."""

    class Legacy(ast.Constant):
        """As ``ast.NameConstant`` is from Python 3.12: made on use."""

    class Constants(Checker):
        """Hooks every constant."""

        def visit_Constant(self, node: ast.Constant) -> None:
            """Look at a constant."""

    assert ast.Constant in Constants.visits
    assert Legacy not in Constants.visits
    text = "x = None\n"
    ctx = FileContext("legacy.py", split_lines(text), ast.parse(text),
                      Config())
    engine.walk(ctx, [Constants(ctx)], [])


def test_a_checked_file_is_freed_without_the_cycle_collector() -> None:
    """No reference cycle keeps a file's context (and tree) alive."""
    text = "import os\nos.system('ls')\n"
    ctx = FileContext("freed.py", split_lines(text), ast.parse(text),
                      Config())
    alive = weakref.ref(ctx)
    gc.disable()
    try:
        engine.run_checkers(ctx, Config().enabled)
        del ctx
        assert alive() is None
    finally:
        gc.enable()


class InCalls(Recorder):
    """Records the names inside calls only, by switching a hook."""

    on_demand = frozenset({"visit_Name"})

    def visit_Call(self, node: ast.Call) -> None:
        """Start recording names."""
        self.switch("visit_Name", True)

    def leave_Call(self, node: ast.Call) -> None:
        """Stop recording names (calls are not nested here)."""
        self.switch("visit_Name", False)

    def visit_Name(self, node: ast.Name) -> None:
        """Record a name's line, or fail on ``boom``."""
        if node.id == "boom":
            raise ValueError(node.id)
        self.events.append(("visit", node.lineno, ()))


class OnDemandNames(Names):
    """Records every name, if switched on for the file."""

    on_demand = frozenset({"visit_Name"})


def test_on_demand_hooks_run_only_while_switched_on() -> None:
    """A switched hook sees its nodes; a crash in it still retires."""
    text = "a = f(b)\nc = d\ng(e)\nh = boom(i)\nj(k)\n"
    ctx = FileContext("switch.py", split_lines(text), ast.parse(text),
                      Config())
    in_calls, never, always = (
        InCalls(ctx), OnDemandNames(ctx), OnDemandNames(ctx)
    )
    always.switch("visit_Name", True)
    failed: list[Checker] = []
    engine.walk(ctx, [in_calls, never, always], failed)
    assert failed == [in_calls]
    assert [event[1] for event in in_calls.events] == [1, 1, 3, 3]
    assert never.events == []
    assert len(always.events) == 12
    assert [f.code for f in ctx.findings] == ["STD000"]
