"""Naming rules (STD2xx): rule pages, positions, helpers.

The cases of each rule are in ``fixtures/rules/STD2nn.py``; these tests
cover what fixtures cannot: the examples on the rule pages, where a
finding points, and the helpers' edge cases.
"""

from __future__ import annotations

import ast
import re

import pytest

from stdcheck.core import registry
from stdcheck.core.registry import FixSafety
from stdcheck.rules import family_of
from stdcheck.rules.naming import styles as naming_styles
from tests.helpers import findings_of

NAMING_RULES = [
    rule
    for rule in registry.all_rules()
    if family_of(rule.code).package == "naming"
]
FILE_COMMENT = re.compile(r"# (?:file|folder): (\S+)")


def _example_path(snippet: str) -> str:
    """Return the file an example names (``# file: X.py``), if any."""
    match = FILE_COMMENT.match(snippet)
    return match.group(1) if match else "example.py"


@pytest.mark.parametrize(
    "rule", NAMING_RULES, ids=[rule.code for rule in NAMING_RULES]
)
def test_examples(rule: registry.Rule) -> None:
    """A page's bad example breaks only its rule; the good one none."""
    bad = findings_of(rule.bad, _example_path(rule.bad), select=["STD2"])
    good = findings_of(
        rule.good, _example_path(rule.good), select=["STD2"]
    )
    assert {finding.code for finding in bad} == {rule.code}
    assert good == []


def test_every_rule_is_documented() -> None:
    """All nine rules exist, each with notes and peers or a reason."""
    assert [rule.code for rule in NAMING_RULES] == [
        f"STD20{number}" for number in range(1, 10)
    ]
    for rule in NAMING_RULES:
        assert rule.notes and rule.rationale and rule.peers


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ("def fooBar():\n    pass\n", 4),
        ("async  def fooBar():\n    pass\n", 11),
        ("class foo_bar(Base):\n    pass\n", 6),
        ("@decorate\ndef fooBar():\n    pass\n", 4),
        ("def f():\n    fooBar = 1\n", 4),
        (
            "def f():\n    try:\n        pass\n"
            "    except ValueError as fooBar:\n        pass\n",
            25,
        ),
        ("def f(a, fooBar):\n    pass\n", 9),
    ],
)
def test_finding_points_at_the_name(source: str, column: int) -> None:
    """A finding starts at the name itself and spans it."""
    [finding] = findings_of(source, select=["STD2"])
    line = source.splitlines()[finding.line - 1]
    assert finding.col == column
    assert finding.end_col is not None
    assert line[finding.col:finding.end_col] in ("fooBar", "foo_bar")


def test_non_ascii_columns_are_characters() -> None:
    """Columns count characters, not UTF-8 bytes."""
    [finding] = findings_of(
        "é = 1; fooBar = compute()\n", select=["STD203"]
    )
    assert finding.col == 7


def test_private_access_points_at_the_attribute() -> None:
    """STD208 points at the attribute, not at the whole expression."""
    [finding] = findings_of(
        "def f(order):\n    return order.items._total\n",
        select=["STD208"],
    )
    assert (finding.line, finding.col, finding.end_col) == (2, 23, 29)


@pytest.mark.parametrize(
    ("expression", "literal"),
    [
        ("5", True),
        ("-5", True),
        ("60 * 60", True),
        ("'a' 'b'", True),
        ("b'x'", True),
        ("True", True),
        ("('a', (1, 2.0))", True),
        ("frozenset({'a', 'b'})", True),
        ("frozenset()", True),
        ("None", False),
        ("...", False),
        ("['a']", False),
        ("{'a': 1}", False),
        ("('a', x)", False),
        ("f'{x}'", False),
        ("frozenset(names)", False),
        ("compute()", False),
    ],
)
def test_is_literal(expression: str, literal: bool) -> None:
    """Literals are constant values, not None or mutable displays."""
    node = ast.parse(expression, mode="eval").body
    assert naming_styles.is_literal(node) is literal


@pytest.mark.parametrize(
    ("name", "lower", "upper", "cap_words", "mixed"),
    [
        ("user_count", True, False, False, False),
        ("userCount", False, False, False, True),
        ("_userCount", False, False, False, True),
        ("UserCount", False, False, True, False),
        ("_UserCount_", False, False, True, False),
        ("HTTPServer", False, False, True, False),
        ("MAX_SIZE", False, True, False, False),
        ("T", False, True, True, False),
        ("x1", True, False, False, False),
    ],
)
def test_styles(
    name: str, lower: bool, upper: bool, cap_words: bool, mixed: bool
) -> None:
    """The case-style predicates agree with PEP 8's vocabulary."""
    assert naming_styles.is_lower(name) is lower
    assert naming_styles.is_upper(name) is upper
    assert naming_styles.is_cap_words(name) is cap_words
    assert naming_styles.is_mixed_case(name) is mixed


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("if a:\n    X = 1\nelse:\n    X = 2\n", True),
        ("if a:\n    X = 1\nelif b:\n    X = 2\n", True),
        ("if a:\n    X = 1\nelse:\n    if b:\n        X = 2\n", True),
        (
            "if a:\n    X = 1\nelif b:\n    X = 2\nelif c:\n    pass\n"
            "else:\n    X = 3\n",
            True,
        ),
        ("X = 1\nif a:\n    X = 2\n", False),
        ("if a:\n    pass\nelse:\n    X = 1\n    if b:\n        X = 2\n",
         False),
        ("try:\n    X = 1\nexcept E:\n    X = 2\n", True),
        (
            "try:\n    import readline\n    HAVE_READLINE = True\n"
            "except ImportError:\n    HAVE_READLINE = False\n",
            True,
        ),
        (
            "try:\n    import x\nexcept E:\n    X = False\n"
            "else:\n    X = True\n",
            True,
        ),
        ("try:\n    X = 1\nexcept E:\n    pass\nelse:\n    X = 2\n", False),
        ("try:\n    X = 1\nfinally:\n    X = 2\n", False),
        (
            "match m:\n    case 1:\n        X = 1\n"
            "    case _:\n        X = 2\n",
            True,
        ),
        ("match (X := m):\n    case 1:\n        X = 1\n", False),
        ("if a:\n    X = 1\nif a:\n    X = 2\n", False),
        # An elif test runs after the arms above were passed over, and
        # before the arms below: alternatives to the former only.
        ("if a:\n    X = 1\nelif (X := b):\n    pass\n", True),
        ("if a:\n    pass\nelif (X := b):\n    X = 2\n", False),
        ("if a:\n    pass\nelif (X := b):\n    pass\nelse:\n    X = 2\n",
         False),
        ("if (X := a):\n    pass\nelif b:\n    X = 2\n", False),
        ("if a:\n    pass\nelif (X := b):\n    pass\nelif (X := c):\n"
         "    pass\n", False),
    ],
)
def test_exclusive_branches(source: str, expected: bool) -> None:
    """Alternatives are not a rebinding; sequences and finally are."""
    findings = findings_of(source, select=["STD205"])
    assert (findings == []) is expected


@pytest.mark.parametrize(
    "source",
    [
        "if a:\n    pass\n" + "".join(
            f"elif x == {arm}:\n    MODE = {arm}\n" for arm in range(300)
        ),
        "match m:\n" + "".join(
            f"    case {arm}:\n        MODE = {arm}\n" for arm in range(300)
        ),
    ],
)
def test_many_alternatives(source: str) -> None:
    """Hundreds of alternatives binding one name are no rebinding."""
    assert findings_of(source, select=["STD205"]) == []


@pytest.mark.parametrize(
    ("source", "safety"),
    [
        ("def f():\n    Total = 1\n", FixSafety.SAFE),
        ("squares = [X * X for X in range(3)]\n", FixSafety.SAFE),
        ("def f():\n    def innerHelper():\n        pass\n", FixSafety.SAFE),
        (
            "def f():\n    @cache\n    def innerHelper():\n        pass\n",
            FixSafety.UNSAFE,
        ),
        # Its __name__ may be read by what receives the function, or
        # shown by a class's instances: renaming is not safe.
        (
            "def f(xs):\n    def isValid(x):\n        pass\n"
            "    return filter(isValid, xs)\n",
            FixSafety.UNSAFE,
        ),
        (
            "def f():\n    def innerHelper():\n        pass\n"
            "    innerHelper = wrap(innerHelper)\n",
            FixSafety.UNSAFE,
        ),
        (
            "def f():\n    def innerHelper():\n        pass\n"
            "    return innerHelper()\n",
            FixSafety.SAFE,
        ),
        ("def calculateTotal():\n    pass\n", FixSafety.UNSAFE),
        ("def f(scaleFactor):\n    pass\n", FixSafety.UNSAFE),
        ("userCount = compute()\n", FixSafety.UNSAFE),
        ("for Item in items:\n    pass\n", FixSafety.UNSAFE),
        ("max_items = 5\n", FixSafety.UNSAFE),
        ("TIMEOUT = 1\nTIMEOUT = 2\n", FixSafety.UNSAFE),
        ("class order_item:\n    pass\n", FixSafety.UNSAFE),
        ("class A:\n    def addItem(self):\n        pass\n", FixSafety.NONE),
        ("class A:\n    class inner_thing:\n        pass\n", FixSafety.NONE),
        ("import shop\nshop._cart\n", FixSafety.NONE),
        # A rename would capture or clash: no fix is offered.
        (
            "def f(xs):\n    N = len(xs)\n"
            "    return [n / N for n in range(N)]\n",
            FixSafety.NONE,
        ),
        ("class Timeout(OSError):\n    pass\n", FixSafety.NONE),
        ("def f():\n    Count = 1\n    return locals()\n", FixSafety.NONE),
        ("def f():\n    Count = 1\n    del Count\n", FixSafety.NONE),
        ("def f(Size):\n    pass\n\n\nf(Size=1)\n", FixSafety.NONE),
        (
            "class order:\n    pass\n\n\n"
            "def first() -> 'list[order]':\n    pass\n",
            FixSafety.NONE,
        ),
        (
            "def f(command):\n    match command:\n"
            "        case [Verb]:\n            return Verb\n",
            FixSafety.NONE,
        ),
    ],
)
def test_fix_safety_per_finding(source: str, safety: FixSafety) -> None:
    """Local renames are safe, public ones unsafe, impossible ones none.

    A finding offers a fix only when the rename fix can make it.
    """
    [finding] = findings_of(source, select=["STD2"])
    assert finding.fix is safety


@pytest.mark.parametrize(
    ("source", "path", "safety"),
    [
        # pytest passes fixtures to tests and fixtures by name.
        ("def test_repr(C):\n    pass\n", "tests/test_x.py", FixSafety.NONE),
        (
            "class TestRepr:\n    def test_it(self, C):\n        pass\n",
            "test_x.py",
            FixSafety.NONE,
        ),
        (
            "import pytest\n\n\n@pytest.fixture\ndef thing(C):\n"
            "    pass\n",
            "helpers.py",
            FixSafety.NONE,
        ),
        # Elsewhere a test-like name is an ordinary function.
        ("def test_repr(C):\n    pass\n", "app.py", FixSafety.UNSAFE),
        ("def check(C):\n    pass\n", "tests/test_x.py", FixSafety.UNSAFE),
    ],
)
def test_fixture_parameters_have_no_fix(
    source: str, path: str, safety: FixSafety
) -> None:
    [finding] = findings_of(source, path, select=["STD202"])
    assert finding.fix is safety
