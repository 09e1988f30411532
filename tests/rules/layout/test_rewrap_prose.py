"""STD102 rewraps only prose, and ends balanced (issue 18).

The check offers the rewrap (a safe fix) only when :mod:`wrap` reads
the whole paragraph as prose; the fix makes the same edit. Each case
below is reported as needing a human and left as it is; each near miss
is rewrapped.
"""

from __future__ import annotations

import pytest

from stdcheck.core.registry import FixSafety
from tests.helpers import findings_of
from tests.helpers.fixing import assert_fix, fix_text

LONG = (
    "the quick brown fox jumps over the lazy dog and keeps running far "
    "away"
)

LEFT_ALONE = {
    "multi-line summary": (
        f'def f():\n    """Summary {LONG}\n    more.\n    """\n'
    ),
    "click verbatim marker": (
        f'def f():\n    """S.\n\n    \\b\n    {LONG}\n    b\n    """\n'
    ),
    "docopt usage": (
        f'"""S.\n\nUsage: prog {LONG}\nprog --help\n"""\n'
    ),
    "option lines": f'"""S.\n\n--verbose {LONG}\n--quiet\n"""\n',
    "name - description entries": (
        f'"""S.\n\nalpha - {LONG}\nbeta - more\n"""\n'
    ),
    "name: description entries": (
        f'"""S.\n\nalpha: {LONG}\nbeta: more\n"""\n'
    ),
    "paragraph after a literal-block marker": (
        f'"""S.\n\nExample::\n\nrun {LONG}\nnow\n"""\n'
    ),
    "ruler in a comment": (
        "# -- Extension configuration " + "-" * 50 + "\n"
    ),
    "ruler in a docstring": (
        f'"""S.\n\n==== {LONG} ====\n"""\n'
    ),
    "URL line in a comment": (
        f"# See {LONG} for details\n# https://example.com/a\n"
    ),
    "commented-out code under prose": (
        "# no match is used - this is just here for a sanity check\n"
        "# second = pp.Group(pp.Word(pp.alphas) + pp.Word(pp.alphas))"
        ".set_results_name('second')\n"
    ),
    "commented-out call under prose": (
        f"# {LONG} and then\n# print_report(result, verbose=True)\n"
    ),
    "commented-out expression over lines under prose": (
        "# no matching is used here - this is just here for a sanity check\n"
        "# number = ( basedNumber | Combine( Word( spacedNums ) + "
        "Optional( DOT ) +\n"
        "# Optional( e + Word( spacedNums ) ) ).set_name('numeric') )\n"
    ),
    "commented-out call over lines under prose": (
        "# we used to print the value here but it is too noisy for logs\n"
        "# print(the_value_we_had, the_other_value_we_had, one_more_value, "
        "more, most,\n"
        "# and_the_last)\n"
    ),
    "commented-out assignment that does not parse": (
        "# indented_expr <<= pp.IndentedBlock(dotted_int + indented_expr "
        "+ more_things))\n"
    ),
    "grammar rule": (
        "# messageBody ::= { fieldDefn | enumDefn | messageDefn | "
        "extensionsDefn | messageExtension }*\n"
    ),
    "quoted mail": (
        "# > If the DTSTART property is specified as a date with UTC time or "
        "a date with\n# > local time and time zone reference.\n"
    ),
    "comment lines in a docstring": (
        'def f():\n    """S.\n\n'
        '    # >>> get_format_args("{noun} is {1:d} years old{punct}")\n'
        "    # ([(1, <type 'int'>)], [('noun', <type 'str'>), "
        "('punct', <type 'str'>)])\n"
        '    """\n'
    ),
    "deeply indented comment": (
        "def f():\n" + "".join(
            "    " * depth + f"if x{depth}:\n" for depth in range(1, 7)
        ) + "    " * 7 + f"# {LONG}\n" + "    " * 7 + "pass\n"
    ),
}

REWRAPPED = {
    "inline literal kept whole": (
        "# Greedy filling breaks this line in the literal: call "
        "``partial(func, *args)`` to bind the arguments first.\n",
        "# Greedy filling breaks this line in the literal: call\n"
        "# ``partial(func, *args)`` to bind the arguments first.\n",
    ),
    "no orphan word": (
        "# The value returned when nothing was configured by the user "
        "or by the default.\n",
        "# The value returned when nothing was configured by the user or by\n"
        "# the default.\n",
    ),
    "two comment paragraphs are not merged": (
        "# Short first sentence.\n"
        f"# Second paragraph {LONG}.\n",
        "# Short first sentence.\n"
        "# Second paragraph the quick brown fox jumps over the lazy dog and "
        "keeps\n# running far away.\n",
    ),
    "a wrapped line that happens to open like an entry": (
        f"# How to handle this is not {LONG} and is not\n"
        "# clear: adding the root breaks.\n",
        "# How to handle this is not the quick brown fox jumps over the lazy "
        "dog\n# and keeps running far away and is not clear: adding the root "
        "breaks.\n",
    ),
    "dashes that are no ruler": (
        f"# A pause --- then {LONG}.\n",
        "# A pause --- then the quick brown fox jumps over the lazy dog "
        "and keeps\n# running far away.\n",
    ),
    "a call in prose (no statement: the line ends a sentence)": (
        f"# Then {LONG} to force matching at column one, use\n"
        "# AtLineStart(expr).\n",
        "# Then the quick brown fox jumps over the lazy dog and keeps "
        "running far\n# away to force matching at column one, use "
        "AtLineStart(expr).\n",
    ),
    "a short line ends its paragraph": (
        f"# testing issue #272\n# reverted in 3.0.2 - {LONG} and on.\n",
        "# testing issue #272\n# reverted in 3.0.2 - the quick brown fox "
        "jumps over the lazy dog and\n# keeps running far away and on.\n",
    ),
    "a line filling half of its room does not": (
        "# The first line holds more than half of its room\n"
        f"# and {LONG} and on.\n",
        "# The first line holds more than half of its room and the quick "
        "brown\n# fox jumps over the lazy dog and keeps running far away "
        "and on.\n",
    ),
    "a line before a capitalised one ends its paragraph": (
        "# read gene data from .fasta file - takes just a few seconds\n"
        f"# An important aspect is {LONG}.\n",
        "# read gene data from .fasta file - takes just a few seconds\n"
        "# An important aspect is the quick brown fox jumps over the lazy "
        "dog and\n# keeps running far away.\n",
    ),
    "a line before a literal does not": (
        "# The first line holds more than half of its room\n"
        f"# ``x`` and {LONG}.\n",
        "# The first line holds more than half of its room ``x`` and the "
        "quick\n# brown fox jumps over the lazy dog and keeps running far "
        "away.\n",
    ),
    "no break after an initial": (
        "# It is based on the specification of the excellent work done by "
        "M.-A. Lemburg in his extension.\n",
        "# It is based on the specification of the excellent work done by"
        "\n# M.-A. Lemburg in his extension.\n",
    ),
    "a break after an initial before no name": (
        "# It is based on the specification of the excellent work done by "
        "M.-A. and others in his extension.\n",
        "# It is based on the specification of the excellent work done by "
        "M.-A.\n# and others in his extension.\n",
    ),
    "no line starts with a word of symbols": (
        "# If it is a DWORD (a 32-bit integer), then it is stored as an "
        "unsigned - convert\n# that to a proper signed integer.\n",
        "# If it is a DWORD (a 32-bit integer), then it is stored as an\n"
        "# unsigned - convert that to a proper signed integer.\n",
    ),
    "an assignment inside a prose line": (
        "# The default is x = 1 when nothing else was configured by the "
        "user or by the file.\n",
        "# The default is x = 1 when nothing else was configured by the user "
        "or\n# by the file.\n",
    ),
    "URL inside a prose line": (
        f"# See https://example.com/a for {LONG}.\n",
        "# See https://example.com/a for the quick brown fox jumps over the "
        "lazy\n# dog and keeps running far away.\n",
    ),
}


@pytest.mark.parametrize(
    "source", LEFT_ALONE.values(), ids=LEFT_ALONE.keys()
)
def test_not_prose_is_not_rewrapped(source: str) -> None:
    """Reported as needing a human; nothing moves."""
    fixed = fix_text(source, "STD102")
    assert fixed.after == source
    assert fixed.found
    assert {finding.fix for finding in fixed.found} == {FixSafety.NONE}


@pytest.mark.parametrize(
    ("before", "after"), REWRAPPED.values(), ids=REWRAPPED.keys()
)
def test_prose_is_rewrapped(before: str, after: str) -> None:
    """Prose is rewrapped: whole literals, balanced, one paragraph."""
    assert_fix(before, after, select="STD102")


@pytest.mark.parametrize(
    ("summary", "fixable"),
    [
        ("Split values, e.g.", False),
        ("Split values, i.e.", False),
        ("Split files, dirs, etc.", False),
        ("Compare apples vs.", False),
        ("Split values.", True),
    ],
)
def test_abbreviation_does_not_end_the_summary(
    summary: str, fixable: bool
) -> None:
    """No blank line is put after an abbreviation (STD404)."""
    source = f'def f():\n    """{summary}\n    commas.\n    """\n'
    found = fix_text(source, "STD404").found
    assert [finding.fix for finding in found] == [
        FixSafety.SAFE if fixable else FixSafety.NONE
    ]


LINK = "https://example.com/" + "reference/" * 6


@pytest.mark.parametrize(
    ("source", "reported"),
    [
        (f"def f():\n    # From {LINK}\n    pass\n", False),
        (f"# A parser for a language ({LINK})\n", False),
        (f'def f():\n    """S.\n\n    From {LINK}\n    """\n', False),
        # Near misses: a long word that is no URL (a path is prose's
        # "and/or" too), a URL that starts past the limit, a URL on the
        # docstring's closing line.
        (f"# From {'reference' * 9}\n", True),
        (f"# From /usr/{'local/' * 14}\n", True),
        (f"# {LONG} {LINK}\n", True),
        (f'def f():\n    """S.\n\n    From {LINK}"""\n', True),
    ],
)
def test_a_line_ending_in_a_link_is_exempt(
    source: str, reported: bool
) -> None:
    """A rewrap would only part the link from the words before it."""
    found = findings_of(source, select=["STD101", "STD102"])
    assert bool(found) is reported
