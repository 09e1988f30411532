"""Fixes of STD903 (aware UTC datetimes) and STD904 (pydantic v2)."""

from __future__ import annotations

from tests.helpers.fixing import assert_fix, fix_text


def test_utcnow_used_zone_blind_is_fixed_by_default() -> None:
    """``.date()`` gives the same for aware and naive: a safe fix."""
    assert_fix(
        """
        from datetime import datetime

        today = datetime.utcnow().date()
        stamp = datetime.utcnow().strftime("%Y-%m-%d")
        """,
        """
        from datetime import datetime, timezone

        today = datetime.now(timezone.utc).date()
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        """,
        select="STD903",
    )


def test_utcnow_elsewhere_needs_unsafe_fixes() -> None:
    """An aware value may behave differently: unsafe only."""
    source = (
        "from datetime import datetime\n"
        "\n"
        "stamp = datetime.utcnow().isoformat()\n"
    )
    assert fix_text(source, "STD903").after == source
    assert_fix(
        source,
        source.replace("import datetime", "import datetime, timezone")
        .replace("utcnow()", "now(timezone.utc)"),
        select="STD903",
        unsafe=True,
    )


def test_utcfromtimestamp_through_module_alias() -> None:
    """``dt.datetime`` reaches ``dt.timezone``: no import is added."""
    assert_fix(
        """
        import datetime as dt

        when = dt.datetime.utcfromtimestamp(seconds)
        """,
        """
        import datetime as dt

        when = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
        """,
        select="STD903",
        unsafe=True,
    )


def test_other_timezone_name_is_not_shadowed() -> None:
    """Django's ``timezone`` stays; datetime's comes under an alias."""
    assert_fix(
        """
        from datetime import datetime

        from django.utils import timezone

        now = datetime.utcnow()
        later = timezone.now()
        """,
        """
        from datetime import datetime, timezone as dt_timezone

        from django.utils import timezone

        now = datetime.now(dt_timezone.utc)
        later = timezone.now()
        """,
        select="STD903",
        unsafe=True,
    )


def test_pydantic_methods_renamed_with_unsafe_fixes() -> None:
    """``.dict()``/``.json()`` become ``model_dump``/``_json``."""
    source = """
        from pydantic import BaseModel


        class User(BaseModel):
            name: str


        def show(user: User, other):
            return user.dict(exclude_unset=True), user.json(), other.dict()
        """
    assert_fix(
        source,
        source.replace("user.dict(", "user.model_dump(").replace(
            "user.json(", "user.model_dump_json("
        ),
        select="STD904",
        unsafe=True,
    )
