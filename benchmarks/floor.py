"""The floor: the least any Python checker does to a tree of files.

Reads every ``.py`` file under the given folders, decodes it as Python
does, parses it once with :mod:`ast` and tokenizes it once: the work
no checker of Python source can skip. Run by ``benchmarks/run.py``.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import os
import sys
import tokenize


def python_files(folder: str) -> list[str]:
    """Return the ``.py`` files under a folder, sorted."""
    found: list[str] = []
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if name[0] != ".")
        found.extend(
            os.path.join(parent, name)
            for name in sorted(names)
            if name.endswith(".py")
        )
    return found


def main(folders: list[str]) -> None:
    """Read, parse and tokenize every file once."""
    for folder in folders:
        for path in python_files(folder):
            with open(path, "rb") as stream:
                text = importlib.util.decode_source(stream.read())
            ast.parse(text, path)
            readline = io.StringIO(text).readline
            for _ in tokenize.generate_tokens(readline):
                pass


if __name__ == "__main__":
    main(sys.argv[1:])
