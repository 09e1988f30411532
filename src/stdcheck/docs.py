"""Rule pages, generated from the registry.

One renderer serves ``stdcheck explain`` and the generated
documentation, so both always say the same thing.
"""

from __future__ import annotations

from stdcheck.registry import FixSafety, Rule

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
        f"Family: {rule.family}. "
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
