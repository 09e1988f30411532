# fixed: STD103, STD104
"""Indentation: tabs and two-space blocks (STD103, STD104)."""


def double(value):
  """Return twice the value."""
  if value:
    return value * 2
  return 0


def text():
	"""Return a text with a tab inside (strings are untouched)."""
	return """a
	b"""


assert double(2) == 4
assert text() == "a\n\tb"
print(double(3), repr(text()))
