"""Fixes run on their findings' statements, parsed on their own."""

from __future__ import annotations

import ast
import dataclasses
import textwrap
from pathlib import Path

import pytest

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.core.registry import FixSafety
from stdcheck.fix import engine
from stdcheck.fix.merge import lines
from stdcheck.fix.regions import (
    FUNCTION,
    IMPORTS,
    STATEMENT,
    Region,
    regions,
)
from stdcheck.rules.imports.fixes import OrganizeImports
from stdcheck.rules.naming.fixes import Rename
from tests.helpers.fixing import fix_text

SOURCE = textwrap.dedent('''\
    """Doc."""
    import sys
    import os
    # between
    import re
    x = 1; y = 2


    class Shop:
        @property
        def total(self):
            if self.items: count = 1
            def inner():
                return 1 +\\
                    2
            return count


    def main():
        pass
''')
"""Lines: 2-5 imports, 6 two statements, 9 class, 10-16 the method
(its decorator on 10, a one-line ``if`` on 12, a closure on 13-15,
``return count`` on 16), 19-20 a function."""


def _regions(*wanted: tuple[int, str]) -> list[Region] | None:
    """Return the regions of SOURCE for findings on some lines."""
    return regions(ast.parse(SOURCE), lines(SOURCE), list(wanted))


def test_a_statement_is_its_own_lines_parsed_as_a_block() -> None:
    [region] = _regions((16, STATEMENT))
    assert region == Region(16, 16, indented=True)
    assert region.text(lines(SOURCE)) == "if True:\n        return count\n"
    assert region.offset() == -14  # line 16 is the region's line 2


def test_a_definition_starts_at_its_decorator() -> None:
    assert _regions((11, STATEMENT)) == [Region(10, 16, indented=True)]


def test_an_import_takes_the_imports_beside_it() -> None:
    assert _regions((3, IMPORTS)) == [Region(2, 5, indented=False)]
    assert _regions((3, STATEMENT)) == [Region(3, 3, indented=False)]


def test_a_local_name_takes_the_outermost_function() -> None:
    # A name in the closure is looked up in the method too.
    assert _regions((15, FUNCTION)) == [Region(10, 16, indented=True)]
    assert _regions((20, FUNCTION)) == [Region(19, 20, indented=False)]


def test_an_elif_is_cut_out_with_its_if() -> None:
    source = "if a:\n    pass\nelif (b and\n      c):\n    pass\n"
    found = regions(ast.parse(source), lines(source), [(3, STATEMENT)])
    assert found == [Region(1, 5, indented=False)]


def test_what_holds_no_region_needs_the_whole_text() -> None:
    assert _regions((3, "")) is None
    assert _regions((3, FUNCTION)) is None  # at module level
    assert _regions((4, STATEMENT)) is None  # a comment line
    assert _regions((6, STATEMENT)) is None  # ``;`` at module level


def test_a_statement_sharing_its_line_takes_the_one_around_it() -> None:
    # ``count = 1`` is on its ``if``'s line.
    assert _regions((12, STATEMENT)) == [Region(12, 12, indented=True)]
    assert _regions((14, STATEMENT)) == [Region(14, 15, indented=True)]


def test_a_region_inside_another_is_dropped() -> None:
    assert _regions((16, STATEMENT), (11, STATEMENT), (20, STATEMENT)) == [
        Region(10, 16, indented=True), Region(20, 20, indented=True),
    ]


def _finding(code: str, fix: FixSafety) -> Finding:
    """Return a finding of a code, of a fix safety."""
    return Finding("example.py", 1, 0, code, "here", fix=fix)


def test_renames_of_locals_alone_stay_in_their_function() -> None:
    for code in ("STD201", "STD202", "STD203", "STD204"):
        local = _finding(code, FixSafety.SAFE)
        assert Rename.region_of(local, "") == FUNCTION
        seen_elsewhere = _finding(code, FixSafety.UNSAFE)
        assert Rename.region_of(seen_elsewhere, "") == ""


def test_isort_comments_give_the_import_fix_the_whole_module() -> None:
    finding = _finding("STD303", FixSafety.SAFE)
    assert OrganizeImports.region_of(finding, "import a\n") == IMPORTS
    assert OrganizeImports.region_of(finding, "# isort: off\n") == ""


def test_fixes_run_in_their_regions() -> None:
    source = textwrap.dedent('''\
        import sys
        import os


        class Shop:
            def total(self, items):
                return (len(items) +
                        1)

            def empty(self):
                doneCount = 0
    ''')
    result = fix_text(source, "STD105,STD203,STD303,STD502")
    assert result.after == textwrap.dedent('''\
        import os
        import sys


        class Shop:
            def total(self, items):
                return (len(items)
                        + 1)

            def empty(self) -> None:
                done_count = 0
    ''')
    assert not result.errors


def _whole_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every fix run on the whole module."""
    monkeypatch.setattr(engine, "regions", lambda *args: None)


@pytest.mark.parametrize("unsafe", [False, True])
def test_regions_give_the_whole_module_result_on_the_stdlib(
    stdlib_files: list[Path], monkeypatch: pytest.MonkeyPatch, unsafe: bool
) -> None:
    names = (
        "heapq.py", "profile.py", "socketserver.py", "telnetlib.py",
        "webbrowser.py", "textwrap.py", "shlex.py", "fractions.py",
    )
    files = [path for path in stdlib_files if path.name in names]
    assert files
    texts = [(path.read_text(encoding="utf-8"), str(path)) for path in files]
    in_regions = [
        engine.fix_source(text, path, Config(), unsafe)
        for text, path in texts
    ]
    _whole_module(monkeypatch)
    for (text, path), fixed in zip(texts, in_regions):
        whole = engine.fix_source(text, path, Config(), unsafe)
        assert fixed.after == whole.after, path
        assert fixed.changed, path
        assert [dataclasses.astuple(f) for f in fixed.findings] == [
            dataclasses.astuple(f) for f in whole.findings
        ], path
