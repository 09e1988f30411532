"""A file's tokens, as plain tuples.

Only a few checks read tokens: the layout scan where
:mod:`stdcheck.layout_text` cannot do without them (and under flake8,
which hands over its own), and the naming rules on a text that is
not ASCII.
"""

from __future__ import annotations

import io
import tokenize

# A token: its type, string, start, end and line, the fields of
# :class:`tokenize.TokenInfo` (which is one too). Readers index it.
Token = tuple[int, str, tuple[int, int], tuple[int, int], str]


def tokens_of(source: str) -> list[Token]:
    """Return a text's tokens, as :func:`tokenize.generate_tokens` does.

    Args:
        source: The text of a module (:mod:`tokenize` raises its
            errors).

    Returns:
        The tokens :func:`tokenize.generate_tokens` gives.
    """
    return list(tokenize.generate_tokens(io.StringIO(source).readline))
