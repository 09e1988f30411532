# fixed: STD404
"""Docstring quotes and the blank line after the summary (STD404)."""


def spaced():
    '''Return the docstring's words.
    Text right after the summary, without a blank line.
    '''
    return spaced.__doc__.split()


assert spaced()[0] == "Return"
print(" ".join(spaced()))
