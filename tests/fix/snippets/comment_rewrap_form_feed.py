# fixed: STD102
"""Comment rewrap after a form feed keeps every comment line."""

import io
import tokenize

VALUE = 1
# This block holds one line much too long for the doc limit, which the rewrap
# must fill without losing a word of the three others that follow it right here.
# third line of the block.
# fourth line of the block.
OTHER = "\f"


def comment_words():
    """Return the words of this file's comments."""
    with open(__file__, encoding="utf-8", newline="") as source:
        text = source.read()
    tokens = tokenize.generate_tokens(io.StringIO(text, newline="").readline)
    return [
        word for token in tokens if token.type == tokenize.COMMENT
        for word in token.string.lstrip("#").split()
    ]


assert VALUE == 1
assert "fourth" in comment_words()
print(" ".join(comment_words()[4:]))
