"""STD502 and STD503 fixes: before, after, idempotence, verification."""

from __future__ import annotations

from tests.helpers.fixing import assert_fix, fix_text


def test_returns_none_added_where_nothing_is_returned() -> None:
    """Functions without a returned value get ``-> None``."""
    assert_fix(
        """
        def greet(name: str):
            print(name)


        class Cart:
            def __init__(self):
                self.items = []

            @property
            def size(self):
                return len(self.items)

            async def clear(self):
                self.items = []
                return
        """,
        """
        def greet(name: str) -> None:
            print(name)


        class Cart:
            def __init__(self) -> None:
                self.items = []

            @property
            def size(self):
                return len(self.items)

            async def clear(self) -> None:
                self.items = []
                return
        """,
        select="STD502",
    )


def test_generators_and_abstract_methods_are_not_annotated() -> None:
    """A yield or an abstract body says nothing about ``None``."""
    source = (
        "import abc\n\n\nclass Shape(abc.ABC):\n"
        "    @abc.abstractmethod\n    def area(self):\n        pass\n\n"
        "    def corners(self):\n        yield 1\n"
    )
    fixed = fix_text(source, select="STD502")
    assert fixed.after == source
    assert [finding.line for finding in fixed.findings] == [6, 9]


def test_optional_written_with_a_bar_on_python_310() -> None:
    """Parameters and class attributes get ``| None``."""
    assert_fix(
        """
        from pydantic import BaseModel


        class UserCreate(BaseModel):
            full_name: str = None


        def greet(name: str = None, *, tag: int = None) -> None:
            pass


        def tags(items: list[str] = None) -> None:
            pass


        def later(user: "User" = None) -> None:
            pass
        """,
        """
        from pydantic import BaseModel


        class UserCreate(BaseModel):
            full_name: str | None = None


        def greet(name: str | None = None, *, tag: int | None = None) -> None:
            pass


        def tags(items: list[str] | None = None) -> None:
            pass


        def later(user: "User | None" = None) -> None:
            pass
        """,
        select="STD503",
        unsafe=True,  # fields and string annotations
    )


def test_optional_imported_for_older_targets() -> None:
    """Before 3.10, ``Optional[T]`` is written and imported."""
    assert_fix(
        """
        import os


        def greet(name: str = None) -> None:
            pass


        def load(user: "User" = None) -> None:
            pass
        """,
        """
        import os
        from typing import Optional


        def greet(name: Optional[str] = None) -> None:
            pass


        def load(user: "Optional[User]" = None) -> None:
            pass
        """,
        select="STD503",
        unsafe=True,  # fields and string annotations
        target_version="py38",
    )


def test_optional_import_not_duplicated() -> None:
    """An existing ``from typing import Optional`` is reused."""
    assert_fix(
        """
        from typing import Optional


        def greet(name: str = None) -> None:
            pass
        """,
        """
        from typing import Optional


        def greet(name: Optional[str] = None) -> None:
            pass
        """,
        select="STD503",
        target_version="py39",
    )


def test_a_body_that_only_raises_gets_no_none() -> None:
    """``-> None`` would be wrong where the body can only raise."""
    source = (
        "class Cache(dict):\n"
        "    def __missing__(self, key):\n"
        "        raise KeyError(key)\n\n"
        "    def __hash__(self):\n"
        "        if self:\n"
        "            def inner():\n"
        "                return 1\n"
        "        raise TypeError('unhashable')\n"
    )
    fixed = fix_text(source, select="STD502")
    assert fixed.after == source
    assert [finding.line for finding in fixed.findings] == [2, 5]


def test_a_body_that_may_return_before_raising_gets_none() -> None:
    """A bare ``return`` before the final ``raise`` returns None."""
    assert_fix(
        """
        def check(value: int):
            if value:
                return
            raise ValueError(value)
        """,
        """
        def check(value: int) -> None:
            if value:
                return
            raise ValueError(value)
        """,
        select="STD502",
    )


def test_optional_wrapped_where_the_line_would_grow_too_long() -> None:
    """``| None`` would push the line past the limit: it is wrapped."""
    long_line = (
        "def connect(address_of_server: str, certificate_file: str = None) "
        "-> None:"
    )
    source = f'{long_line}\n    """Connect."""\n'
    assert fix_text(source, select="STD503").after == (
        "def connect(\n    address_of_server: str,\n"
        "    certificate_file: str | None = None,\n) -> None:\n"
        '    """Connect."""\n'
    )
    near = source.replace("certificate_file", "cert_file")
    assert fix_text(near, select="STD503").after == near.replace(
        "str = None", "str | None = None"
    )


def test_none_goes_after_the_parameters_as_written() -> None:
    """After their ``)``, not one in a default; a comment stays."""
    assert_fix(
        '''
        class Shop:
            def close(
                self, sign="): closed",
            ):  # the colon: here
                """Close."""
                print(sign)

            def open(self) :
                print(self)

            @staticmethod
            async def wait(): print(1)
        ''',
        '''
        class Shop:
            def close(
                self, sign="): closed",
            ) -> None:  # the colon: here
                """Close."""
                print(sign)

            def open(self) -> None :
                print(self)

            @staticmethod
            async def wait() -> None: print(1)
        ''',
        select="STD502",
    )


def test_none_keeps_the_line_ending_of_its_line() -> None:
    """A wrapped signature's new lines end as its last line did."""
    name = "g" * 55  # the line is 75 wide: 83 with ``-> None``
    source = f"def report(alpha, {name}):\r\n    print(alpha)\r\n"
    assert fix_text(source, select="STD502").after == (
        f"def report(\r\n    alpha,\r\n    {name},\r\n) -> None:\r\n"
        "    print(alpha)\r\n"
    )


def test_none_keeps_every_other_character_of_the_file() -> None:
    """A form feed before the ``def`` and a last ``\\r`` stay.

    (The libcst fix this text edit replaced dropped both.)
    """
    assert_fix(
        "\x0cdef show(a):\r    print(a)\r",
        "\x0cdef show(a) -> None:\r    print(a)\r",
        select="STD502",
    )
