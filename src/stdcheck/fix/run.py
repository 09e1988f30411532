"""Fixing many files: what ``stdcheck fix`` does between CLI and engine.

Files come from :func:`stdcheck.run.runner.collect`, as for ``check``;
each is fixed with its own configuration (in worker processes, as
``check`` does) and, unless only a diff or a verdict is asked for,
written back by this process, in the files' order, as soon as its fix is
known. With ``--unsafe-fixes`` the names the files take from each other
are gathered first (:mod:`stdcheck.fix.run_names`), so that no rename
leaves another file of the run dangling.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from stdcheck.core.config import Config
from stdcheck.core.findings import FileError, Finding
from stdcheck.core.source import SourceError
from stdcheck.fix.engine import (
    FileFix,
    Fixed,
    decode_for_fixing,
    fix_file,
    fix_source,
    save,
)
from stdcheck.fix.run_names import RunNames
from stdcheck.fix.write import WriteError, encode
from stdcheck.run import parallel
from stdcheck.run.focus import FileFocus, Focus
from stdcheck.run.progress import Progress, tracked
from stdcheck.run.runner import Settings, Targets, rare_collections


@dataclass
class FixRun:
    """What fixing a set of files did.

    Attributes:
        files: How many files were looked at.
        changed: The fixes that changed a file (or would, unwritten).
        findings: What remains to be fixed by hand.
        errors: Unusable paths and files, refused fixes, failed writes.
        notes: Findings left for a human (their fix would add one).
        hidden: How many findings left were hidden by the baseline.
    """

    files: int = 0
    changed: list[Fixed] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[FileError] = field(default_factory=list)
    hidden: int = 0

    @property
    def fixed(self) -> int:
        """Return how many findings the fixes removed."""
        return sum(fixed.fixed for fixed in self.changed)


FILES_PER_PROCESS = 2
"""Fixing a file costs as much as checking ten: two are worth a worker
(forked, it starts in milliseconds)."""
FileWork = tuple[str, Config, bool, Collection[str], FileFocus]
"""What :func:`fix_file` needs to fix one file."""


def fix_targets(
    targets: Targets,
    unsafe: bool,
    write: bool,
    jobs: int = 1,
    focus: Focus | None = None,
    progress: bool = False,
) -> FixRun:
    """Fix every target file, writing each back if ``write``.

    Args:
        targets: The files and their configuration.
        unsafe: Whether to apply unsafe fixes too.
        write: Whether to write fixed files (else only report).
        jobs: How many processes may fix files (they write nothing).
        focus: The findings to leave alone and not report (baseline,
            changed lines); None: none.
        progress: Whether to draw a progress bar on a terminal's
            standard error (:mod:`stdcheck.run.progress`).

    Returns:
        What changed, what remains and what went wrong, whatever
        ``jobs``.
    """
    run = FixRun(files=len(targets.files), errors=list(targets.errors))
    names = (
        RunNames(path for path, _ in targets.files) if unsafe else None
    )
    work: list[FileWork] = [
        (path, config, unsafe,
         names.outside(path) if names is not None else frozenset(),
         focus.for_file(path, config) if focus is not None else FileFocus())
        for path, config in targets.files
    ]
    bar = Progress(len(work), enabled=progress)
    with rare_collections():
        outcomes = parallel.map_in_order(
            _fix_one, work, jobs, FILES_PER_PROCESS
        )
        for outcome in tracked(outcomes, bar):
            _record(run, outcome, write)
    return run


def _fix_one(work: FileWork) -> FileFix:
    """Fix one file, writing nothing (in a worker, with ``--jobs``)."""
    return fix_file(*work)


def _record(run: FixRun, outcome: FileFix, write: bool) -> None:
    """Add one file's outcome to the run, writing it if asked."""
    if outcome.error is not None:
        run.errors.append(outcome.error)
    fixed = outcome.fixed
    if fixed is None:
        return
    run.errors.extend(fixed.errors)
    run.notes.extend(fixed.notes)
    failure = save(outcome) if write else None
    if failure is not None:
        run.errors.append(failure)
        run.findings.extend(fixed.found)
        return
    if fixed.changed:
        run.changed.append(fixed)
    run.findings.extend(fixed.findings)
    run.hidden += fixed.hidden


@dataclass
class StdinFix:
    """Fixing one text read from standard input.

    Attributes:
        data: The bytes to write to standard output (the input
            unchanged if it could not be fixed).
        fixed: The fix (None if the input could not be checked).
        error: Why the input could not be fixed.
    """

    data: bytes
    fixed: Fixed | None = None
    error: FileError | None = None


def fix_stdin(
    data: bytes,
    path: str,
    settings: Settings,
    unsafe: bool,
    focus: FileFocus | None = None,
) -> StdinFix:
    """Fix source bytes, keeping their encoding, BOM and newlines.

    Args:
        data: The bytes read.
        path: The name to show and to find the configuration by.
        settings: The run's settings (config file and overrides).
        unsafe: Whether to apply unsafe fixes too.
        focus: The baseline's findings to leave alone (None: none).

    Returns:
        The bytes to write and what happened.

    Raises:
        ConfigError: If the configuration is not valid.
    """  # noqa: STD407  (raised by the configuration loader)
    try:
        decoded = decode_for_fixing(data)
        fixed = fix_source(
            decoded.text, path, settings.for_path(path), unsafe,
            focus=focus,
        )
    except SourceError as error:
        return StdinFix(data, error=error.for_path(path))
    if not fixed.changed:
        return StdinFix(data, fixed)
    try:
        return StdinFix(encode(fixed.after, decoded), fixed)
    except WriteError as error:
        return StdinFix(data, fixed, FileError(path, str(error)))
