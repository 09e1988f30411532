# fixed: STD502
"""``-> None`` added to functions returning nothing (STD502)."""

SEEN = []


def remember(value: int):
    """Remember a value."""
    SEEN.append(value)


remember(1)
assert SEEN == [1]
assert remember(2) is None
print(SEEN)
