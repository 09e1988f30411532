"""The engine: one parse, one walk, every enabled rule, stable output.

The CLI and the flake8 plugin both call :func:`run_checkers`; the CLI
reaches it through :func:`check_file`, which also reads and parses.
"""

from __future__ import annotations

import ast
import functools
import operator
import tokenize
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from stdcheck.core import noqa, registry
from stdcheck.core.ast_fields import walk_plan
from stdcheck.core.checker import CHECKERS, Checker
from stdcheck.core.config import Config
from stdcheck.core.context import FileContext
from stdcheck.core.findings import FileError, Finding
from stdcheck.core.interrupts import raise_hidden_interrupt
from stdcheck.core.source import (
    SourceError,
    decode,
    parse,
    read_bytes,
    split_lines,
)

POSITION = operator.attrgetter("line", "col", "code")
Hooks = dict[type[ast.AST], list[Callable[[ast.AST], None]]]
WalkEntry = tuple[
    tuple[str, ...],
    list[Callable[[ast.AST], None]],
    list[Callable[[ast.AST], None]] | None,
]
_LEAVE = object()  # on the walk's stack: leave the node on top of parents


@dataclass
class FileResult:
    """The outcome of checking one file: findings, or why it failed."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None


def check_file(path: str, config: Config) -> FileResult:
    """Read, decode, parse and check a file; never raise on bad input.

    Args:
        path: The file, as shown to the user.
        config: The configuration that applies to it.

    Returns:
        The findings, or the one-line reason the file was not checked.
    """
    try:
        data = read_bytes(path)
    except SourceError as error:
        return FileResult(path, error=error.for_path(path))
    return check_data(data, path, config)


def check_data(data: bytes, path: str, config: Config) -> FileResult:
    """Decode, parse and check source bytes (a file's, or stdin's).

    Args:
        data: The file's bytes.
        path: The path shown in findings (and matched by config globs).
        config: The configuration that applies to it.

    Returns:
        The findings, or the one-line reason the bytes were not checked.
    """
    try:
        text = decode(data).text
        return FileResult(path, check_source(text, path, config))
    except SourceError as error:
        return FileResult(path, error=error.for_path(path))


def check_source(
    text: str,
    path: str,
    config: Config,
    outside: Collection[str] = frozenset(),
) -> list[Finding]:
    """Check source text as the CLI does (``noqa`` comments applied).

    Args:
        text: The decoded source.
        path: The path shown in findings (and matched by config globs).
        config: The configuration that applies.
        outside: In a fix run, the names the run's other files take
            (:attr:`FileContext.outside`).

    Returns:
        The findings, in a stable order.

    Raises:
        SourceError: If the text cannot be parsed or tokenized.
    """
    lines = split_lines(text)
    mentions_noqa = noqa.mentioned(text)
    if mentions_noqa and noqa.skips_file(lines):
        return []
    ctx = FileContext(path, lines, parse(text, path), config)
    _last_checked[:] = [(text, path, config, ctx)]
    if outside:
        ctx.outside = outside
    try:
        findings = run_checkers(ctx, config.codes_for(path))
        if findings and mentions_noqa:
            findings = noqa.filter_findings(
                findings, lines, lambda: noqa.spans(ctx)
            )
        return findings
    except (tokenize.TokenError, SyntaxError) as error:
        raise SourceError(f"cannot tokenize: {error}") from None


_last_checked: list[tuple[str, str, Config, FileContext]] = []
"""The text :func:`check_source` checked last, and its context."""


def context_of(text: str, path: str, config: Config) -> FileContext:
    """Return a text's context, with the facts the check found in it.

    The last one :func:`check_source` made, if it checked this text:
    the fixes computed on the text read what the check just read (its
    tree, its layout scan) instead of finding it again.

    Args:
        text: The decoded source.
        path: The path shown in findings.
        config: The configuration that applies.

    Returns:
        The context of the text.

    Raises:
        SourceError: If the text cannot be parsed.
    """  # noqa: STD407  (raised by parse)
    for known, name, configured, ctx in _last_checked:
        if name == path and configured is config and known == text:
            return ctx
    ctx = FileContext(path, split_lines(text), parse(text, path), config)
    _last_checked[:] = [(text, path, config, ctx)]
    return ctx


def run_checkers(ctx: FileContext, enabled: frozenset[str]) -> list[Finding]:
    """Run every checker with an enabled rule over one parsed file.

    A checker that raises is reported once (STD000) and dropped for the
    rest of the file; the other checkers' findings are kept.

    Args:
        ctx: The file.
        enabled: Codes of the rules to report.

    Returns:
        The enabled rules' findings, sorted by position and code.
    """
    checkers = [
        cls(ctx)
        for cls in CHECKERS
        if any(rule.code in enabled for rule in cls.rules)
    ]
    checkers[:0] = ctx.helpers.values()  # made by the checkers above
    failed: list[Checker] = []
    try:
        walk(ctx, checkers, failed)
        for checker in checkers:
            if checker not in failed:
                _guarded(ctx, checker, failed, checker.finish)
    finally:
        # A helper refers to the context (so do the hooks): without
        # these reference cycles the file's tree and tokens are freed
        # as soon as it is done, not by the (rare, costly) cycle
        # collector.
        ctx.helpers.clear()
        ctx.visit_hooks = {}
    wanted = enabled | {registry.INTERNAL_ERROR.code}
    return sorted(
        (finding for finding in ctx.findings if finding.code in wanted),
        key=POSITION,  # as Finding's order: the path is the file's
    )


def walk(
    ctx: FileContext, checkers: list[Checker], failed: list[Checker]
) -> None:
    """Walk the tree once, calling each checker's visit/leave hooks.

    Depth-first and in field order, like :func:`ast.iter_child_nodes`,
    but iterative (no recursion limit) and skipping the fields that
    hold no node a hook is interested in. The hot loop calls hooks
    directly; a hook that raises is handled by :func:`_recover`.
    """
    if not any(checker.visits or checker.leaves for checker in checkers):
        return
    table = _walk_table(ctx, checkers, failed)
    parents = ctx.parents
    stack: list[Any] = [ctx.tree]
    while stack:
        node = stack.pop()
        if node is _LEAVE:
            node = parents.pop()
            hooks = table[type(node)][2]
            if hooks:
                try:
                    for hook in hooks:
                        hook(node)
                except Exception as error:  # noqa: BLE001,STD602  (STD000)
                    _recover(ctx, hooks, hook, node, failed, error)
                    table = _walk_table(ctx, checkers, failed)
            continue
        entry = table.get(type(node))
        if entry is None:  # None in a list (a dict's ``**``), not a node
            continue
        fields, hooks, leave = entry
        if hooks:
            try:
                for hook in hooks:
                    hook(node)
            except Exception as error:  # noqa: BLE001,STD602  (STD000)
                _recover(ctx, hooks, hook, node, failed, error)
                table = _walk_table(ctx, checkers, failed)
        if leave is not None:  # else: no child, no leave
            parents.append(node)
            stack.append(_LEAVE)
            for name in fields:
                value = getattr(node, name)
                if type(value) is list:
                    if value:  # many are empty: skip the call
                        stack.extend(reversed(value))
                elif value is not None:
                    stack.append(value)


def _walk_table(
    ctx: FileContext, checkers: list[Checker], failed: list[Checker]
) -> dict[type[ast.AST], WalkEntry]:
    """Return, per node type, what the walk does with such a node.

    One entry per type, looked up once per node: the fields to walk,
    the visit hooks, and the leave hooks (None when the node has no
    field to walk and no leave hook: it is not pushed on the parents).
    The visit hooks are also ``ctx.visit_hooks``, for the checkers to
    switch their on-demand hooks.
    """
    visits: Hooks = {}
    leaves: Hooks = {}
    for checker in checkers:
        if checker in failed:
            continue
        skipped = checker.on_demand - checker.switched_on
        for table, names in ((visits, checker.visits),
                             (leaves, checker.leaves)):
            for node_type, method in names.items():
                hooks = table.setdefault(node_type, [])
                if method not in skipped:
                    hooks.append(getattr(checker, method))
    ctx.visit_hooks = visits
    hooked = frozenset(visits) | frozenset(leaves)
    entries = _bare_table(hooked).copy()
    for node_type in hooked:
        fields = entries[node_type][0]
        entries[node_type] = (
            fields,
            visits.get(node_type, []),
            leaves.get(node_type, [])
            if fields or node_type in leaves else None,
        )
    return entries


@functools.lru_cache(maxsize=64)
def _bare_table(
    hooked: frozenset[type[ast.AST]],
) -> dict[type[ast.AST], WalkEntry]:
    """Return the walk's entries, without hooks, for these hooked types.

    A file's table copies it and adds its checkers' hooks (to the
    hooked types only: the others share these entries).
    """
    return {
        node_type: (fields, [], [] if fields else None)
        for node_type, fields in walk_plan(hooked).items()
    }


def _recover(
    ctx: FileContext,
    hooks: list[Callable[[ast.AST], None]],
    broken: Callable[[ast.AST], None],
    node: ast.AST,
    failed: list[Checker],
    error: Exception,
) -> None:
    """Retire the checker of a hook that raised; run the hooks after it.

    The hooks are of distinct, live checkers (the walk rebuilds its
    tables after a failure), so a failure retires only its own.

    Args:
        ctx: The file.
        hooks: The hooks called on ``node``, in order.
        broken: The hook that raised.
        node: The node being visited or left.
        failed: The retired checkers (extended here).
        error: What the hook raised.

    Raises:
        SourceError: If the hook hit the recursion limit (the file is
            too deeply nested to check, not a bug of the checker).
    """
    if isinstance(error, RecursionError):
        raise SourceError("too deeply nested to check") from None
    _retire(ctx, getattr(broken, "__self__"), failed, error, node)
    for hook in hooks[hooks.index(broken) + 1:]:
        try:
            hook(node)
        except Exception as later:  # noqa: BLE001,STD602  (bugs: STD000)
            _recover(ctx, [hook], hook, node, failed, later)


def _guarded(
    ctx: FileContext,
    checker: Checker,
    failed: list[Checker],
    function: Callable[[], None],
) -> None:
    """Call a checker's ``finish``; on a crash report STD000."""
    try:
        function()
    except RecursionError:
        raise SourceError("too deeply nested to check") from None
    except Exception as error:  # noqa: BLE001,STD602  (bugs -> STD000)
        _retire(ctx, checker, failed, error, None)


def _retire(
    ctx: FileContext,
    checker: Checker,
    failed: list[Checker],
    error: Exception,
    node: ast.AST | None,
) -> None:
    """Report a checker's crash as STD000 and stop calling it."""
    raise_hidden_interrupt(error)
    failed.append(checker)
    frame = traceback.extract_tb(error.__traceback__)[-1]
    ctx.report(
        registry.INTERNAL_ERROR,
        getattr(node, "lineno", 1),
        checker=type(checker).__name__,
        error=f"{type(error).__name__}: {error} "
        f"[{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}]",
    )
