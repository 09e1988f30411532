"""Names moved by the import fix never make a line too long (STD303).

(``-> None`` and ``| None`` wrap the signature they make too long:
``tests/rules/annotations/test_wrapped_signatures.py``; a requoted
docstring gets its closing quotes on a line of their own:
``tests/rules/docstrings/test_requote_within_limits.py``.)
"""

from __future__ import annotations

from tests.helpers.fixing import assert_fix


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
