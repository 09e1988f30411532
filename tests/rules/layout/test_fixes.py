"""Fixes of the layout rules: indentation, operators, blank lines."""

from __future__ import annotations

from stdcheck.core.registry import FixSafety
from tests.helpers.fixing import assert_fix, fix_text


def test_tabs_become_four_spaces_per_level() -> None:
    """Blocks, comments and aligned continuation lines move together."""
    assert_fix(
        "def f():\n"
        "\tif x:\n"
        "\t\treturn 1  # one\n"
        "\t# two\n"
        "\ty = [1,\n"
        "\t     2]\n"
        "\treturn y\n",
        "def f():\n"
        "    if x:\n"
        "        return 1  # one\n"
        "    # two\n"
        "    y = [1,\n"
        "         2]\n"
        "    return y\n",
        select="STD103",
    )


def test_tabs_in_strings_stay() -> None:
    """Docstring tabs are text, and a tab after code is no indent."""
    assert_fix(
        'class A:\n'
        '\t"""Summary.\n'
        '\n'
        '\tText\twith tabs.\n'
        '\t"""\n'
        '\n'
        '\tx = "\t"\t# a tab after code\n',
        'class A:\n'
        '    """Summary.\n'
        '\n'
        '\tText\twith tabs.\n'
        '\t"""\n'
        '\n'
        '    x = "\t"\t# a tab after code\n',
        select="STD103",
    )


def test_tab_after_backslash_and_in_brackets() -> None:
    assert_fix(
        "x = 1 + \\\n"
        "\t2\n"
        "y = [\n"
        "    1,\n"
        "\t# a comment in brackets\n"
        "\t2,\n"
        "]\n",
        "x = 1 + \\\n"
        "    2\n"
        "y = [\n"
        "    1,\n"
        "    # a comment in brackets\n"
        "    2,\n"
        "]\n",
        select="STD103",
    )


def test_tabs_under_space_indented_block() -> None:
    """Only the step holding the tab changes."""
    assert_fix(
        "if __name__ == '__main__':\n"
        "    for x in y:\n"
        "    \tprint(x)\n",
        "if __name__ == '__main__':\n"
        "    for x in y:\n"
        "        print(x)\n",
        select="STD103",
    )


def test_tabs_silenced_block_is_kept() -> None:
    source = "if x:\n\ty = 1  # noqa: STD103\n"
    assert fix_text(source, "STD103").after == source


def test_indentation_steps_become_four() -> None:
    assert_fix(
        """
        class A:
          @property
          def f(self):
             if self.x:
                   return (1,
                           2)
             # about the end
             return 3

          async def g(self):
            pass
        """,
        """
        class A:
            @property
            def f(self):
                if self.x:
                    return (1,
                            2)
                # about the end
                return 3

            async def g(self):
                pass
        """,
        select="STD104",
    )


def test_indentation_keeps_strings_and_dedented_comments() -> None:
    """String text stays; a comment left of its block stays put."""
    assert_fix(
        '''
        def f():
          """Summary.

          Text.
          """
        # a comment at column 0
          x = """
          text
        """
          return x
        ''',
        '''
        def f():
            """Summary.

          Text.
          """
        # a comment at column 0
            x = """
          text
        """
            return x
        ''',
        select="STD104",
    )


def test_indentation_near_miss_changes_nothing() -> None:
    source = (
        "x = f(1,\n"
        "      2)\n"
        "y = [\n"
        "  3,\n"
        "]\n"
        "def g():\n"
        "  # a comment indented by 2\n"
        "    return 1\n"
    )
    assert fix_text(source, "STD104").after == source


def test_indentation_of_a_crlf_file() -> None:
    assert_fix(
        "if x:\r\n  y = 1\r\nelse:\r\n  y = 2\r\n",
        "if x:\r\n    y = 1\r\nelse:\r\n    y = 2\r\n",
        select="STD104",
    )


def test_operator_moves_to_the_next_line() -> None:
    assert_fix(
        """
        total = (price +
                 tax)
        ok = (a and  # both
              b or
              c)
        if (x not in
                y):
            z = [n for n in (a is not
                             b)]
        """,
        """
        total = (price
                 + tax)
        ok = (a  # both
              and b
              or c)
        if (x
                not in y):
            z = [n for n in (a
                             is not b)]
        """,
        select="STD105",
    )


def test_operator_alone_on_its_line_joins_the_next() -> None:
    assert_fix(
        """
        x = (a
             *
             b)
        """,
        """
        x = (a
             * b)
        """,
        select="STD105",
    )


def test_operators_on_lines_that_follow_each_other_all_move() -> None:
    assert_fix(
        """
        x = (a +
             b -
             c)
        y = (a +

             # between
             b)
        """,
        """
        x = (a
             + b
             - c)
        y = (a

             # between
             + b)
        """,
        select="STD105",
    )


def test_operator_near_misses_change_nothing() -> None:
    source = (
        "x = (a\n"
        "     + b)\n"
        "y = f(*\n"
        "      args)\n"
        "z = [n for n in\n"
        "     items]\n"
        "w = 1 + \\\n"
        "    2\n"
    )
    assert fix_text(source, "STD105").after == source


def test_operator_not_moved_onto_a_line_others_align_with() -> None:
    """Moved, the operator would push the bracket its lines align to.

    The ``or`` findings are left to a human; the ``and`` ones move. A
    bracket opened at the line's end (a hanging indent) does not stop
    the move: nothing aligns with it.
    """
    assert_fix(
        """
        if ((freq >= HOURLY and
             byhour) or
            (freq >= MINUTELY and
             byminute)):
            pass
        total = (price +
                 taxes(
                     rate))
        """,
        """
        if ((freq >= HOURLY
             and byhour) or
            (freq >= MINUTELY
             and byminute)):
            pass
        total = (price
                 + taxes(
                     rate))
        """,
        select="STD105",
    )


def test_operator_in_a_crlf_file() -> None:
    assert_fix(
        "x = (a +\r\n     b)\r\n",
        "x = (a\r\n     + b)\r\n",
        select="STD105",
    )


def test_two_blank_lines_around_top_level_definitions() -> None:
    """Comments and decorators above a definition belong to it."""
    assert_fix(
        """
        import os
        # about f
        @decorate
        def f():
            pass
        if __name__ == "__main__":
            f()
        """,
        """
        import os


        # about f
        @decorate
        def f():
            pass


        if __name__ == "__main__":
            f()
        """,
        select="STD106",
    )


def test_blank_lines_between_comments() -> None:
    """The run above the definition's own comments is the one set."""
    assert_fix(
        """
        x = 1
        # about x

        # about A
        class A:
            pass
        """,
        """
        x = 1
        # about x


        # about A
        class A:
            pass
        """,
        select="STD106",
    )


def test_comments_closing_a_block_stay_with_it() -> None:
    """A comment indented as a block that ends above stays below it.

    One indented less than every such block is the definition's.
    """
    assert_fix(
        """
        class A:
            def f(self):
                if self:
                    pass
                    # closes the if
                # closes f
          # between
        # about B
        class B:
            pass
        """,
        """
        class A:
            def f(self):
                if self:
                    pass
                    # closes the if
                # closes f


          # between
        # about B
        class B:
            pass
        """,
        select="STD106",
    )
    assert_fix(
        """
        class A:
            x = 1
            # closes A
        def f():
            pass
        """,
        """
        class A:
            x = 1
            # closes A


        def f():
            pass
        """,
        select="STD106",
    )


def test_one_blank_line_between_methods() -> None:
    assert_fix(
        """
        class A:
            x = 1
            def f(self):
                pass
            # about g
            async def g(self):
                pass
        """,
        """
        class A:
            x = 1

            def f(self):
                pass

            # about g
            async def g(self):
                pass
        """,
        select="STD107",
    )


def test_too_many_blank_lines_are_removed() -> None:
    """Comment lines stay; decorators and footers count too."""
    assert_fix(
        """
        import os



        # a comment



        x = 1


        def f():
            y = 1


            # trailing comment
            return y


        @decorate


        def g():
            pass
        """,
        """
        import os


        # a comment


        x = 1


        def f():
            y = 1

            # trailing comment
            return y


        @decorate


        def g():
            pass
        """,
        select="STD108",
    )


def test_blank_lines_in_crlf_file() -> None:
    assert_fix(
        "import os\r\ndef f():\r\n    pass\r\n",
        "import os\r\n\r\n\r\ndef f():\r\n    pass\r\n",
        select="STD106",
    )


def test_blank_lines_near_miss_changes_nothing() -> None:
    source = (
        "import os\n"
        "def f(): pass\n"
        "def g(): pass\n"
        "\n"
        "\n"
        "class A:\n"
        '    """Doc."""\n'
        "    def f(self):\n"
        "        pass\n"
    )
    assert fix_text(source, "STD106,STD107,STD108").after == source


def test_all_layout_fixes_together() -> None:
    assert_fix(
        "import os\n"
        "class A:\n"
        "\tdef f(self):\n"
        "\t\treturn (self.x +\n"
        "\t\t        1)\n"
        "\tdef g(self):\n"
        "\t\tpass\n",
        "import os\n"
        "\n"
        "\n"
        "class A:\n"
        "    def f(self):\n"
        "        return (self.x\n"
        "                + 1)\n"
        "\n"
        "    def g(self):\n"
        "        pass\n",
        select="STD103,STD105,STD106,STD107,STD108",
    )


LONG = (
    "the quick brown fox jumps over the lazy dog and keeps running far "
    "away"
)


def test_comment_paragraph_is_rewrapped() -> None:
    """Each paragraph fills to 72 columns; blank ``#`` lines stay."""
    assert_fix(
        f"""
        class A:
            def f(self):
                # First {LONG}.
                # Second line.
                #
                # Untouched short paragraph.
                return 1
        """,
        """
        class A:
            def f(self):
                # First the quick brown fox jumps over the lazy dog and keeps
                # running far away. Second line.
                #
                # Untouched short paragraph.
                return 1
        """,
        select="STD102",
    )


def test_docstring_paragraph_is_rewrapped() -> None:
    """The closing quotes stay on the paragraph's last line."""
    assert_fix(
        f'''
        async def f():
            """Summary.

            Text {LONG}.
            More text."""
        ''',
        '''
        async def f():
            """Summary.

            Text the quick brown fox jumps over the lazy dog and keeps running
            far away. More text."""
        ''',
        select="STD102",
    )


def test_multi_line_first_paragraph_is_not_rewrapped() -> None:
    """A docstring's first paragraph is its summary: never rewrapped."""
    source = f'"""Module {LONG}\nand more.\n"""\n'
    fixed = fix_text(source, "STD102")
    assert fixed.after == source
    assert [finding.fix for finding in fixed.found] == [FixSafety.NONE]


def test_docstring_rewrap_in_crlf_file() -> None:
    before = f'def f():\r\n    """S.\r\n\r\n    Text {LONG}.\r\n    """\r\n'
    after = (
        'def f():\r\n    """S.\r\n\r\n'
        "    Text the quick brown fox jumps over the lazy dog and keeps "
        'running\r\n    far away.\r\n    """\r\n'
    )
    assert_fix(before, after, select="STD102")


NOT_PROSE = {
    "summary": f'def f():\n    """Summary {LONG}."""\n',
    "code block": (
        f'def f():\n    """S.\n\n    Example::\n\n'
        f"        value = compute({LONG!r})\n    \"\"\"\n"
    ),
    "doctest": f'def f():\n    """S.\n\n    >>> f({LONG!r})\n    """\n',
    "list": f'def f():\n    """S.\n\n    - {LONG}.\n    - b\n    """\n',
    "args entry": (
        f'def f(x):\n    """S.\n\n    Args:\n        x: {LONG}.\n    """\n'
    ),
    "table": (
        f'def f():\n    """S.\n\n    | a | {LONG} |\n    """\n'
    ),
    "attribute docstring": f'x = 1\n"""Text {LONG}\nmore."""\n',
    "commented-out code": f"# value = compute({LONG!r})\n",
    "commented-out code, words side by side only by keywords": (
        "# if value is not None and other is not None: value = "
        "compute(value, other, default)\n"
    ),
    "commented-out code, words side by side only in strings": (
        f"# print('two words ' + {LONG!r})\n"
    ),
    "comment list": f"# - {LONG}.\n",
    "pragma": f"# type: ignore  {LONG}\n",
    "long last word": (
        'def f():\n    """S.\n\n    See the long word ' + "x" * 70 + '."""\n'
    ),
}


def test_non_prose_is_left_alone_and_not_offered() -> None:
    """Each long line is reported, as not fixable, and nothing moves."""
    for name, source in NOT_PROSE.items():
        fixed = fix_text(source, "STD102")
        assert fixed.after == source, name
        assert [f.code for f in fixed.findings] == ["STD102"], name
        assert fixed.findings[0].fix is FixSafety.NONE, name


def test_prose_opening_with_keywords_is_rewrapped() -> None:
    """Words side by side with no keyword mark prose, past the start."""
    assert_fix(
        f"# if so, {LONG} and then stops.\n",
        "# if so, the quick brown fox jumps over the lazy dog and keeps "
        "running\n# far away and then stops.\n",
        select="STD102",
    )


def test_short_comments_near_a_long_one_stay() -> None:
    """A paragraph with no long line is never rewrapped."""
    source = "# short\n# lines\n\nx = 1  # " + LONG + "\n"
    assert fix_text(source, "STD102").after == source


def test_long_word_gets_a_line_of_its_own() -> None:
    """A URL alone on its line is exempt: the rest can still fit."""
    url = "https://example.com/" + "x" * 70
    assert_fix(
        f"# see {url} and more words\n",
        f"# see\n# {url}\n# and more words\n",
        select="STD102",
    )


def test_match_cases_are_reindented() -> None:
    assert_fix(
        """
        match command:
          case "go":
            go()
          case _:
            pass
        """,
        """
        match command:
            case "go":
                go()
            case _:
                pass
        """,
        select="STD104",
    )


def test_comments_in_brackets_and_after_a_block_are_rewrapped() -> None:
    assert_fix(
        f"""
        # Header {LONG}.
        import os

        items = [
            # In brackets {LONG}.
            1,
        ]
        if os:
            pass
            # After the block {LONG}.
        """,
        """
        # Header the quick brown fox jumps over the lazy dog and keeps running
        # far away.
        import os

        items = [
            # In brackets the quick brown fox jumps over the lazy dog and keeps
            # running far away.
            1,
        ]
        if os:
            pass
            # After the block the quick brown fox jumps over the lazy dog and
            # keeps running far away.
        """,
        select="STD102",
    )


def test_space_before_closing_quotes_is_kept() -> None:
    """A last word ending in a quote stays apart from the end quotes."""
    assert_fix(
        f'''
        def f():
            """S.

            Call {LONG} with "#0" """
        ''',
        '''
        def f():
            """S.

            Call the quick brown fox jumps over the lazy dog and keeps running
            far away with "#0" """
        ''',
        select="STD102",
    )


def test_operator_is_not_moved_onto_a_line_it_would_make_too_long() -> None:
    """The next line would pass 79 characters: left to a human."""
    source = (
        "if (x and\n"
        "        " + "y" * 69 + "):\n"
        "    pass\n"
    )
    fixed = fix_text(source, "STD105")
    assert fixed.after == source
    assert [(f.code, f.fix) for f in fixed.findings] == [
        ("STD105", FixSafety.NONE)
    ]
    shorter = source.replace("y" * 69, "y" * 65)
    assert fix_text(shorter, "STD105").after == (
        "if (x\n        and " + "y" * 65 + "):\n    pass\n"
    )


def test_a_break_the_fix_keeps_is_not_offered_a_fix() -> None:
    """An operator alone on its line stays if a comment follows it."""
    source = "x = (a\n     +  # why\n     b)\n"
    result = fix_text(source, "STD105")
    assert result.after == source
    [finding] = result.findings
    assert finding.fix is FixSafety.NONE


def test_tabs_are_replaced_everywhere_or_nowhere() -> None:
    """One line too long as spaces: no block is re-indented.

    Re-indenting the others would leave lines indented by both spaces
    and tabs, and a second run re-indenting more.
    """
    deep = "x = " + "1 + " * 17 + "1"  # 73 wide: 81 with 2 levels of 4
    source = (
        "class Shop:\n\tdef sell(self) -> None:\n\t\tprint(1)\n\n"
        f"\tdef buy(self) -> None:\n\t\t{deep}\n"
    )
    result = fix_text(source, "STD101,STD103")
    assert result.after == source
    [note] = result.notes
    assert note.message.startswith("fix Indentation (STD103) not applied: ")
    assert all(
        finding.fix.value == "none"
        for finding in result.findings if finding.code == "STD103"
    )
