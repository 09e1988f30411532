"""Headless Chromium driven through its DevTools protocol, on a pipe.

Chromium reads protocol commands from its file descriptor 3 and writes
answers and events to 4 (``--remote-debugging-pipe``), NUL-separated
JSON: no port, no network and no package beyond the standard library.
Used by the report's browser test, and by hand to take a screenshot:

    python -m tests.helpers.chromium report.html shot.png \\
        [WIDTH [TOP HEIGHT]]
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)
"""No GPU, no background traffic; any host name fails to resolve."""
TIMEOUT = 60.0
"""Seconds to wait for one answer or event."""


class BrowserError(Exception):
    """Chromium did not answer, or answered with an error."""


@dataclass
class Page:
    """One tab, and what it reported while loading.

    Attributes:
        browser: The protocol connection.
        session: The tab's protocol session.
        problems: Console errors, uncaught exceptions and error log
            entries (a failed load, a blocked fetch), as text.
    """

    browser: Browser
    session: str
    problems: list[str] = field(default_factory=list)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command to the tab; return its result."""
        return self.browser.send(method, params, self.session, self)

    def evaluate(self, expression: str) -> Any:
        """Return the value of a JavaScript expression in the tab."""
        answer = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        if "exceptionDetails" in answer:
            raise BrowserError(str(answer["exceptionDetails"]))
        return answer["result"].get("value")

    def screenshot(
        self, path: Path, top: int = 0, height: int | None = None
    ) -> None:
        """Save the page as a PNG: all of it, or a horizontal band."""
        width, full = self.evaluate(
            "[document.documentElement.scrollWidth,"
            " document.documentElement.scrollHeight]"
        )
        clip = {
            "x": 0, "y": top, "width": width,
            "height": min(height or full, full - top), "scale": 1,
        }
        answer = self.send(
            "Page.captureScreenshot", format="png",
            captureBeyondViewport=True, clip=clip,
        )
        path.write_bytes(base64.b64decode(answer["data"]))

    def note(self, event: dict[str, Any]) -> None:
        """Keep an event of the tab that reports a problem."""
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in (
            "error", "assert"
        ):
            values = [arg.get("value", "") for arg in params["args"]]
            self.problems.append(f"console.{params['type']}: {values}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.problems.append(
                f"exception: {details.get('text')} "
                f"{details.get('exception', {}).get('description', '')}"
            )
        elif method == "Log.entryAdded" and params["entry"]["level"] == (
            "error"
        ):
            entry = params["entry"]
            self.problems.append(f"log: {entry['text']} {entry.get('url')}")


class Browser:
    """A Chromium process and its protocol pipe."""

    def __init__(self, process: subprocess.Popen[bytes], commands: int,
                 answers: int) -> None:
        """Take over a started Chromium and the two ends of its pipe."""
        self.process = process
        self.commands = commands
        self.answers = answers
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        page: Page | None = None,
    ) -> dict[str, Any]:
        """Send a command; wait for its answer (events go to page)."""
        self.next_id += 1
        message: dict[str, Any] = {
            "id": self.next_id, "method": method, "params": params or {},
        }
        if session is not None:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            received = self.receive()
            if received.get("id") == self.next_id:
                if "error" in received:
                    raise BrowserError(f"{method}: {received['error']}")
                result: dict[str, Any] = received["result"]
                return result
            self.keep(received, page)

    def wait_for(self, method: str, page: Page) -> dict[str, Any]:
        """Wait for an event of a tab."""
        for index, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(index)
        while True:
            received = self.receive()
            if received.get("method") == method:
                return received
            self.keep(received, page)

    def keep(self, received: dict[str, Any], page: Page | None) -> None:
        """Keep an event for later, noting the tab's problems."""
        if "method" not in received:
            return
        if page is not None and received.get("sessionId") == page.session:
            page.note(received)
        self.events.append(received)

    def receive(self) -> dict[str, Any]:
        """Read the next message from Chromium."""
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.answers], [], [], max(left, 0))
            chunk = os.read(self.answers, 1 << 20) if ready else b""
            if not chunk:
                raise BrowserError("Chromium stopped answering")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        received: dict[str, Any] = json.loads(message)
        return received

    def open(self, url: str) -> Page:
        """Open a URL in a new tab and wait until it has loaded."""
        target = self.send("Target.createTarget", {"url": "about:blank"})
        session = self.send(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
        )["sessionId"]
        page = Page(self, session)
        for domain in ("Runtime", "Log", "Page"):
            page.send(f"{domain}.enable")
        page.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired", page)
        return page


@contextmanager
def browser() -> Iterator[Browser]:
    """Start headless Chromium with a fresh profile; stop it after."""
    with tempfile.TemporaryDirectory(prefix="stdcheck-chromium-") as profile:
        to_chromium, commands = os.pipe()
        answers, from_chromium = os.pipe()
        to_chromium, from_chromium = _high(to_chromium), _high(from_chromium)
        command = [
            str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}",
            "--window-size=1280,900", "about:blank",
        ]
        # bash gives Chromium the pipe as its descriptors 3 and 4 (dash
        # cannot: it reads one digit of a descriptor number).
        process = subprocess.Popen(
            ["bash", "-c", 'exec "$@" 3<&"$R" 4>&"$W"', "bash", *command],
            env={**os.environ, "R": str(to_chromium),
                 "W": str(from_chromium)},
            pass_fds=(to_chromium, from_chromium),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chromium)
        os.close(from_chromium)
        chromium = Browser(process, commands, answers)
        try:
            yield chromium
        finally:
            with contextlib.suppress(BrowserError, OSError):
                chromium.send("Browser.close")
            os.close(commands)
            os.close(answers)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            shutil.rmtree(profile, ignore_errors=True)


def _high(descriptor: int) -> int:
    """Move a descriptor to 10 or above, clear of the 3 and 4 made."""
    moved = fcntl.fcntl(descriptor, fcntl.F_DUPFD, 10)
    os.close(descriptor)
    return moved


def main(arguments: list[str]) -> None:
    """Screenshot ``PAGE PNG [WIDTH [TOP HEIGHT]]``; print problems."""
    page_path, png = Path(arguments[0]).resolve(), Path(arguments[1])
    width, top, height = [int(number) for number in arguments[2:]] + [
        1280, 0, 0
    ][len(arguments) - 2:]
    with browser() as chromium:
        page = chromium.open(page_path.as_uri())
        page.send(
            "Emulation.setDeviceMetricsOverride", width=width, height=900,
            deviceScaleFactor=1, mobile=False,
        )
        page.screenshot(png, top, height or None)
        print("\n".join(page.problems) or "no problems")


if __name__ == "__main__":
    main(sys.argv[1:])
