"""stdcheck against the peers' own test suites, on the mapped codes.

pep8-naming's ``testsuite/`` (every ``#: CODE`` case of its sdist) and
pycodestyle's own tests (the ``#: E501`` cases of its data suite,
``testsuite/*.py`` of its last sdist that ships it; the ``Okay:``/
``E301:`` lines of its check functions' docstrings; the cases of
``tests/test_blank_lines.py``) are run through stdcheck. The codes
compared are those the rule pages name as peers. A case is about a
mapped peer code when it expects that code, or when it expects no
finding (``Okay``) in a file or function that tests that code;
stdcheck agrees with the case when it reports the mapped rule exactly
when the peer expects the peer code (on the expected line, when the
case gives one; as many times, when pycodestyle's runner counts them).
Every case that does not is listed in :data:`DOCUMENTED` with the
words of the rule's page that say why; the test fails on any other and
on a documented case that agrees now, the share that agrees must reach
:data:`MINIMUM_AGREEMENT`, and each code needs the cases of
:data:`MINIMUM_CASES`. The figures are printed (``pytest -s``).
"""

from __future__ import annotations

import ast
import collections
import platform
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pycodestyle
import pytest

from stdcheck.core import registry
from stdcheck.core.config import Config
from stdcheck.core.context import FileContext
from stdcheck.core.engine import run_checkers
from stdcheck.core.source import SourceError, parse, split_lines
from tests.helpers import corpus

pytestmark = [pytest.mark.corpus, pytest.mark.network]

Mapping = dict[str, tuple[str, ...]]
NAMING: Mapping = {
    "N801": ("STD204",), "N802": ("STD201",), "N803": ("STD202",),
    "N806": ("STD203",), "N816": ("STD203", "STD205"),
    "N818": ("STD209",),
}
"""Peer code -> the rules that report it (a module-level mixedCase
name is a variable's to pep8-naming, a constant's to stdcheck: STD205
counts for N816 only on names mixing cases)."""
QUOTED = re.compile(r"'([^']*)'")
PYCODESTYLE: Mapping = {
    "E501": ("STD101",), "W505": ("STD102",), "W191": ("STD103",),
    "E111": ("STD104",), "E117": ("STD104",), "W504": ("STD105",),
    "E302": ("STD106",), "E305": ("STD106",), "E301": ("STD107",),
    "E303": ("STD108",), "E402": ("STD304",), "E401": ("STD305",),
    "E722": ("STD601",),
}
"""Peer code -> the rules that report it."""
CASE_HEADER = re.compile(
    r"#: (?P<code>\w+(?::\d+(?::\d+)?)?)(?:\((?P<options>.+)\))?$"
)
"""A case's header in pep8-naming's suite (its runner's pattern)."""
DATA_HEADER = re.compile(r"#:(?P<codes>.*)")
"""A case's header in pycodestyle's data suite: the codes it expects
(``E501:2:80`` gives the line), ``Okay`` or nothing (not checked)."""
DOC_EXAMPLE = re.compile(r"\b(Okay|[EW]\d{3}): (.*)")


@dataclass(frozen=True)
class Case:
    """One case of a peer's suite.

    Attributes:
        origin: Where it is (file and line, or function and index).
        source: The code.
        expected: The peer codes expected, each with its line or None.
        about: The mapped peer codes the case is about.
        ignore_names: pep8-naming's ``--ignore-names`` for the case.
        counted: Whether the peer's runner counts the findings of each
            expected code, so more or fewer fail (pycodestyle's data
            suite).
    """

    origin: str
    source: str
    expected: tuple[tuple[str, int | None], ...]
    about: frozenset[str]
    ignore_names: tuple[str, ...] = ()
    counted: bool = False


def _suite_blocks(
    path: Path, header: re.Pattern[str]
) -> Iterator[tuple[int, re.Match[str] | None, str]]:
    """Yield the cases of a peer's ``#:`` file, as its runner does.

    Args:
        path: The file, read with its coding cookie.
        header: Matches the line that opens a case. Lines before the
            first one come with None (pycodestyle checks them as
            ``Okay``, pep8-naming not at all).

    Yields:
        The header's line number, its match, the case's code.
    """
    with tokenize.open(path) as file:
        lines = file.readlines()
    start = 0
    match: re.Match[str] | None = None
    body: list[str] = []
    for number, line in enumerate(lines, start=1):
        opened = header.match(line.rstrip("\n"))
        if opened is None:
            body.append(line)
            continue
        if body:
            yield start, match, "".join(body)
        start, match, body = number, opened, []
    if body:
        yield start, match, "".join(body)


def pep8_naming_cases(root: Path) -> Iterator[Case]:
    """Yield the cases of pep8-naming's ``testsuite/`` folder.

    Cases with options other than ``--ignore-names`` are left out
    (stdcheck has no such option), as are files for another Python.
    """
    version = {"python_version": platform.python_version()[:4]}
    for path in sorted((root / "testsuite").glob("N*.py")):
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        guard = next(
            (line for line in head if "python_version" in line), None
        )
        if guard is not None and not eval(guard[1:], {}, version):
            continue
        pattern = path.stem.replace("x", r"\d")
        tested = frozenset(
            code for code in NAMING if re.fullmatch(pattern, code)
        )
        for start, header, source in _suite_blocks(path, CASE_HEADER):
            if header is not None:
                case = _naming_case(
                    f"{path.name}:{start}", header, source, tested
                )
                if case is not None:
                    yield case


def _naming_case(
    origin: str, header: re.Match[str], source: str, tested: frozenset[str]
) -> Case | None:
    """Build a pep8-naming case; None if not about our codes."""
    options = header.group("options") or ""
    ignore_names: tuple[str, ...] = ()
    if options:
        if not options.startswith("--ignore-names="):
            return None
        ignore_names = tuple(options.split("=", 1)[1].split(","))
    code, _, place = header.group("code").partition(":")
    expected: tuple[tuple[str, int | None], ...] = ()
    if code != "Okay":
        line = int(place.split(":")[0]) if place else None
        expected = ((code, line),)
    about = tested if code == "Okay" else frozenset({code}) & set(NAMING)
    if not about:
        return None
    return Case(origin, source, expected, about, ignore_names)


def pycodestyle_doc_cases() -> Iterator[Case]:
    """Yield the examples of pycodestyle's check functions' docstrings.

    They are read as pycodestyle's own ``test_self_doctests.py`` does.
    """
    checks = pycodestyle._checks  # noqa: STD208  (as its own tests do)
    for group in checks.values():
        for check in group:
            examples = DOC_EXAMPLE.findall(check.__doc__ or "")
            tested = frozenset(code for code, _ in examples) & set(
                PYCODESTYLE
            )
            for index, (code, text) in enumerate(examples):
                about = tested if code == "Okay" else {code} & set(
                    PYCODESTYLE
                )
                if not about:
                    continue
                source = "\n".join(
                    (*text.replace(r"\t", "\t").split(r"\n"), "")
                )
                expected = () if code == "Okay" else ((code, None),)
                yield Case(
                    f"{check.__name__}@{index}", source, expected,
                    frozenset(about),
                )


def pycodestyle_data_cases(root: Path) -> Iterator[Case]:
    """Yield the cases of pycodestyle's data suite (``testsuite/*.py``).

    Files for a newer Python are left out, as its runner does. Its
    runner fails a case on any code it does not expect, so a case is
    about the mapped codes it expects and those its file tests: the
    codes its headers name and its family (``E30not.py``: E30x). The
    lines above a file's first header are an ``Okay`` case.
    """
    for path in sorted((root / "testsuite").glob("*.py")):
        newer = re.search(r"python(\d)(\d+)?\.py$", path.name)
        if newer and sys.version_info < tuple(
            int(number or 0) for number in newer.groups()
        ):
            continue
        blocks = list(_suite_blocks(path, DATA_HEADER))
        headers = [
            (start, header.group("codes").split(), source)
            for start, header, source in blocks if header is not None
        ]
        named = {
            code.split(":")[0] for _, codes, _ in headers for code in codes
        }
        family = re.match(r"[EW]\d\d", path.stem)
        tested = frozenset(
            code for code in PYCODESTYLE
            if code in named or family and code.startswith(family.group())
        )
        if blocks and blocks[0][1] is None:
            headers.insert(0, (0, ["Okay"], blocks[0][2]))
        for start, codes, source in headers:
            if "noeol" in codes:
                source = source.removesuffix("\n")
            expected = tuple(
                (code, int(place.split(":")[0]) if place else None)
                for code, _, place in (
                    item.partition(":") for item in codes
                    if item not in ("Okay", "noeol")
                )
            )
            if codes and tested:
                yield Case(
                    f"{path.name}:{start}", source,
                    tuple(
                        item for item in expected if item[0] in PYCODESTYLE
                    ),
                    tested, counted=True,
                )


def pycodestyle_blank_line_cases(root: Path) -> Iterator[Case]:
    """Yield the cases of pycodestyle's ``tests/test_blank_lines.py``.

    Each test method checks one source (``errors_from_src``) and
    asserts its errors (``assertEqual([...], result)``) or none.
    """
    path = root / "tests" / "test_blank_lines.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tested = frozenset({"E301", "E302", "E303", "E305"})
    for group in tree.body:
        if isinstance(group, ast.ClassDef) and not _reconfigures(group):
            yield from _blank_line_cases(group, tested)


def _reconfigures(group: ast.ClassDef) -> bool:
    """Return whether a test class changes pycodestyle's blank lines.

    stdcheck has no such option: those cases are left out.
    """
    return any(
        isinstance(node, ast.FunctionDef) and node.name == "setUp"
        for node in group.body
    )


def _blank_line_cases(
    group: ast.ClassDef, tested: frozenset[str]
) -> Iterator[Case]:
    """Yield the cases of one test class of ``test_blank_lines.py``."""
    for node in group.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        calls = [
            call for call in ast.walk(node)
            if isinstance(call, ast.Call)
            and getattr(call.func, "id", "") == "errors_from_src"
        ]
        if len(calls) != 1:
            continue
        source = ast.literal_eval(calls[0].args[0])
        expected: list[tuple[str, int | None]] = []
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and getattr(call.func, "attr", "") == "assertEqual"
            ):
                for error in ast.literal_eval(call.args[0]):
                    code, line, _ = error.split(":")
                    expected.append((code, int(line)))
        yield Case(
            f"test_blank_lines.py:{group.name}.{node.name}", source,
            tuple(item for item in expected if item[0] in PYCODESTYLE),
            tested,
        )


def our_codes(case: Case, mapping: Mapping) -> set[tuple[str, int]] | None:
    """Return stdcheck's (code, line) findings of the mapped rules.

    None when the case is not Python stdcheck can parse (pycodestyle
    checks lines, and some examples are fragments).
    """
    registry.all_rules()
    config = Config(
        target_version="py310", ignore_names=case.ignore_names,
        max_line_length=79, max_doc_length=72,
    )
    try:
        tree = parse(case.source)
    except SourceError:
        return None
    ctx = FileContext(
        "pkg/module.py", split_lines(case.source), tree, config
    )
    rules = frozenset(rule for rules in mapping.values() for rule in rules)
    return {
        (finding.code, finding.line)
        for finding in run_checkers(ctx, rules)
        if finding.code != "STD205" or _mixes_case(finding.message)
    }


def _mixes_case(message: str) -> bool:
    """Return whether the name a message quotes mixes cases (γΓ, mC)."""
    quoted = QUOTED.search(message)
    name = quoted.group(1).strip("_") if quoted else ""
    return any(
        letter.islower() for letter in name
    ) and any(letter.isupper() for letter in name)


def _miscounted(
    case: Case,
    wanted: list[int | None],
    rules: tuple[str, ...],
    reported: list[int],
) -> bool:
    """Return whether the rules report other lines than the case wants.

    Args:
        case: A case whose runner counts findings.
        wanted: The lines of one expected peer code (None: not named).
        rules: The rules of that code.
        reported: The lines the rules report.
    """
    if None in wanted:
        return len(reported) != len(wanted)
    return not set(reported) <= {
        line for code, line in case.expected
        if set(rules) & set(PYCODESTYLE.get(code, ()))
    }


def disagreements(case: Case, mapping: Mapping) -> list[str] | None:
    """Return how stdcheck disagrees with one case (empty: it agrees).

    None when stdcheck cannot parse the case.
    """
    ours = our_codes(case, mapping)
    if ours is None:
        return None
    problems = []
    expected_rules = {
        rule for code, _ in case.expected for rule in mapping.get(code, ())
    }
    for peer in sorted(case.about):
        rules = mapping[peer]
        shown = "/".join(rules)
        wanted = [line for code, line in case.expected if code == peer]
        reported = sorted(line for code, line in ours if code in rules)
        if wanted:
            if any(
                not reported or (line is not None and line not in reported)
                for line in wanted
            ):
                problems.append(f"{shown} missing where {peer} expected")
            elif case.counted and _miscounted(case, wanted, rules, reported):
                problems.append(
                    f"{shown} on lines {reported} where {peer} expected "
                    f"{len(wanted)}"
                )
        elif reported and not expected_rules & set(rules):
            problems.append(f"{shown} reported where {peer} expects none")
    return problems


UNARY_AFTER = (
    "STD105", "a binary operator before a line starting with a unary one "
    "(`a +` then `-b`) is (pycodestyle's own examples say these should "
    "be W504")
TAB_IN_STRING = (
    "STD103", "Lines inside multi-line strings are text, not "
    "indentation, and are not reported (pycodestyle reports them)")
DOCUMENTED: dict[str, tuple[str, str]] = {
    "N816.py:13": ("STD203", "Dunder names (`__version__`, `__mC__`)"),
    "N816.py:50": ("STD203", "Loop and comprehension variables must be "
                   "lowercase at module level too"),
    "N816.py:56": ("STD203", "A `:=` inside a `lambda` binds a variable "
                   "of the lambda"),
    "break_after_binary_operator@9": UNARY_AFTER,
    "break_after_binary_operator@10": UNARY_AFTER,
    "E10.py:6": TAB_IN_STRING,
    "E10.py:41": TAB_IN_STRING,
    "W19.py:100": TAB_IN_STRING,
    "W19.py:103": TAB_IN_STRING,
    "E11.py:40": ("STD104", "Blocks indented with tabs are STD103's, even "
                  "one two tabs deeper than its parent, which pycodestyle "
                  "also reports as over-indented (E117)"),
}
"""Cases stdcheck disagrees with on purpose: origin -> (rule, the words
of the rule's page that say why). pep8-naming's ``N816.py:56`` case
also holds the line after its malformed ``#: N816:1:15:`` header, which
pep8-naming's own runner reads as part of the ``Okay`` case above.
pycodestyle's two ``break_after_binary_operator`` examples follow the
words "The following should be W504 but unary_context is tricky with
these" in its docstring: they pin a limitation of its check."""
MINIMUM_AGREEMENT = {"pep8-naming": 0.98, "pycodestyle": 0.96}
"""At least this share of each suite's cases agrees. pycodestyle's is
below 98%: 7 of its 224 usable cases disagree on purpose (above)."""
MINIMUM_CASES = {
    "N801": (26, 9), "N802": (29, 5), "N803": (38, 10), "N806": (66, 31),
    "N816": (37, 11), "N818": (17, 3),
    "E501": (27, 16), "W505": (27, 10), "W191": (46, 28), "E111": (10, 1),
    "E117": (6, 3), "W504": (41, 16), "E302": (67, 12), "E305": (66, 7),
    "E301": (66, 5), "E303": (67, 9), "E402": (29, 6), "E401": (17, 2),
    "E722": (22, 3),
}
"""Peer code -> the least number of cases stdcheck can parse that are
about it, and of those that expect it (the pinned suites' counts)."""
UNMAPPED = {("pep8-naming", "N999", "STD206")}
"""Peers a rule's page names that no case of the suite tests
(pep8-naming tests module names outside its ``testsuite/``)."""
BEYOND_PAGES = {("pep8-naming", "N816", "STD205")}
"""Mapped pairs the rule's page does not name: see :data:`NAMING`."""


def _declared(tool: str) -> set[tuple[str, str, str]]:
    """Return the (tool, code, rule) peers the rule pages name."""
    return {
        (tool, code, rule.code)
        for rule in registry.all_rules()
        for peer_tool, _, code in (peer.partition(" ") for peer in rule.peers)
        if peer_tool == tool
    }


@pytest.mark.parametrize(
    ("tool", "mapping"),
    [("pep8-naming", NAMING), ("pycodestyle", PYCODESTYLE)],
)
def test_mapping_is_the_rule_pages(tool: str, mapping: Mapping) -> None:
    """The codes compared are the peers the rule pages name, no more."""
    mapped = {
        (tool, code, rule) for code, rules in mapping.items()
        for rule in rules
    }
    declared = _declared(tool)
    assert declared - mapped == {
        item for item in UNMAPPED if item[0] == tool
    }
    assert mapped - declared == {
        item for item in BEYOND_PAGES if item[0] == tool
    }
    assert set(mapping) <= set(MINIMUM_CASES)


def _measure(name: str, cases: list[Case], mapping: Mapping) -> None:
    """Compare every case; check the share and the documented list."""
    from stdcheck.frontends.pages import render_rule

    assert cases, f"no cases read from {name}'s suite"
    failed = {}
    parsed = []
    for case in cases:
        problems = disagreements(case, mapping)
        if problems is not None:
            parsed.append(case)
        if problems:
            failed[case.origin] = problems
    checked = len(parsed)
    unparsable = len(cases) - checked
    agreed = checked - len(failed)
    by_rule = collections.Counter(
        problem.split()[0] for problems in failed.values()
        for problem in problems
    )
    print(
        f"\n{name}: {checked} cases ({unparsable} fragments stdcheck "
        f"cannot parse left out), {agreed} agree "
        f"({100 * agreed / checked:.1f}%); disagreements by rule: "
        f"{dict(sorted(by_rule.items()))}"
    )
    for origin, problems in sorted(failed.items()):
        print(f"  {origin}: {'; '.join(problems)}")
    for code in mapping:
        counted = [case for case in parsed if code in case.about]
        expecting = [
            case for case in counted
            if any(peer == code for peer, _ in case.expected)
        ]
        least_about, least_expecting = MINIMUM_CASES[code]
        assert len(counted) >= least_about, code
        assert len(expecting) >= least_expecting, code
    origins = {case.origin for case in cases}
    mine = {origin for origin in DOCUMENTED if origin in origins}
    assert sorted(set(failed) - mine) == []
    assert sorted(mine - set(failed)) == [], "documented, yet agrees now"
    for origin in mine:
        code, words = DOCUMENTED[origin]
        rule = registry.lookup(code)
        assert rule is not None
        assert words in " ".join(render_rule(rule).split()), (origin, code)
    assert agreed >= MINIMUM_AGREEMENT[name] * checked


def test_pep8_naming_suite() -> None:
    """pep8-naming's own cases: 98% agree, the rest documented."""
    root = corpus.package_sdist("pep8-naming")
    _measure("pep8-naming", list(pep8_naming_cases(root)), NAMING)


def test_pycodestyle_suite() -> None:
    """pycodestyle's own cases agree, bar the ones documented."""
    root = corpus.package_sdist("pycodestyle")
    suite = corpus.package_sdist(
        "pycodestyle", corpus.PYCODESTYLE_DATA_SUITE
    )
    cases = [
        *pycodestyle_data_cases(suite), *pycodestyle_doc_cases(),
        *pycodestyle_blank_line_cases(root),
    ]
    _measure("pycodestyle", cases, PYCODESTYLE)
