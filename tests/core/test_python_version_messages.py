"""Code for a newer Python, and ``requires-python`` beyond the known."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from stdcheck.core import config
from stdcheck.core.source import SourceError, parse
from tests.helpers.cli_runner import run, write

RUNNING = "%d.%d" % sys.version_info[:2]


@pytest.mark.parametrize(
    ("source", "needed", "what"),
    [
        ("type X = int\n", (3, 12), "A `type` statement"),
        ("type Pair[T] = tuple[T, T]\n", (3, 12), "A `type` statement"),
        ("def f[T](x: T) -> T:\n    return x\n", (3, 12),
         "A type parameter list"),
        ("async def f[T]() -> None:\n    pass\n", (3, 12),
         "A type parameter list"),
        ("class Box[T]:\n    pass\n", (3, 12), "A type parameter list"),
        ("def f[T = int]() -> None:\n    pass\n", (3, 13),
         "A type parameter default"),
        ("try:\n    pass\nexcept ValueError, TypeError:\n    pass\n",
         (3, 14), "`except A, B:` (no parentheses)"),
        ("name = 'x'\ngreeting = t'hello {name}'\n", (3, 14),
         "A template string (t-string)"),
    ],
)
def test_newer_syntax_names_the_python_it_needs(
    source: str, needed: tuple[int, int], what: str
) -> None:
    """The error names the Python needed and says to run under it."""
    if sys.version_info >= needed:
        pytest.skip(f"Python {RUNNING} parses this")
    with pytest.raises(SourceError) as raised:
        parse(source)
    version = "%d.%d" % needed
    assert raised.value.message.endswith(
        f". {what} is Python {version} syntax and stdcheck runs under "
        f"Python {RUNNING}: run stdcheck under Python {version} or newer"
    )


@pytest.mark.parametrize(
    "source",
    [
        "def f(:\n    pass\n",
        "type = 3 4\n",
        "print 'hello'\n",
        "try:\n    pass\nexcept (A, B) c:\n    pass\n",
        "for item in [1, 2] print(item)\n",
    ],
)
def test_plain_syntax_errors_blame_no_python_version(source: str) -> None:
    """A mistake in any Python is reported as it is (near misses)."""
    with pytest.raises(SourceError) as raised:
        parse(source)
    assert "syntax and stdcheck runs under" not in raised.value.message


def test_cli_reports_the_needed_python(tmp_path: Path) -> None:
    """``stdcheck check`` explains on the file's error line."""
    if sys.version_info >= (3, 12):
        pytest.skip(f"Python {RUNNING} parses `type` statements")
    write(tmp_path, {"alias.py": "type X = int\n"})
    result = run(tmp_path, "check", "--no-cache", "alias.py")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "alias.py:1:6: error: syntax error: invalid syntax. A `type` "
        "statement is Python 3.12 syntax"
    )


@pytest.mark.parametrize(
    ("requires", "target"),
    [
        (">=3.9", "py39"),
        (">=3.11,<4", "py311"),
        ("~=3.12", "py312"),
        ("==3.10.*", "py310"),
        (">= 3.13", "py313"),
        (">=3.14", config.SUPPORTED_TARGETS[-1]),
        (">=3.99", config.SUPPORTED_TARGETS[-1]),
        (">=3.6", config.SUPPORTED_TARGETS[0]),
        (">=3.8, !=3.9.1", "py38"),
        ("", "py310"),
        ("<4", "py310"),
    ],
)
def test_target_from_requires_python(
    tmp_path: Path, requires: str, target: str
) -> None:
    """A ``requires-python`` beyond the known: the newest target."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        f'[project]\nname = "x"\nrequires-python = "{requires}"\n\n'
        "[tool.stdcheck]\n",
        encoding="utf-8",
    )
    assert config.load(pyproject).target_version == target
