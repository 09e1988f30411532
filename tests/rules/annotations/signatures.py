"""What the signature-wrapping tests compare: findings and trees."""

from __future__ import annotations

import ast
import collections

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source


def codes(source: str) -> collections.Counter[str]:
    """Count the findings of every rule in some code, by code."""
    config = Config(target_version="py310", extend_select=("STD",))
    return collections.Counter(
        finding.code for finding in check_source(source, "example.py", config)
    )


def unannotated(source: str) -> str:
    """Return the dumped tree of code without annotations and typing."""
    tree = ast.parse(source)
    tree.body = [
        node for node in tree.body
        if not (isinstance(node, ast.ImportFrom) and node.module == "typing")
    ]
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.returns = None
        elif isinstance(node, ast.arg):
            node.annotation = None
    return ast.dump(tree)
