"""A rule page's fix example shows what the fix really does.

``tests/core/test_registry.py`` checks that fixing a rule's ``bad``
example gives its ``fixed`` one, judged by that rule alone. Here the
fixed example is judged by every rule: it holds no finding the bad
example did not (the fix made none, as ``stdcheck fix`` promises);
and the example is fixed at the safety the page declares (a rule
declared safe shows a safe fix, not one that needs
``--unsafe-fixes``).
"""

from __future__ import annotations

import collections

import pytest

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.core.registry import FixSafety, Rule, all_rules
from tests.core.test_registry import example_path
from tests.helpers.fixing import fix_text

FIXABLE = [rule for rule in all_rules() if rule.fix is not FixSafety.NONE]
IDS = [rule.code for rule in FIXABLE]


def _findings(example: str, rule: Rule) -> collections.Counter[str]:
    """Count the findings of every rule in an example, by code.

    By code, not message: a rename's findings name the new name.
    """
    config = Config(target_version="py310", extend_select=(rule.code,))
    found = check_source(example, example_path(rule.bad), config)
    return collections.Counter(finding.code for finding in found)


@pytest.mark.parametrize("rule", FIXABLE, ids=IDS)
def test_fixed_example_adds_no_finding(rule: Rule) -> None:
    """Every finding of the fixed example was in the bad one."""
    added = _findings(rule.fixed, rule) - _findings(rule.bad, rule)
    assert not added, sorted(added)


@pytest.mark.parametrize("rule", FIXABLE, ids=IDS)
def test_example_fixed_at_the_declared_safety(rule: Rule) -> None:
    """The example's findings have the safety the page declares."""
    found = fix_text(rule.bad, rule.code, path=example_path(rule.bad)).found
    assert {
        finding.fix for finding in found if finding.code == rule.code
    } == {rule.fix}
