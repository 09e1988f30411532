"""The verifier keeps what the author wrote, checked through real fixes.

Each verifier mode is exercised by a real fix with a fault injected
where such a fault once was (a line splitter that differs from
Python's, a comment left on its line): the engine must refuse the
result and say why. The same inputs without the fault are fixed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

import pytest

from stdcheck.fix import text as text_fixes
from stdcheck.rules.annotations import fixes as annotation_fixes
from stdcheck.rules.annotations import text_fixes as annotation_text_fixes
from stdcheck.rules.imports import fixes as import_fixes
from stdcheck.rules.layout import checks as layout_checks
from stdcheck.rules.layout import text_fixes as layout_text_fixes
from stdcheck.rules.layout.wrap import Rewrap
from stdcheck.rules.naming import renames
from tests.helpers.fixing import assert_fix, fix_text

LONG_COMMENT_AFTER_FORM_FEED = (
    '"""Doc."""\n'
    "x = 1\f\n"
    "# This block holds one line much too long for the doc limit, which\n"
    "# the rewrap must fill without losing a word of the three others.\n"
    "# third line of the block.\n"
    "# fourth line of the block.\n"
    "y = 2\n"
)


def _python_splitter_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the text fixes the old ``str.splitlines`` splitter."""
    monkeypatch.setattr(
        text_fixes, "lines", lambda text: text.splitlines(keepends=True)
    )


def test_comment_rewrap_after_a_form_feed_keeps_every_line() -> None:
    result = fix_text(LONG_COMMENT_AFTER_FORM_FEED, "STD102")
    assert not result.errors
    assert "# fourth line of the block." in result.after or (
        "fourth line of the block." in result.after
    )
    for word in ("third", "fourth", "others."):
        assert result.after.count(word) == 1


def test_comment_words_refuse_a_rewrap_that_drifted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _python_splitter_replaced(monkeypatch)
    source = (
        '"""Doc."""\nx = 1\f\n'
        "# This is a comment block that goes on and on, with a long line "
        "that will\n"
        "# need a rewrap. Second line of the comment, which is also rather "
        "long, too.\n"
        "# third line here.\n# fourth line.\ny = 2\n"
    )
    result = fix_text(source, "STD102")
    assert result.after == source
    [error] = result.errors
    assert "fix RewrapProse (STD102) refused: the result changes the " \
        "words of comments" in error.message


def test_docstring_rewrap_that_loses_a_word_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = (
        "def f():\n"
        '    """Sum.\n'
        "\n"
        "    A paragraph of prose that runs on, far beyond the limit of "
        "the doc lines.\n"
        "    Second line.\n"
        '    """\n'
    )
    assert not fix_text(source, "STD102").errors
    rewrap = layout_checks.docstring_rewrap

    def losing_a_word(*args: object) -> Rewrap | None:
        edit = rewrap(*args)  # type: ignore[arg-type]
        return edit and dataclasses.replace(
            edit, prose=edit.prose.rsplit(" ", 1)[0]
        )

    monkeypatch.setattr(layout_checks, "docstring_rewrap", losing_a_word)
    result = fix_text(source, "STD102")
    assert result.after == source
    [error] = result.errors
    assert "fix RewrapProse (STD102) refused: the result changes more " \
        "than docstring whitespace" in error.message


def test_operator_fix_that_drops_a_comment_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = "x = (1 +  # one more\n     2)\n"
    move = layout_text_fixes.moved_break

    def dropping(
        line: str, col: int, operator: str, after: Iterable[str]
    ) -> tuple[list[str], int] | None:
        moved = move(line, col, operator, after)
        if moved is None:
            return None
        first, *others = moved[0]
        return [first.split("#")[0].rstrip() + "\n", *others], moved[1]

    monkeypatch.setattr(layout_text_fixes, "moved_break", dropping)
    result = fix_text(source, "STD105")
    assert result.after == source
    [error] = result.errors
    assert "fix OperatorFirst (STD105) refused: the result changes the " \
        "words of comments (lost 'one more'" in error.message
    monkeypatch.undo()
    fixed = fix_text(source, "STD105").after
    assert fixed == "x = (1  # one more\n     + 2)\n"


def test_import_split_that_copies_a_plain_comment_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        import_fixes, "_trailing_for_split", lambda trailing: trailing
    )
    source = "import os, sys  # plain words\n"
    result = fix_text(source, "STD305")
    assert result.after == source
    [error] = result.errors
    assert "refused: the result changes the comments" in error.message


def _comments_left_on_their_lines(
    real: Callable[..., list[import_fixes.Piece]],
) -> Callable[..., list[import_fixes.Piece]]:
    """Return ``sorted`` as a fault that leaves end-of-line comments."""

    def faulty(pieces: list[import_fixes.Piece], **options: object) -> list[
        import_fixes.Piece
    ]:
        ordered = real(pieces, **options)
        return [
            dataclasses.replace(piece, trailing=pieces[index].trailing)
            for index, piece in enumerate(ordered)
        ]

    return faulty


def test_import_sort_that_leaves_comments_behind_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = "import sys  # for exit\nimport os  # for path\n"
    assert_fix(
        source, "import os  # for path\nimport sys  # for exit\n", "STD303"
    )
    monkeypatch.setattr(
        import_fixes, "sorted", _comments_left_on_their_lines(sorted),
        raising=False,
    )
    result = fix_text(source, "STD303")
    assert result.after == source
    [error] = result.errors
    assert "the comment '# for exit' left its import" in error.message


def test_import_fix_stays_out_of_an_isort_off_region() -> None:
    source = (
        '"""Doc."""\n\nX = 1  # \f\f\f\nimport sys\nimport os\n'
        "# isort: off\nimport zlib\nimport abc\n# isort: on\n"
    )
    result = fix_text(source, "STD3")
    assert not result.errors
    assert result.after == source.replace(
        "import sys\nimport os\n", "import os\nimport sys\n"
    )


def test_rename_whose_result_does_not_parse_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(renames, "new_name", lambda *_: "class")
    source = "def f():\n    someValue = 1\n    return someValue\n"
    result = fix_text(source, "STD203", unsafe=True)
    assert result.after == source
    [error] = result.errors
    assert "refused: the result does not parse" in error.message


def test_return_annotation_other_than_none_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The ``-> None`` mode allows ``-> None`` and nothing else."""
    source = "def f(x: int):\n    print(x)\n"
    assert_fix(source, "def f(x: int) -> None:\n    print(x)\n", "STD502")
    monkeypatch.setattr(annotation_text_fixes, "RETURNS_NONE", " -> int")
    result = fix_text(source, "STD502")
    assert result.after == source
    [error] = result.errors
    assert "fix ReturnsNone (STD502) refused: the result changes more " \
        "than '-> None' annotations" in error.message


def test_optional_fix_that_changes_a_default_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The annotations mode allows annotations, not the code around."""
    source = "def f(x: int = None) -> None:\n    print(x)\n"
    assert_fix(
        source, "def f(x: int | None = None) -> None:\n    print(x)\n",
        "STD503",
    )

    def default_changed(
        fix: object,
        original: annotation_fixes.cst.FunctionDef,
        updated: annotation_fixes.cst.FunctionDef,
    ) -> annotation_fixes.cst.FunctionDef:
        [param] = updated.params.params
        return updated.with_changes(params=updated.params.with_changes(
            params=[param.with_changes(
                default=annotation_fixes.cst.Integer("0")
            )]
        ))

    monkeypatch.setattr(annotation_fixes, "within_limit", default_changed)
    result = fix_text(source, "STD503")
    assert result.after == source
    [error] = result.errors
    assert "fix ExplicitOptional (STD503) refused: the result changes " \
        "more than annotations and typing imports" in error.message


def test_sphinx_attribute_comment_rewrap_is_accepted() -> None:
    """A rewrapped ``#:`` comment repeats its marker, not a word."""
    source = (
        "def f(url):\n"
        "    if url:\n"
        "        #: path is request-uri defined in RFC 2616 which should "
        "not be empty\n"
        "        return url\n"
    )
    result = fix_text(source, "STD102")
    assert not result.errors
    assert result.after == source.replace(
        "should not be empty", "should not\n        #: be empty"
    )
