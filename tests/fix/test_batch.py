"""Fixes run together in one traversal: changes that fit are taken."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst
import pytest

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.fix import apply
from stdcheck.fix.base import Fix
from stdcheck.fix.batch import Batch
from tests.helpers.fixing import assert_fix, fix_text

SOURCE = "def f(a):\n    x = 'one'\n    return a\n"


def _finding(line: int, col: int = 0) -> Finding:
    """Return a finding of no rule at a place."""
    return Finding("example.py", line, col, "STD000", "here")


class Requote(Fix):
    """Writes every single-quoted string with double quotes."""

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        """Requote."""
        return updated_node.with_changes(
            value=updated_node.value.replace("'", '"')
        )


class Shout(Fix):
    """Writes every string in capitals, from the original node."""

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        """Capitalise (undoing any change made before, as written)."""
        return original_node.with_changes(value=original_node.value.upper())


class Annotate(Fix):
    """Adds ``-> int`` to every function, keeping its body as given."""

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        """Annotate."""
        return updated_node.with_changes(
            returns=cst.Annotation(cst.Name("int"))
        )


class Rebuild(Fix):
    """Renames every function, rebuilding it from the original."""

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        """Rename (dropping what other fixes did inside)."""
        return original_node.with_changes(name=cst.Name("g"))


class Counting(Fix):
    """Counts the nodes it visits (a local fix: only finding lines)."""

    local = True
    seen: ClassVar[list[str]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Count the node if the fix enters it."""
        entered = super().on_visit(node)
        if entered:
            self.seen.append(type(node).__name__)
        return entered


def _run(*fixes: tuple[type[Fix], list[Finding]]) -> tuple[str, list[str]]:
    """Run fixes together on :data:`SOURCE`; return code, deferred."""
    code, deferred = apply.run_together(
        list(fixes), apply.parse(SOURCE), "example.py", Config()
    )
    return code, [fix.__name__ for fix in deferred]


def test_fixes_on_different_nodes_are_all_taken() -> None:
    code, deferred = _run((Requote, []), (Annotate, []))
    assert code == 'def f(a) -> int:\n    x = "one"\n    return a\n'
    assert deferred == []


def test_a_second_change_of_the_same_field_is_deferred() -> None:
    code, deferred = _run((Requote, []), (Shout, []))
    assert code == SOURCE.replace("'one'", '"one"')
    assert deferred == ["Shout"]


def test_a_change_that_drops_one_made_below_is_deferred() -> None:
    code, deferred = _run((Requote, []), (Rebuild, []))
    assert code == SOURCE.replace("'one'", '"one"')
    assert deferred == ["Rebuild"]


def test_a_change_that_keeps_one_made_below_is_taken() -> None:
    code, deferred = _run((Rebuild, []), (Annotate, []))
    assert code == SOURCE.replace("def f(a)", "def g(a) -> int")
    assert deferred == []


def test_alone_the_same_fix_is_taken() -> None:
    code, deferred = _run((Shout, []),)
    assert code == SOURCE.replace("'one'", "'ONE'")
    assert deferred == []


def test_a_local_fix_enters_the_same_nodes_as_alone() -> None:
    alone = apply.parse(SOURCE)
    Counting.seen = []
    Counting([_finding(2, 4)]).transform_wrapped(alone)
    seen_alone = list(Counting.seen)
    Counting.seen = []
    _run((Counting, [_finding(2, 4)]), (Requote, []))
    assert Counting.seen == seen_alone
    assert "Return" not in seen_alone  # line 3 holds no finding


def test_a_crash_names_no_single_fix() -> None:
    class Crashing(Fix):
        """Raises on every name."""

        def visit_Name(self, node: cst.Name) -> None:
            """Raise."""
            raise ValueError("no")

    with pytest.raises(apply.FixCrashError, match="run with others"):
        _run((Requote, []), (Crashing, []))


def test_a_batch_makes_one_traversal(monkeypatch: pytest.MonkeyPatch) -> None:
    visits: list[str] = []
    visit = Batch.on_visit

    def counted(batch: Batch, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Module):
            visits.append("module")
        return visit(batch, node)

    monkeypatch.setattr(Batch, "on_visit", counted)
    _run((Requote, []), (Annotate, []), (Shout, []))
    assert visits == ["module"]


def test_lines_libcst_renders_otherwise_stay_as_written() -> None:
    source = (
        "import os\n"
        "def f():\n"
        "    try:\n"
        "        os.remove('x')\n"
        "    except (ValueError, TypeError) :\n"
        "        raise\n"
        "def g():\n"
        "    return 1\n"
    )
    assert apply.parse(source).module.code != source  # libcst drops a space
    result = fix_text(source, "STD106,STD502")
    assert result.errors == [] and result.notes == []
    assert "    except (ValueError, TypeError) :\n" in result.after
    assert result.after.count("\n\n\ndef ") == 2
    assert "def f() -> None:" in result.after


def test_a_change_next_to_a_line_libcst_rewrites_is_left() -> None:
    """libcst repeats a form feed on the next line: the rename waits.

    Never libcst's rendering of the file: the fix is left for a human.
    """
    source = "def f() -> int:\n\x0c    myValue = 1\n    return myValue\n"
    assert apply.parse(source).module.code != source
    result = fix_text(source, "STD203")
    assert result.after == source
    assert result.errors == []
    [note] = result.notes
    assert note.message.startswith("fix Rename (STD203) not applied: ")
    assert note.message.endswith(": left for a human")
    assert [finding.fix.value for finding in result.findings] == ["none"]


def test_a_file_of_carriage_returns_keeps_its_last_one() -> None:
    """libcst drops it; a change apart from that line is still made."""
    source = "import sys\rimport os\r\rprint(os, sys)\r"
    assert apply.parse(source).module.code == source[:-1]
    assert_fix(
        source, "import os\rimport sys\r\rprint(os, sys)\r", select="STD303"
    )
