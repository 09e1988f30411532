"""Unknown keys, codes and rule names suggest the nearest known one."""

from __future__ import annotations

from pathlib import Path

import pytest

from stdcheck.core.suggest import did_you_mean
from tests.helpers.cli_runner import CLEAN, run, write


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("max_line_length = 99",
         "unknown key 'max_line_length' (did you mean `max-line-length`?)"),
        ("line-length = 99",
         "unknown key 'line-length' (did you mean `max-line-length`?)"),
        ("extend-ignore = ['STD101']",
         "unknown key 'extend-ignore'"),
        ("ignore = ['STD1O1']",
         "ignore: unknown rule or code prefix 'STD1O1' (did you mean "
         "`STD101`?)"),
        ("select = ['line-to-long']",
         "select: unknown rule or code prefix 'line-to-long' (did you mean "
         "`line-too-long`?)"),
        ("per-file-ignores = { 'tests/*' = ['missing-function-docstrings'] }",
         "per-file-ignores.tests/*: unknown rule or code prefix "
         "'missing-function-docstrings' (did you mean "
         "`missing-function-docstring`?)"),
        ("target-version = 'py3.12'",
         "target-version: expected one of py38, py39, py310, py311, py312, "
         "py313, got 'py3.12' (did you mean `py312`?)"),
    ],
)
def test_configuration_suggests_the_nearest(
    tmp_path: Path, config: str, message: str
) -> None:
    """The error line ends with the nearest known word, if any."""
    write(tmp_path, {"a.py": CLEAN}, config=config)
    result = run(tmp_path, "check", "a.py")
    assert result.exit_code == 2
    assert result.stderr.rstrip("\n").endswith(f"[tool.stdcheck] {message}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("explain", "STD1O1"),
         "unknown rule 'STD1O1' (did you mean `STD101`?); see "
         "`stdcheck rules`"),
        (("explain", "line_too_long"),
         "unknown rule 'line_too_long' (did you mean `line-too-long`?); see "
         "`stdcheck rules`"),
        (("explain", "frobnicate"),
         "unknown rule 'frobnicate'; see `stdcheck rules`"),
        (("check", "--select", "STD1O1", "a.py"),
         "--select: unknown rule or code prefix 'STD1O1' (did you mean "
         "`STD101`?)"),
        (("check", "--ignore", "STD1,lin-too-long", "a.py"),
         "--ignore: unknown rule or code prefix 'lin-too-long' (did you "
         "mean `line-too-long`?)"),
    ],
)
def test_command_line_suggests_the_nearest(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    """Options and ``explain`` suggest a code or a rule name."""
    write(tmp_path, {"a.py": CLEAN})
    result = run(tmp_path, *args)
    assert result.exit_code == 2
    assert result.stderr == f"stdcheck: error: {message}\n"


def test_nothing_near_suggests_nothing() -> None:
    """A word unlike every known one gets no suggestion."""
    assert did_you_mean("colour", ["select", "ignore"]) == ""
    assert did_you_mean("Select", ["select", "ignore"]) == (
        " (did you mean `select`?)"
    )
