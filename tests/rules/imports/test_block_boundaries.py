"""Where an import block ends: never sort across what order decides.

Check and fix read the blocks one way: a star import, an import that
rebinds a name bound above it, and isort's action comments (a line
ending in ``# isort: split`` included) end a block. Each case shows the
check silent and the fix leaving the code; each near miss shows the
imports around the boundary still checked and sorted.
"""

from __future__ import annotations

import pytest

from stdcheck.rules.imports.checks import (
    Directives,
    ImportLines,
    import_blocks,
)
from tests.helpers.fixing import assert_fix

LEFT_ALONE = {
    "star import decides which reduce is exported": """
        import os
        from .helpers import *
        from functools import reduce
        """,
    "two imports bind one name": """
        from pickle import loads
        from json import loads
        """,
    "a module bound as a name imported above": """
        from os import path
        import path
        """,
    "end-of-line isort: split": """
        import sys
        import os  # isort: split
        import abc
        """,
    "end-of-line isort:split without a space": """
        import sys
        import os  # isort:split
        import abc
        """,
}

SORTED = {
    "imports above a star import are sorted among themselves": (
        """
        import sys
        import os
        from .helpers import *
        """,
        """
        import os
        import sys
        from .helpers import *
        """,
    ),
    "different names from two modules": (
        """
        from pickle import dumps
        from json import loads
        """,
        """
        from json import loads
        from pickle import dumps
        """,
    ),
    "a split comment line ends the block but not the one above": (
        """
        import sys
        import os

        # isort: split
        import abc
        """,
        """
        import os
        import sys

        # isort: split
        import abc
        """,
    ),
}


@pytest.mark.parametrize(
    "source", LEFT_ALONE.values(), ids=LEFT_ALONE.keys()
)
def test_not_reported_nor_reordered(source: str) -> None:
    """The check finds nothing to sort and the fix moves nothing."""
    result = assert_fix(source, source, select="STD301,STD302,STD303")
    assert result.found == []


@pytest.mark.parametrize(
    ("before", "after"), SORTED.values(), ids=SORTED.keys()
)
def test_near_miss_is_sorted(before: str, after: str) -> None:
    """Imports that order does not decide are still sorted."""
    assert_fix(before, after, select="STD301,STD302,STD303")


@pytest.mark.parametrize(
    ("statements", "comments", "expected"),
    [
        # Another statement ends a block; a line left alone is in none.
        ([(1, 1, {"a"}), None, (3, 3, {"b"})], {}, [1, None, 2]),
        ([(1, 1, {"a"}), (2, 2, {"b"}), (3, 3, {"c"})], {2: "skip"},
         [1, None, 2]),
        # A split comment between two imports; a name bound again; a
        # star import, before and after it.
        ([(1, 1, {"a"}), (3, 3, {"b"})], {2: "split"}, [1, 2]),
        ([(1, 1, {"a"}), (2, 2, {"b"}), (3, 3, {"a"})], {}, [1, 1, 2]),
        ([(1, 1, {"a"}), (2, 2, {"*"}), (3, 3, {"b"})], {}, [1, 2, 3]),
        # A split comment above the first import splits nothing.
        ([(2, 2, {"a"}), (3, 3, {"b"})], {1: "split"}, [1, 1]),
    ],
)
def test_import_blocks(
    statements: list[ImportLines | None],
    comments: dict[int, str],
    expected: list[int | None],
) -> None:
    """One reading of blocks serves the check and both import fixes."""
    lines = [
        f"# isort: {comments[number]}\n" if number in comments else "x\n"
        for number in range(1, 5)
    ]
    directives = Directives.scan(lines)
    assert import_blocks(statements, directives) == expected
