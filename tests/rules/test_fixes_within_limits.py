"""Fixes that would push a line past the limit are not offered.

A docstring requoted from ``'`` to ``\"\"\"`` close to the doc limit:
the finding stays, marked as needing a human, and ``fix`` changes
nothing. The near misses land exactly on the limit and are fixed.
(``-> None`` and ``| None`` wrap the signature instead:
``tests/rules/annotations/test_wrapped_signatures.py``.)
"""

from __future__ import annotations

import pytest

from stdcheck.core.registry import FixSafety
from tests.helpers.fixing import assert_fix, fix_text


def _docstring_line(width: int) -> str:
    """Return a function whose ``'`` docstring line is that long."""
    head = "    'Return "
    words = "x" * (width - len(head) - len(".'"))
    return f"def report():\n{head}{words}.'\n"


@pytest.mark.parametrize(
    ("source", "select"),
    [
        (_docstring_line(69), "STD404"),  # 73 columns with `"""`
    ],
    ids=["requoted docstring"],
)
def test_fix_that_makes_a_long_line_is_not_offered(
    source: str, select: str
) -> None:
    """The finding stays, needing a human; the code is left as it is."""
    found = fix_text(source, select).found
    assert [finding.fix for finding in found] == [FixSafety.NONE]
    assert_fix(source, source, select=select, unsafe=True)


@pytest.mark.parametrize(
    ("source", "select", "after"),
    [
        (
            _docstring_line(68),
            "STD404",
            _docstring_line(68).replace("'", '"""'),
        ),
    ],
    ids=["requoted docstring"],
)
def test_fix_that_reaches_the_limit_is_made(
    source: str, select: str, after: str
) -> None:
    """A line that ends exactly at the limit is fine."""
    assert_fix(source, after, select=select)


LONG_NAME = "alpha_bravo_charlie_delta_echo_foxtrot_golf_hotel_india_juliet"


def test_sorted_names_too_wide_are_laid_out_one_a_line() -> None:
    """Names moved between lines never make a line too long (STD303)."""
    assert_fix(
        f"""
        def f():
            from collections import (
                zeta, yotta, xenon, walrus, vortex, umbra, tango, sierra,
                {LONG_NAME},
            )
            return zeta
        """,
        f"""
        def f():
            from collections import (
                {LONG_NAME},
                sierra,
                tango,
                umbra,
                vortex,
                walrus,
                xenon,
                yotta,
                zeta,
            )
            return zeta
        """,
        select="STD303",
    )


def test_sorted_names_that_fit_keep_their_layout() -> None:
    """Near miss: short names keep where their lines break."""
    assert_fix(
        """
        from collections import (
            zeta, yotta, xenon,
            alpha,
        )
        """,
        """
        from collections import (
            alpha, xenon, yotta,
            zeta,
        )
        """,
        select="STD303",
    )
