"""STD401-STD407 against pydocstyle and pydoclint on real code.

pydocstyle (``--convention=google``, D100-D107) is compared with
STD401-STD403 on a deterministic quarter of the standard library and of
Django (pydocstyle is slow); pydoclint (Google style, types not
compared) with STD405-STD407 on all of both. Every disagreement must
have a documented reason (the rules' notes say why), recognised by a
reading of the source of its own (:mod:`tests.helpers.independent`),
never by stdcheck's helpers or docstring parser; each rule must agree
with its peer at least :data:`MINIMUM_AGREED` times on the standard
library alone (Django may be offline). The counts are printed
(``pytest -s``).
"""

from __future__ import annotations

import ast
import collections

import pytest

from stdcheck.core.findings import Finding
from tests.helpers import corpus
from tests.helpers.differential import Parsed, tally
from tests.helpers.independent import (
    Section,
    docstring_text,
    google_sections,
    is_dunder,
    is_placeholder,
    is_test_definition,
    is_test_file,
    positional_parameters,
)

pytestmark = pytest.mark.corpus

PYDOCSTYLE_CODES = {
    "D100": "STD401", "D104": "STD401", "D101": "STD402", "D106": "STD402",
    "D102": "STD403", "D103": "STD403", "D105": "STD403", "D107": "STD403",
}
PYDOCLINT_FAMILIES = {
    101: "args", 102: "args", 103: "args", 104: "args",
    201: "returns", 202: "returns", 402: "returns", 403: "returns",
    501: "raises", 502: "raises", 503: "raises",
}
OUR_FAMILIES = {"STD405": "args", "STD406": "returns", "STD407": "raises"}
MISSPELLED = {
    "args": {"arguments", "argument", "arg", "parameters", "params",
             "param", "args"},
    "returns": {"return", "returns", "yield", "yields"},
    "raises": {"raise", "raises", "exceptions", "except", "throws"},
}
"""Headers read as a family's section, lower-cased (the canonical
spelling itself only when written in another case)."""
STRUCTURED = {"Args", "Returns", "Yields", "Raises"}
MINIMUM_AGREED = {
    "STD401": 35, "STD402": 270, "STD403": 1000,
    "args": 11, "returns": 5, "raises": 14,
}
"""Findings each rule (or family) shares with its peer on the standard
library alone: deleting a rule, or half of one, fails the test."""
Key = tuple[str, int, str]


def _in_stdlib(path: str) -> bool:
    """Return whether a corpus file is the standard library's."""
    return path.startswith(str(corpus.stdlib_root()))


def test_missing_docstrings_match_pydocstyle(
    corpus_parsed: dict[str, Parsed],
    corpus_findings: dict[str, list[Finding]],
) -> None:
    """STD401-STD403 report what D100-D107 do, bar documented cases."""
    import pydocstyle

    sample = {path: item for index, (path, item)
              in enumerate(sorted(corpus_parsed.items())) if index % 4 == 0}
    ours = {
        (path, finding.line, finding.code)
        for path in sample
        for finding in corpus_findings[path]
        if finding.code in PYDOCSTYLE_CODES.values()
    }
    theirs: dict[tuple[str, int, str], str] = {}
    for error in pydocstyle.check(list(sample), select=list(PYDOCSTYLE_CODES)):
        code = getattr(error, "code", None)
        if code is not None:
            key = (error.filename, error.line, PYDOCSTYLE_CODES[code])
            theirs[key] = code
    reasons = {
        key: _pydocstyle_reason(sample[key[0]], key[1], theirs[key])
        for key in set(theirs) - ours
    }
    agreed = tally(key for key in ours & set(theirs) if _in_stdlib(key[0]))
    print(f"\npydocstyle: {len(sample)} files, {len(ours & set(theirs))} "
          f"agreed ({agreed} in the stdlib), {len(ours - set(theirs))} "
          f"only stdcheck, only pydocstyle by reason: "
          f"{tally(reasons.items())}")
    assert ours - set(theirs) == set()
    unexplained = sorted(key for key, why in reasons.items() if not why)
    assert unexplained == [], unexplained
    for code in ("STD401", "STD402", "STD403"):
        assert agreed.get(code, 0) >= MINIMUM_AGREED[code], (code, agreed)


def _pydocstyle_reason(item: Parsed, line: int, code: str) -> str:
    """Return the documented reason we do not report a D1xx, or ''."""
    node = next(
        (node for node, _ in item.definitions
         if _definition_line(node) == line),
        None,
    )
    if code == "D105" and node is not None and is_dunder(
        getattr(node, "name", "")
    ):
        return "dunder method (D105)"
    if is_test_file(item.ctx.path) and (
        node is None or is_test_definition(node)
    ):
        return "test module, test or test class"
    if code == "D102" and isinstance(
        node, (ast.FunctionDef, ast.AsyncFunctionDef)
    ):
        if node.name == "__call__":
            return "dunder __call__ (D102)"
        if _completes_method_above(item, node):
            return "companion of a property-like (@total.expression)"
    if code in ("D100", "D104"):
        if not item.ctx.tree.body:
            return "empty module"
        if code == "D104" and _only_reexports(item.ctx.tree):
            return "__init__.py that only re-exports"
        return ""
    if (
        code == "D107" and isinstance(node, ast.FunctionDef)
        and node.name == "__init__" and not positional_parameters(node)
    ):
        return "__init__ without parameters (D107)"
    return ""


def _definition_line(node: ast.AST) -> int:
    """Return the line pydocstyle gives a definition (its ``def``)."""
    return int(getattr(node, "lineno", 0))


def _only_reexports(tree: ast.Module) -> bool:
    """Return whether a module only imports names (and lists them)."""
    return all(
        isinstance(statement, (ast.Import, ast.ImportFrom))
        or (isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign))
            and "__all__" in ast.unparse(statement).split("=")[0])
        for statement in tree.body
    )


def _completes_method_above(
    item: Parsed, node: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    """Return whether a decorator is an attribute of a method above."""
    roots = set()
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call):
            decorator = decorator.func
        while isinstance(decorator, ast.Attribute):
            decorator = decorator.value
            if isinstance(decorator, ast.Name):
                roots.add(decorator.id)
    owner = next(
        (parents[-1] for other, parents in item.definitions if other is node),
        None,
    )
    return isinstance(owner, ast.ClassDef) and any(
        isinstance(other, ast.FunctionDef) and other.decorator_list
        and other.name in roots and other.lineno < node.lineno
        for other in owner.body
    )


@pytest.fixture(scope="module")
def pydoclint_disagreements(
    corpus_parsed: dict[str, Parsed],
    corpus_findings: dict[str, list[Finding]],
) -> dict[str, dict[Key, str]]:
    """Compare STD405-STD407 with pydoclint; classify disagreements."""
    from pydoclint.visitor import Visitor

    result: dict[str, dict[Key, str]] = {
        "agreed": {}, "pydoclint": {}, "stdcheck": {}
    }
    for path, item in corpus_parsed.items():
        visitor = Visitor(
            style="google", argTypeHintsInSignature=False,
            argTypeHintsInDocstring=False, checkReturnTypes=False,
            checkYieldTypes=False, checkClassAttributes=False,
            allowInitDocstring=True,
        )
        visitor.visit(item.ctx.tree)
        unparsable = {v.line for v in visitor.violations if v.code == 1}
        theirs: dict[tuple[int, str], list[int]] = collections.defaultdict(
            list
        )
        for violation in visitor.violations:
            family = PYDOCLINT_FAMILIES.get(violation.code)
            if family is not None:
                theirs[violation.line, family].append(violation.code)
        owners = _docstring_owners(item)
        mine = {
            (owners[finding.line], OUR_FAMILIES[finding.code])
            for finding in corpus_findings[path]
            if finding.code in OUR_FAMILIES
        }
        functions = {
            node.lineno: node for node, _ in item.definitions
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        texts = _docstring_texts(item)
        for line, family in mine & set(theirs):
            result["agreed"][path, line, family] = "agreed"
        for line, family in set(theirs) - mine:
            result["pydoclint"][path, line, family] = _pydoclint_reason(
                texts.get(line), functions[line], family,
                theirs[line, family],
            )
        for line, family in mine - set(theirs):
            result["stdcheck"][path, line, family] = (
                "pydoclint cannot parse the docstring (DOC001)"
                if line in unparsable else _our_reason(
                    texts.get(line), functions[line], family
                )
            )
    return result


def test_docstring_contents_match_pydoclint(
    pydoclint_disagreements: dict[str, dict[Key, str]],
) -> None:
    """STD405-STD407 agree with pydoclint, bar documented cases."""
    for side, found in pydoclint_disagreements.items():
        print(f"\n{side}: {len(found)} {tally(found.items())}")
        by_family = collections.Counter(key[2] for key in found)
        print(f"  by family: {dict(by_family)}")
    for side in ("pydoclint", "stdcheck"):
        unexplained = sorted(
            key for key, why in pydoclint_disagreements[side].items()
            if not why
        )
        assert unexplained == [], (side, unexplained)
    agreed = collections.Counter(
        key[2] for key in pydoclint_disagreements["agreed"]
        if _in_stdlib(key[0])
    )
    print(f"  agreed in the stdlib: {dict(agreed)}")
    for family in ("args", "returns", "raises"):
        assert agreed[family] >= MINIMUM_AGREED[family], (family, agreed)


def _docstring_owners(item: Parsed) -> dict[int, int]:
    """Map each docstring line to the line of the function it documents.

    A class docstring documents its ``__init__`` (for its ``Args:``).
    """
    owners = {}
    for node, _ in item.definitions:
        target = node
        if isinstance(node, ast.ClassDef):
            inits = [child for child in node.body
                     if isinstance(child, ast.FunctionDef)
                     and child.name == "__init__"]
            if not inits:
                continue
            target = inits[-1]
        if docstring_text(node) is None:
            continue
        found = getattr(node, "body")[0]
        for line in range(found.lineno, (found.end_lineno or 0) + 1):
            owners[line] = getattr(target, "lineno")
    return owners


def _docstring_texts(item: Parsed) -> dict[int, str]:
    """Map each function's line to the docstring that documents it.

    An ``__init__`` without a docstring of its own is documented by
    its class's (pydoclint's ``allowInitDocstring``).
    """
    texts = {}
    for node, parents in item.definitions:
        text = docstring_text(node)
        if getattr(node, "name", "") == "__init__" and text is None and (
            isinstance(parents[-1], ast.ClassDef)
        ):
            text = docstring_text(parents[-1])
        if text is not None:
            texts[getattr(node, "lineno")] = text
    return texts


def _own_nodes(function: ast.AST) -> list[ast.AST]:
    """Return the nodes of a function's body, nested scopes left out."""
    found: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                             ast.Lambda, ast.ClassDef)):
            continue
        found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _pydoclint_reason(
    text: str | None, function: ast.AST, family: str, codes: list[int]
) -> str:
    """Return why stdcheck misses what pydoclint reports, or ''."""
    if text is None:
        return ""
    sections = google_sections(text)
    if not any(
        section.indented for title, section in sections.items()
        if title in STRUCTURED
    ):
        return "only descriptive or unindented sections"
    if any(
        title.lower() in MISSPELLED[family] and title not in STRUCTURED
        for title in sections
    ):
        return "misspelled header read as the canonical one (STD408)"
    assert isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
    nodes = _own_nodes(function)
    if family == "args":
        return _args_reason(sections.get("Args"), function)
    if is_placeholder(function):
        return "placeholder body"
    if family == "returns":
        return _returns_reason(text, nodes, codes)
    return _raises_reason(nodes)


def _args_reason(section: Section | None, function: ast.AST) -> str:
    """Explain an args disagreement."""
    if section is None:
        return ""
    if not section.indented:
        return "'Args:' not indented (STD408)"
    arguments = getattr(function, "args")
    starred = {
        item.arg for item in (arguments.vararg, arguments.kwarg) if item
    }
    if starred & set(section.names):
        return "*args/**kwargs listed without their stars"
    return ""


def _returns_reason(text: str, nodes: list[ast.AST], codes: list[int]) -> str:
    """Explain a returns/yields disagreement pydoclint reports."""
    summary = text.strip().lower()
    if 201 in codes and not _returns_value(nodes):
        return "only bare returns"
    if 201 in codes and summary.startswith(("return", "yield")):
        return "summary says what is returned"
    if 403 in codes and _yields(nodes):
        return "generator (pydoclint misses its yield)"
    if 403 in codes and _returns_value(nodes):
        return "'Yields:' on a function returning an iterator"
    return ""


def _raises_reason(nodes: list[ast.AST]) -> str:
    """Explain a raises disagreement pydoclint reports."""
    raised = [
        ast.unparse(
            node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        ).rpartition(".")[2]
        for node in nodes if isinstance(node, ast.Raise) and node.exc
    ]
    if raised and all(
        name == "NotImplementedError" or not name[:1].isupper()
        for name in raised
    ):
        return "raise NotImplementedError, or of an unreadable class"
    return ""


def _our_reason(text: str | None, function: ast.AST, family: str) -> str:
    """Return why stdcheck reports what pydoclint does not, or ''."""
    nodes = _own_nodes(function)
    if text is None or family != "returns":
        return ""
    sections = google_sections(text)
    if _yields(nodes) and "Yields" not in sections:
        return "generator (pydoclint misses its yield)"
    if "Returns" in sections and not _returns_value(nodes):
        return "only bare returns"
    return ""


def _returns_value(nodes: list[ast.AST]) -> bool:
    """Return whether a ``return`` gives a value other than None."""
    return any(
        isinstance(node, ast.Return) and node.value is not None
        and not (isinstance(node.value, ast.Constant)
                 and node.value.value is None)
        for node in nodes
    )


def _yields(nodes: list[ast.AST]) -> bool:
    """Return whether the function is a generator."""
    return any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in nodes)
