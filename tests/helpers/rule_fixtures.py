"""Rule fixture files: cases with their expected codes in a header.

``fixtures/rules/STDnnn.py`` holds the cases of one rule, in the
pycodestyle style: each case starts with a header comment and runs to
the next header::

    #: STD101
    x = "a line that is far too long ..."
    #: Okay
    x = "short"
    #: STD101:2 STD101:3 max-line-length=10
    ...

A header lists the codes expected (``CODE`` or ``CODE:line``, the line
counted from the case's first line), ``Okay`` for none, and optional
``key=value`` configuration overrides. Each case is checked on its own,
with only the file's rule selected, as a file named ``example.py``
(override with ``path=...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "rules"
HEADER = re.compile(r"#: (.*)$")


@dataclass
class Case:
    """One fixture case."""

    code: str
    source: str
    first_line: int
    expected: list[tuple[str, int | None]] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Return a short test id: code and line in the fixture file."""
        return f"{self.code}:{self.first_line}"


def load_cases(path: Path) -> list[Case]:
    """Parse one fixture file into its cases."""
    code = path.stem
    cases: list[Case] = []
    current: Case | None = None
    lines: list[str] = []
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        match = HEADER.match(line)
        if match is None:
            lines.append(line)
            continue
        if current is not None:
            current.source = "".join(lines)
            cases.append(current)
        lines = []
        current = Case(code, "", number + 1)
        for word in match.group(1).split():
            if word == "Okay":
                continue
            if "=" in word:
                key, value = word.split("=", 1)
                current.options[key] = value
            elif ":" in word:
                name, where = word.split(":", 1)
                current.expected.append((name, int(where)))
            else:
                current.expected.append((word, None))
    if current is not None:
        current.source = "".join(lines)
        cases.append(current)
    return cases


def all_cases() -> list[Case]:
    """Return the cases of every fixture file."""
    return [
        case for path in sorted(ROOT.glob("STD*.py"))
        for case in load_cases(path)
    ]
