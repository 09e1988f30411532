"""The baseline file: format, fingerprints, bad files, git history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stdcheck.core.findings import Finding
from stdcheck.run import baseline
from stdcheck.run.baseline import (
    Baseline,
    BaselineError,
    Entry,
    Fingerprints,
    dumps,
    fingerprint,
    load_baseline,
    split_known,
)
from tests.helpers.gitrepo import commit, make_repository

CODE = """\
import os
class Shape:
    sides = 1

    def area(self):
        if self.sides:
            return 2
    # a comment in the method
        return 3
def main():
    pass
"""


def test_scope_names_the_enclosing_definitions() -> None:
    prints = Fingerprints(CODE.splitlines(keepends=True))
    scopes = [prints.scope(number) for number in range(1, 12)]
    assert scopes == [
        "", "", "Shape", "Shape", "Shape", "Shape.area", "Shape.area",
        "Shape.area", "Shape.area", "", "main",
    ]


def test_scope_survives_a_closing_bracket_at_the_left() -> None:
    lines = [
        "class A:\n", "    def f(\n", "        self,\n", "    ):\n",
        "        return 1\n", "x = [\n", "]\n",
    ]
    prints = Fingerprints(lines)
    assert [prints.scope(n) for n in range(1, 8)] == [
        "", "A", "A.f", "A.f", "A.f", "", "",
    ]


def test_fingerprint_ignores_the_line_number_and_indentation() -> None:
    lines = CODE.splitlines(keepends=True)
    moved = ["\n", "\n", *lines]
    assert fingerprint(lines, 7) == fingerprint(moved, 9)
    assert fingerprint(lines, 7) != fingerprint(lines, 9)  # other text


def test_fingerprint_differs_by_scope_for_the_same_text() -> None:
    lines = "def f():\n    pass\ndef g():\n    pass\n".splitlines(True)
    assert fingerprint(lines, 2) != fingerprint(lines, 4)


def test_split_known_hides_up_to_the_count_first_ones_first() -> None:
    lines = "x = 1\nx = 1\nx = 1\n".splitlines(True)
    findings = [Finding("a.py", line, 0, "STD101", "m") for line in (1, 2, 3)]
    known = {("STD101", fingerprint(lines, 1)): 2}
    fresh, hidden = split_known(findings, lines, known)
    assert [f.line for f in hidden] == [1, 2]
    assert [f.line for f in fresh] == [3]


def test_split_known_matches_code_too() -> None:
    lines = ["x = 1\n"]
    findings = [Finding("a.py", 1, 0, "STD102", "m")]
    known = {("STD101", fingerprint(lines, 1)): 1}
    fresh, _ = split_known(findings, lines, known)
    assert fresh == findings


def test_file_is_sorted_one_entry_per_line_and_round_trips(
    tmp_path: Path,
) -> None:
    entries = [Entry("b/c.py", "STD101", "ff", 3), Entry("a.py", "STD2", "0a")]
    text = dumps(entries)
    body = text.splitlines()
    assert body[1:3] == ['  "version": 1,', '  "tool": "stdcheck",']
    assert '"file": "a.py"' in body[4] and '"file": "b/c.py"' in body[5]
    assert json.loads(text)["entries"][1]["count"] == 3
    path = tmp_path / "stdcheck-baseline.json"
    path.write_text(text, encoding="utf-8")
    loaded = load_baseline(path)
    assert loaded.entries() == sorted(entries)
    assert loaded.size == 4
    assert dumps(loaded.entries()) == text


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "invalid JSON"),
        ('{"version": 2, "entries": []}', "version 2 is not supported"),
        ('[1, 2]', "expected an object"),
        ('{"version": 1, "entries": [{"file": "../x.py", "code": "STD101",'
         ' "fingerprint": "a"}]}', "outside the project root"),
        ('{"version": 1, "entries": [{"file": "/etc/x.py", "code": "S",'
         ' "fingerprint": "a"}]}', "outside the project root"),
        ('{"version": 1, "entries": [{"file": "x.py", "code": "S",'
         ' "fingerprint": "a", "count": 0}]}', "positive integer"),
        ('{"version": 1, "entries": [{"file": "x.py", "code": 3,'
         ' "fingerprint": "a"}]}', "must be strings"),
    ],
)
def test_bad_file_is_one_line_naming_it(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "base.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as raised:
        load_baseline(path)
    message = str(raised.value)
    assert message.startswith(str(path)) and problem in message
    assert "\n" not in message


def test_unmatched_counts_what_did_not_occur(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x\n", encoding="utf-8")
    known = Baseline(tmp_path / "b.json", tmp_path)
    known.files = {
        "a.py": baseline.collections.Counter(
            {("STD101", "1"): 2, ("STD201", "2"): 1}
        ),
        "gone.py": baseline.collections.Counter({("STD101", "3"): 4}),
        "kept.py": baseline.collections.Counter({("STD101", "4"): 1}),
    }
    (tmp_path / "kept.py").write_text("", encoding="utf-8")
    known.matched = {
        "a.py": baseline.collections.Counter({("STD101", "1"): 1})
    }
    # STD201 did not run on a.py; kept.py exists but was not checked.
    assert known.unmatched({"a.py": frozenset({"STD101"})}) == {
        "a.py": 1, "gone.py": 4,
    }


def test_history_sizes_reads_each_commit_of_the_file(tmp_path: Path) -> None:
    make_repository(tmp_path)
    path = tmp_path / "stdcheck-baseline.json"
    path.write_text(dumps([Entry("a.py", "STD101", "1", 5)]), encoding="utf-8")
    first = commit(tmp_path)
    (tmp_path / "other.txt").write_text("x", encoding="utf-8")
    commit(tmp_path)
    path.write_text("{broken", encoding="utf-8")
    broken = commit(tmp_path)
    path.write_text(dumps([Entry("a.py", "STD101", "1", 2)]), encoding="utf-8")
    last = commit(tmp_path)
    path.unlink()
    deleted = commit(tmp_path)
    sizes = baseline.history_sizes(path)
    assert [(commit_id, size) for commit_id, _, size in sizes] == [
        (first, 5), (broken, None), (last, 2), (deleted, None),
    ]


def test_history_of_a_file_never_committed_is_empty(tmp_path: Path) -> None:
    make_repository(tmp_path)
    assert baseline.history_sizes(tmp_path / "stdcheck-baseline.json") == []
