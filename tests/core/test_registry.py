"""Examples are tests: each rule's documentation is run as a test.

For each registered rule: its documentation is complete, its ``bad``
example reports it (alone when only it is selected, and among the
others when every rule runs), its ``good`` example does not, and no
example crashes a rule (STD000). The options and peers it names exist.
Fixing the ``bad`` example of a rule with a fix (with unsafe fixes
where its findings there are unsafe) gives exactly its ``fixed``
example, and leaves no finding of the rule.

An example is checked as ``example.py`` unless its first line is a
``# file: some/file.py`` or ``# folder: pkg/__init__.py`` comment, for
the rules about file and folder names; the file is written to disk at
that path first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stdcheck.core.config import Config
from stdcheck.core.engine import check_file
from stdcheck.core.registry import INTERNAL_ERROR, FixSafety, Rule, all_rules
from stdcheck.fix.registry import fix_for
from tests.helpers.fixing import fix_text

RULES = [rule for rule in all_rules() if rule is not INTERNAL_ERROR]
IDS = [rule.code for rule in RULES]
FIXABLE = [rule for rule in RULES if rule.fix is not FixSafety.NONE]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rules"
PATH_LINE = re.compile(r"# (?:file|folder): (?P<path>\S+)\n")
PEER = re.compile(r"[a-z][a-z0-9-]*(?: [A-Za-z][\w-]*)?\Z")


def example_path(example: str) -> str:
    """Return the relative path an example is checked as."""
    match = PATH_LINE.match(example)
    return match["path"] if match else "example.py"


def codes_in(example: str, folder: Path, config: Config) -> list[str]:
    """Write an example to disk and return the codes it reports."""
    path = folder / example_path(example)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(example, encoding="utf-8")
    result = check_file(str(path), config)
    assert result.error is None, result.error
    return [finding.code for finding in result.findings]


def only(rule: Rule) -> Config:
    """Return the default configuration with only this rule selected."""
    return Config(target_version="py310", select=(rule.code,))


def every(rule: Rule) -> Config:
    """Return the default configuration, plus this rule if it is off."""
    return Config(target_version="py310", extend_select=(rule.code,))


def test_registry_is_not_empty() -> None:
    """The rule modules registered their rules."""
    assert RULES


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_documented(rule: Rule) -> None:
    """Every documentation field is filled in."""
    for field in ("message", "summary", "rationale", "bad", "good"):
        assert getattr(rule, field).strip(), f"{rule.code} has no {field}"
    assert rule.bad != rule.good


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_options_exist(rule: Rule) -> None:
    """Every option a rule names is a configuration key."""
    assert set(rule.options) <= set(Config.keys()), rule.options


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_peers_are_tool_and_code(rule: Rule) -> None:
    """Peers are ``tool CODE`` (``pycodestyle E501``), or ``tool``."""
    for peer in rule.peers:
        assert PEER.match(peer), peer


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_has_fixture_file(rule: Rule) -> None:
    """Every rule has its fixture file of cases and near misses."""
    assert (FIXTURES / f"{rule.code}.py").is_file()


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_bad_example_alone(rule: Rule, tmp_path: Path) -> None:
    """With only its rule selected, the bad example reports just it."""
    codes = codes_in(rule.bad, tmp_path, only(rule))
    assert codes and set(codes) == {rule.code}, codes


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_bad_example_among_all(rule: Rule, tmp_path: Path) -> None:
    """With every rule running, the bad example reports its rule."""
    codes = codes_in(rule.bad, tmp_path, every(rule))
    assert rule.code in codes and INTERNAL_ERROR.code not in codes, codes


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_good_example(rule: Rule, tmp_path: Path) -> None:
    """The good example does not report its rule, nor crash any rule."""
    codes = codes_in(rule.good, tmp_path, every(rule))
    assert rule.code not in codes and INTERNAL_ERROR.code not in codes, (
        codes
    )


@pytest.mark.parametrize(
    "rule", FIXABLE, ids=[rule.code for rule in FIXABLE]
)
def test_bad_example_fixed(rule: Rule) -> None:
    """Fixing the bad example gives the fixed one, nothing left of it.

    A rule that declares a fix has one registered: its page never
    promises a fix that ``stdcheck fix`` does not make.
    """
    assert fix_for(rule.code) is not None, (
        f"{rule.code} declares a {rule.fix.value} fix, but none is "
        "registered"
    )
    path = example_path(rule.bad)
    unsafe = any(
        finding.fix is FixSafety.UNSAFE
        for finding in fix_text(rule.bad, rule.code, False, path).findings
        if finding.code == rule.code
    )
    result = fix_text(rule.bad, rule.code, unsafe, path)
    assert not result.errors, result.errors
    assert result.after == rule.fixed
    assert not [
        finding for finding in result.findings if finding.code == rule.code
    ], result.after


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_fixed_example_only_with_a_fix(rule: Rule) -> None:
    """A rule has a fixed example if and only if it has a fix."""
    assert bool(rule.fixed) is (rule.fix is not FixSafety.NONE)
    assert rule.fixed != rule.bad
