# fixed: STD503
"""``T = None`` annotations made explicit (STD503)."""


def greeting(name: str = None) -> str:
    """Return a greeting."""
    return f"hello {name or 'world'}"


assert greeting() == "hello world"
assert greeting("you") == "hello you"
print(greeting())
