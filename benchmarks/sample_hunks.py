"""Pick hunks at random from unified diffs, for a reviewer to read.

Each diff (the output of ``stdcheck fix --diff``) is split into hunks;
a seeded draw over all of them, spread over every diff, picks the
hunks to read, printed with the diff's name and the file's path::

    python benchmarks/sample_hunks.py --seed 18 --count 50 a.diff b.diff
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path
from typing import NamedTuple


class Hunk(NamedTuple):
    """One hunk of a diff, where it comes from and its text."""

    diff: str
    path: str
    text: str


HEADER = re.compile(r"@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@")
"""A hunk's header, with its old and new line counts."""


def hunks(diff: Path) -> list[Hunk]:
    """Return the hunks of a unified diff, in order.

    A hunk's length comes from its ``@@`` header, so a removed line
    that starts with ``--`` is never taken for a file header.
    """
    found: list[Hunk] = []
    path = ""
    lines = iter(diff.read_text(encoding="utf-8").splitlines(keepends=True))
    for line in lines:
        if line.startswith("+++ "):
            path = line[4:].strip()
            continue
        header = HEADER.match(line)
        if header is None:
            continue
        old, new = (int(count or 1) for count in header.groups())
        text = [line]
        while old > 0 or new > 0:
            body = next(lines)
            text.append(body)
            old -= body[0] in " -"
            new -= body[0] in " +"
        found.append(Hunk(diff.stem, path, "".join(text)))
    return found


def main() -> None:
    """Print the drawn hunks, numbered, with their diff and file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("diffs", nargs="+", type=Path)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--count", type=int, default=50)
    arguments = parser.parse_args()
    every = [hunk for diff in arguments.diffs for hunk in hunks(diff)]
    drawn = random.Random(arguments.seed).sample(
        every, min(arguments.count, len(every))
    )
    print(f"{len(drawn)} of {len(every)} hunks (seed {arguments.seed})")
    for number, hunk in enumerate(drawn, 1):
        print(f"\n### {number}. {hunk.diff}: {hunk.path}\n{hunk.text}", end="")


if __name__ == "__main__":
    main()
