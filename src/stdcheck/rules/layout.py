"""STD1xx: code layout (line length, indentation, blank lines)."""

from __future__ import annotations

from stdcheck.checker import Checker
from stdcheck.registry import Rule

LINE_TOO_LONG = Rule(
    code="STD101",
    name="line-too-long",
    message="line too long ({length} > {limit} characters)",
    summary="A code line longer than `max-line-length` (79).",
    rationale=(
        "Short lines can be read side by side, in a diff, in a review "
        "tool and on a laptop screen without wrapping."
    ),
    bad=(
        "def greet(name):\n"
        "    return 'Hello, ' + name + ', and welcome to the team; "
        "we are glad to have you here!'\n"
    ),
    good=(
        "def greet(name):\n"
        "    return (\n"
        "        'Hello, ' + name\n"
        "        + ', and welcome to the team; we are glad to have you "
        "here!'\n"
        "    )\n"
    ),
    options=("max-line-length",),
    peers=("pycodestyle E501", "ruff E501"),
    notes=(
        "A line whose only over-long part is a URL or path with no "
        "spaces (alone in a comment or a docstring line) is exempt, as "
        "in pycodestyle."
    ),
)


class LineLength(Checker):
    """Reports physical lines over the configured length."""

    rules = (LINE_TOO_LONG,)

    def finish(self) -> None:
        """Measure every physical line."""
        limit = self.ctx.config.max_line_length
        for number, line in enumerate(self.ctx.lines, start=1):
            text = line.rstrip()
            if len(text) <= limit:
                continue
            chunks = text.split()
            if (
                len(chunks) == 1 or (len(chunks) == 2 and chunks[0] == "#")
            ) and len(text) - len(chunks[-1]) < limit - 7:
                continue
            self.ctx.report(
                LINE_TOO_LONG, number, limit, length=len(text), limit=limit
            )
