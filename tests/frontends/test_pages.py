"""The generated documentation: complete, valid and refusing drift."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from stdcheck.core.config import Config, tomllib
from stdcheck.core.registry import all_rules
from stdcheck.frontends.cli import main
from stdcheck.frontends.docs import (
    DocsError,
    check_options,
    render_cli,
    write_pages,
)
from stdcheck.frontends.pages import render_config, render_rule, toml_value

TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.S)


def test_pages_written(tmp_path: Path) -> None:
    """A page per rule, the index and both references; stale go."""
    stale = tmp_path / "rules" / "STD999.md"
    stale.parent.mkdir()
    stale.write_text("# gone\n", encoding="utf-8")
    written = write_pages(tmp_path)
    assert not stale.exists()
    rules = all_rules()
    assert sorted(path.name for path in (tmp_path / "rules").iterdir()) == (
        sorted([f"{rule.code}.md" for rule in rules] + ["index.md"])
    )
    for rule in rules:
        page = tmp_path / "rules" / f"{rule.code}.md"
        assert page.read_text(encoding="utf-8") == render_rule(rule)
    index = (tmp_path / "rules" / "index.md").read_text(encoding="utf-8")
    for rule in rules:
        assert f"[{rule.code}]({rule.code}.md)" in index
        assert f"\n{rule.code}\n" in index
    assert tmp_path / "_generated" / "configuration.md" in written
    assert tmp_path / "_generated" / "cli.md" in written


def test_explain_shows_the_page() -> None:
    """``stdcheck explain`` prints the same page as the docs."""
    for rule in all_rules():
        result = CliRunner().invoke(main, ["explain", rule.code])
        assert result.output == render_rule(rule) + "\n"


def test_page_shows_the_fixed_example() -> None:
    """A rule with a fix shows what it makes of the example.

    In full, or, when it is the ``good`` example, by pointing at it;
    a rule without a fix shows neither.
    """
    pointer = "`stdcheck fix` turns the example into the code above."
    shown = 0
    for rule in all_rules():
        page = render_rule(rule)
        if not rule.fixed:
            assert "turns the example into" not in page
        elif rule.fixed == rule.good:
            assert pointer in page
        else:
            assert f"```python\n{rule.fixed.rstrip()}\n```" in page
            shown += 1
    assert shown  # some fix leaves the example unlike ``good``


def test_unknown_option_refused(tmp_path: Path) -> None:
    """A rule naming an option that does not exist fails the docs."""
    real = all_rules()[-1]
    fake: Any = SimpleNamespace(code="STD999", options=("no-such-key",))
    with pytest.raises(DocsError, match="STD999.*no-such-key"):
        check_options(fake)
    check_options(real)


def test_config_reference_covers_every_key() -> None:
    """Every key is documented with its description and an example."""
    reference = render_config()
    sections = reference.split("### ")[1:]
    assert [section.split("`")[1] for section in sections] == list(
        Config.keys()
    )
    for section, item in zip(sections, Config.keys().values()):
        assert item.metadata["doc"] in section
        assert "Default: " in section
        assert len(TOML_BLOCK.findall(section)) == 1


@pytest.mark.parametrize("key", list(Config.keys()))
def test_config_examples_are_valid(key: str) -> None:
    """Each key's example is TOML that the configuration accepts."""
    section = render_config().split(f"### `{key}`")[1].split("### ")[0]
    [block] = TOML_BLOCK.findall(section)
    table = tomllib.loads(block)["tool"]["stdcheck"]
    assert list(table) == [key]
    assert Config.from_table(table) != Config()


def test_toml_values() -> None:
    """Values are written as TOML reads them back."""
    value = {"a/*": ["STD1", "x"], "n": 3, "flag": True}
    text = toml_value(value)
    assert tomllib.loads(f"v = {text}")["v"] == value
    with pytest.raises(TypeError):
        toml_value(1.5)


def test_cli_reference_covers_every_command_and_option() -> None:
    """Each command's help, with every option, is in the reference."""
    reference = render_cli()
    for name, command in main.commands.items():
        assert f"### `stdcheck {name}`" in reference
        for parameter in command.params:
            for option in getattr(parameter, "opts", []):
                if option.startswith("-"):
                    assert option in reference, (name, option)
