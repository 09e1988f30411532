"""Latency and memory of ``stdcheck server`` as an editor sees them.

Starts the server over stdio with a real LSP client (pytest-lsp's),
opens a standard-library module of about 1,000 lines, then:

- edits it ``--edits`` times (default 1,000), one line changed a
  time, waiting for each edit's diagnostics: the median and 95th
  percentile time from sending the change to receiving them (the
  debounce included);
- asks ``--fixes`` times for the quick fixes at a fixable finding
  and resolves the preferred one's edit: the first, median and worst
  time;
- reads the server's resident memory (``/proc``) after 100 edits, every
  1,000 edits and at the end, to show whether it grows with the edits.

The machine's load average (1 minute) is printed before and after:
the figures mean something only with it.

Usage: ``python benchmarks/server.py [--edits N] [--fixes N] [FILE]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import sysconfig
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client


def thousand_line_module() -> Path:
    """Return the stdlib module whose length is nearest 1,000 lines."""
    root = Path(sysconfig.get_paths()["stdlib"])
    candidates = sorted(root.glob("*.py"))
    return min(candidates, key=lambda path: abs(
        len(path.read_text(encoding="utf-8").splitlines()) - 1000
    ))


def resident_kib(pid: int) -> int:
    """Return a process's resident memory in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def next_diagnostics(client: LanguageClient, uri: str) -> None:
    """Wait for the next diagnostics of a document."""
    client.diagnostics.pop(uri, None)
    while uri not in client.diagnostics:
        await client.wait_for_notification(
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        )


async def measure(path: Path, edits: int, fixes: int) -> None:
    """Run the session and print the figures."""
    print(f"load average (1 min) before: {os.getloadavg()[0]:.2f}")
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "stdcheck", "server")
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=path.parent.as_uri(),
    ))
    pid = client._server.pid  # noqa: STD208  (pytest-lsp's process)
    uri = path.as_uri()
    text = await asyncio.to_thread(path.read_text, encoding="utf-8")
    lines = text.splitlines(keepends=True)
    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri, "python", 1, text)
    ))
    await next_diagnostics(client, uri)
    print(f"{path.name}: {len(lines)} lines, first diagnostics "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")
    latencies, memory = [], {}
    for number in range(edits):
        line = number // 2 % len(lines)
        end = len(lines[line].rstrip("\r\n").encode("utf-16-le")) // 2
        # Even edits add a space at a line's end, odd ones remove it.
        change = types.TextDocumentContentChangePartial(
            range=types.Range(
                types.Position(line, end),
                types.Position(line, end + number % 2),
            ),
            text="" if number % 2 else " ",
        )
        started = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(
                version=number + 2, uri=uri
            ),
            [change],
        ))
        await next_diagnostics(client, uri)
        latencies.append(time.perf_counter() - started)
        if number + 1 in (100, edits) or (number + 1) % 1000 == 0:
            memory[number + 1] = resident_kib(pid)
    found = client.diagnostics[uri]
    fixable = next(
        (d for d in found if (d.data or {}).get("fix") == "safe"), None
    )
    fix_times = []
    for _ in range(fixes if fixable else 0):
        assert fixable is not None
        started = time.perf_counter()
        found = await client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri), fixable.range,
                types.CodeActionContext(diagnostics=[fixable]),
            )
        )
        chosen = next(
            action for action in found or []
            if isinstance(action, types.CodeAction) and action.is_preferred
        )
        await client.code_action_resolve_async(chosen)
        fix_times.append(time.perf_counter() - started)
    await client.shutdown_session()
    await client.stop()
    ordered = sorted(latencies)
    print(f"diagnostics after a change, {edits} edits: median "
          f"{statistics.median(ordered) * 1000:.1f} ms, p95 "
          f"{ordered[int(len(ordered) * 0.95) - 1] * 1000:.1f} ms")
    if fix_times:
        print(f"quick fixes of {fixable.code if fixable else ''}, {fixes} "
              f"requests: median {statistics.median(fix_times) * 1000:.0f}"
              f" ms, first {fix_times[0] * 1000:.0f} ms, worst "
              f"{max(fix_times) * 1000:.0f} ms")
    print("resident memory: " + ", ".join(
        f"after {count} edits {kib / 1024:.1f} MiB"
        for count, kib in memory.items()
    ))
    print(f"load average (1 min) after: {os.getloadavg()[0]:.2f}")


def main() -> None:
    """Parse the arguments and measure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--fixes", type=int, default=20)
    args = parser.parse_args()
    path = args.file or thousand_line_module()
    asyncio.run(measure(path.resolve(), args.edits, args.fixes))


if __name__ == "__main__":
    main()
