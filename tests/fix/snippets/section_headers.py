# fixed: STD408
"""Docstring section headers spelled as Google style wants (STD408)."""


def scaled(value, factor):
    """Return a value scaled.

    Arguments:
        value: The value.
        factor: The factor.

    Return:
        The product.
    """
    return value * factor


assert scaled(2, 3) == 6
print(scaled(2, 3), "value" in scaled.__doc__)
