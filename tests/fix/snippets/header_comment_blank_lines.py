# fixed: STD108
# A module header comment, then too many blank lines (STD108 after it).




def value():
    """Return 3."""
    return 3


assert value() == 3
print(value())
