"""Generated signatures: a fix the check offers is a fix ``fix`` makes.

Functions with random parameters (names of any length, annotations,
defaults with brackets and lambdas, ``*``, ``/``, ``*args``), laid out
on one line or with a hanging indent, at the top level or in a class,
some with a comment. Every STD502/STD503 finding the check marks safe
is cleared by ``fix`` with nothing left for a human, no new finding of
any rule, the tree the same but for annotations, and a second run
changing nothing; one not marked safe leaves the code as it is.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcheck.core.registry import FixSafety
from tests.helpers.fixing import fix_text
from tests.rules.annotations.signatures import codes, unannotated

SELECT = "STD1,STD502,STD503"
PROPERTY = settings(deadline=None, suppress_health_check=list(HealthCheck))
DEFAULTS = ["None", "1", "{1: 2}", "lambda a, b: a", "'x, y'", "(1, 2)"]
ANNOTATIONS = ["int", "str", "list[int]", "dict[str, int]"]


@st.composite
def parameter(draw: st.DrawFn) -> tuple[str, bool]:
    """Draw one parameter's text, and whether it has a default.

    Its name holds ``{pad}``, where the padding that brings its line
    near the limit may go.
    """
    name = "p" * draw(st.integers(1, 3)) + "{pad}" + "_" * draw(
        st.integers(0, 8)
    ) + str(draw(st.integers(0, 99)))
    annotation = draw(st.sampled_from(["", *ANNOTATIONS]))
    default = draw(st.sampled_from(["", *DEFAULTS]))
    text = name + (f": {annotation}" if annotation else "")
    if default:
        text += " = " if annotation else "="
        text += default
    return text, bool(default)


@st.composite
def functions(draw: st.DrawFn) -> str:
    """Draw a module with one function (maybe a method) to annotate.

    The last line of the signature is padded to a width around the
    limit (a parameter's name made longer).
    """
    drawn = draw(st.lists(parameter(), min_size=1, max_size=6))
    names = {text.split("{pad}")[0] for text, _ in drawn}
    if len(names) < len(drawn):
        drawn = [(f"q{index}{text}", has) for index, (text, has) in
                 enumerate(drawn)]
    defaults = [has for _, has in drawn]
    first_default = defaults.index(True) if True in defaults else len(drawn)
    texts = [
        text if index < first_default or has else text + "=0"
        for index, (text, has) in enumerate(drawn)
    ]
    if draw(st.booleans()) and first_default > 0:
        texts.insert(first_default, "/")
    if draw(st.booleans()):
        texts.append(draw(st.sampled_from(["*args", "**kwargs"])))
    indent = "    " if draw(st.booleans()) else ""
    head = f"{indent}def report("
    comment = draw(st.sampled_from(["", "", "  # note"]))
    split = draw(st.integers(0, len(texts) - 1))
    lines = [", ".join(texts[:split]) + ","] if split else []
    lines.append(", ".join(texts[split:]) + "):")
    lines = [head + lines[0], *(" " * len(head) + line for line in lines[1:])]
    lines[-1] += comment
    width = len(lines[-1].replace("{pad}", ""))
    pad = "_" * max(0, draw(st.integers(60, 82)) - width)
    last = lines[-1]
    lines[-1] = last.replace("{pad}", pad, 1) if "{pad}" in last else last
    signature = "\n".join(lines).replace("{pad}", "")
    module = f"{signature}\n{indent}    print(1)\n"
    return f"class C:\n{module}" if indent else module


@PROPERTY
@given(functions())
def test_offered_fixes_are_made_within_the_limits(source: str) -> None:
    """Safe findings cleared, nothing new, same tree, settled."""
    result = fix_text(source, SELECT)
    safe = [
        finding for finding in result.found
        if finding.code in ("STD502", "STD503")
        and finding.fix is FixSafety.SAFE
    ]
    assert not result.errors and not result.notes, (
        result.errors, result.notes
    )
    assert not [
        finding for finding in result.findings
        if finding.fix is FixSafety.SAFE
        and finding.code in ("STD502", "STD503")
    ], result.after
    if not safe:
        assert result.after == source
        return
    assert not codes(result.after) - codes(source), result.after
    assert unannotated(result.after) == unannotated(source)
    assert not fix_text(result.after, SELECT).changed
