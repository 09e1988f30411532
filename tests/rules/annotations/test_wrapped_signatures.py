"""A signature the STD502/STD503 fix makes too long is wrapped.

As black does: one parameter a line, indented four more than the
``def``, each with its comma, and ``) -> None:`` on its own line. Each
result is checked three ways besides ``assert_fix`` (before, after,
idempotence, verification): every rule run on it finds nothing the
input did not have; its tree is the input's but for the annotations;
and the engine's guard ran (layout rules selected).

Where the layout cannot be made (a comment, a parameter over several
lines or too long by itself, a line already too long, a body on the
``def`` line, no parameter) the finding is not offered a fix at all.
"""

from __future__ import annotations

import pytest

from stdcheck.core.registry import FixSafety
from tests.helpers.fixing import assert_fix, fix_text
from tests.rules.annotations.signatures import codes, unannotated

WIDTH = 75
"""The width of the long lines below: ``-> None`` takes them past 79."""


def _filled(*templates: str) -> list[str]:
    """Fill ``{name}`` with a name that makes its first line long.

    Args:
        *templates: Code with ``{name}``, the first one on a line that
            is to be :data:`WIDTH` wide once filled.

    Returns:
        The templates, filled with the same name.
    """
    line = next(
        (line for line in templates[0].split("\n") if "{name}" in line), ""
    )
    name = "g" * (WIDTH - len(line) + len("{name}"))
    return [template.replace("{name}", name) for template in templates]


WRAPPED = {
    "function": (
        "def report(alpha, beta, {name}):\n    print(alpha)\n",
        "def report(\n    alpha,\n    beta,\n    {name},\n"
        ") -> None:\n    print(alpha)\n",
    ),
    "method with / and *": (
        "class C:\n    def report(self, a, /, b=1, *, {name}):\n"
        "        print(a)\n",
        "class C:\n    def report(\n        self,\n        a,\n        /,\n"
        "        b=1,\n        *,\n        {name},\n    ) -> None:\n"
        "        print(a)\n",
    ),
    "star arguments": (
        "def report(alpha, *args, {name}: int = 1, **options):\n"
        "    print(alpha)\n",
        "def report(\n    alpha,\n    *args,\n    {name}: int = 1,\n"
        "    **options,\n) -> None:\n    print(alpha)\n",
    ),
    "async, decorated": (
        "@decorated\nasync def report(alpha, beta={1: 2}, {name}=3):\n"
        "    print(alpha)\n",
        "@decorated\nasync def report(\n    alpha,\n    beta={1: 2},\n"
        "    {name}=3,\n) -> None:\n    print(alpha)\n",
    ),
    "lambda default": (
        "def report(alpha, key=lambda a, b: a, {name}=1):\n    print(alpha)\n",
        "def report(\n    alpha,\n    key=lambda a, b: a,\n    {name}=1,\n"
        ") -> None:\n    print(alpha)\n",
    ),
    "already over two lines": (
        "def report(alpha, beta,\n           {name}):\n    print(alpha)\n",
        "def report(\n    alpha,\n    beta,\n    {name},\n"
        ") -> None:\n    print(alpha)\n",
    ),
}

NOT_OFFERED = {
    "comment inside": (
        "def report(alpha,  # the first\n           beta, {name}):\n"
        "    print(alpha)\n"
    ),
    "comment after": (
        "def report(alpha, beta):  # a comment{name}\n    print(alpha)\n"
    ),
    "parameter over lines": (
        "def report(alpha={\n    1: 2,\n}, beta=1, {name}=1):\n"
        "    print(alpha)\n"
    ),
    "parameter too long by itself": (
        "def report(\n" + "g" * 77 + "):\n    print(1)\n"
    ),
    "lambda default too long by itself": (
        "def report(\nkey=lambda first, second: " + "g" * 51 + "):\n"
        "    print(key)\n"
    ),
    "line already too long": (
        "def report(alpha, " + "g" * 62 + "):\n    print(alpha)\n"
    ),
    "body on the def line": "def report(alpha, {name}): print(alpha)\n",
    "no parameter": "def report_{name}():\n    print(1)\n",
}


def _assert_wrapped(
    before: str,
    after: str,
    select: str,
    header: tuple[str, str] = ("", ""),
    **config: object,
) -> None:
    """Assert the fix, no new finding, and the tree but annotations.

    Args:
        before: The function with a finding.
        after: The function fixed.
        select: The codes to fix (layout rules are selected too).
        header: What comes before the function, before and after.
        **config: Other configuration keys.
    """
    before, after = header[0] + before, header[1] + after
    assert_fix(before, after, select=f"STD1,{select}", **config)
    assert not codes(after) - codes(before)
    assert unannotated(after) == unannotated(before) != unannotated(
        "pass\n"
    )
    assert max(map(len, after.splitlines())) <= 79


@pytest.mark.parametrize(
    ("before", "after"), WRAPPED.values(), ids=WRAPPED.keys()
)
def test_returns_none_wraps_a_signature(before: str, after: str) -> None:
    """``-> None`` on a full line: one parameter a line."""
    _assert_wrapped(*_filled(before, after), "STD502")


@pytest.mark.parametrize(
    "source", NOT_OFFERED.values(), ids=NOT_OFFERED.keys()
)
def test_returns_none_not_offered_where_wrapping_fails(source: str) -> None:
    """The finding needs a human; ``fix`` leaves the code as it is."""
    [source] = _filled(source)
    found = fix_text(source, "STD502").found
    assert [(f.code, f.fix) for f in found] == [("STD502", FixSafety.NONE)]
    assert_fix(source, source, select="STD1,STD502", unsafe=True)


def test_near_miss_that_fits_is_not_wrapped() -> None:
    """A signature that ends exactly at the limit stays on one line."""
    name = "g" * (79 - len("def report(alpha, ) -> None:"))
    before = f"def report(alpha, {name}):\n    print(alpha)\n"
    assert_fix(
        before, before.replace("):", ") -> None:"), select="STD1,STD502"
    )


def test_optional_wraps_a_signature() -> None:
    """``| None`` on a full line: one parameter a line (STD503)."""
    _assert_wrapped(
        *_filled(
            "def report(alpha: int = None, {name}: str = '') -> None:\n"
            "    print(alpha)\n",
            "def report(\n    alpha: int | None = None,\n"
            "    {name}: str = '',\n) -> None:\n    print(alpha)\n",
        ),
        "STD503",
    )


def test_optional_import_and_wrap_before_3_10() -> None:
    """``Optional[...]`` is imported and the signature wrapped."""
    _assert_wrapped(
        *_filled(
            "def report(alpha: int = None, {name}: str = '') -> None:\n"
            "    print(alpha, os.sep)\n",
            "def report(\n    alpha: Optional[int] = None,\n"
            "    {name}: str = '',\n) -> None:\n"
            "    print(alpha, os.sep)\n",
        ),
        "STD503",
        header=("import os\n\n\n", "import os\nfrom typing import Optional"
                "\n\n\n"),
        target_version="py39",
    )


def test_both_fixes_on_one_signature() -> None:
    """``-> None`` and ``| None`` together: wrapped once, settled."""
    _assert_wrapped(
        *_filled(
            "def report(alpha: int = None, {name}: str = ''):\n"
            "    print(alpha)\n",
            "def report(\n    alpha: int | None = None,\n"
            "    {name}: str = '',\n) -> None:\n    print(alpha)\n",
        ),
        "STD502,STD503",
    )


def test_field_that_would_grow_too_long_is_not_offered() -> None:
    """Near miss: a class-body field is never wrapped (STD503)."""
    [source] = _filled("class C:\n    {name}: int = None\n")
    found = fix_text(source, "STD503").found
    assert [(f.code, f.fix) for f in found] == [("STD503", FixSafety.NONE)]


def test_findings_on_one_line_grow_it_together() -> None:
    """Two ``| None`` that each fit alone but not together: wrapped."""
    before = (  # 68 columns: 75 with one `| None`, 82 with both
        "def report(alpha: int = None, beta: int = None, gggggggg=1)"
        " -> None:\n    print(alpha)\n"
    )
    after = (
        "def report(\n    alpha: int | None = None,\n"
        "    beta: int | None = None,\n    gggggggg=1,\n) -> None:\n"
        "    print(alpha)\n"
    )
    _assert_wrapped(before, after, "STD503")


def test_findings_on_one_line_not_offered_if_no_wrap_fits() -> None:
    """Near miss: as above, but another line is too long already."""
    source = (
        "class C:\n"
        "    def report(q0, q1_abc: int = None, q2_abc: dict[str, int] = "
        "None,\n"
        "               q3=0, q4: int = lambda a, b: a, q5: dict[str, int] "
        "= None, ggg=1):\n"
        "        print(1)\n"
    )
    found = fix_text(source, "STD503").found
    assert [f.fix for f in found] == [FixSafety.NONE] * 3
    assert_fix(source, source, select="STD1,STD503", unsafe=True)
