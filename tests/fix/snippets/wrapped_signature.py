# fixed: STD502, STD503
"""A signature its fixes make too long is wrapped (STD502, STD503)."""

import inspect

SEEN = []


def remember_both(value: int, label: str = None, *extra, scale=1, **more):
    """Remember a value."""
    SEEN.append((value * scale, label, extra, more))


remember_both(1, "one", 2, scale=3, key="k")
assert SEEN == [(3, "one", (2,), {"key": "k"})]
assert remember_both(2) is None
assert list(inspect.signature(remember_both).parameters) == [
    "value", "label", "extra", "scale", "more"
]
print(SEEN)
