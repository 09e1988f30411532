"""A docstring requoted to ``\"\"\"`` stays within the doc limit.

``'Summary.'`` becomes ``\"\"\"Summary.\"\"\"``, four characters
longer. Where that passes ``max-doc-length`` (72), the closing quotes go
on a line of their own, which adds one character to the line. A
summary is never rewrapped (STD404 wants it on one line), so where even
that is too long, or the docstring shares its line with other code or
a comment, the finding needs a human and ``fix`` changes nothing.
"""

from __future__ import annotations

import collections

import pytest

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.core.registry import FixSafety
from tests.helpers.fixing import assert_fix, fix_text


def _docstring(width: int, quote: str = "'", indent: str = "    ") -> str:
    """Return a function whose one-line docstring is ``width`` wide."""
    head = f"{indent}{quote}Return "
    words = "x" * (width - len(head) - len("." + quote))
    return f"def report():\n{head}{words}.{quote}\n{indent}return 1\n"


def _codes(source: str) -> collections.Counter[str]:
    """Count the findings of every rule in some code, by code."""
    config = Config(target_version="py310", extend_select=("STD",))
    return collections.Counter(
        finding.code for finding in check_source(source, "example.py", config)
    )


@pytest.mark.parametrize("width", [68, 64])
def test_requoted_on_one_line_where_it_fits(width: int) -> None:
    """Near miss: 72 columns once requoted, the limit: one line."""
    source = _docstring(width)
    assert_fix(source, source.replace("'", '"""'), select="STD1,STD404")


@pytest.mark.parametrize("quote", ["'", '"'])
@pytest.mark.parametrize("width", [69, 71])
def test_closing_quotes_moved_where_the_line_grows_too_long(
    width: int, quote: str
) -> None:
    """73 to 75 columns once requoted: the closing quotes go below."""
    source = _docstring(width, quote)
    summary = source.splitlines()[1].strip()[1:-1]
    after = f'def report():\n    """{summary}\n    """\n    return 1\n'
    assert_fix(source, after, select="STD1,STD404")
    assert max(map(len, after.splitlines())) <= 72
    assert not _codes(after) - _codes(source)


def test_closing_quotes_indented_as_the_docstring() -> None:
    """In a method, the closing quotes line up with the opening ones."""
    source = (
        "class C:\n    def report(self):\n"
        f"        'Return {'x' * 52}.'\n        return 1\n"
    )
    assert_fix(
        source,
        "class C:\n    def report(self):\n"
        f'        """Return {"x" * 52}.\n        """\n        return 1\n',
        select="STD1,STD404",
    )


def test_spaces_ending_the_text_are_dropped() -> None:
    """No trailing spaces are left before the line break."""
    source = f"def report():\n    'Return {'x' * 54}.   '\n    return 1\n"
    assert_fix(
        source,
        f'def report():\n    """Return {"x" * 54}.\n    """\n    return 1\n',
        select="STD1,STD404",
    )


def test_a_line_too_long_already_is_only_requoted() -> None:
    """Near miss: ``'''`` does not grow; the line stays as long."""
    source = _docstring(77, quote="'''")
    assert_fix(source, source.replace("'''", '"""'), select="STD1,STD404")


NOT_OFFERED = {
    "too long even so": _docstring(72),
    "comment after": (
        f"def report():\n    'Return {'x' * 50}.'  # note\n    return 1\n"
    ),
    "on the def line": f"def report(): 'Return {'x' * 49}.'\n",
    "tab indentation": _docstring(69, indent="\t"),
}


@pytest.mark.parametrize(
    "source", NOT_OFFERED.values(), ids=NOT_OFFERED.keys()
)
def test_not_offered_where_the_quotes_cannot_move(source: str) -> None:
    """The finding needs a human; ``fix`` leaves the code as it is."""
    found = fix_text(source, "STD404").found
    assert [finding.fix for finding in found] == [FixSafety.NONE]
    assert_fix(source, source, select="STD404", unsafe=True)
