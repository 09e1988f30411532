# fixed: STD106, STD107, STD108
"""Blank lines around definitions (STD106-STD108)."""
import sys
def first():
    """Return 1."""
    return 1
class Pair:
    """Two values."""
    def left(self):
        """Return the left value."""
        return "left"
    def right(self):
        """Return the right value."""
        return "right"




def second():
    """Return 2."""
    return 2


assert first() + second() == 3
assert Pair().left() + Pair().right() == "leftright"
print(first(), second(), Pair().left(), file=sys.stdout)
