"""Testing fixes: before, after, idempotence and verification at once.

Usage in a family's fix tests::

    from tests.helpers.fixing import assert_fix


    def test_blank_lines_before_function() -> None:
        assert_fix(
            '''
            import os
            def main():
                pass
            ''',
            '''
            import os


            def main():
                pass
            ''',
            select="STD106",
        )
"""

from __future__ import annotations

import textwrap

from stdcheck.core.config import Config
from stdcheck.fix.engine import Fixed, fix_source


def fix_text(
    source: str,
    select: str,
    unsafe: bool = False,
    path: str = "example.py",
    **config: object,
) -> Fixed:
    """Fix a snippet (not dedented) with only the selected rules.

    Args:
        source: The code to fix.
        select: Comma-separated codes, prefixes or names to run.
        unsafe: Whether to apply unsafe fixes too.
        path: The file name the code is checked under.
        **config: Other configuration keys, as ``Config`` fields.

    Returns:
        The engine's result.
    """
    settings = Config(target_version="py310").override(
        select=select, **config
    )
    return fix_source(source, path, settings, unsafe)


def assert_fix(
    before: str,
    after: str,
    select: str,
    unsafe: bool = False,
    path: str = "example.py",
    **config: object,
) -> Fixed:
    """Assert that fixing ``before`` gives ``after``, safely and stably.

    Both snippets are dedented. The fix must pass its verification (no
    refused or crashed fix, no loop that does not settle), give exactly
    ``after``, and change nothing when run again on ``after``.

    Args:
        before: The code with findings.
        after: The code the fixes must produce.
        select: Comma-separated codes, prefixes or names to run.
        unsafe: Whether to apply unsafe fixes too.
        path: The file name the code is checked under.
        **config: Other configuration keys, as ``Config`` fields.

    Returns:
        The first run's result, for further assertions (what remains
        in ``findings``, how many were ``fixed``).
    """
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    first = fix_text(before, select, unsafe, path, **config)
    assert not first.errors, "\n".join(map(str, first.errors))
    assert first.after == after, _difference(first.after, after)
    second = fix_text(first.after, select, unsafe, path, **config)
    assert not second.errors, "\n".join(map(str, second.errors))
    assert not second.changed, (
        "not idempotent: a second run changed the result\n" + second.diff()
    )
    return first


def _difference(got: str, wanted: str) -> str:
    """Describe how the fixed text differs from the expected one."""
    return f"fixed text differs\n--- got\n{got}--- wanted\n{wanted}"
