"""The fixes of the test-only rules in ``tests.helpers.fix_samples``.

Imported by the fix engine through ``FIX_MODULES`` (as a family's
``<family>_fix`` module is) only while the samples are registered.
"""

from __future__ import annotations

import libcst as cst

from stdcheck.fix.base import Fix, Verify


class Requote(Fix):
    """Requotes reported one-line strings, not inside f-strings."""

    verify = Verify.SAME_AST
    old = "'"
    new = '"'
    in_fstring = 0

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        """Enter an f-string, where quotes must differ before 3.12."""
        self.in_fstring += 1

    def leave_FormattedString(
        self, original: cst.FormattedString, updated: cst.FormattedString
    ) -> cst.FormattedString:
        """Leave an f-string."""
        self.in_fstring -= 1
        return updated

    def leave_SimpleString(
        self, original: cst.SimpleString, updated: cst.SimpleString
    ) -> cst.SimpleString:
        """Swap the quotes of a reported string if it can be done."""
        if (
            self.in_fstring
            or updated.quote != self.old
            or self.finding_at(original) is None
        ):
            return updated
        body = updated.value[len(updated.prefix) + 1:-1]
        if self.new in body:
            return updated
        return updated.with_changes(
            value=f"{updated.prefix}{self.new}{body}{self.new}"
        )


class DoubleQuotes(Requote):
    """Writes ``'text'`` as ``"text"`` (STD091)."""

    codes = ("STD091",)


class SingleQuotes(Requote):
    """Writes ``"text"`` as ``'text'`` (STD096)."""

    codes = ("STD096",)
    old = '"'
    new = "'"


class RenameX(Fix):
    """Renames ``x`` to ``y``, claiming not to change the AST."""

    codes = ("STD092",)
    verify = Verify.SAME_AST

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        """Rename a reported name."""
        if self.finding_at(original) is None:
            return updated
        return updated.with_changes(value="y")


class Toggle(Fix):
    """Flips ``# toggle`` comments between two spacings."""

    codes = ("STD093",)
    verify = Verify.SAME_AST

    def leave_Comment(
        self, original: cst.Comment, updated: cst.Comment
    ) -> cst.Comment:
        """Flip the comment."""
        flipped = {"# toggle": "#  toggle"}.get(updated.value, "# toggle")
        return updated.with_changes(value=flipped)


class Crash(Fix):
    """Raises on the first ``pass``."""

    codes = ("STD094",)

    def leave_Pass(self, original: cst.Pass, updated: cst.Pass) -> cst.Pass:
        """Fail as a buggy fix would."""
        raise ZeroDivisionError("sample crash")


class AddLine(Fix):
    """Appends ``done = True`` with an explicit ``\\n`` newline."""

    codes = ("STD095",)
    verify = Verify.PARSES

    def leave_Module(
        self, original: cst.Module, updated: cst.Module
    ) -> cst.Module:
        """Add the statement at the end of the module."""
        line = cst.parse_statement("done = True\n")
        assert isinstance(line, cst.SimpleStatementLine)
        ending = line.trailing_whitespace.with_changes(
            newline=cst.Newline("\n")
        )
        return updated.with_changes(
            body=[*updated.body, line.with_changes(trailing_whitespace=ending)]
        )


class LeaveEllipsis(Fix):
    """Leaves reported ``...`` as they are (STD097)."""

    codes = ("STD097",)
