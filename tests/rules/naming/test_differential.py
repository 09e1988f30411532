"""Differential test: the naming rules against pep8-naming.

pep8-naming's checker (``pep8ext_naming.NamingChecker`` with its
default options, the object flake8 runs) and stdcheck's engine get the
same parsed trees of this Python's standard library, Django and
requests. For each pair of matching codes, a finding that one side has
and the other lacks must belong to a deliberate difference that the
rule's notes document, recognised by readings of the source of the
test's own (:mod:`tests.helpers.independent`), not stdcheck's naming
helpers; each rule must agree with its peer at least
:data:`MINIMUM_AGREED` times on the standard library. The table of
counts is printed (``pytest -s``).
"""

from __future__ import annotations

import ast
import collections
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pep8ext_naming
import pytest

from stdcheck.core import registry
from stdcheck.core.config import Config
from stdcheck.core.context import FileContext
from stdcheck.core.engine import run_checkers
from stdcheck.core.source import split_lines
from stdcheck.rules import family_of
from tests.helpers import corpus
from tests.helpers.independent import (
    builtin_exceptions,
    decorated,
    is_api_dictated,
    last_name,
    makes_class,
    mixes_case,
)


PAIRS = {
    "STD201": ("N802",),
    "STD202": ("N803",),
    "STD203": ("N806", "N816"),
    "STD204": ("N801",),
    "STD209": ("N818",),
}
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
QUOTED = re.compile(r"'([^']*)'")
Key = tuple[int, str]
Reason = Callable[[str, Key, "FileFacts"], bool]


class FileFacts:
    """What the reasons need to know about one file (indexed lazily)."""

    def __init__(
        self, tree: ast.Module, ours: dict[str, list[Key]]
    ) -> None:
        """Hold the tree and stdcheck's findings for the file."""
        self.tree = tree
        self.ours = ours
        self._by_line: dict[int, list[ast.AST]] | None = None
        self._scopes: list[Scope] | None = None

    def at(self, line: int) -> list[ast.AST]:
        """Return the nodes starting on a line."""
        if self._by_line is None:
            self._by_line = collections.defaultdict(list)
            for node in ast.walk(self.tree):
                start = getattr(node, "lineno", None)
                if start is not None:
                    self._by_line[start].append(node)
        return self._by_line.get(line, [])

    def functions_with_argument(self, line: int, name: str) -> Iterator[
        ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
    ]:
        """Yield the functions with a parameter ``name`` on ``line``."""
        for node in ast.walk(self.tree):
            if isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
            ):
                arguments = node.args
                every = [*arguments.posonlyargs, *arguments.args,
                         *arguments.kwonlyargs, arguments.vararg,
                         arguments.kwarg]
                if any(
                    argument is not None
                    and argument.arg == name
                    and argument.lineno == line
                    for argument in every
                ):
                    yield node

    def class_bases(self, name: str) -> set[str]:
        """Return a class's base names, followed within the file."""
        classes = {
            node.name.strip("_"): node
            for node in ast.walk(self.tree)
            if isinstance(node, ast.ClassDef)
        }
        found: set[str] = set()
        todo = [name]
        while todo:
            node = classes.get(todo.pop().strip("_"))
            for base in node.bases if node else ():
                base_name = last_name(base) or ""
                if base_name not in found:
                    found.add(base_name)
                    todo.append(base_name)
        return found

    def module_imports(self) -> set[str]:
        """Return the names bound by imports outside functions."""
        return {
            (alias.asname or alias.name).split(".")[0]
            for node in ast.walk(self.tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            and isinstance(self.scope_of(node.lineno), ast.Module)
            for alias in node.names
        }

    def scope_of(self, line: int) -> ast.AST:
        """Return the innermost function or class holding a line.

        A ``def`` line belongs to the enclosing scope.
        """
        if self._scopes is None:
            self._scopes = [
                node for node in ast.walk(self.tree)
                if isinstance(node, SCOPES)
            ]
        holding = [
            node for node in self._scopes
            if node.lineno < line <= (node.end_lineno or node.lineno)
        ]
        return max(holding, key=lambda node: node.lineno, default=self.tree)


def _reported_before(code: str, key: Key, facts: FileFacts) -> bool:
    """stdcheck reported the name earlier in the same scope."""
    line, name = key
    scope = facts.scope_of(line)
    return any(
        other < line
        and other_name.strip("_") == name.strip("_")
        and facts.scope_of(other) is scope
        for other, other_name in facts.ours.get(code, ())
    )


def _api_name(code: str, key: Key, facts: FileFacts) -> bool:
    """The name is one an external API dictates (``setUp``)."""
    return is_api_dictated(key[1])


def _import_fallback(code: str, key: Key, facts: FileFacts) -> bool:
    """A definition of a name the module also imports (a fallback)."""
    return key[1] in facts.module_imports()


def _dictated_signature(code: str, key: Key, facts: FileFacts) -> bool:
    """A parameter of a method whose name an API dictates."""
    return any(
        not isinstance(function, ast.Lambda)
        and (is_api_dictated(function.name)
             or decorated(function, "override"))
        for function in facts.functions_with_argument(*key)
    )


def _lambda_parameter(code: str, key: Key, facts: FileFacts) -> bool:
    """A lambda's parameter (pep8-naming skips lambdas)."""
    return any(
        isinstance(function, ast.Lambda)
        for function in facts.functions_with_argument(*key)
    )


def _class_factory(code: str, key: Key, facts: FileFacts) -> bool:
    """A local bound to a class factory call (``type(...)``)."""
    return any(
        isinstance(node, ast.Assign) and makes_class(node.value)
        for node in facts.at(key[0])
    )


def _outside_functions(code: str, key: Key, facts: FileFacts) -> bool:
    """A loop or comprehension variable outside functions.

    pep8-naming N816 reports only the mixedCase ones there.
    """
    return not mixes_case(key[1]) and not isinstance(
        facts.scope_of(key[0]),
        (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda),
    )


def _error_base(code: str, key: Key, facts: FileFacts) -> bool:
    """An exception deriving from a built-in other than ``Exception``.

    Or a private one: pep8-naming looks the class up by its name
    without underscores, and does not find it.
    """
    bases = facts.class_bases(key[1])
    return bool(bases & (builtin_exceptions() - {"Exception"})) or (
        "Exception" in bases and key[1].startswith("_")
    )


ONLY_PEP8_NAMING: dict[str, tuple[Reason, ...]] = {
    "STD201": (_api_name, _reported_before, _import_fallback),
    "STD202": (_api_name, _dictated_signature),
    "STD203": (_api_name, _reported_before, _class_factory),
    "STD204": (_import_fallback,),
    "STD209": (_import_fallback,),
}
ONLY_STDCHECK: dict[str, tuple[Reason, ...]] = {
    "STD201": (),
    "STD202": (_lambda_parameter,),
    "STD203": (_outside_functions,),
    "STD204": (),
    "STD209": (_error_base,),
}


def _name(message: str) -> str:
    """Return the name quoted in a message."""
    match = QUOTED.search(message)
    return match.group(1) if match else ""


def _ours(
    path: Path, text: str, tree: ast.Module
) -> tuple[dict[str, list[Key]], collections.Counter[str]]:
    """Return stdcheck's findings by pair, and counts by code."""
    config = Config(target_version="py310")
    enabled = frozenset(
        rule.code
        for rule in registry.all_rules()
        if family_of(rule.code).package == "naming"
    )
    ctx = FileContext(str(path), split_lines(text), tree, config)
    by_pair: dict[str, list[Key]] = collections.defaultdict(list)
    counts: collections.Counter[str] = collections.Counter()
    for finding in run_checkers(ctx, enabled):
        counts[finding.code] += 1
        name = _name(finding.message)
        code = finding.code
        if code == "STD205" and mixes_case(name):
            code = "STD203"
        if code in PAIRS:
            by_pair[code].append((finding.line, name))
    return by_pair, counts


def _theirs(path: Path, tree: ast.Module) -> dict[str, list[Key]]:
    """Return pep8-naming's findings, keyed by our matching code."""
    pair_of = {peer: code for code, peers in PAIRS.items() for peer in peers}
    by_pair: dict[str, list[Key]] = collections.defaultdict(list)
    checker = pep8ext_naming.NamingChecker(tree, str(path))
    for line, _col, message, _check in checker.run():
        code = pair_of.get(message[:4])
        if code is not None:
            by_pair[code].append((line, _name(message)))
    return by_pair


def _strip(keys: list[Key]) -> tuple[collections.Counter[Key], dict[Key, Key]]:
    """Count keys with names stripped of outer underscores.

    pep8-naming quotes class names without them.

    Args:
        keys: ``(line, name)`` of each finding.

    Returns:
        The counts, and the original key of each stripped one.
    """
    original = {(line, name.strip("_")): (line, name) for line, name in keys}
    counts = collections.Counter(
        (line, name.strip("_")) for line, name in keys
    )
    return counts, original


def compare(files: list[Path]) -> tuple[
    collections.Counter[tuple[str, str, str]],
    collections.Counter[str],
    list[str],
]:
    """Run both sides over files and explain each difference.

    Args:
        files: The corpus.

    Returns:
        Counts by (code, side, reason) where side is ``both``,
        ``pep8-naming`` or ``stdcheck``; stdcheck's counts by code;
        the differences no documented reason explains.
    """
    table: collections.Counter[tuple[str, str, str]] = collections.Counter()
    totals: collections.Counter[str] = collections.Counter()
    unexplained: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        ours, counts = _ours(path, text, tree)
        totals.update(counts)
        theirs = _theirs(path, tree)
        facts = FileFacts(tree, ours)
        for code in PAIRS:
            mine, my_names = _strip(ours[code])
            peer, peer_names = _strip(theirs[code])
            table[code, "both", ""] += sum((mine & peer).values())
            for side, only, names, reasons in (
                ("pep8-naming", peer - mine, peer_names,
                 ONLY_PEP8_NAMING[code]),
                ("stdcheck", mine - peer, my_names, ONLY_STDCHECK[code]),
            ):
                for stripped in only.elements():
                    key = names[stripped]
                    reason = next(
                        (r.__name__ for r in reasons if r(code, key, facts)),
                        None,
                    )
                    if reason is None:
                        unexplained.append(f"{path}:{key[0]}: {code} "
                                           f"{key[1]} only in {side}")
                    table[code, side, reason or "unexplained"] += 1
    return table, totals, unexplained


def _print_table(
    name: str,
    table: collections.Counter[tuple[str, str, str]],
    totals: collections.Counter[str],
) -> None:
    """Print the counts for the record."""
    print(f"\n{name}: stdcheck findings: {dict(sorted(totals.items()))}")
    for code, peers in PAIRS.items():
        both = table[code, "both", ""]
        only = {
            side: {r: n for (c, s, r), n in table.items()
                   if c == code and s == side}
            for side in ("pep8-naming", "stdcheck")
        }
        print(
            f"  {code} vs {'+'.join(peers)}: pep8-naming "
            f"{both + sum(only['pep8-naming'].values())}, stdcheck "
            f"{both + sum(only['stdcheck'].values())}, both {both}; "
            f"only pep8-naming {only['pep8-naming'] or 0}; "
            f"only stdcheck {only['stdcheck'] or 0}"
        )


MINIMUM_AGREED = {
    "stdlib": {
        "STD201": 600, "STD202": 300, "STD203": 330, "STD204": 150,
        "STD209": 60,
    },
}
"""Findings each rule shares with pep8-naming on a corpus, at least."""

CORPORA: dict[str, Callable[[], list[Path]]] = {
    "stdlib": corpus.stdlib_files,
    "django": lambda: corpus.package_files("django"),
    "requests": lambda: corpus.package_files("requests"),
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(CORPORA))
def test_differences_are_documented(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every disagreement with pep8-naming is a documented one."""
    wanted = {
        check for check in pep8ext_naming.BaseASTCheck.all
        if set(check.codes) & {"N801", "N802", "N803", "N806"}
    }
    monkeypatch.setattr(pep8ext_naming.NamingChecker, "visitors", wanted)
    table, totals, unexplained = compare(CORPORA[name]())
    _print_table(name, table, totals)
    assert "STD000" not in totals
    assert not unexplained, "\n".join(unexplained[:50])
    agreed = {code: table[code, "both", ""] for code in PAIRS}
    minimum = MINIMUM_AGREED.get(name, {})
    assert {
        code: count for code, count in agreed.items()
        if count < minimum.get(code, 0)
    } == {}, agreed
