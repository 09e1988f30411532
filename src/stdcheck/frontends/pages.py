"""Documentation rendered from the code: rule pages, references.

One renderer serves ``stdcheck explain``, SARIF's rule help and the
generated documentation (:mod:`stdcheck.frontends.docs`), so all say
the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from stdcheck.core.registry import FixSafety, Rule, all_rules
from stdcheck.rules import family_of

DOCS_URL = "https://stdcheck.readthedocs.io/en/latest/"

FIX_TEXT = {
    FixSafety.NONE: "None: the rule is reported only.",
    FixSafety.SAFE: (
        "Safe: `stdcheck fix` applies it by default; it never changes "
        "what the code does."
    ),
    FixSafety.UNSAFE: (
        "Unsafe: applied only with `stdcheck fix --unsafe-fixes`; it "
        "may change behaviour or public API."
    ),
}


def render_rule(rule: Rule) -> str:
    """Return a rule's page as Markdown.

    Args:
        rule: The rule.

    Returns:
        The page: what it does, why, examples, fix safety, options.
    """
    parts = [
        f"# {rule.code} {rule.name}",
        "",
        f"Family: {family_of(rule.code).name}. "
        + ("On by default." if rule.default else
           "Off by default: select it by code or name."),
        "",
        "## What it does",
        "",
        rule.summary,
        "",
        "## Why",
        "",
        rule.rationale,
    ]
    if rule.bad:
        parts += ["", "## Example", "", _code(rule.bad)]
    if rule.good:
        parts += ["", "## Use instead", "", _code(rule.good)]
    if rule.notes:
        parts += ["", "## Exemptions and notes", "", rule.notes]
    parts += ["", "## Fix", "", FIX_TEXT[rule.fix]]
    if rule.fix_notes:
        parts += ["", rule.fix_notes]
    if rule.fixed and rule.fixed == rule.good:
        parts += ["", "`stdcheck fix` turns the example into the code above."]
    elif rule.fixed:
        parts += ["", "`stdcheck fix` turns the example into:", "",
                  _code(rule.fixed)]
    if rule.options:
        parts += ["", "## Options", ""]
        parts += [f"- `{option}`" for option in rule.options]
    if rule.peers:
        parts += ["", "## Peers", ""]
        parts += [f"- {peer}" for peer in rule.peers]
    return "\n".join(parts) + "\n"


def rule_url(rule: Rule | None) -> str:
    """Return the URL of a rule's page (of the docs' home for None)."""
    return DOCS_URL if rule is None else f"{DOCS_URL}rules/{rule.code}.html"


def _code(snippet: str) -> str:
    """Fence a code example."""
    return f"```python\n{snippet.rstrip()}\n```"


def render_rule_index(rules: Iterable[Rule]) -> str:
    """Return the rule index page: a table, and a toctree of pages."""
    listed = list(rules)
    parts = [
        "# Rules",
        "",
        "Every rule, by code. Select or ignore rules by code, code "
        "prefix or name (see [configuration](../configuration.md)); "
        "`stdcheck explain CODE` shows the same page in the terminal.",
        "",
        "| Code | Name | What it reports | Fix | Default |",
        "| --- | --- | --- | --- | --- |",
    ]
    parts += [
        f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | "
        f"{_cell(rule.summary)} | {rule.fix.value} | "
        f"{'on' if rule.default else 'off'} |"
        for rule in listed
    ]
    parts += ["", "```{toctree}", ":hidden:", ""]
    parts += [rule.code for rule in listed]
    parts += ["```"]
    return "\n".join(parts) + "\n"


def _cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def render_config() -> str:
    """Return the configuration reference: every key, from ``Config``.

    Returns:
        Markdown with one section per key: what it does, its default,
        an example, and the rules that read it.
    """
    from stdcheck.core.config import Config

    defaults = Config()
    readers: dict[str, list[str]] = {}
    for rule in all_rules():
        for option in rule.options:
            readers.setdefault(option, []).append(
                f"[{rule.code}](rules/{rule.code}.md)"
            )
    parts = []
    for key, item in Config.keys().items():
        default = getattr(defaults, item.name)
        example = item.metadata["example"]
        if example is None:
            example = default
        parts += [
            f"### `{key}`",
            "",
            item.metadata["doc"],
            "",
            f"Default: {_default(default)}.",
        ]
        if key in readers:
            parts += ["", f"Read by: {', '.join(readers[key])}."]
        parts += [
            "",
            "```toml",
            "[tool.stdcheck]",
            f"{key} = {toml_value(example)}",
            "```",
            "",
        ]
    return "\n".join(parts)


def _default(value: Any) -> str:
    """Show a default value (empty ones as "none")."""
    if value in ((), "", None):
        return "none"
    return f"`{toml_value(value)}`"


def toml_value(value: Any) -> str:
    """Write a configuration value as a TOML value.

    Args:
        value: A string, integer, boolean, list or tuple of values, or
            a mapping (an inline table).

    Returns:
        The TOML text.

    Raises:
        TypeError: If the value has no TOML form here.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return json.dumps(value)
    if isinstance(value, dict):
        items = ", ".join(
            f"{json.dumps(key)} = {toml_value(item)}"
            for key, item in value.items()
        )
        return "{ " + items + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")
