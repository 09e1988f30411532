"""Parsing for fixes: one tree per text, its metadata resolved once."""

from __future__ import annotations

from typing import Any

import libcst as cst
import pytest
from libcst.metadata import (
    ExpressionContext,
    ExpressionContextProvider,
    PositionProvider,
)
from libcst.metadata import wrapper

from stdcheck.fix import apply

SOURCE = "def f(a):\n    return a\n"


@pytest.fixture
def visits(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record every batched traversal libcst makes for metadata."""
    seen: list[object] = []
    visit = wrapper.visit_batched

    def counted(node: cst.Module, *args: Any) -> cst.Module:
        seen.append(args)
        return visit(node, *args)

    monkeypatch.setattr(wrapper, "visit_batched", counted)
    return seen


def test_positions_need_no_batched_traversal(visits: list[object]) -> None:
    parsed = apply.parse(SOURCE)
    positions = parsed.resolve(PositionProvider)
    assert positions[parsed.module].end.line == 3
    assert visits == []


def test_batchable_metadata_is_resolved(visits: list[object]) -> None:
    parsed = apply.parse(SOURCE)
    contexts = parsed.resolve(ExpressionContextProvider)
    function = parsed.module.body[0]
    assert isinstance(function, cst.FunctionDef)
    assert contexts[function.name] is ExpressionContext.STORE
    assert len(visits) == 1


def test_parsed_tree_is_not_copied(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(node: cst.CSTNode) -> cst.CSTNode:
        raise AssertionError("copied")

    monkeypatch.setattr(cst.CSTNode, "deep_clone", fail)
    parsed = apply.parse(SOURCE)
    assert parsed.resolve(PositionProvider)[parsed.module].start.line == 1
