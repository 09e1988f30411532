"""The layout facts of a text are those of its tokens, or deferred.

Before Python 3.12 :func:`stdcheck.rules.layout.text.fast_scan` must
find in a text what :func:`stdcheck.rules.layout.scan.scan` finds in its
tokens (from :func:`tokenize.generate_tokens`), or return None where it
leaves the text to them; from 3.12 on the tokens are always scanned. The
spans ``noqa`` comments cover are also checked against flake8's way of
finding them from the tokens.
"""

from __future__ import annotations

import ast
import gc
import io
import itertools
import sys
import tokenize
import warnings
from collections.abc import Iterator
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcheck.core.source import decode, split_lines
from stdcheck.core.tokens import Token, tokens_of
from stdcheck.rules.layout.scan import LayoutScan, scan
from stdcheck.rules.layout.text import fast_scan

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="the tokens are always scanned from Python 3.12",
)
REPOSITORY = Path(__file__).resolve().parents[3]
FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck))
PREFIXES = sorted({
    "".join(cased)
    for prefix in ("", "b", "r", "u", "f", "br", "fr")
    for order in itertools.permutations(prefix)
    for cased in itertools.product(*((c, c.upper()) for c in order))
})
QUOTES = ("'", '"', "'''", '"""')
OPERATORS = sorted(set(tokenize.EXACT_TOKEN_TYPES) - set("()[]{}"))
FRAGMENTS = (
    *OPERATORS, *"()[]{}", "\n", "\n", "\n    ", "\n\t", "\n  ", " ", "\t",
    "\\\n", "# c", "\n# c\n", "x", "rb", "f", "_1", "é", "1", ".5", "1e5j",
    "0x_f", "if", ":", "'a'", '"b"', "f'{x}'", "'''a\nb'''", '"""\n"""',
    "'a\\\nb'", "'", '"', "\\",
)

CASES = {
    "empty": "",
    "only comments": "# one\n\n    # two\n#three\n",
    "statements": "import os\nx = os.sep; y = 2\nprint(x, y)\n",
    "blank lines with spaces": "x = 1\n   \n\t\ny = 2\n  \n",
    "comments at every indentation": (
        "# top\nif x:\n    # in\n    y = 1  # after\n  # less\n"
        "        # more\n    if y:\n        z = 2\n# back at 0\n"
        "    # inside again\n    w = 3\n"
    ),
    "dedent to various levels": (
        "class A:\n    def f(self):\n        if x:\n            pass\n"
        "    def g(self):\n        while y:\n            for z in y:\n"
        "                pass\nx = 1\nif x:\n    if y:\n        pass\n"
    ),
    "dedent after a comment at the end": (
        "def f():\n    return 1\n    # trailing\n"
    ),
    "nested brackets over lines": (
        "x = [\n    (1, 2),\n\n    {3: [4,\n  5]},  # c\n    # d\n]\n"
        "if x:\n    y = f(a,\n# e\n          b)\n    z = 1\n"
    ),
    "operators before comments at breaks": (
        "x = (a +  # c  \n     b and\t# d\n     c)\n"
    ),
    "backslash continuations": (
        "x = 1 + \\\n    2\nif a and \\\n        b:\n    y = 3\n"
        "z = (1 +\\\n 2)\nassert x, \\\n    'message'\n"
    ),
    "numbers": (
        "a = [1_000, 0x_ff, 0XAB, 0b1010, 0o17, 0O7, 0, 00, 0_0, 1e-5j,\n"
        "     .5, 1., 1.5e+10, 1E5, 1_0.0_1e1_0j, 1J, 3.14j, .5e3j,\n"
        "     1.e5, 0.0, 1.5.real, 1..real, 1 .real, 9_9j]\n"
    ),
    "operators": (
        "def f(a, *b, c=1, **d) -> int:\n    a += 1; a -= 1; a *= 2\n"
        "    a /= 2; a //= 2; a %= 2; a **= 2; a @= b; a &= 1; a |= 1\n"
        "    a ^= 1; a >>= 1; a <<= 1\n    return (a == b != c <= d >= e"
        " < f > g) + (~a) - (a << 1 >> 2) ** 2 // 3 % 4 @ m & 1 | 2 ^ 3\n"
        "x = y[1:2, ::3, ...]\nz = lambda: ...\nif (n := 10) > 5:\n"
        "    pass\n"
    ),
    "decorators, async, await, match": (
        "@decorator\n@other.attr(1)\nasync def f():\n"
        "    async with a as b:\n        await b\n"
        "    async for x in y:\n        pass\n"
        "match command.split():\n    case [action]:\n        pass\n"
        "    case [action, obj] if obj:\n        pass\n"
        "    case Point(x=0, y=0) | {'k': _}:\n        pass\n"
        "    case _:\n        pass\n"
    ),
    "type comments": (
        "def f(a,  # type: int\n      ):\n    # type: (...) -> None\n"
        "    x = []  # type: list[int]\n"
    ),
    "unicode": (
        "café = 'naïve'  # ça\n名前 = \"値\"\nπ = 3.14  # 🐍 comment\n"
        "s = '🐍🐍'; t = café\n"
    ),
    "tabs": (
        "if x:\n\ty = 1\n\tif y:\n\t\tz = 2\n\t  # c\nw = 'a\\tb'\t# t\n"
    ),
    "tabs and spaces": "if x:\n    \ty = 1\n    \tif y:\n    \t  z = 2\n",
    "names touching strings": (
        "x = 'a'if y else'b'\nz = rb = br = f = u = 1\nprint(f, rb)\n"
        "w = u'x' + R'y' + Rb'z' + bR'z' + F'{w}' + fR'{w}'\n"
    ),
    "f-strings": (
        "x = f'{a!r:>{width}}' f\"{'b'}\" rf'{c}\\d' f'''{\n  d\n}'''\n"
        "y = f'{x:{\"a\"}}'\n"
    ),
    "multi-line strings": (
        "def f():\n    '''Doc.\n\n    More.\n    '''\n"
        "    x = \"\"\"a\n  b\"\"\"; y = 1\n"
        "    z = '''a\\\nb''' + '''c\\\\\n'''\n"
        "    w = ''''''\n    v = '''a''''' + \"\"\"\"a\"\"\"\n"
        "    u = 'a\\\nb' + \"c\\\n\\\nd\"\n    return '''\n'''\n"
    ),
    "strings with escapes": (
        "a = 'x\\'y\"z' + \"x\\\"y'z\" + r'\\\\' + b'\\x00' + '\\\\'\n"
        "b = '''x''' '''\\'''' '' + \"\"\"\\\"\"\"\"\n"
    ),
    "a statement at the end, indented": "if x:\n    pass\n",
    "whitespace at line ends": "x = 1   \nif x:  \n    y = (1,  \n  2)  \n",
    "no final newline": "x = 1\nif x:\n    y = 2",
    "only a comment, no final newline": "# c",
    "a line of only a continuation": "if x:\n    \\\n    y = 3\n",
    "carriage return": "x = 1\ry = 2\n",
    "form feed": "x = 1\n\x0c\ny = 2\n",
    "combining character in a name": "e\u0301 = 1\n",
    "identifier starting outside \\w": "\u2118 = 1\n",
}
FALLS_BACK = {
    "a line of only a continuation",
    "no final newline",
    "only a comment, no final newline",
    "carriage return",
    "form feed",
    "combining character in a name",
    "identifier starting outside \\w",
}


def _assert_same(text: str) -> None:
    """Assert the facts of a text are its tokens', or not found."""
    lines = io.StringIO(text).readlines()
    found = fast_scan(text, lines)
    if found is None:
        return
    tokens = tokens_of(text)
    assert found == scan(tokens, lines)
    assert found.spans == _flake8_spans(tokens)


def _flake8_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Return the multi-line runs of tokens, found as flake8 does.

    From each token's first and last line, between line ends; a
    reference for :attr:`LayoutScan.spans`.
    """
    spans = []
    first, last = sys.maxsize, -1
    for kind, _, start, end, _ in tokens:
        if kind in (tokenize.ENDMARKER, tokenize.DEDENT):
            continue
        first = min(first, start[0])
        last = max(last, end[0])
        if kind in (tokenize.NL, tokenize.NEWLINE):
            if last > first:
                spans.append((first, last))
            first, last = sys.maxsize, -1
    return spans


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_gives_the_facts_of_its_tokens(name: str) -> None:
    text = CASES[name]
    ast.parse(text)  # the cases are all valid Python
    lines = io.StringIO(text).readlines()
    assert (fast_scan(text, lines) is None) == (name in FALLS_BACK)
    _assert_same(text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_lines_split_as_the_context_does(name: str) -> None:
    # The context passes its lines (split_lines) with their joined text.
    lines = split_lines(CASES[name])
    text = "".join(lines)
    found = fast_scan(text, lines)
    if found is not None:
        assert found == scan(tokens_of(text), lines)


def test_facts_found_in_a_small_module() -> None:
    text = (
        '"""Doc."""\n\n# note\nimport os  # noqa\n\n\n'
        "def f(a,\n      b):\n    x = (a +\n         b)\n"
        "    return '''\n    '''\n"
    )
    found = fast_scan(text, io.StringIO(text).readlines())
    assert found == LayoutScan(
        statements=[
            (1, 0, "string", False, 0, 0),
            (3, 0, "comment", False, 1, 1),
            (4, 0, "code", False, 1, 0),
            (7, 0, "def", False, 2, 2),
            (9, 4, "code", False, 0, 0),
            (11, 4, "code", False, 0, 0),
        ],
        string_lines={11},
        inside_string={12},
        doc_lines={1: True},
        comment_lines={3},
        comments=[(3, "# note"), (4, "# noqa")],
        pragma_cols={4: 11},
        indents=[(9, 0, 4)],
        breaks=[(9, 11, "+")],
        spans=[(11, 12)],
    )


@pytest.mark.parametrize("quote", QUOTES)
def test_every_string_prefix_and_quote(quote: str) -> None:
    escaped = "\\" + quote[0]
    text = "".join(
        f"x{number} = {prefix}{quote}a{escaped}b {{1}}{quote}\n"
        for number, prefix in enumerate(PREFIXES)
    )
    ast.parse(text)
    _assert_same(text)
    assert fast_scan(text, io.StringIO(text).readlines()) is not None


def test_every_operator_at_every_break() -> None:
    lines = [
        f"x = (y {first}{second}\n    z)\n"
        for first in OPERATORS
        for second in [*OPERATORS, "(", ")", "[", "]", "{", "}", ".5", ""]
    ]
    for line in lines:
        _assert_same(line)
    text = "".join(lines)
    assert fast_scan(text, io.StringIO(text).readlines()) is not None


def test_tabs_count_to_multiples_of_eight() -> None:
    # Not valid Python (a tab and 8 spaces are the same indentation to
    # tokenize only), but tokenize accepts it.
    text = "if x:\n\ty = 1\n        z = 2\n  \tw = 3\n"
    assert fast_scan(text, io.StringIO(text).readlines()) is not None
    _assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "if x:\n        y = 1\n    z = 2\n",
        "x = (1,\n", "x = 1 + \\\n", "x = '''a\n", "x = 'a\\\n",
        "x = $\n",
    ],
)
def test_bad_or_unfinished_text_is_left_to_the_tokens(text: str) -> None:
    assert fast_scan(text, io.StringIO(text).readlines()) is None


@FUZZ
@given(hypothesmith.from_grammar())
def test_generated_programs_give_the_facts_of_their_tokens(
    text: str,
) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return
    _assert_same(text)
    # As the engine gives it: newlines made \n, one at the end.
    _assert_same("".join(split_lines(text)).rstrip("\n") + "\n")


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_token_soup_gives_the_facts_of_its_tokens_or_is_left(
    fragments: list[str],
) -> None:
    _assert_same_or_left("".join(fragments) + "\n")


@FUZZ
@given(st.text(alphabet="ab1_é (){}.:=+*\n\t\\'\"#rbf\r\x0c", max_size=80))
def test_any_text_gives_the_facts_of_its_tokens_or_is_left(
    text: str,
) -> None:
    _assert_same_or_left(text)


def _assert_same_or_left(text: str) -> None:
    """Assert as :func:`_assert_same` where the tokens can be made."""
    try:
        _assert_same(text)
    except (tokenize.TokenError, IndentationError):
        assert fast_scan(text, io.StringIO(text).readlines()) is None


def _python_files(*folders: Path) -> list[Path]:
    """Return the ``.py`` files under some folders."""
    return sorted(
        path for folder in folders for path in folder.rglob("*.py")
    )


@pytest.fixture
def rare_collections() -> Iterator[None]:
    """Run the cycle collector rarely, as a check does (3x faster)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 50, 1000)
    yield
    gc.set_threshold(*thresholds)


@pytest.mark.corpus
@pytest.mark.usefixtures("rare_collections")
def test_corpus_gives_the_facts_of_its_tokens(
    stdlib_files: list[Path],
) -> None:
    files = stdlib_files + _python_files(
        REPOSITORY / "fixtures", REPOSITORY / "src", REPOSITORY / "tests"
    )
    left = []
    for path in files:
        lines = split_lines(decode(path.read_bytes()).text)
        text = "".join(lines)
        found = fast_scan(text, lines)
        if found is None:
            left.append(path)
        else:
            tokens = tokens_of(text)
            assert found == scan(tokens, lines), path
            assert found.spans == _flake8_spans(tokens), path
    assert len(left) <= len(files) // 100, left
