# fixed: STD102
"""Docstring prose rewrapped: the same words (STD102)."""


def documented():
    """Return the words of this docstring.

    A paragraph of prose that runs on, far beyond the limit of the doc lines, so
    that the rewrap fills it again; the words stay the same and in order.
    """
    return documented.__doc__.split()


assert documented()[:3] == ["Return", "the", "words"]
print(" ".join(documented()))
