"""Helpers for differential tests: findings and definitions by file.

A differential test runs stdcheck and a peer tool once over a corpus,
maps both tools' findings onto the same keys (a file and a line, or a
definition) and compares them; every disagreement must be fixed or be
a documented, deliberate difference.
"""

from __future__ import annotations

import ast
import collections
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stdcheck.core.config import Config
from stdcheck.core.context import FileContext
from stdcheck.core.engine import run_checkers
from stdcheck.core.findings import Finding
from stdcheck.core.source import decode, split_lines
from stdcheck.rules import load

load()  # registers the checkers


@dataclass
class Parsed:
    """One corpus file: its context (tree, lines) and definitions.

    Each definition comes with its enclosing scopes (the module, then
    classes and functions), outermost first.
    """

    ctx: FileContext
    definitions: list[tuple[ast.AST, list[ast.AST]]]


def parse_files(files: Iterable[Path]) -> dict[str, Parsed]:
    """Parse each file once; skip files Python cannot parse."""
    parsed = {}
    config = Config(target_version="py310")
    for path in files:
        text = decode(path.read_bytes()).text
        try:
            tree = ast.parse(text, str(path))
        except SyntaxError:
            continue
        ctx = FileContext(str(path), split_lines(text), tree, config)
        parsed[str(path)] = Parsed(ctx, list(_definitions(tree)))
    return parsed


def _definitions(
    tree: ast.AST,
) -> Iterator[tuple[ast.AST, list[ast.AST]]]:
    """Yield every class and function with its enclosing scopes."""
    scopes = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef,
              ast.Lambda)
    stack = [(child, [tree]) for child in ast.iter_child_nodes(tree)]
    while stack:
        node, chain = stack.pop()
        if isinstance(node, scopes):
            if not isinstance(node, ast.Lambda):
                yield node, chain
            chain = [*chain, node]
        stack.extend((child, chain) for child in ast.iter_child_nodes(node))


def our_findings(
    parsed: dict[str, Parsed], codes: Iterable[str]
) -> dict[str, list[Finding]]:
    """Run stdcheck's engine on each parsed file (no ``noqa``)."""
    enabled = frozenset(codes)
    found = {}
    for path, item in parsed.items():
        ctx = FileContext(
            item.ctx.path, item.ctx.lines, item.ctx.tree, item.ctx.config
        )
        found[path] = run_checkers(ctx, enabled)
    return found


def is_public(item: Parsed, node: ast.AST, parents: list[ast.AST]) -> bool:
    """Return stdcheck's verdict on whether a definition is public."""
    item.ctx.parents = parents
    try:
        return item.ctx.is_public(node)
    finally:
        item.ctx.parents = []


def tally(keys: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """Count keys by their last element (a reason or a code)."""
    return dict(collections.Counter(key[-1] for key in keys))
