"""The progress bar: on a terminal after a second, never elsewhere."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from stdcheck.frontends.cli import main
from stdcheck.run.progress import Progress, tracked


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        """Say it is a terminal."""
        return True


class Clock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        """Start at 0."""
        self.now = 0.0

    def __call__(self) -> float:
        """Return the time."""
        return self.now


def _run(stream: io.StringIO, times: list[float], enabled: bool = True) -> str:
    """Track one item per time given; return what was drawn."""
    clock = Clock()
    progress = Progress(len(times), stream, enabled, clock)
    for when in tracked(times, progress):
        clock.now = when
    return stream.getvalue()


def test_a_short_run_draws_nothing() -> None:
    assert _run(Terminal(), [0.1, 0.5, 0.9]) == ""


def test_a_long_run_draws_files_done_and_time_then_clears() -> None:
    drawn = _run(Terminal(), [0.5, 1.5, 2.0])
    assert "\r[" + "#" * 20 + "." * 10 + "] 2/3 files, 1.5 s" in drawn
    assert "3/3 files, 2.0 s" in drawn
    assert drawn.endswith("\r\033[K")


def test_nothing_is_drawn_when_not_a_terminal() -> None:
    assert _run(io.StringIO(), [0.5, 1.5, 2.0]) == ""


def test_no_progress_draws_nothing_on_a_terminal() -> None:
    assert _run(Terminal(), [0.5, 1.5, 2.0], enabled=False) == ""


def test_the_bar_is_cleared_before_each_result_is_handed_on() -> None:
    stream = Terminal()
    clock = Clock()
    progress = Progress(3, stream, True, clock)
    handed = []
    for when in tracked([1.5, 2.0, 2.5], progress):
        handed.append(stream.getvalue())
        clock.now = when
    assert handed[0] == ""
    assert all(drawn.endswith("\r\033[K") for drawn in handed[1:])
    assert "files" in handed[-1]


def test_cli_accepts_no_progress(tmp_path: Path) -> None:
    (tmp_path / "mod.py").write_text('"""Doc."""\n', encoding="utf-8")
    for command in (["check", "--no-cache"], ["fix", "--diff"]):
        done = CliRunner().invoke(
            main, [*command, "--no-progress", str(tmp_path)]
        )
        assert done.exit_code == 0, done.output
        assert "files," not in done.output
