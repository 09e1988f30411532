"""Verification of fix results: each mode accepts and refuses."""

from __future__ import annotations

import ast
import textwrap

import pytest

from stdcheck.fix import verify
from stdcheck.fix.verify import KEEP_SCOPES, Verify, refusal, refusal_of_all


def _refusal(mode: Verify, before: str, after: str) -> str | None:
    """Verify dedented snippets."""
    return refusal(mode, textwrap.dedent(before), textwrap.dedent(after))


@pytest.mark.parametrize("mode", list(Verify))
def test_every_mode_refuses_a_result_that_does_not_parse(
    mode: Verify,
) -> None:
    assert _refusal(mode, "x = 1\n", "x = (1\n") == (
        "the result does not parse"
    )


@pytest.mark.parametrize("mode", list(Verify))
def test_every_mode_refuses_a_result_that_no_longer_compiles(
    mode: Verify,
) -> None:
    before = "from __future__ import annotations\nimport os\n"
    after = "import os\nfrom __future__ import annotations\n"
    if mode is Verify.ANNOTATIONS:  # what it allows: a typing import
        after = "from typing import List\n" + before
    reason = _refusal(mode, before, after)
    if mode in KEEP_SCOPES:  # refused for the tree it changes
        assert reason is not None
    else:
        assert reason == "the result does not compile"


def test_imports_moved_are_compiled_only_with_a_future_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def compiles(text: str) -> bool:
        raise AssertionError("compiled")

    monkeypatch.setattr(verify, "_compiles", compiles)
    before, after = "import sys\nimport os\n", "import os\nimport sys\n"
    assert _refusal(Verify.SAME_IMPORTS, before, after) is None
    with pytest.raises(AssertionError, match="compiled"):
        _refusal(
            Verify.SAME_IMPORTS,
            "from __future__ import annotations\nimport os\n",
            "from __future__ import annotations\nimport  os\n",
        )


@pytest.mark.parametrize("mode", sorted(KEEP_SCOPES, key=str))
def test_a_tree_kept_as_its_mode_says_is_not_compiled_again(
    mode: Verify, monkeypatch: pytest.MonkeyPatch
) -> None:
    def compiles(text: str) -> bool:
        raise AssertionError("compiled")

    monkeypatch.setattr(verify, "_compiles", compiles)
    assert _refusal(mode, "x = 1\n", "x  =  1\n") is None


def test_the_original_is_compiled_only_if_the_result_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled: list[str] = []
    compiles = verify._compiles.__wrapped__  # noqa: STD208  (uncached)

    def counted(text: str) -> bool:
        compiled.append(text)
        return compiles(text)

    monkeypatch.setattr(verify, "_compiles", counted)
    assert _refusal(Verify.PARSES, "x = 1\n", "y = 1\n") is None
    assert compiled == ["y = 1\n"]
    compiled.clear()
    before = "def show():\n    x = 1\n"
    after = "def show():\n    nonlocal x\n"  # the symbol table refuses
    assert _refusal(Verify.PARSES, before, after) == (
        "the result does not compile"
    )
    assert compiled == [after, before]


def test_a_file_that_never_compiled_may_stay_so() -> None:
    before = "return 1\n"
    assert _refusal(Verify.SAME_AST, before, "return  1\n") is None


def test_same_ast_accepts_formatting_and_rewrapped_comments() -> None:
    before = "def f(a,b):\n  # add the\n  # two\n  return a+b\n"
    after = "def f(a, b):\n    # add the two\n    return a + b\n"
    assert _refusal(Verify.SAME_AST, before, after) is None


@pytest.mark.parametrize(
    "mode",
    [mode for mode in Verify if mode is not Verify.SAME_IMPORTS],
)
@pytest.mark.parametrize(
    ("after", "reason"),
    [
        ("x = 1  # one two\n# four\n",
         "lost 'three', gained 'nothing'"),
        ("x = 1  # one two three\n# four four\n",
         "lost 'nothing', gained 'four'"),
        ("x = 1  # one three two\n# four\n",
         "lost 'nothing', gained 'three'"),
        ("x = 1\n# four\n", "lost 'one two three'"),
    ],
)
def test_comment_words_must_stay_in_order(
    mode: Verify, after: str, reason: str
) -> None:
    before = "x = 1  # one two three\n# four\n"
    found = _refusal(mode, before, after)
    assert found is not None
    assert found.startswith("the result changes the words of comments")
    assert reason in found


def test_comment_words_are_read_at_python_line_ends_only() -> None:
    before = "x = '\f'\r# a b\x0c c\r"
    assert _refusal(Verify.SAME_AST, before, "x = '\f'\r# a\r# b c\r") is None


def test_same_ast_refuses_a_changed_value() -> None:
    assert _refusal(Verify.SAME_AST, "x = 1\n", "x = 2\n") == (
        "the result changes the syntax tree"
    )


def test_parses_accepts_any_valid_result() -> None:
    assert _refusal(Verify.PARSES, "x = 1\n", "y = 2\n") is None


def test_same_imports_accepts_reordering_and_splitting() -> None:
    before = """\
        import sys, os
        from b import z, y
        import a
        x = 1
        """
    after = """\
        import a
        import os
        import sys
        from b import y, z
        x = 1
        """
    assert _refusal(Verify.SAME_IMPORTS, before, after) is None


def test_same_imports_accepts_reordering_inside_a_block() -> None:
    before = """\
        try:
            import b
            import a
        except ImportError:
            pass
        """
    after = """\
        try:
            import a
            import b
        except ImportError:
            pass
        """
    assert _refusal(Verify.SAME_IMPORTS, before, after) is None


def test_same_imports_refuses_a_lost_import() -> None:
    reason = _refusal(
        Verify.SAME_IMPORTS, "import os\nimport sys\n", "import os\n"
    )
    assert reason == "the result changes the imports (lost sys, gained " \
        "nothing)"


def test_same_imports_refuses_a_changed_alias() -> None:
    reason = _refusal(
        Verify.SAME_IMPORTS, "from . import a as b\n", "from . import a\n"
    )
    assert reason == (
        "the result changes the imports (lost .a as b, gained .a)"
    )


def test_same_imports_refuses_an_import_moved_to_another_block() -> None:
    before = """\
        import os
        if True:
            import sys
        """
    after = """\
        import os
        import sys
        if True:
            pass
        """
    reason = _refusal(Verify.SAME_IMPORTS, before, after)
    assert reason is not None
    assert reason.startswith("the result changes the imports (lost sys")


def test_same_imports_refuses_other_changes() -> None:
    before = "import os\nx = 1\n"
    after = "import os\nx = 2\n"
    assert _refusal(Verify.SAME_IMPORTS, before, after) == (
        "the result changes code other than imports"
    )


def test_docstring_mode_accepts_a_rewrapped_docstring() -> None:
    before = '''\
        def f():
            """Do one thing and do it well, as the saying goes."""
        '''
    after = '''\
        def f():
            """Do one thing and do it well,
            as the saying goes.
            """
        '''
    assert _refusal(Verify.SAME_AST_BUT_DOCSTRINGS, before, after) is None
    assert _refusal(Verify.SAME_AST, before, after) is not None


def test_docstring_mode_refuses_changed_words() -> None:
    before = 'class A:\n    """Do it."""\n'
    after = 'class A:\n    """Do that."""\n'
    assert _refusal(Verify.SAME_AST_BUT_DOCSTRINGS, before, after) == (
        "the result changes more than docstring whitespace"
    )


def test_docstring_mode_refuses_whitespace_in_other_strings() -> None:
    before = 'x = 1\n"not a docstring"\n'
    after = 'x = 1\n"not a  docstring"\n'
    assert _refusal(Verify.SAME_AST_BUT_DOCSTRINGS, before, after) is not None


def test_none_returns_mode_accepts_only_none_return_annotations() -> None:
    before = "def f(a):\n    return\n"
    assert _refusal(
        Verify.NONE_RETURNS, before, "def f(a) -> None:\n    return\n"
    ) is None
    assert _refusal(
        Verify.NONE_RETURNS, before, "def f(a) -> int:\n    return\n"
    ) == "the result changes more than '-> None' annotations"
    assert _refusal(
        Verify.NONE_RETURNS, before, "def f(a: None):\n    return\n"
    ) is not None


def test_annotations_mode_accepts_annotations_and_typing_imports() -> None:
    before = (
        "import os\n\n\ndef f(a: int = None, *, b: str = os.sep):\n"
        "    x: int = None\n"
    )
    after = (
        "import os\nfrom typing import Optional\n\n\n"
        "def f(a: Optional[int] = None, *, b: str = os.sep) -> None:\n"
        "    x: int | None = None\n"
    )
    assert _refusal(Verify.ANNOTATIONS, before, after) is None
    changed_default = after.replace("b: str = os.sep", "b: str = os.name")
    assert _refusal(Verify.ANNOTATIONS, before, changed_default) == (
        "the result changes more than annotations and typing imports"
    )
    other_import = after.replace("from typing", "from typing_extensions")
    assert _refusal(Verify.ANNOTATIONS, before, other_import) is not None


def test_modes_that_compare_trees_verify_together() -> None:
    before = 'def f():\n    """Say  hi."""\n'
    after = 'def f() -> None:\n    """Say\n    hi."""\n'
    modes = {Verify.NONE_RETURNS, Verify.SAME_AST_BUT_DOCSTRINGS}
    assert refusal_of_all(modes, before, after) is None
    assert refusal_of_all({Verify.NONE_RETURNS}, before, after) is not None
    assert refusal_of_all(
        modes, before, after.replace("hi.", "ho.")
    ) == (
        "the result changes more than '-> None' annotations and "
        "docstring whitespace"
    )


def test_trees_are_compared_by_value_and_type() -> None:
    for before, after in (
        ("x = 1\n", "x = True\n"),
        ("x = 0.0\n", "x = -0.0\n"),
        ("x = 1\n", "x = 1.0\n"),
    ):
        assert _refusal(Verify.SAME_AST, before, after) is not None
    assert _refusal(Verify.SAME_AST, "x = 1.5\n", "x = (1.5)\n") is None


def test_statements_written_alike_are_not_walked() -> None:
    old, new = ast.parse("x = 1\ny = 2\n"), ast.parse("x = 1\ny = 3\n")
    assert not verify.same_tree(old, new)
    # Told both texts are the same lines, it trusts them.
    lines = ["x = 1\n", "y = 2\n"]
    assert verify.same_tree(old, new, sources=(lines, lines))


@pytest.mark.parametrize(("before", "after"), [
    # A change inside a long function, the rest written alike.
    ("def f():\n    a = 1\n    b = 2\n\nz = 0\n",
     "def f():\n    a = 1\n    b = 20\n\nz = 0\n"),
    # Lines shifted by a blank line, then a change below.
    ("x = 1\ny = 2\n", "\nx = 1\ny = 3\n"),
    # A decorator changed above a body written alike.
    ("@a\ndef f():\n    pass\n", "@b\ndef f():\n    pass\n"),
    # The same text at another column is another statement.
    ("if x:\n    y = 1\nz = 2\n", "if x:\n    y = 1\n    z = 2\n"),
])
def test_a_change_beside_statements_written_alike_is_seen(
    before: str, after: str
) -> None:
    assert _refusal(Verify.SAME_AST, before, after) is not None
