"""STD404 and STD408 fixes: before, after, idempotence, verification."""

from __future__ import annotations

import pytest

from stdcheck.core.registry import FixSafety
from tests.helpers.fixing import assert_fix, fix_text


def test_single_quotes_become_triple_double_quotes() -> None:
    """``'''`` and ``'`` docstrings are requoted; the text is kept."""
    assert_fix(
        """
        def total(prices):
            '''Add up the prices.'''
            return sum(prices)


        def count(items):
            'Count the "items".'
            return len(items)
        """,
        '''
        def total(prices):
            """Add up the prices."""
            return sum(prices)


        def count(items):
            """Count the "items"."""
            return len(items)
        ''',
        select="STD404",
    )


def test_quotes_kept_when_the_text_would_end_the_string() -> None:
    """A body ending in a double quote cannot be requoted."""
    source = "def f():\n    'Say \"hi\"'\n"
    fixed = fix_text(source, select="STD404")
    assert fixed.after == source
    assert [finding.message for finding in fixed.findings] == [
        'docstring is not opened with """',
        "docstring summary does not end in '.', '?' or '!'",
    ]


def test_blank_line_after_a_one_sentence_summary() -> None:
    """The description is moved one line down; prefixes are kept."""
    assert_fix(
        '''
        def parse(text):
            r"""Parse ``\\d`` text.
            Digits only.

            Args:
                text: The text.
            """
        ''',
        '''
        def parse(text):
            r"""Parse ``\\d`` text.

            Digits only.

            Args:
                text: The text.
            """
        ''',
        select="STD404",
    )


def test_quotes_and_blank_line_together() -> None:
    """Both problems of one docstring are fixed in one pass."""
    assert_fix(
        """
        def parse(text):
            '''Parse text.
            Digits only.
            '''
        """,
        '''
        def parse(text):
            """Parse text.

            Digits only.
            """
        ''',
        select="STD404",
    )


def test_wrapped_summary_is_left_to_a_person() -> None:
    """A sentence over two lines is not split by a blank line."""
    source = 'def f():\n    """Add up the prices\n    of every item."""\n'
    fixed = fix_text(source, select="STD404")
    assert fixed.after == source
    assert [finding.code for finding in fixed.findings] == ["STD404"]


def test_section_headers_renamed_and_colons_added() -> None:
    """Variants, case and missing colons give the canonical header."""
    assert_fix(
        '''
        def greet(name):
            """Say hello.

            Arguments:
                name: Who to greet.

            return
                The greeting.

            Raise:
                ValueError: If the name is empty.
            """
        ''',
        '''
        def greet(name):
            """Say hello.

            Args:
                name: Who to greet.

            Returns:
                The greeting.

            Raises:
                ValueError: If the name is empty.
            """
        ''',
        select="STD408",
    )


def test_unknown_section_is_not_renamed() -> None:
    """An unknown header is reported and left as written."""
    source = (
        'def f(a):\n    """Do it.\n\n    Args:\n        a: A.\n\n'
        '    Usage:\n        f(1)\n    """\n'
    )
    fixed = fix_text(source, select="STD408")
    assert fixed.after == source
    assert [finding.line for finding in fixed.findings] == [7]


@pytest.mark.parametrize(
    ("body", "renamed"),
    [
        # reST's label over a list at its own indentation: no section.
        ("- ``text`` - what to parse\n    - ``strict`` - fail early", False),
        ("``text`` - what to parse", False),
        # Near miss: the same list indented under the header.
        ("    - ``text`` - what to parse\n        - ``strict`` - fail", True),
    ],
)
def test_header_over_an_unindented_block_is_left_alone(
    body: str, renamed: bool
) -> None:
    """Renaming it would not make the block a Google section."""
    source = (
        'def parse(text, strict):\n    """Parse text.\n\n'
        f'    Parameters:\n\n    {body}\n    """\n'
    )
    fixed = fix_text(source, select="STD408")
    assert [finding.fix for finding in fixed.found if finding.line == 4] == [
        FixSafety.SAFE if renamed else FixSafety.NONE
    ]
    assert ("Args:" in fixed.after) is renamed
    assert ("Parameters:" in fixed.after) is not renamed
