"""The language server: findings, fixes and rule pages in LSP editors.

``stdcheck server`` speaks the Language Server Protocol over standard
input and output (pygls). One process keeps the engine, the rule
catalogue and each project's configuration loaded, so a diagnostic
costs one check of the buffer. What it offers:

- diagnostics on open, change (debounced) and save, for unsaved
  buffers too: the findings ``stdcheck check`` reports for the same
  text and configuration (``exclude``, ``per-file-ignores`` and
  ``# noqa`` applied);
- code actions: fix one finding (safe, or unsafe and labelled so),
  fix every safe finding (``source.fixAll.stdcheck``), sort imports
  (``source.organizeImports.stdcheck``) and add ``# noqa: CODE``;
  every edit is the changed lines only, never the whole document;
- hover: the page of each rule reported under the cursor.

Once the first diagnostics are sent, the fix engine, libcst and every
rule's fix are imported in the background (so the first quick fix does
not wait for them), and everything loaded by then is frozen out of the
garbage collector's full collections (:func:`warm_up`), which
otherwise walk those objects again every few checks.

Nothing a buffer holds stops the server: text that does not parse is
one diagnostic at the error, a rule's crash is one STD000, a broken
configuration one message to the client (and one STD000 at line 1).
"""

from __future__ import annotations

import asyncio
import difflib
import gc
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.workspace import TextDocument

from stdcheck import __version__
from stdcheck.core import config as config_module
from stdcheck.core.config import Config, ConfigError
from stdcheck.core.engine import check_source
from stdcheck.core.findings import FileError, Finding
from stdcheck.core.registry import FixSafety, all_rules, lookup
from stdcheck.core.source import SourceError, split_lines
from stdcheck.fix import merge
from stdcheck.frontends.pages import render_rule, rule_url
from stdcheck.rules import load
from stdcheck.run.baseline import BaselineError, on_disk
from stdcheck.run.focus import FileFocus

SOURCE = "stdcheck"
DEBOUNCE = 0.005
"""Seconds to wait after a change for more changes before checking.

Long enough to take in changes sent together (on an idle machine
they arrive about a millisecond apart), far shorter than the pause
between two keystrokes: the wait is part of every change's latency.
"""
FIX_ALL = "source.fixAll.stdcheck"
ORGANIZE_IMPORTS = "source.organizeImports.stdcheck"
IMPORT_ORDER = ("STD301", "STD302", "STD303", "STD305")
"""The import rules whose fix sorts and groups imports."""

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checked:
    """One version of a buffer and what checking it found.

    Attributes:
        version: The buffer's version when checked.
        text: The text that was checked.
        findings: The findings (empty for an excluded file).
        error: Why the text could not be checked, if it could not.
    """

    version: int | None
    text: str
    findings: tuple[Finding, ...]
    error: FileError | None = None


class Configs:
    """Each project's configuration, reloaded when its files change.

    The nearest ``pyproject.toml`` of every folder above a file is
    looked at (a stat each); when one appears, changes or goes, the
    configuration caches are dropped and the tables read again.
    """

    def __init__(self) -> None:
        """Start with nothing loaded."""
        self.stamp: tuple[tuple[str, int], ...] = ()
        self.reported: set[str] = set()

    def for_path(self, path: str) -> Config:
        """Return the configuration of a file (raises ConfigError)."""
        stamp = _stamp(Path(path).absolute().parent)
        if stamp != self.stamp:
            config_module.forget()
            self.stamp = stamp
            self.reported.clear()
        return config_module.load_for(Path(path))


def _stamp(folder: Path) -> tuple[tuple[str, int], ...]:
    """Return the modification times of the pyprojects above a dir."""
    stamp = []
    for parent in (folder, *folder.parents):
        candidate = parent / "pyproject.toml"
        try:
            stamp.append((str(candidate), candidate.stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(stamp)


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, forgetting each notification once handled.

    pygls (2.1) keeps the future of a handler run as a generator (the
    built-in ones of ``didOpen``, ``didChange``, ``didSave`` and
    ``didClose`` are) under the message's id until its response is
    sent; a notification has no response, so every edit left a future
    behind (2 MiB more per 1,000 edits). Here a notification's future
    is dropped once done.
    """

    def _execute_handler(
        self,
        msg_id: Any,
        handler: Callable[..., Any],
        callback: Callable[[Future[Any]], None],
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        """Run a handler as pygls does; drop a notification's future."""
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        future = self._request_futures.get(msg_id)
        if future is not None and callback == self._check_handler_result:
            future.add_done_callback(
                lambda _: self._request_futures.pop(msg_id, None)
            )


class StdcheckServer(LanguageServer):
    """The server's state: configurations, results, pending checks."""

    def __init__(self) -> None:
        """Create the server (not yet listening)."""
        super().__init__(
            "stdcheck", __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=_Protocol,
        )
        self.configs = Configs()
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.warming: asyncio.Task[None] | None = None

    def check(self, document: TextDocument) -> Checked:
        """Check a buffer as ``stdcheck check`` would check its file.

        Args:
            document: The buffer.

        Returns:
            What was found; also kept for code actions and hover.
        """
        path = document.path
        text = document.source
        try:
            config = self.configs.for_path(path)
        except ConfigError as error:
            checked = Checked(document.version, text, (
                Finding(path, 1, 0, "STD000",
                        f"configuration error: {error}"),
            ))
            self.tell_once(str(error))
        else:
            checked = _checked(document.version, text, path, config)
        self.checked[document.uri] = checked
        return checked

    def tell_once(self, message: str) -> None:
        """Show a configuration problem to the user, once per change."""
        if message not in self.configs.reported:
            self.configs.reported.add(message)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"stdcheck: {message}"
            ))

    def publish(self, document: TextDocument) -> None:
        """Check a buffer and send its diagnostics."""
        self.pending.pop(document.uri, None)
        checked = self.check(document)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=document.uri,
                version=document.version,
                diagnostics=diagnostics(checked, document.lines),
            )
        )
        if self.warming is None:
            self.warming = asyncio.ensure_future(self.load_fixes())

    async def load_fixes(self) -> None:
        """Warm up (:func:`warm_up`) and tell the client's log so."""
        started = time.perf_counter()
        await warm_up()
        self.window_log_message(types.LogMessageParams(
            type=types.MessageType.Log,
            message=f"stdcheck: fixes loaded in "
            f"{time.perf_counter() - started:.2f} s",
        ))

    def publish_later(self, uri: str) -> None:
        """Check a buffer once changes pause for :data:`DEBOUNCE`."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(
            DEBOUNCE, self.publish_uri, uri
        )

    def publish_uri(self, uri: str) -> None:
        """Publish the diagnostics of a buffer still open."""
        if uri in self.workspace.text_documents:
            self.publish(self.workspace.get_text_document(uri))

    def current(self, document: TextDocument) -> Checked:
        """Return the results of the buffer's text as it is now."""
        checked = self.checked.get(document.uri)
        if checked is None or checked.text != document.source:
            checked = self.check(document)
        return checked


def _checked(
    version: int | None, text: str, path: str, config: Config
) -> Checked:
    """Check a text as ``check`` does, baseline applied; never raise."""
    if not config.codes_for(path):
        return Checked(version, text, ())
    try:
        findings = check_source(text, path, config)
        findings = _focus(path, config).select(
            findings, split_lines(text)
        )[0]
    except SourceError as error:
        return Checked(version, text, (), error.for_path(path))
    except BaselineError as error:
        return Checked(version, text, (
            Finding(path, 1, 0, "STD000", str(error)), *findings
        ))
    except Exception as error:  # noqa: BLE001  (a bug must not stop us)
        LOG.exception("checking %s failed", path)
        return Checked(version, text, (
            Finding(path, 1, 0, "STD000",
                    f"internal error in the server: {error!r} "
                    "(please report this)"),
        ))
    return Checked(version, text, tuple(findings))


def diagnostics(
    checked: Checked, lines: Sequence[str]
) -> list[types.Diagnostic]:
    """Return a checked buffer's findings (or error) as diagnostics.

    Args:
        checked: What checking the buffer found.
        lines: The buffer's lines, to measure columns in UTF-16.

    Returns:
        One diagnostic per finding; one at the error if the text could
        not be checked.
    """
    if checked.error is not None:
        error = checked.error
        line = max((error.line or 1) - 1, 0)
        start = _position(lines, line, error.col or 0)
        return [types.Diagnostic(
            range=types.Range(start, _position(lines, line, None)),
            message=error.message,
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )]
    return [_diagnostic(finding, lines) for finding in checked.findings]


def _diagnostic(finding: Finding, lines: Sequence[str]) -> types.Diagnostic:
    """Return one finding as a diagnostic, with its rule's page."""
    rule = lookup(finding.code)
    data: dict[str, Any] = {"fix": finding.fix.value}
    if rule is not None:
        data["name"] = rule.name
    return types.Diagnostic(
        range=finding_range(finding, lines),
        message=finding.message,
        severity=(
            types.DiagnosticSeverity.Error if finding.code == "STD000"
            else types.DiagnosticSeverity.Warning
        ),
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(rule)),
        source=SOURCE,
        data=data,
    )


def finding_range(finding: Finding, lines: Sequence[str]) -> types.Range:
    """Return the range a finding covers (to its line's end if unknown).

    Args:
        finding: The finding (1-based lines, columns in characters).
        lines: The buffer's lines.

    Returns:
        The range in the protocol's UTF-16 positions.
    """
    line = max(finding.line - 1, 0)
    start = _position(lines, line, finding.col)
    if finding.end_line is None:
        return types.Range(start, _position(lines, line, None))
    end_line = max(finding.end_line - 1, 0)
    return types.Range(start, _position(lines, end_line, finding.end_col))


def _position(
    lines: Sequence[str], line: int, column: int | None
) -> types.Position:
    """Return the protocol position of a line and a character column.

    A column of None means the end of the line's text.
    """
    if line >= len(lines):
        return types.Position(line=len(lines), character=0)
    text = lines[line].rstrip("\r\n")
    prefix = text if column is None else text[:column]
    return types.Position(line=line, character=_utf16_length(prefix))


def _utf16_length(text: str) -> int:
    """Return how many UTF-16 code units a text takes."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def line_edits(before: str, after: str) -> list[types.TextEdit]:
    """Return the edits of the changed lines that make ``after``.

    Args:
        before: The buffer's text.
        after: The text wanted.

    Returns:
        One edit per run of changed lines, in document order.
    """
    old, new = merge.lines(before), merge.lines(after)
    head = _common_head(old, new)
    tail = _common_head(old[head:][::-1], new[head:][::-1])
    matcher = difflib.SequenceMatcher(
        None, old[head:len(old) - tail], new[head:len(new) - tail],
        autojunk=False,
    )
    edits = []
    for tag, first, last, new_first, new_last in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(types.TextEdit(
            range=types.Range(
                _line_start(old, head + first), _line_start(old, head + last)
            ),
            new_text="".join(new[head + new_first:head + new_last]),
        ))
    return edits


def _common_head(first: Sequence[str], second: Sequence[str]) -> int:
    """Return how many leading lines two line lists share."""
    shared = min(len(first), len(second))
    return next(
        (index for index in range(shared) if first[index] != second[index]),
        shared,
    )


def _line_start(lines: Sequence[str], line: int) -> types.Position:
    """Return the position where a line starts (or the text ends)."""
    if line < len(lines) or not lines or lines[-1].endswith(("\n", "\r")):
        return types.Position(line=line, character=0)
    return _position(lines, len(lines) - 1, None)


def _focus(
    path: str, config: Config, lines: frozenset[int] | None = None
) -> FileFocus:
    """Return what a buffer's fixes and findings leave alone.

    Args:
        path: The buffer's file path.
        config: Its configuration.
        lines: Only the findings on these lines (None: all lines).

    Returns:
        The focus: the baseline's findings are left alone, as by
        ``check`` and ``fix``; with ``lines``, all but those lines'.

    Raises:
        BaselineError: If the project's baseline is not valid.
    """  # noqa: STD407  (raised by on_disk)
    baseline = on_disk(config)
    file = baseline.relative(path) if baseline is not None else None
    if baseline is None or file is None or file not in baseline.files:
        return FileFocus({}, lines is not None, lines)
    return FileFocus(baseline.files[file], lines is not None, lines)


def fixed_text(
    text: str,
    path: str,
    config: Config,
    unsafe: bool,
    lines: frozenset[int] | None = None,
) -> str:
    """Return a text with the fixes of a configuration's rules applied.

    Args:
        text: The buffer's text.
        path: The buffer's file path.
        config: The configuration (its selection chooses the fixes).
        unsafe: Whether unsafe fixes apply too.
        lines: Fix only the findings on these lines (None: all).

    Returns:
        The fixed text (the text itself when nothing could be fixed).
        Findings the baseline holds are left alone, as by ``fix``.
    """
    from stdcheck.fix.engine import fix_source

    try:
        focus = _focus(path, config, lines)
        return fix_source(text, path, config, unsafe, focus=focus).after
    except (SourceError, BaselineError):
        return text


def noqa_edit(
    finding: Finding, lines: Sequence[str], spans: Iterable[tuple[int, int]]
) -> types.TextEdit | None:
    """Return the edit adding ``# noqa: CODE`` where it silences a finding.

    The comment goes on the last line of the statement part a finding
    is in when that part spans lines through a multi-line string (the
    only line where a comment can go; ``noqa`` covers the whole span),
    else on the finding's line. An existing ``# noqa: ...`` list is
    extended.

    Args:
        finding: The finding to silence.
        lines: The buffer's lines.
        spans: The ``(first, last)`` lines of each multi-line part.

    Returns:
        The edit, or None if the line is silenced already.
    """
    from stdcheck.core.noqa import INLINE

    number = finding.line
    for first, last in spans:
        if first <= number <= last:
            number = last
            break
    if not 0 < number <= len(lines):
        return None
    line = lines[number - 1]
    body = line.rstrip("\r\n")
    match = INLINE.search(body)
    if match is None:
        new = f"{body}  # noqa: {finding.code}"
    elif match.group("codes") is None:
        return None
    else:
        new = f"{body[:match.end()]},{finding.code}{body[match.end():]}"
    return types.TextEdit(
        range=types.Range(
            _position(lines, number - 1, 0),
            _position(lines, number - 1, None),
        ),
        new_text=new,
    )


def code_actions(
    server: StdcheckServer, params: types.CodeActionParams
) -> list[types.CodeAction]:
    """Return the actions for a range of a buffer.

    Clients that can resolve an action's edit later get the actions
    without edits (a fix is computed only when chosen); others get
    the edits at once.

    Args:
        server: The server (its workspace and results).
        params: The request.

    Returns:
        Per finding in the range: its fix (safe, or unsafe labelled so)
        and a ``# noqa``; for the file: fix all safe findings and sort
        imports, when there is something to fix.
    """
    document = server.workspace.get_text_document(params.text_document.uri)
    checked = server.current(document)
    wanted = params.context.only
    actions: list[types.CodeAction] = []
    lines = document.lines
    if _wants(wanted, types.CodeActionKind.QuickFix):
        for finding in checked.findings:
            if _overlaps(finding_range(finding, lines), params.range):
                actions += _finding_actions(document, finding, lines)
    for kind, title in (
        (FIX_ALL, "stdcheck: fix all safe findings"),
        (ORGANIZE_IMPORTS, "stdcheck: sort imports"),
    ):
        if _wants(wanted, kind) and _has_fixable(checked, kind):
            actions.append(_action(title, kind, document, {"what": kind}))
    if _resolves_edits(server):
        return actions
    return [
        action for action in actions
        if resolve(server, action).edit is not None
    ]


def _finding_actions(
    document: TextDocument, finding: Finding, lines: Sequence[str]
) -> list[types.CodeAction]:
    """Return the quick fixes of one finding: its fix and a ``noqa``."""
    where = [finding.line, finding.col, finding.code]
    diagnostic = _diagnostic(finding, lines)
    actions = []
    if finding.fixable(unsafe=True):
        unsafe = finding.fix is FixSafety.UNSAFE
        label = " (unsafe: may change behaviour)" if unsafe else ""
        action = _action(
            f"stdcheck: fix {finding.code} {finding.message}{label}",
            types.CodeActionKind.QuickFix, document,
            {"what": "fix", "finding": where, "unsafe": unsafe},
        )
        action.diagnostics = [diagnostic]
        action.is_preferred = not unsafe
        actions.append(action)
    action = _action(
        f"stdcheck: add # noqa: {finding.code}",
        types.CodeActionKind.QuickFix, document,
        {"what": "noqa", "finding": where},
    )
    action.diagnostics = [diagnostic]
    actions.append(action)
    return actions


def resolve(
    server: StdcheckServer, action: types.CodeAction
) -> types.CodeAction:
    """Fill in a code action's edit, computed on the buffer as it is.

    Args:
        server: The server (its workspace and results).
        action: An action :func:`code_actions` made.

    Returns:
        The action, with its edit; without one when nothing changes
        (the finding is gone, or its fix was refused).
    """
    data = action.data or {}
    document = server.workspace.get_text_document(data["uri"])
    checked = server.current(document)
    text, path = checked.text, document.path
    try:
        config = server.configs.for_path(path)
    except ConfigError:
        return action
    what = data["what"]
    if what in (FIX_ALL, ORGANIZE_IMPORTS):
        if what == ORGANIZE_IMPORTS:
            config = config.override(select=IMPORT_ORDER)
        edits = line_edits(text, fixed_text(text, path, config, False))
    else:
        finding = next((
            finding for finding in checked.findings
            if [finding.line, finding.col, finding.code] == data["finding"]
        ), None)
        if finding is None:
            return action
        if what == "noqa":
            edit = noqa_edit(
                finding, document.lines, _spans(text, path, config)
            )
            edits = [edit] if edit is not None else []
        else:
            after = fixed_text(
                text, path, config.override(select=(finding.code,)),
                data["unsafe"], frozenset(range(
                    finding.line, (finding.end_line or finding.line) + 1
                )),
            )
            edits = line_edits(text, after)
    if edits:
        action.edit = types.WorkspaceEdit(changes={document.uri: edits})
    return action


def _resolves_edits(server: StdcheckServer) -> bool:
    """Return whether the client resolves code actions' edits later."""
    text_document = server.client_capabilities.text_document
    code_action = text_document.code_action if text_document else None
    support = code_action.resolve_support if code_action else None
    return support is not None and "edit" in support.properties


def _spans(text: str, path: str, config: Config) -> list[tuple[int, int]]:
    """Return the multi-line statement parts of a text (``noqa``)."""
    from stdcheck.core.context import FileContext
    from stdcheck.core.noqa import spans
    from stdcheck.core.source import parse

    try:
        lines = split_lines(text)
        return list(spans(FileContext(path, lines, parse(text, path), config)))
    except SourceError:
        return []


def _has_fixable(checked: Checked, kind: str) -> bool:
    """Return whether a file action has any safe finding to fix."""
    codes = IMPORT_ORDER if kind == ORGANIZE_IMPORTS else None
    return any(
        finding.fixable()
        and (codes is None or finding.code in codes)
        for finding in checked.findings
    )


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    """Return whether the client asked for actions of a kind."""
    return only is None or any(
        kind == wanted or kind.startswith(f"{wanted}.") for wanted in only
    )


def _overlaps(first: types.Range, second: types.Range) -> bool:
    """Return whether two ranges touch (an empty range is a cursor)."""
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(first.start) <= key(second.end) and key(second.start) <= key(
        first.end
    )


def _action(
    title: str, kind: str, document: TextDocument, data: dict[str, Any]
) -> types.CodeAction:
    """Return a code action on a document, its edit still to resolve."""
    return types.CodeAction(
        title=title, kind=kind, data={"uri": document.uri, **data}
    )


def hover(
    server: StdcheckServer, params: types.HoverParams
) -> types.Hover | None:
    """Return the pages of the rules reported at a position.

    Args:
        server: The server (its workspace and results).
        params: The request.

    Returns:
        The rule pages as Markdown, or None where nothing is reported.
    """
    document = server.workspace.get_text_document(params.text_document.uri)
    checked = server.current(document)
    cursor = types.Range(params.position, params.position)
    codes = dict.fromkeys(
        finding.code for finding in checked.findings
        if _overlaps(finding_range(finding, document.lines), cursor)
    )
    pages = [render_rule(rule) for rule in map(lookup, codes) if rule]
    if not pages:
        return None
    return types.Hover(contents=types.MarkupContent(
        kind=types.MarkupKind.Markdown, value="\n---\n\n".join(pages)
    ))


async def warm_up() -> None:
    """Load what fixing needs, then freeze what is loaded for the GC.

    The fix engine, libcst and each family's fixes are imported in a
    thread (checks go on meanwhile); then every object alive, the
    rules, the protocol's types and the modules, is moved out of the
    collector's reach (``gc.freeze``): they live as long as the server
    and a full collection would otherwise walk them all again.
    """
    await asyncio.to_thread(_import_fixes)
    gc.freeze()


def _import_fixes() -> None:
    """Import the fix engine and every rule's fix (and libcst)."""
    from stdcheck.fix import apply, engine  # noqa: F401  (to load them)
    from stdcheck.fix.registry import fix_for

    for rule in all_rules():
        if rule.fix is not FixSafety.NONE:
            fix_for(rule.code)


def build() -> StdcheckServer:
    """Return a server with every feature registered."""
    load()
    server = StdcheckServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(
        ls: StdcheckServer, params: types.DidOpenTextDocumentParams
    ) -> None:
        ls.publish(ls.workspace.get_text_document(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(
        ls: StdcheckServer, params: types.DidChangeTextDocumentParams
    ) -> None:
        ls.publish_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(
        ls: StdcheckServer, params: types.DidSaveTextDocumentParams
    ) -> None:
        ls.publish(ls.workspace.get_text_document(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(
        ls: StdcheckServer, params: types.DidCloseTextDocumentParams
    ) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[
                types.CodeActionKind.QuickFix, FIX_ALL, ORGANIZE_IMPORTS,
            ],
            resolve_provider=True,
        ),
    )
    def code_action(
        ls: StdcheckServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        return code_actions(ls, params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    def code_action_resolve(
        ls: StdcheckServer, params: types.CodeAction
    ) -> types.CodeAction:
        return resolve(ls, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(
        ls: StdcheckServer, params: types.HoverParams
    ) -> types.Hover | None:
        return hover(ls, params)

    return server


def serve() -> None:
    """Run the server over standard input and output until it exits."""
    build().start_io()
