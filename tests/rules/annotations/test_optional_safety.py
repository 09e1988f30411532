"""How safe the STD503 fix is, by where the annotation is and its form.

Safe: a parameter of a plain function, annotated with a name, an
attribute or a subscript. Unsafe: class-body fields (pydantic,
dataclasses, attrs, TypedDict and SQLModel read them at run time), a
parameter of a decorated function, other annotation forms. Never: a
concatenated string annotation.
"""

from __future__ import annotations

import pytest

from stdcheck.core.registry import FixSafety
from tests.helpers.fixing import assert_fix, fix_text

SAFE = {
    "name": "def f(a: int = None) -> None:\n    pass\n",
    "attribute": "def f(a: os.PathLike = None) -> None:\n    pass\n",
    "subscript": "def f(a: list[int] = None) -> None:\n    pass\n",
    "method": (
        "class C:\n    @staticmethod\n"
        "    def f(a: int = None) -> None:\n        pass\n"
    ),
}
UNSAFE = {
    "pydantic field": (
        "from pydantic import BaseModel\n\n\n"
        "class User(BaseModel):\n    age: int = None\n"
    ),
    "dataclass field": (
        "import dataclasses\n\n\n@dataclasses.dataclass\n"
        "class User:\n    age: int = None\n"
    ),
    "TypedDict-like plain class field": "class User:\n    age: int = None\n",
    "decorated function": (
        "@app.get('/')\ndef f(q: str = None) -> None:\n    pass\n"
    ),
    "string annotation": "def f(a: 'int' = None) -> None:\n    pass\n",
    "union annotation": "def f(a: int | str = None) -> None:\n    pass\n",
}
NEVER = {
    "concatenated string": 'def f(d: "int" "" = None) -> None:\n    pass\n',
    "concatenated string field": 'class C:\n    d: "in" "t" = None\n',
}


def _safety(source: str) -> set[FixSafety]:
    """Return the fix safety of the STD503 findings of some code."""
    found = fix_text(source, "STD503").found
    assert found
    return {finding.fix for finding in found}


@pytest.mark.parametrize("source", SAFE.values(), ids=SAFE.keys())
def test_safe_on_plain_parameters(source: str) -> None:
    """A plain function's parameter with a simple annotation: safe."""
    assert _safety(source) == {FixSafety.SAFE}
    assert "| None = None" in fix_text(source, "STD503").after


@pytest.mark.parametrize("source", UNSAFE.values(), ids=UNSAFE.keys())
def test_unsafe_where_annotations_may_be_read(source: str) -> None:
    """Fields and other forms wait for ``--unsafe-fixes``."""
    assert _safety(source) == {FixSafety.UNSAFE}
    assert fix_text(source, "STD503").after == source
    assert "| None" in fix_text(source, "STD503", unsafe=True).after


@pytest.mark.parametrize("source", NEVER.values(), ids=NEVER.keys())
def test_concatenated_string_is_never_fixed(source: str) -> None:
    """``("int" "") | None`` raises when the function is defined."""
    assert _safety(source) == {FixSafety.NONE}
    result = assert_fix(source, source, select="STD503", unsafe=True)
    assert [finding.code for finding in result.findings] == ["STD503"]


def test_unsafe_field_fix() -> None:
    """With ``--unsafe-fixes`` a field is made optional, and settles."""
    assert_fix(
        """
        from pydantic import BaseModel


        class User(BaseModel):
            age: int = None
        """,
        """
        from pydantic import BaseModel


        class User(BaseModel):
            age: int | None = None
        """,
        select="STD503",
        unsafe=True,
    )
