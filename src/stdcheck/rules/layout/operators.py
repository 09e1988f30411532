"""Moving a line break from after an operator to before it (STD105).

One answer to "can this break move", for the check (a finding is
fixable only if it can) and the fix (which moves it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TWO_WORDS = {"in": "not", "not": "is"}
"""The first word of a two-word operator, by its last."""


def moved_break(
    line: str, col: int, operator: str, after: Iterable[str]
) -> tuple[list[str], int] | None:
    """Return a line's break moved before the operator ending it.

    What followed the operator, up to the next line's code (its
    comment, the blank and comment lines, that line's indentation),
    moves before it, and one space follows it; the spaces before it
    go. An operator alone on its line is joined to the next line's
    code instead, unless a comment is in between. A two-word operator
    (``not in``, ``is not``) moves whole.

    Args:
        line: The line, ending in the operator (and maybe a comment).
        col: The operator's column (of its last word).
        operator: The operator, as the layout scan read it.
        after: The lines after it, in order.

    Returns:
        The lines from it to the next line of code, changed, and how
        many lines of ``after`` they replace; None if the break stays
        (a backslash continues the line, no code follows, or a comment
        is in the way).
    """
    end = col + len(operator)
    if line[col:end] != operator:
        return None
    start = col
    first_word = TWO_WORDS.get(operator)
    if first_word is not None:
        before = re.search(rf"(?<!\w){first_word}[ \t]+\Z", line[:col])
        if before is not None:
            start = before.start()
    rest = line[end:]
    if rest.lstrip(" \t").startswith("\\"):
        return None
    between: list[str] = []
    for following in after:
        stripped = following.strip()
        if stripped and not stripped.startswith("#"):
            break
        between.append(following)
    else:
        return None
    indent = len(following) - len(following.lstrip(" \t\f"))
    code = following[indent:]
    moved = line[start:end]
    left = line[:start].rstrip(" \t")
    if left.strip():
        return [
            left + rest, *between, following[:indent] + moved + " " + code,
        ], len(between) + 1
    if any("#" in part for part in (rest, *between)):
        return None
    return [line[:end] + " " + code], len(between) + 1
