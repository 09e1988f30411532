"""The Google-style docstring parser: structure and exact positions."""

from __future__ import annotations

import ast
import textwrap

import pytest

from stdcheck.rules.docstrings.parser import (
    Docstring,
    docstring_node,
    from_node,
    parse_literal,
)

STANDARD_EXAMPLE = '''\
def process_user_data(user_id: str, include_history: bool = False) -> dict:
    """
    Process and retrieve user data from the database.

    Args:
        user_id: The unique identifier for the user
        include_history: Whether to include user history in the response

    Returns:
        A dictionary containing the processed user data

    Raises:
        ValueError: If the user_id is invalid
        DatabaseError: If there's an issue connecting to the database
    """
    pass
'''


def parse_first(source: str) -> Docstring:
    """Parse the docstring of the first definition in a snippet."""
    source = textwrap.dedent(source)
    tree = ast.parse(source)
    node = docstring_node(tree.body[0])
    assert node is not None
    return from_node(node, source.splitlines(keepends=True))


def test_standard_example_sections_and_lines() -> None:
    """Each part of the standard's example knows its file line."""
    doc = parse_first(STANDARD_EXAMPLE)
    assert doc.quote == '"""'
    assert doc.summary is not None
    assert (doc.summary.number, doc.summary.col) == (3, 4)
    assert [
        (section.title, section.header.number) for section in doc.sections
    ] == [("Args", 5), ("Returns", 9), ("Raises", 12)]
    args = doc.section("Args")
    assert args is not None
    assert [(entry.name, entry.line.number, entry.line.col)
            for entry in args.entries] == [
        ("user_id", 6, 8), ("include_history", 7, 8)
    ]
    raises = doc.section("Raises")
    assert raises is not None
    assert [entry.name for entry in raises.entries] == [
        "ValueError", "DatabaseError"
    ]
    assert not doc.is_short


def test_summary_on_the_quote_line_keeps_its_column() -> None:
    """A summary after the quotes starts after them (prefix counted)."""
    doc = parse_first('''
        def f():
            r"""Match digits."""
    ''')
    assert doc.prefix == "r"
    assert doc.summary is not None
    assert (doc.summary.number, doc.summary.col) == (3, 8)
    assert doc.is_short


def test_misspelled_and_colonless_headers() -> None:
    """Variants map to the canonical header; the colon is recorded."""
    doc = parse_first('''
        def f(a):
            """Do it.

            Arguments:
                a: A.

            Return
                Something.
            """
    ''')
    assert [(s.title, s.canonical, s.colon) for s in doc.sections] == [
        ("Arguments", "Args", True), ("Return", "Returns", False)
    ]


def test_unindented_section_is_not_structure() -> None:
    """A block not indented under its header is flagged, not counted."""
    doc = parse_first('''
        def f(a):
            """Do it.

            Args:
            a -- the thing
            """
    ''')
    section = doc.section("Args")
    assert section is not None
    assert section.unindented is not None
    assert section.unindented.number == 6
    assert doc.is_short


def test_prose_that_ends_in_a_header_word_is_not_a_header() -> None:
    """``... with type\\narguments:`` continues a sentence."""
    doc = parse_first('''
        class C:
            """Generic class.

            Then we can parameterize that class with type
            arguments:

              C[int]
            """
    ''')
    assert doc.sections == ()


def test_unknown_title_only_beside_known_sections() -> None:
    """``Usage:`` is a section only in a docstring with known ones."""
    alone = parse_first('''
        def f():
            """Do it.

            Usage:
                f()
            """
    ''')
    assert alone.sections == ()
    beside = parse_first('''
        def f():
            """Do it.

            Usage:
                f()

            Returns:
                None.
            """
    ''')
    assert [(s.title, s.canonical) for s in beside.sections] == [
        ("Usage", None), ("Returns", "Returns")
    ]


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ('"""One."""', ('"""', "One.")),
        ("'''One.'''", ("'''", "One.")),
        ('"One."', ('"', "One.")),
        ('u"""One."""', ('"""', "One.")),
    ],
)
def test_parse_literal(literal: str, expected: tuple[str, str]) -> None:
    """Single literals parse; their quotes are recorded."""
    doc = parse_literal(literal, 1, 0)
    assert doc is not None
    assert doc.summary is not None
    assert (doc.quote, doc.summary.text) == expected


def test_concatenation_is_not_one_literal() -> None:
    """Implicitly concatenated literals are parsed from the value."""
    assert parse_literal('"""a""" """b"""', 1, 0) is None
    doc = parse_first('''
        def f():
            """One""" """ two."""
    ''')
    assert doc.quote == ""
    assert doc.summary is not None
    assert doc.summary.text == "One two."


def test_entries_with_types_stars_and_continuations() -> None:
    """Entry names drop types; continuation lines are not entries."""
    doc = parse_first('''
        def f(a, *args, **kwargs):
            """Do it.

            Args:
                a (int, optional): A value that
                    continues here: still a.
                *args: More.
                **kwargs: Options.
            """
    ''')
    section = doc.section("Args")
    assert section is not None
    assert [entry.name for entry in section.entries] == [
        "a", "*args", "**kwargs"
    ]
