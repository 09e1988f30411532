"""Form feeds: whitespace to Python, the author's page breaks to fixes.

A form feed in a line's indentation counts from nothing again (as
Python's tokenizer counts it), so it hides no indentation; no fix
drops, moves or repeats one.
"""

from __future__ import annotations

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.rules.layout.scan import expand_indent
from tests.helpers.fixing import assert_fix, fix_text


def test_a_form_feed_in_an_indentation_counts_from_nothing() -> None:
    assert expand_indent("\x0c    return") == 4
    assert expand_indent("  \x0c  \tx") == 8
    assert expand_indent("x\x0c  y") == 0


def test_an_indented_line_after_a_form_feed_is_in_its_block() -> None:
    """Not a statement at the margin, nor an indent of five."""
    source = (
        "def show() -> None:\n"
        '    """Show."""\n'
        "    value = 1\n"
        "\x0c    print(value)\n"
    )
    found = check_source(source, "example.py", Config(select=("STD1",)))
    assert [finding.code for finding in found] == []


def test_blank_lines_cut_short_keep_a_page_break() -> None:
    assert_fix(
        'def show() -> None:\n    """Show."""\n\n\x0c\n'
        "    print(1)\n",
        'def show() -> None:\n    """Show."""\n\x0c\n    print(1)\n',
        select="STD108",
    )


def test_prose_holding_a_page_break_is_not_rewrapped() -> None:
    """Nor one holding a vertical tab, a NEL or a line separator."""
    words = " ".join(["word"] * 16)
    for source in (
        f"# {words}\x0c\n# {words}\nx = 1\n",
        f'"""Doc.\n\n\x0c{words} {words}\n"""\n',
        f"# \x85 {words}\n# {words}\nx = 1\n",
        f"# {words} \u2028 {words}\nx = 1\n",
        f'"""Doc.\n\n{words}\x0b{words}\n"""\n',
    ):
        result = fix_text(source, "STD102")
        assert result.after == source
        assert result.findings
        assert all(finding.fix.value == "none" for finding in result.findings)


def test_imports_around_a_page_break_stay_apart() -> None:
    source = "import sys\n\x0c\nimport os\n\nprint(os, sys)\n"
    assert fix_text(source, "STD303").after == source
