# fixed: STD502
# kept: STD503
"""A concatenated string annotation never becomes ``(...) | None``."""


def double(value: "int" "" = None) -> int:
    """Return twice the value, or zero."""
    return 2 * (value or 0)


def show(value: int) -> None:
    """Print a value."""
    print(value)


def report():
    """Print two results."""
    show(double(3))
    show(double())


report()
