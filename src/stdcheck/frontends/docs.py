"""The generated pages of the Sphinx documentation (``docs/``).

:func:`write_pages` writes one page per rule, the rule index, the
configuration reference (from :meth:`Config.keys`) and the
command-line reference (from the click commands' help), so none of
them can drift from the code. ``docs/conf.py`` calls it.
"""

from __future__ import annotations

from pathlib import Path

from stdcheck.core.config import Config
from stdcheck.core.registry import Rule, all_rules
from stdcheck.frontends.cli import main
from stdcheck.frontends.pages import (
    render_config,
    render_rule,
    render_rule_index,
)
from stdcheck.rules import load


class DocsError(Exception):
    """The documentation cannot be generated as the code stands."""


def write_pages(docs: Path) -> list[Path]:
    """Write the generated pages into a Sphinx source folder.

    Pages are rewritten only when their text changed, and rule pages of
    rules that no longer exist are removed.

    Args:
        docs: The documentation's source folder.

    Returns:
        The pages written or kept, rule pages first.

    Raises:
        DocsError: If a rule names an option that is not a
            configuration key.
    """  # noqa: STD407  (raised by check_options)
    load()
    rules = all_rules()
    for rule in rules:
        check_options(rule)
    pages = {
        docs / "rules" / f"{rule.code}.md": render_rule(rule)
        for rule in rules
    }
    pages[docs / "rules" / "index.md"] = render_rule_index(rules)
    pages[docs / "_generated" / "configuration.md"] = render_config()
    pages[docs / "_generated" / "cli.md"] = render_cli()
    for stale in set((docs / "rules").glob("*.md")) - pages.keys():
        stale.unlink()
    for path, text in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return list(pages)


def check_options(rule: Rule) -> None:
    """Refuse a rule that names an option that does not exist.

    Args:
        rule: The rule.

    Raises:
        DocsError: If one of its options is not a configuration key.
    """
    unknown = sorted(set(rule.options) - Config.keys().keys())
    if unknown:
        raise DocsError(
            f"{rule.code} names unknown option(s) {', '.join(unknown)}; "
            "configuration keys are declared in stdcheck.core.config.Config"
        )


def render_cli() -> str:
    """Return the command-line reference: each command's ``--help``."""
    top = main.make_context(
        "stdcheck", [], resilient_parsing=True, terminal_width=79,
        max_content_width=79,
    )
    parts = ["### `stdcheck`", "", "```text", main.get_help(top), "```"]
    for name in main.list_commands(top):
        command = main.get_command(top, name)
        if command is None:
            continue
        context = command.make_context(
            name, [], parent=top, resilient_parsing=True
        )
        parts += [
            "", f"### `stdcheck {name}`", "", "```text",
            command.get_help(context), "```",
        ]
    return "\n".join(parts) + "\n"
