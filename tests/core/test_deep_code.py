"""Valid code that CPython compiles is checked, however deep its tree.

Long operator chains nest the syntax tree as deep as they are long; the
walk and every rule must be iterative or bounded, so that "too deeply
nested" is only said where CPython itself refuses the code.
"""

from __future__ import annotations

import io
import tokenize

import pytest

from stdcheck.core import registry
from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.core.source import SourceError, parse
from stdcheck.frontends.flake8_plugin import Plugin

CONFIG = Config(
    target_version="py310",
    select=tuple(rule.code for rule in registry.all_rules()),
)


def _chain(operator: str, term: str, count: int) -> str:
    """Join ``count`` terms with an operator."""
    return f" {operator} ".join([term] * count)


SHAPES = {
    "str-plus": lambda n: "X = " + _chain("+", "'a'", n),
    "minus": lambda n: "X = " + _chain("-", "a", n),
    "f-string-plus": lambda n: "X = " + _chain("+", "f'{a}'", n),
    "percent": lambda n: "X = " + _chain("%", "'a'", n),
    "power": lambda n: "X = " + _chain("**", "2", n),
    "not": lambda n: "X = " + "not " * n + "a",
    "unary": lambda n: "X = " + "-" * n + "a",
    "if-expression": lambda n: "X = " + "a if b else " * n + "c",
    "attribute": lambda n: "X = a" + ".b" * n,
    "call": lambda n: "X = f" + "()" * n,
    "subscript": lambda n: "X = a" + "[0]" * n,
    "method-chain": lambda n: "X = a" + ".b()" * (n // 2),
    "union": lambda n: "X: " + _chain("|", "int", n),
    "sql": lambda n: "cursor.execute(" + _chain("+", "'a'", n) + ")",
    "dict-plus": lambda n: "X = " + _chain("+", "{'a': b}", n),
    "in-function": lambda n: (
        "def f(a):\n    '''Doc.'''\n    return " + _chain("+", "a", n)
    ),
    "await": lambda n: "async def f():\n    await " + _chain("+", "a", n),
    "default": lambda n: "def f(a=" + _chain("+", "1", n) + "):\n    pass",
}


def _compiles(text: str) -> bool:
    """Return whether CPython compiles a text."""
    try:
        compile(text, "deep.py", "exec")
    except (SyntaxError, RecursionError, MemoryError):
        return False
    return True


def _longest(shape: str) -> str:
    """Return the shape at the largest size CPython compiles here."""
    low, high = 100, 4000
    while low < high:
        middle = (low + high + 1) // 2
        if _compiles(SHAPES[shape](middle) + "\n"):
            low = middle
        else:
            high = middle - 1
    return SHAPES[shape](low) + "\n"


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("size", ["1000", "longest"])
def test_what_cpython_compiles_is_checked(shape: str, size: str) -> None:
    """No "too deeply nested", no STD000, through CLI and flake8."""
    text = SHAPES[shape](1000) + "\n" if size == "1000" else _longest(shape)
    assert _compiles(text)
    try:
        findings = check_source(text, "deep.py", CONFIG)
    except SourceError as error:
        pytest.fail(f"refused: {error.message}")
    assert [f for f in findings if f.code == "STD000"] == []
    plugin_findings = list(_plugin(text).run())
    assert [item for item in plugin_findings if "STD000" in item[2]] == []


def _plugin(text: str, filename: str = "deep.py") -> Plugin:
    """Build the flake8 plugin as flake8 would for a text."""
    lines = io.StringIO(text).readlines()
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    return Plugin(parse(text), lines, filename, tokens)


def test_the_plugin_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure outside any rule is one STD000 at line 1.

    Here the engine itself fails: no exception may abort flake8's run.
    """
    import stdcheck.core.engine

    def deep(*args: object) -> None:
        raise SourceError("too deeply nested to check")

    monkeypatch.setattr(stdcheck.core.engine, "run_checkers", deep)
    assert [item[:3] for item in _plugin("x = 1\n").run()] == [
        (1, 0, "STD000 cannot check this file: too deeply nested to check")
    ]

    def broken(*args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(stdcheck.core.engine, "run_checkers", broken)
    assert [item[:3] for item in _plugin("x = 1\n").run()] == [
        (1, 0, "STD000 internal error in stdcheck: KeyError: 'boom' "
               "(please report this)")
    ]


def test_an_interrupt_still_stops_the_plugin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C is not turned into a finding."""
    import stdcheck.core.engine

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(stdcheck.core.engine, "run_checkers", interrupted)
    with pytest.raises(KeyboardInterrupt):
        list(_plugin("x = 1\n").run())
