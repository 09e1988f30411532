"""Renames of the naming rules: before, after and idempotence."""

from __future__ import annotations

import pytest

from stdcheck.rules.naming.styles import new_name
from tests.helpers.fixing import assert_fix, fix_text


def test_local_variables_are_renamed_safely() -> None:
    """Every use in the scope follows, closures and ``nonlocal`` too."""
    assert_fix(
        """
        def total(items):
            totalPrice = 0
            for Item in items:
                totalPrice += Item.price

            def add(extra):
                nonlocal totalPrice
                totalPrice += extra
            add(1)
            return totalPrice, [Value * 2 for Value in items]
        """,
        """
        def total(items):
            total_price = 0
            for item in items:
                total_price += item.price

            def add(extra):
                nonlocal total_price
                total_price += extra
            add(1)
            return total_price, [value * 2 for value in items]
        """,
        select="STD203",
    )


def test_local_function_is_renamed_safely() -> None:
    """A plain function inside a function is renamed with its uses."""
    assert_fix(
        """
        def outer(values):
            def isValid(value):
                return value > 0
            return [value for value in values if isValid(value)]
        """,
        """
        def outer(values):
            def is_valid(value):
                return value > 0
            return [value for value in values if is_valid(value)]
        """,
        select="STD201",
    )


@pytest.mark.parametrize(
    "source",
    [
        # The new name is taken in the scope.
        "def f():\n    totalPrice = 1\n    total_price = 2\n"
        "    return totalPrice + total_price\n",
        # A nested scope reads a global of the new name.
        "def f():\n    Count = 1\n\n    def g():\n        return count\n"
        "    return Count, g\n",
        # The scope reads its names by string.
        "def f():\n    Count = 1\n    return locals()\n",
        # A keyword: `Class` would become `class`.
        "def f():\n    Class = 1\n    return Class\n",
        # Module-level names need --unsafe-fixes.
        "def calculateTotal():\n    pass\n",
        "userCount = compute()\n",
        # Decorators may read a local function's name.
        "def f():\n    @register\n    def onEvent():\n        pass\n",
        # So may whatever receives the function.
        "def f(values):\n    def isValid(value):\n        return value\n"
        "    return filter(isValid, values)\n",
        # A class's name shows in its instances' repr (attrs' tests).
        "def f():\n    class C:\n        pass\n\n"
        "    C = add_repr(C)\n    return repr(C())\n",
    ],
)
def test_risky_safe_renames_are_left_alone(source: str) -> None:
    """Without ``--unsafe-fixes``, nothing that may break is renamed."""
    assert_fix(source, source, select="STD2")


def test_module_level_renames_need_unsafe_fixes() -> None:
    """Functions, classes, constants and ``__all__`` follow together."""
    assert_fix(
        """
        __all__ = ["calculateTotal", "order_error", "maxItems"]
        maxItems = 50
        userCount = compute()


        class order_error(Exception):
            pass


        def calculateTotal(items, discountRate=None):
            global userCount
            userCount += 1
            if len(items) > maxItems:
                raise order_error(discountRate)
            return sum(items)
        """,
        """
        __all__ = ["calculate_total", "OrderError", "MAX_ITEMS"]
        MAX_ITEMS = 50
        user_count = compute()


        class OrderError(Exception):
            pass


        def calculate_total(items, discount_rate=None):
            global user_count
            user_count += 1
            if len(items) > MAX_ITEMS:
                raise OrderError(discount_rate)
            return sum(items)
        """,
        select="STD2",
        unsafe=True,
    )


@pytest.mark.parametrize(
    "source",
    [
        # Methods are reached through attributes: never renamed.
        "class Cart:\n    def addItem(self):\n        pass\n",
        # Callers in the file pass the argument by keyword.
        "def scale(scaleFactor=2):\n    return scaleFactor\n\n\n"
        "scale(scaleFactor=3)\n",
        # A string annotation names the class.
        "class order_item:\n    pass\n\n\n"
        "def first() -> 'order_item':\n    pass\n",
        # The new name is a builtin.
        "def Len():\n    pass\n",
    ],
)
def test_unsafe_renames_that_would_break_are_refused(source: str) -> None:
    """Even with ``--unsafe-fixes``, a rename that breaks is skipped."""
    result = assert_fix(source, source, select="STD2", unsafe=True)
    assert result.findings


def test_rebound_constant_becomes_a_variable() -> None:
    """A rebound ``UPPER_CASE`` name is renamed lowercase (unsafe)."""
    assert_fix(
        """
        TIMEOUT = 5


        def configure(value):
            global TIMEOUT
            TIMEOUT = value
        """,
        """
        timeout = 5


        def configure(value):
            global timeout
            timeout = value
        """,
        select="STD205",
        unsafe=True,
    )


def test_redefined_one_letter_class_is_not_a_constant() -> None:
    """``class A`` twice is not a rebound constant (no rename loop)."""
    source = "class A:\n    pass\n\n\nclass A:\n    pass\n"
    result = assert_fix(source, source, select="STD2", unsafe=True)
    assert result.findings == []


def test_exception_class_gets_the_error_suffix() -> None:
    """STD209 alone appends ``Error`` (``Exception`` becomes it)."""
    result = fix_text(
        "class ShopException(Exception):\n    pass\n\n\n"
        "class NotFound(ShopException):\n    pass\n",
        select="STD209",
        unsafe=True,
    )
    assert result.after == (
        "class ShopError(Exception):\n    pass\n\n\n"
        "class NotFoundError(ShopError):\n    pass\n"
    )


@pytest.mark.parametrize(
    ("old", "codes", "new"),
    [
        ("getHTTPResponse", {"STD201"}, "get_http_response"),
        ("_privateValue", {"STD203"}, "_private_value"),
        ("order_item", {"STD204"}, "OrderItem"),
        ("order_error", {"STD204", "STD209"}, "OrderError"),
        ("NotFound", {"STD209"}, "NotFoundError"),
        ("defaultTimeout", {"STD205"}, "DEFAULT_TIMEOUT"),
        ("_cache_size", {"STD205"}, "_CACHE_SIZE"),
        # An UPPER_CASE name keeps its words; mixed case is split.
        ("V2P_OUT_SLIM", {"STD203"}, "v2p_out_slim"),
        ("HTTP2Server", {"STD203"}, "http2_server"),
        ("_TZR1", {"STD203"}, "_tzr1"),
        # An acronym's plural is one word; a capital word after one is
        # not.
        ("NLs", {"STD203"}, "nls"),
        ("getURLsFor", {"STD201"}, "get_urls_for"),
        ("HTTPServer", {"STD203"}, "http_server"),
        ("ASlist", {"STD203"}, "a_slist"),
    ],
)
def test_new_name(old: str, codes: set[str], new: str) -> None:
    """The new name satisfies every rule reported at the name."""
    assert new_name(old, codes) == new


def test_unnormalized_spelling_is_never_renamed() -> None:
    """``ｆoo`` is ``foo`` to Python but not to libcst: no rename."""
    source = "def f():\n    Ｆoo = 1\n    return Foo\n"
    result = assert_fix(source, source, select="STD2")
    assert [finding.code for finding in result.findings] == ["STD203"]
