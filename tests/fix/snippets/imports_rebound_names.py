# fixed: STD303
"""Imports that bind one name keep their order; others are sorted."""
import sys
import os
from pickle import loads
from json import loads
import string  # isort: split
import abc

assert loads("[1]") == [1]
assert os.sep and sys.version_info >= (3,)
print(string.digits, abc.ABC.__name__)
