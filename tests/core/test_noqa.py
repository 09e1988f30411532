"""``# noqa`` comments behave as under flake8, names accepted too."""

from __future__ import annotations

import pytest

from tests.helpers import codes_of

LONG = "x = '" + "a" * 76 + "'"
"""A line of 82 characters: STD101."""

SELECT = ("STD1",)


@pytest.mark.parametrize(
    "comment",
    [
        "# noqa",
        "# NOQA",
        "# noqa-ish",
        "# noqa: STD101",
        "# noqa:STD101",
        "# noqa: STD1",
        "# noqa: STD",
        "# noqa: E501,STD101",
        "# noqa: E501 STD101",
        "# noqa: line-too-long",
        "# noqa : STD999",
        "# type: ignore  # noqa: STD101",
    ],
)
def test_silenced(comment: str) -> None:
    """These comments silence STD101 on their line.

    ``# noqa : X`` (a space before the colon) and ``# noqa-ish`` are a
    bare ``noqa`` for flake8, and so here.
    """
    assert codes_of(f"{LONG}  {comment}\n", select=SELECT) == []


@pytest.mark.parametrize(
    "comment",
    [
        "# noqa: E501",
        "# noqa: STD102",
        "# noqa: STD10200",
        "# noqa: doc-line-too-long",
        "# no qa",
        "#noqa",
    ],
)
def test_not_silenced(comment: str) -> None:
    """Other codes, other names and look-alikes silence nothing.

    flake8 wants ``# noqa`` with a space: ``#noqa`` is a plain comment.
    """
    found = codes_of(f"{LONG}  {comment}\n", select=SELECT)
    assert (1, "STD101") in found


def test_only_its_own_line() -> None:
    """A ``noqa`` comment covers its line, not the next."""
    source = f"{LONG}  # noqa\n{LONG}\n"
    assert codes_of(source, select=SELECT) == [(2, "STD101")]


def test_multi_line_string_statement() -> None:
    """A ``noqa`` after a multi-line string covers all its lines."""
    source = (
        "x = '''\n"
        f"{'text ' * 20}\n"
        "'''  # noqa: STD101\n"
        "y = '''\n"
        f"{'text ' * 20}\n"
        "'''\n"
    )
    assert codes_of(source, select=SELECT) == [(5, "STD101")]


def test_backslash_continuation() -> None:
    """Backslash-joined lines share their ``noqa``, as in flake8."""
    source = f"y = 1 + \\\n    2  # noqa\n{LONG} + \\\n    1\n"
    found = codes_of(f"{LONG} + \\\n    1  # noqa: STD101\n" + source,
                     select=SELECT)
    assert found == [(5, "STD101")]


@pytest.mark.parametrize(
    "line", ["# flake8: noqa", "# flake8: NOQA", "# flake8=noqa",
             "# flake8: noqa: STD101"]
)
def test_file_level_noqa(line: str) -> None:
    """A line ``# flake8: noqa`` skips the whole file, as in flake8."""
    assert codes_of(f"{line}\n{LONG}\n", select=SELECT) == []


def test_file_level_noqa_after_code_is_not_file_level() -> None:
    """``x = 1  # flake8: noqa`` is only a line ``noqa``."""
    source = f"x = 1  # flake8: noqa\n{LONG}\n"
    assert codes_of(source, select=SELECT) == [(2, "STD101")]
