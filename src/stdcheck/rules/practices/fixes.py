"""Fixes for STD9xx: aware UTC datetimes, pydantic v2 method names."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

import libcst as cst
from libcst.metadata import ProviderT, ScopeProvider

from stdcheck.fix.base import Fix, Verify
from stdcheck.rules.common.added_imports import AddsImports
from stdcheck.rules.practices.checks import V1_METHODS

UTC_REPLACEMENTS = {"utcnow": "now", "utcfromtimestamp": "fromtimestamp"}


def _reported_method(
    fix: Fix, original: cst.Call, updated: cst.Call, methods: Collection[str]
) -> cst.Attribute | None:
    """Return the called attribute of a reported call to ``methods``."""
    func = updated.func
    if (
        isinstance(func, cst.Attribute)
        and func.attr.value in methods
        and fix.finding_at(original) is not None
    ):
        return func
    return None


class AwareUtcDatetime(AddsImports):
    """Writes ``datetime.now(timezone.utc)`` for ``utcnow()`` (STD903).

    ``utcfromtimestamp(ts)`` becomes ``fromtimestamp(ts,
    tz=timezone.utc)``. ``timezone`` is imported from ``datetime``
    unless the class is reached through its module (``dt.datetime``
    gives ``dt.timezone.utc``); if the file's ``timezone`` is something
    else (Django's), it is imported as ``dt_timezone``.
    """

    codes = ("STD903",)
    verify = Verify.PARSES
    local = True
    METADATA_DEPENDENCIES: ClassVar[tuple[ProviderT, ...]] = (
        ScopeProvider,
    )

    def leave_Call(
        self, original_node: cst.Call, updated_node: cst.Call
    ) -> cst.Call:
        """Rewrite a reported ``utcnow()``/``utcfromtimestamp()``."""
        func = _reported_method(
            self, original_node, updated_node, UTC_REPLACEMENTS
        )
        if func is None:
            return updated_node
        utc = self._utc(original_node, func.value)
        renamed = func.with_changes(
            attr=cst.Name(UTC_REPLACEMENTS[func.attr.value])
        )
        if func.attr.value == "utcnow":
            return updated_node.with_changes(
                func=renamed, args=[cst.Arg(utc)]
            )
        return updated_node.with_changes(
            func=renamed,
            args=[
                *updated_node.args,
                cst.Arg(
                    utc,
                    keyword=cst.Name("tz"),
                    equal=cst.AssignEqual(
                        whitespace_before=cst.SimpleWhitespace(""),
                        whitespace_after=cst.SimpleWhitespace(""),
                    ),
                ),
            ],
        )

    def _utc(
        self, call: cst.Call, receiver: cst.BaseExpression
    ) -> cst.Attribute:
        """Return the expression for UTC, scheduling its import."""
        if isinstance(receiver, cst.Attribute):
            module = receiver.value
            return cst.Attribute(
                cst.Attribute(module, cst.Name("timezone")), cst.Name("utc")
            )
        scope = self.get_metadata(ScopeProvider, call, None)
        name = "timezone"
        if scope is not None and name in scope:
            qualified = {
                item.name for item in scope.get_qualified_names_for(name)
            }
            if qualified != {"datetime.timezone"}:
                name = "dt_timezone"
                self.add_needed_import("datetime", "timezone", name)
        else:
            self.add_needed_import("datetime", "timezone")
        return cst.Attribute(cst.Name(name), cst.Name("utc"))


class PydanticV2Methods(Fix):
    """Renames pydantic v1 ``.dict()``/``.json()`` (STD904)."""

    codes = ("STD904",)
    verify = Verify.PARSES
    local = True

    def leave_Call(
        self, original_node: cst.Call, updated_node: cst.Call
    ) -> cst.Call:
        """Rename the method of a reported call."""
        func = _reported_method(self, original_node, updated_node, V1_METHODS)
        if func is None:
            return updated_node
        return updated_node.with_changes(
            func=func.with_changes(
                attr=cst.Name(V1_METHODS[func.attr.value])
            )
        )
