# fixed: STD404
"""A docstring requoted past the doc limit: closing quotes below.

The words of ``__doc__`` are kept; its whitespace is not (a line break
and the indentation before the closing quotes are added).
"""


def describe():
    'Return the description that every caller of this module shows us.'
    return " ".join(describe.__doc__.split())


assert describe() == (
    "Return the description that every caller of this module shows us."
)
print(describe())
