"""A file's tokens, and the tuple type their readers index.

Few checks read tokens (the layout facts where the text is not enough,
a spelling check of a text that is not NFKC-normal), so a file is
tokenized only on demand (:attr:`FileContext.tokens`), or not at all
when flake8 hands over its own.
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
