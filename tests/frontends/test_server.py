"""The language server, end to end: a real LSP client over stdio.

Each test starts ``stdcheck server`` in a subprocess, drives it with
pytest-lsp's client and compares what it answers with what the CLI
gives for the same text and configuration.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from stdcheck.core.findings import Finding
from stdcheck.frontends.server import (
    build,
    finding_range,
    line_edits,
    noqa_edit,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "fixtures" / "sample_project"
FIXABLE = textwrap.dedent('''\
    """Orders."""
    import sys, os
    def total(values: list[int]) -> int:
        """Return the total."""
        return sum(values) + len(sys.argv) + len(os.sep)
''')
CRASHING_SERVER = (
    "import ast\n"
    "from stdcheck.core.checker import Checker\n"
    "from stdcheck.core.registry import lookup\n"
    "from stdcheck.rules import load\n"
    "load()\n"
    "class Exploding(Checker):\n"
    "    rules = (lookup('STD101'),)\n"
    "    def visit_FunctionDef(self, node):\n"
    "        raise ZeroDivisionError('boom')\n"
    "from stdcheck.frontends.server import serve\n"
    "serve()\n"
)


@contextlib.asynccontextmanager
async def session(
    root: Path, *command: str, editor: str = "visual-studio-code"
) -> AsyncIterator[LanguageClient]:
    """Start a server, initialize it on a folder, shut it down after.

    ``editor`` names the client capabilities to claim (pytest-lsp's
    records of real editors); "" claims none.
    """
    client = make_test_lsp_client()
    await client.start_io(
        sys.executable, *(command or ("-m", "stdcheck", "server"))
    )
    await client.initialize_session(types.InitializeParams(
        capabilities=(
            client_capabilities(editor) if editor
            else types.ClientCapabilities()
        ),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(root.as_uri(), "root")],
    ))
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


async def opened(client: LanguageClient, path: Path) -> list[
    types.Diagnostic
]:
    """Open a file in the server; return its first diagnostics."""
    text = await asyncio.to_thread(path.read_text, encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(
            uri=path.as_uri(), language_id="python", version=1, text=text,
        )
    ))
    return await diagnostics_of(client, path)


async def diagnostics_of(
    client: LanguageClient, path: Path
) -> list[types.Diagnostic]:
    """Wait for the next diagnostics of a file."""
    client.diagnostics.pop(path.as_uri(), None)
    while path.as_uri() not in client.diagnostics:
        await asyncio.wait_for(client.wait_for_notification(
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        ), 30)
    return list(client.diagnostics[path.as_uri()])


def changed(
    client: LanguageClient, path: Path, text: str, version: int
) -> None:
    """Replace a buffer's whole text (unsaved)."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(
            version=version, uri=path.as_uri()
        ),
        [types.TextDocumentContentChangeWholeDocument(text)],
    ))


def cli_findings(*args: str, cwd: Path, stdin: str | None = None) -> list[
    tuple[int, int, str, str]
]:
    """Return ``(line, col, code, message)`` of the CLI's findings."""
    result = subprocess.run(
        [sys.executable, "-m", "stdcheck", "check", "--no-cache",
         "--format", "json", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, check=False,
    )
    return sorted(
        (item["line"], item["column"] - 1, item["code"], item["message"])
        for item in json.loads(result.stdout)["findings"]
    )


def cli_fix(path: Path, *args: str) -> str:
    """Return what ``stdcheck fix -`` makes of a file's text."""
    return subprocess.run(
        [sys.executable, "-m", "stdcheck", "fix", *args, "-",
         "--stdin-filename", str(path)],
        cwd=path.parent, input=path.read_text(encoding="utf-8"),
        capture_output=True, text=True, check=False,
    ).stdout


def applied(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply non-overlapping line edits (ASCII text) to a text."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(position: types.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        return offsets[position.line] + position.character

    for edit in sorted(
        edits, key=lambda e: offset(e.range.start), reverse=True
    ):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def as_tuples(found: Sequence[types.Diagnostic]) -> list[
    tuple[int, int, str, str]
]:
    """Return ``(line, col, code, message)`` of diagnostics."""
    return sorted(
        (d.range.start.line + 1, d.range.start.character, str(d.code),
         d.message)
        for d in found
    )


async def actions(
    client: LanguageClient,
    path: Path,
    where: types.Range,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    """Ask for the code actions of a range, their edits resolved."""
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(path.as_uri()), where,
            types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    resolved = []
    for action in found or []:
        assert isinstance(action, types.CodeAction)
        if action.edit is None:
            action = await client.code_action_resolve_async(action)
        resolved.append(action)
    return resolved


def edits_of(action: types.CodeAction, path: Path) -> list[
    types.TextEdit
]:
    """Return a code action's edits of one file."""
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[path.as_uri()])


def project(tmp_path: Path, text: str, table: str = "") -> Path:
    """Write a configured project with one module; return the module."""
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.stdcheck]\n{table}", encoding="utf-8"
    )
    module = tmp_path / "orders.py"
    module.write_text(text, encoding="utf-8")
    return module


def test_diagnostics_equal_the_cli_on_the_fixtures() -> None:
    """Every fixture file gives the CLI's findings in the server."""
    files = sorted(SAMPLE.rglob("*.py")) + sorted(
        (ROOT / "fixtures" / "rules").glob("STD1*.py")
    )

    async def scenario() -> None:
        async with session(ROOT) as client:
            for path in files:
                found = await opened(client, path)
                expected = cli_findings(str(path), cwd=path.parent)
                assert as_tuples(found) == expected, path
                assert all(d.source == "stdcheck" for d in found)

    asyncio.run(scenario())


def test_diagnostic_carries_rule_page_and_fix_safety(tmp_path: Path) -> None:
    """A diagnostic links its rule's page and says how it is fixed."""
    module = project(tmp_path, FIXABLE)

    async def scenario() -> list[types.Diagnostic]:
        async with session(tmp_path) as client:
            return await opened(client, module)

    found = asyncio.run(scenario())
    imports = next(d for d in found if d.code == "STD305")
    assert imports.data == {
        "fix": "safe", "name": "multiple-imports-per-line"}
    assert imports.code_description is not None
    assert imports.code_description.href.endswith("rules/STD305.html")
    assert imports.range.start == types.Position(1, 0)


def test_fix_all_equals_stdcheck_fix(tmp_path: Path) -> None:
    """``source.fixAll`` (on save) gives what ``stdcheck fix`` gives."""
    module = project(tmp_path, FIXABLE)

    async def scenario(editor: str) -> list[types.CodeAction]:
        async with session(tmp_path, editor=editor) as client:
            await opened(client, module)
            return await actions(
                client, module, types.Range(
                    types.Position(0, 0), types.Position(0, 0)
                ), only=[types.CodeActionKind.SourceFixAll],
            )

    found = asyncio.run(scenario("visual-studio-code"))
    assert asyncio.run(scenario("")) == found  # edits at once, same
    assert [a.title for a in found] == ["stdcheck: fix all safe findings"]
    edits = edits_of(found[0], module)
    text = module.read_text(encoding="utf-8")
    assert applied(text, edits) == cli_fix(module)
    assert len(edits) < len(text.splitlines())  # not the whole document


def test_quick_fix_of_one_finding_and_sort_imports(tmp_path: Path) -> None:
    """A finding's fix and the import sort equal the CLI's fixes."""
    module = project(tmp_path, FIXABLE)
    cursor = types.Range(types.Position(1, 0), types.Position(1, 0))

    async def scenario() -> tuple[list, list]:
        async with session(tmp_path) as client:
            await opened(client, module)
            quick = await actions(client, module, cursor)
            organize = await actions(
                client, module, cursor,
                only=[types.CodeActionKind.SourceOrganizeImports],
            )
            return quick, organize

    quick, organize = asyncio.run(scenario())
    text = module.read_text(encoding="utf-8")
    fix = next(a for a in quick if "fix STD305" in a.title)
    assert applied(text, edits_of(fix, module)) == cli_fix(
        module, "--select", "STD305"
    )
    noqa = next(a for a in quick if "noqa: STD305" in a.title)
    assert applied(text, edits_of(noqa, module)).splitlines()[1] == (
        "import sys, os  # noqa: STD305"
    )
    assert [a.title for a in organize] == ["stdcheck: sort imports"]
    assert applied(text, edits_of(organize[0], module)) == cli_fix(
        module, "--select", "STD301,STD302,STD303,STD305"
    )


def test_unsafe_fix_is_offered_apart_and_labelled(tmp_path: Path) -> None:
    """An unsafe fix is its own action, labelled, never preferred."""
    module = project(tmp_path, textwrap.dedent('''\
        """Orders."""


        class order_book:
            """A book of orders."""
    '''))

    async def scenario() -> list:
        async with session(tmp_path) as client:
            found = await opened(client, module)
            unsafe = [d for d in found if d.data["fix"] == "unsafe"]
            assert unsafe
            return await actions(client, module, unsafe[0].range)

    quick = asyncio.run(scenario())
    fixes = [a for a in quick if " fix " in f" {a.title} "]
    assert fixes
    assert all("unsafe" in a.title and not a.is_preferred for a in fixes)


def test_hover_shows_the_rule_page(tmp_path: Path) -> None:
    """Hovering a finding shows its rule's page as Markdown."""
    module = project(tmp_path, FIXABLE)

    async def scenario() -> tuple[types.Hover | None, types.Hover | None]:
        async with session(tmp_path) as client:
            await opened(client, module)
            uri = types.TextDocumentIdentifier(module.as_uri())
            on = await client.text_document_hover_async(
                types.HoverParams(uri, types.Position(1, 3)))
            off = await client.text_document_hover_async(
                types.HoverParams(uri, types.Position(3, 6)))
            return on, off

    on, off = asyncio.run(scenario())
    assert on is not None and isinstance(on.contents, types.MarkupContent)
    assert on.contents.kind == types.MarkupKind.Markdown
    assert on.contents.value.startswith(
        "# STD303 import-unsorted\n"
    )
    assert "## Why" in on.contents.value
    assert off is None


def test_syntax_error_mid_edit_then_recovery(tmp_path: Path) -> None:
    """Unparsable text is one diagnostic at the error, then recovers."""
    module = project(tmp_path, FIXABLE)
    other = tmp_path / "other.py"
    other.write_text("import sys, os\n", encoding="utf-8")

    async def scenario() -> tuple[list, list, list]:
        async with session(tmp_path) as client:
            await opened(client, other)
            await opened(client, module)
            changed(client, module, FIXABLE.replace("(values)", "(values"), 2)
            broken = await diagnostics_of(client, module)
            changed(client, module, FIXABLE, 3)
            fixed = await diagnostics_of(client, module)
            return broken, fixed, list(client.diagnostics[other.as_uri()])

    broken, fixed, kept = asyncio.run(scenario())
    assert len(broken) == 1
    assert broken[0].severity == types.DiagnosticSeverity.Error
    assert broken[0].range.start == types.Position(4, 14)
    assert as_tuples(fixed) == cli_findings(str(module), cwd=tmp_path)
    assert as_tuples(kept) == cli_findings(str(other), cwd=tmp_path)


def test_crashing_rule_is_one_std000_and_the_rest(tmp_path: Path) -> None:
    """A rule's crash is an STD000 diagnostic; other rules report."""
    module = project(tmp_path, FIXABLE)

    async def scenario() -> list[types.Diagnostic]:
        async with session(tmp_path, "-c", CRASHING_SERVER) as client:
            return await opened(client, module)

    found = asyncio.run(scenario())
    codes = [d.code for d in found]
    assert "STD000" in codes and "STD305" in codes
    crash = next(d for d in found if d.code == "STD000")
    assert "Exploding" in crash.message


def test_broken_configuration_is_a_message_and_server_goes_on(
    tmp_path: Path,
) -> None:
    """A bad table is one message; fixing it brings findings back."""
    module = project(tmp_path, FIXABLE, "max-line-length = 'long'\n")

    async def scenario() -> tuple[list, list, list]:
        async with session(tmp_path) as client:
            broken = await opened(client, module)
            messages = list(client.messages)
            await asyncio.to_thread(
                (tmp_path / "pyproject.toml").write_text,
                "[tool.stdcheck]\nignore = ['STD305']\n", encoding="utf-8",
            )
            changed(client, module, FIXABLE, 2)
            return broken, messages, await diagnostics_of(client, module)

    broken, messages, after = asyncio.run(scenario())
    assert [d.code for d in broken] == ["STD000"]
    assert "max-line-length" in broken[0].message
    assert len(messages) == 1 and "max-line-length" in messages[0].message
    codes = [d.code for d in after]
    assert "STD303" in codes and "STD305" not in codes  # new table read


def test_excluded_file_and_noqa_as_the_cli(tmp_path: Path) -> None:
    """``exclude`` and ``# noqa`` hide findings as they do for the CLI."""
    module = project(tmp_path, FIXABLE, "exclude = ['skipped']\n")
    skipped = tmp_path / "skipped" / "orders.py"
    skipped.parent.mkdir()
    skipped.write_text(FIXABLE, encoding="utf-8")
    silenced = FIXABLE.replace("import sys, os", "import sys, os  # noqa")

    async def scenario() -> tuple[list, list]:
        async with session(tmp_path) as client:
            hidden = await opened(client, skipped)
            await opened(client, module)
            changed(client, module, silenced, 2)
            return hidden, await diagnostics_of(client, module)

    hidden, after = asyncio.run(scenario())
    assert hidden == []
    assert "STD305" not in [d.code for d in after]
    assert as_tuples(after) == cli_findings(
        "-", "--stdin-filename", str(module), cwd=tmp_path, stdin=silenced
    )


def test_without_the_extra_the_command_says_how_to_install() -> None:
    """No pygls: one line naming the extra, exit 2."""
    result = subprocess.run(
        [sys.executable, "-c",
         "import sys; sys.modules['pygls'] = None\n"
         "from stdcheck.frontends.cli import main\nmain(['server'])"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "pip install 'stdcheck[server]'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("line", "col", "end", "expected"),
    [
        ("x = 'é' + y\n", 10, None, (10, 11)),
        ("x = '😀' + y\n", 10, None, (11, 12)),
        ("x = '😀' + y\n", 4, 7, (4, 8)),
        ("x = '\ud800' + y\n", 10, None, (10, 11)),
    ],
)
def test_columns_are_utf16(
    line: str, col: int, end: int | None, expected: tuple[int, int]
) -> None:
    """Character columns become UTF-16 positions (astral chars: 2)."""
    finding = Finding("a.py", 1, col, "STD101", "m", 1 if end else None, end)
    found = finding_range(finding, [line])
    assert (found.start.character, found.end.character) == expected


@pytest.mark.parametrize(
    ("before", "after", "starts"),
    [
        ("a\nb\nc\nd", "a\nB\nc\nd\ne\n", [1, 3]),
        ("a\nb\n", "A\nb\n", [0]),
        ("a\nb", "a\nB", [1]),
        ("a\r\nb\r\n", "a\r\nB\r\n", [1]),
        ("a\nb\n", "a\r\nb\n", [0]),
        ("x\nx\nx\n", "x\nx\n", [2]),
        ("x\nx\n", "x\ny\nx\n", [1]),
        ("", "a\n", [0]),
        ("a\n", "", [0]),
        ("a\nb\n", "a\nb\n", []),
    ],
)
def test_line_edits_are_minimal_and_exact(
    before: str, after: str, starts: list[int]
) -> None:
    """Only changed lines are edited; applying them gives the text."""
    edits = line_edits(before, after)
    assert applied(before, edits) == after
    assert [e.range.start.line for e in edits] == starts


def test_line_edits_make_any_text_from_any_other() -> None:
    """Random texts of a few repeated lines: the edits make the text."""
    choices = random.Random(24)
    pieces = ["a\n", "b\n", "a\r\n", "c", "\n"]
    for _ in range(500):
        before, after = (
            "".join(choices.choices(pieces, k=choices.randrange(6)))
            for _ in range(2)
        )
        assert applied(before, line_edits(before, after)) == after, (
            before, after
        )


def test_fixes_load_once_after_the_first_diagnostics(tmp_path: Path) -> None:
    """The fixer loads in the background once a buffer is checked."""
    module = project(tmp_path, FIXABLE)

    def loads(client: LanguageClient) -> int:
        return sum(
            "fixes loaded" in message.message
            for message in client.log_messages
        )

    async def scenario() -> int:
        async with session(tmp_path) as client:
            await opened(client, module)
            for _ in range(600):
                if loads(client):
                    break
                await asyncio.sleep(0.05)
            changed(client, module, FIXABLE.replace("os", "os_"), 2)
            await diagnostics_of(client, module)
            await asyncio.sleep(0.5)
            return loads(client)

    assert asyncio.run(scenario()) == 1


def test_warm_up_loads_the_fixes_and_freezes_them() -> None:
    """Warming up imports libcst and every fix module, then freezes."""
    script = (
        "import asyncio, gc, sys\n"
        "from stdcheck.fix.registry import FIX_MODULES\n"
        "from stdcheck.frontends.server import build, warm_up\n"
        "build()\n"
        "print('libcst' in sys.modules, gc.get_freeze_count() > 0)\n"
        "asyncio.run(warm_up())\n"
        "print(set(FIX_MODULES.values()) <= set(sys.modules),\n"
        "      'libcst' in sys.modules, gc.get_freeze_count() > 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True, text=True, check=True,
    )
    assert result.stdout.split("\n") == ["False False", "True True True", ""]


def test_noqa_goes_after_a_multiline_string_and_extends_a_list() -> None:
    """The comment lands where it silences; existing codes are kept."""
    lines = ["x = '''a\n", "b'''\n", "y = 1  # noqa: STD101\n"]
    first = noqa_edit(Finding("a.py", 1, 0, "STD205", "m"), lines, [(1, 2)])
    assert first is not None and first.range.start.line == 1
    assert first.new_text == "b'''  # noqa: STD205"
    second = noqa_edit(Finding("a.py", 3, 0, "STD205", "m"), lines, [])
    assert second is not None
    assert second.new_text == "y = 1  # noqa: STD101,STD205"
    bare = noqa_edit(
        Finding("a.py", 1, 0, "STD205", "m"), ["y = 1  # noqa\n"], []
    )
    assert bare is None


def test_quick_fix_fixes_its_finding_only(tmp_path: Path) -> None:
    """Of two findings of a rule, the quick fix fixes the one asked."""
    text = FIXABLE.replace(
        "import sys, os\n", "import sys, os\n\nimport json, re\n"
    )
    module = project(tmp_path, text)

    async def scenario() -> list[types.CodeAction]:
        async with session(tmp_path) as client:
            found = await opened(client, module)
            second = next(
                d for d in found if d.code == "STD305"
                and d.range.start.line == 3
            )
            return await actions(client, module, second.range)

    quick = asyncio.run(scenario())
    fix = next(a for a in quick if "fix STD305" in a.title)
    after = applied(text, edits_of(fix, module)).splitlines()
    assert after[1] == "import sys, os"
    assert "import json, re" not in after
    assert {"import json", "import re"} <= set(after)


def test_baseline_hides_and_protects_old_findings(tmp_path: Path) -> None:
    """Baselined findings are neither shown nor fixed, as by the CLI."""
    module = project(tmp_path, FIXABLE)
    subprocess.run(
        [sys.executable, "-m", "stdcheck", "baseline", "."],
        cwd=tmp_path, capture_output=True, check=True,
    )
    text = FIXABLE + textwrap.dedent('''\


        def later() -> int:
            """Return three."""
            return (1 +
                    2)
    ''')

    async def scenario() -> tuple[list, list[types.CodeAction]]:
        async with session(tmp_path) as client:
            await opened(client, module)
            changed(client, module, text, 2)
            found = await diagnostics_of(client, module)
            fix_all = await actions(
                client, module, types.Range(
                    types.Position(0, 0), types.Position(0, 0)
                ), only=[types.CodeActionKind.SourceFixAll],
            )
            return found, fix_all

    found, fix_all = asyncio.run(scenario())
    assert as_tuples(found) == cli_findings(
        "-", "--stdin-filename", str(module), cwd=tmp_path, stdin=text
    )
    assert [(d.code, d.range.start.line) for d in found] == [("STD105", 9)]
    fixed = applied(text, edits_of(fix_all[0], module)).splitlines()
    assert fixed[1] == "import sys, os"  # baselined: left alone
    assert fixed[-2:] == ["    return (1", "            + 2)"]


def test_notifications_leave_nothing_behind(tmp_path: Path) -> None:
    """Edits keep no per-notification state: memory stays flat."""
    server = build()
    protocol = server.protocol
    uri = (tmp_path / "edited.py").as_uri()

    async def edit() -> int:
        protocol._handle_request(  # noqa: STD208  (pygls's own entry)
            "1", types.INITIALIZE, types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=tmp_path.as_uri(),
            ),
        )
        protocol._handle_notification(  # noqa: STD208
            types.TEXT_DOCUMENT_DID_OPEN, types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri, "python", 1, "x = 1\n")
            ),
        )
        for version in range(2, 52):
            protocol._handle_notification(  # noqa: STD208
                types.TEXT_DOCUMENT_DID_CHANGE,
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(version, uri),
                    [types.TextDocumentContentChangeWholeDocument(
                        f"x = {version}\n"
                    )],
                ),
            )
        await asyncio.sleep(0.05)
        return len(protocol._request_futures)  # noqa: STD208

    assert asyncio.run(edit()) == 0
