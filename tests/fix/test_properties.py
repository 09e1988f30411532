"""Properties of safe fixes on generated programs.

Programs from hypothesmith get comments with random words and control
characters (form feeds, vertical tabs, file separators, U+0085, U+2028:
characters ``str.splitlines`` breaks at, Python does not) inserted on
their own lines and at line ends, and the same characters inserted in
their strings. Every safe fix of layout, docstrings and imports must
keep the comment words (in order; as a multiset with their imports for
import fixes), keep the syntax tree (but for docstring whitespace and
imports moved within their block), settle, and add no finding on the
lines it touched. The example count is the suite's profile (``ci``
by default, ``--fuzz-long`` for many more).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

import hypothesmith
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcheck.core.config import Config
from stdcheck.fix.engine import fix_source
from stdcheck.fix.merge import created, hunks, lines
from stdcheck.fix.verify import (
    DOCSTRING_WHITESPACE,
    comment_words,
    comments,
    comments_with_imports,
    same_imports,
)

CONFIG = Config(target_version="py310")
ODD = ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
"""Characters that end a line for ``str.splitlines`` but not Python."""
WORDS = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "a", "long" * 5, *ODD]),
    min_size=1, max_size=30,
)
STRING_START = re.compile(r"""[rRuUfF]*(?:'''|\"\"\"|'|")""")
PROPERTY = settings(deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def commented_programs(draw: st.DrawFn) -> str:
    """Draw a program with comments and odd characters inserted."""
    text = draw(hypothesmith.from_node())
    try:
        ast.parse(text)
        tokens = list(tokenize.generate_tokens(
            io.StringIO(text, newline="").readline
        ))
    except (SyntaxError, ValueError, RecursionError, tokenize.TokenError):
        return "x = 1\n"
    inserts: list[tuple[int, int, str]] = []
    for token in tokens:
        if token.type == tokenize.NEWLINE and token.string and draw(
            st.booleans()
        ):
            inserts.append((*token.start, "  # " + " ".join(draw(WORDS))))
        elif token.type == tokenize.STRING and draw(st.booleans()):
            start = STRING_START.match(token.string)
            if start is not None and "b" not in start.group().lower():
                row, col = token.start
                inserts.append(
                    (row, col + start.end(), draw(st.sampled_from(ODD)))
                )
    text_lines = lines(text)
    for row, col, insert in sorted(inserts, reverse=True):
        line = text_lines[row - 1]
        text_lines[row - 1] = line[:col] + insert + line[col:]
    if draw(st.booleans()):
        block = "".join(
            "# " + " ".join(draw(WORDS)) + "\n"
            for _ in range(draw(st.integers(1, 4)))
        )
        text_lines.insert(0, block)
    result = "".join(text_lines)
    try:
        ast.parse(result)
    except (SyntaxError, ValueError, RecursionError):
        return text
    return result


def _assert_safe_fix(text: str, select: str) -> str:
    """Fix text safely; assert the properties; return the result."""
    config = CONFIG.override(select=select)
    fixed = fix_source(text, "fuzzed.py", config)
    messages = [error.message for error in fixed.errors]
    assert not any(
        "settle" in message or "crashed" in message for message in messages
    ), messages
    after = fixed.after
    old, new = ast.parse(text), ast.parse(after)
    assert same_imports(old, new, {DOCSTRING_WHITESPACE}) is None
    if "STD3" in select:
        assert comments_with_imports(text, after, ast.parse(after)) is None
    else:
        assert comment_words(comments(after) or ()) == comment_words(
            comments(text) or ()
        )
    assert not created(
        hunks(lines(text), lines(after)), fixed.found, fixed.findings,
        lines(text),
    )
    again = fix_source(after, "fuzzed.py", config)
    assert again.after == after, "the fixes do not settle\n" + again.diff()
    return after


@PROPERTY
@given(commented_programs())
def test_layout_and_docstring_fixes_keep_words_tree_and_findings(
    text: str,
) -> None:
    _assert_safe_fix(text, "STD1,STD4")


@PROPERTY
@given(commented_programs())
def test_import_fixes_keep_comments_with_their_imports(text: str) -> None:
    _assert_safe_fix(text, "STD3")
