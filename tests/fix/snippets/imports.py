# fixed: STD303, STD305
"""Imports grouped, sorted and split, comments kept (STD301-STD305)."""
import sys  # for the version
import os, json  # noqa: F401
import collections
from string import digits, ascii_letters  # letters then digits
import re

assert os.sep and sys.version_info >= (3,)
assert json.dumps([1]) == "[1]"
assert re.escape("a") == "a"
assert collections.Counter("aab")["a"] == 2
print(len(ascii_letters), digits)
