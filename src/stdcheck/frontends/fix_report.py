"""What ``stdcheck fix`` prints, and its exit status.

Standard output carries one thing only, so that it can be piped: the
remaining findings (default), the diff (``--diff``), the files that
would change (``--check``), or the fixed code (``-``). Errors and, in
the diff and JSON modes, summary lines go to standard error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from stdcheck.core.findings import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from stdcheck.frontends.output import FORMATS, Report
from stdcheck.run.runner import Settings, Targets

if TYPE_CHECKING:
    from stdcheck.run.focus import Focus


@dataclass(frozen=True)
class Mode:
    """How the user asked ``fix`` to run.

    Attributes:
        unsafe: Apply unsafe fixes too.
        diff: Print a diff instead of writing.
        check: Write nothing; exit 1 if anything would change.
        output_format: ``text`` or ``json``, for what remains.
        quiet: No summary lines.
        jobs: How many processes may fix files.
        progress: Draw a progress bar on a terminal's standard error.
    """

    unsafe: bool = False
    diff: bool = False
    check: bool = False
    output_format: str = "text"
    quiet: bool = False
    jobs: int = 1
    progress: bool = False

    @property
    def writes(self) -> bool:
        """Return whether fixed files are written back."""
        return not (self.diff or self.check)


def fix_paths(
    targets: Targets, mode: Mode, focus: Focus | None = None
) -> int:
    """Fix the files found; print; return the exit status.

    Args:
        targets: The files to fix, with their configurations.
        mode: What to write and which fixes to apply.
        focus: What to leave alone: findings the baseline holds, or
            off the changed lines (None: nothing).

    Returns:
        The exit status.
    """
    from stdcheck.fix.run import fix_targets

    run = fix_targets(
        targets, mode.unsafe, mode.writes, mode.jobs, focus, mode.progress
    )
    for error in run.errors:
        click.echo(str(error), err=True)
    files = len(run.changed)
    counts = (
        f"{run.fixed} finding{'s' * (run.fixed != 1)} in {files} "
        f"file{'s' * (files != 1)}"
    )
    if mode.diff:
        for fixed in run.changed:
            click.echo(fixed.diff(), nl=False)
    elif mode.check:
        for fixed in run.changed:
            click.echo(f"would fix {fixed.path} ({fixed.fixed})")
    else:
        report = Report(
            run.findings, [], run.files, quiet=mode.quiet, hidden=run.hidden
        )
        summary_to_stderr = mode.output_format == "json"
        if not mode.quiet:
            click.echo(f"Fixed {counts}.", err=summary_to_stderr)
        click.echo(FORMATS[mode.output_format](report), nl=False)
    if not mode.writes and not mode.quiet:
        click.echo(f"Would fix {counts}.", err=True)
    if run.errors:
        return EXIT_ERROR
    if mode.check:
        return EXIT_FINDINGS if run.changed else EXIT_CLEAN
    if mode.writes and run.findings:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def fix_stdin(
    settings: Settings, path: str, mode: Mode, focus: Focus | None = None
) -> int:
    """Fix standard input to standard output; return the exit status.

    The fixed code (or, with ``--diff``, the diff) is printed and the
    status is 0, even when something changed or findings remain; 2 if
    the input could not be checked (it is echoed unchanged). With
    ``--check`` nothing is printed and the status is 1 if something
    would change. Refused fixes are reported on standard error only:
    the code printed is safe either way.

    Args:
        settings: The run's settings (config file and overrides).
        path: The name to show and to find the configuration by.
        mode: What to print and which fixes to apply.
        focus: The baseline whose findings are left alone (None: none).

    Returns:
        The exit status.

    Raises:
        ConfigError: If the configuration is not valid.
    """  # noqa: STD407  (raised by the configuration loader)
    from stdcheck.fix.run import fix_stdin as fix_bytes

    part = (
        focus.for_file(path, settings.for_path(path))
        if focus is not None else None
    )
    outcome = fix_bytes(
        sys.stdin.buffer.read(), path, settings, mode.unsafe, part
    )
    fixed = outcome.fixed
    errors = [outcome.error] if outcome.error is not None else []
    errors += fixed.errors if fixed is not None else []
    for error in errors:
        click.echo(str(error), err=True)
    if outcome.error is not None and mode.check:
        return EXIT_ERROR
    if mode.check:
        changed = fixed is not None and fixed.changed
        return EXIT_FINDINGS if changed else EXIT_CLEAN
    if mode.diff:
        click.echo(fixed.diff() if fixed is not None else "", nl=False)
    else:
        sys.stdout.buffer.write(outcome.data)
        sys.stdout.buffer.flush()
    return EXIT_ERROR if outcome.error is not None else EXIT_CLEAN
