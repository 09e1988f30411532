"""The backend practice rules' registry entries and name helper."""

from __future__ import annotations

import pytest

from stdcheck.core import registry
from stdcheck.core.registry import Rule
from tests.helpers import codes_of

BACKEND = [rule for rule in registry.all_rules() if rule.code[3] in "6789"]
SELECT = "STD6,STD7,STD8,STD9"


@pytest.mark.parametrize("rule", BACKEND, ids=[r.code for r in BACKEND])
def test_examples(rule: Rule) -> None:
    """``bad`` triggers only its rule in the families, ``good`` none."""
    select = f"{SELECT},{rule.code}"
    assert {code for _, code in codes_of(rule.bad, select=select)} == {
        rule.code
    }
    assert codes_of(rule.good, select=select) == []


@pytest.mark.parametrize("rule", BACKEND, ids=[r.code for r in BACKEND])
def test_documented(rule: Rule) -> None:
    """Every rule says what it does, why, and how it differs."""
    assert rule.summary and rule.rationale and rule.notes
    assert "STD" not in rule.name


def test_local_import_resolves() -> None:
    """An import inside a function is learnt during the walk."""
    source = """
        async def poll():
            import time as clock
            clock.sleep(1)
        """
    assert codes_of(source, select="STD701") == [(4, "STD701")]


def test_import_after_use_resolves() -> None:
    """A module-level import below the function still counts."""
    source = """
        async def poll():
            pause(1)


        from time import sleep as pause
        """
    assert codes_of(source, select="STD701") == [(3, "STD701")]


def test_module_level_definition_shadows_builtin() -> None:
    """A top-level ``def print`` is not the builtin."""
    source = """
        def print(*args):
            pass


        print("not the builtin")
        """
    assert codes_of(source, select="STD901") == []


def test_logging_f_string_is_off_by_default() -> None:
    """STD902 runs only when selected by exact code or name."""
    source = 'logger.info(f"user {user_id}")\n'
    assert (1, "STD902") not in codes_of(source)
    assert (1, "STD902") not in codes_of(source, select="STD9")
    assert codes_of(source, select="logging-eager-format") == [
        (1, "STD902")
    ]
