"""The fast tokenizer gives exactly the stdlib's tokens, or defers.

Before Python 3.12 :func:`stdcheck.tokens.fast_tokens` must return the
same list as :func:`tokenize.generate_tokens` (type, string, start,
end and line of every token), or None where it leaves the text to the
stdlib; from 3.12 on the stdlib is used as it is.
"""

from __future__ import annotations

import ast
import gc
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

from stdcheck.source import decode, split_lines
from stdcheck.tokens import fast_tokens, stdlib_tokens, tokens_of

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="the stdlib tokenizer is used as it is from Python 3.12",
)
REPOSITORY = Path(__file__).resolve().parent.parent
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
    "backslash continuations": (
        "x = 1 + \\\n    2\nif a and \\\n        b:\n    \\\n    y = 3\n"
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
    "carriage return": "x = 1\ry = 2\n",
    "form feed": "x = 1\n\x0c\ny = 2\n",
    "combining character in a name": "e\u0301 = 1\n",
    "identifier starting outside \\w": "\u2118 = 1\n",
}
FALLS_BACK = {
    "no final newline",
    "only a comment, no final newline",
    "carriage return",
    "form feed",
    "combining character in a name",
    "identifier starting outside \\w",
}


def _assert_same(text: str) -> None:
    """Assert the fast tokens of a text are the stdlib's, or None."""
    found = fast_tokens(text)
    if found is None:
        return
    expected = stdlib_tokens(text)
    for ours, theirs in zip(found, expected):
        assert ours == theirs
        assert type(ours) is tuple
    assert len(found) == len(expected)


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_tokenizes_as_the_stdlib(name: str) -> None:
    text = CASES[name]
    ast.parse(text)  # the cases are all valid Python
    assert tokens_of(text) == stdlib_tokens(text)
    assert (fast_tokens(text) is None) == (name in FALLS_BACK)
    _assert_same(text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_lines_given_split_as_the_context_does(name: str) -> None:
    # The context passes its lines (split_lines) with their joined text.
    lines = split_lines(CASES[name])
    text = "".join(lines)
    assert tokens_of(text, lines) == stdlib_tokens(text)


@pytest.mark.parametrize("quote", QUOTES)
def test_every_string_prefix_and_quote(quote: str) -> None:
    escaped = "\\" + quote[0]
    text = "".join(
        f"x{number} = {prefix}{quote}a{escaped}b {{1}}{quote}\n"
        for number, prefix in enumerate(PREFIXES)
    )
    ast.parse(text)
    _assert_same(text)
    assert fast_tokens(text) is not None


def test_every_operator_next_to_every_other() -> None:
    lines = [
        f"x {first}{second} y\n"
        for first in OPERATORS
        for second in [*OPERATORS, "(", ")", "[", "]", "{", "}", ".5"]
    ]
    for line in lines:
        _assert_same(line)
    assert fast_tokens("".join(lines)) is not None


def test_tabs_count_to_multiples_of_eight() -> None:
    # Not valid Python (a tab and 8 spaces are the same indentation to
    # tokenize only), but tokenize accepts it.
    text = "if x:\n\ty = 1\n        z = 2\n  \tw = 3\n"
    assert fast_tokens(text) == stdlib_tokens(text)


def test_indentation_error_is_the_stdlib_s() -> None:
    text = "if x:\n        y = 1\n    z = 2\n"
    assert fast_tokens(text) is None
    with pytest.raises(IndentationError):
        tokens_of(text)


@pytest.mark.parametrize(
    "text",
    ["x = (1,\n", "x = 1 + \\\n", "x = '''a\n", "x = 'a\\\n", "x = $\n"],
)
def test_unfinished_text_is_left_to_the_stdlib(text: str) -> None:
    assert fast_tokens(text) is None


@FUZZ
@given(hypothesmith.from_grammar())
def test_generated_programs_tokenize_as_the_stdlib(text: str) -> None:
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
def test_token_soup_tokenizes_as_the_stdlib_or_is_left_to_it(
    fragments: list[str],
) -> None:
    _assert_same_or_left("".join(fragments) + "\n")


@FUZZ
@given(st.text(alphabet="ab1_é (){}.:=+*\n\t\\'\"#rbf\r\x0c", max_size=80))
def test_any_text_tokenizes_as_the_stdlib_or_is_left_to_it(
    text: str,
) -> None:
    _assert_same_or_left(text)


def _assert_same_or_left(text: str) -> None:
    """Assert as :func:`_assert_same`; stdlib errors are left to it."""
    try:
        _assert_same(text)
    except (tokenize.TokenError, IndentationError):
        assert fast_tokens(text) is None


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
def test_corpus_tokenizes_as_the_stdlib(stdlib_files: list[Path]) -> None:
    files = stdlib_files + _python_files(
        REPOSITORY / "fixtures", REPOSITORY / "src", REPOSITORY / "tests"
    )
    left = []
    for path in files:
        text = "".join(split_lines(decode(path.read_bytes()).text))
        found = fast_tokens(text)
        if found is None:
            left.append(path)
        else:
            assert found == stdlib_tokens(text), path
    assert len(left) <= len(files) // 100, left
