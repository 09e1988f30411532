"""The ``stdcheck`` command line (click).

Imports stay inside the commands so that ``stdcheck --version`` and
``--help`` load nothing but click.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from stdcheck import __version__

if TYPE_CHECKING:
    from stdcheck.core.engine import FileResult
    from stdcheck.core.findings import FileError, Finding
    from stdcheck.frontends.output import Tally
    from stdcheck.run.focus import Focus
    from stdcheck.run.runner import Targets

FORMAT_NAMES = ("text", "json", "sarif", "github", "junit")
"""The keys of :data:`stdcheck.frontends.output.FORMATS` (cheap)."""
REPORT_FILE = "stdcheck-report.html"
"""Where ``stdcheck report`` writes its page unless told."""

F = TypeVar("F", bound=Callable[..., Any])


def _split(
    context: click.Context, parameter: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    """Split a comma-separated option (None when not given)."""
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(min=1),
    help="Processes to work on files with  [default: all cores]",
)
"""The ``--jobs`` option of ``check``, ``fix`` and ``report``."""

progress_option = click.option(
    "--no-progress", is_flag=True,
    help="Draw no progress bar (drawn on a terminal after ~1 s).",
)
"""The ``--no-progress`` option of ``check`` and ``fix``."""

cache_option = click.option(
    "--no-cache", is_flag=True,
    help="Check every file again; do not read or write .stdcheck_cache.",
)
"""The ``--no-cache`` option of ``check`` and ``report``."""


def selection_options(function: F) -> F:
    """Add the options shared by ``check`` and ``fix``."""
    options = [
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            help="Use this pyproject.toml for every file.",
        ),
        click.option(
            "--select", callback=_split,
            help="Comma-separated rules to run (codes, prefixes, names).",
        ),
        click.option(
            "--ignore", callback=_split,
            help="Comma-separated rules not to run.",
        ),
        click.option(
            "--extend-select", callback=_split,
            help="Comma-separated rules to run in addition.",
        ),
        click.option(
            "--max-line-length", type=int, help="Override max-line-length."
        ),
        click.option(
            "--max-doc-length", type=int, help="Override max-doc-length."
        ),
        click.option(
            "--target-version", help="Oldest Python targeted, e.g. py38."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def baseline_options(function: F) -> F:
    """Add ``--baseline`` and ``--no-baseline`` (check, fix, report)."""
    options = [
        click.option(
            "--baseline", "baseline_file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="The baseline file  [default: stdcheck-baseline.json at "
            "the project root]",
        ),
        click.option(
            "--no-baseline", is_flag=True,
            help="Show findings the baseline holds too.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def focus_options(function: F) -> F:
    """Add the baseline and changed-lines options of check and fix."""
    return baseline_options(click.option(
        "--diff-base", metavar="REF",
        help="Only findings on lines added or changed since git REF.",
    )(function))


def focus_from(
    options: dict[str, Any], targets: Targets, reads_stdin: bool = False
) -> Focus:
    """Build the run's focus from the options (popping them).

    Every baseline the files use is read now, so that a bad one stops
    the run before any output.

    Args:
        options: The command's options.
        targets: The files of the run.
        reads_stdin: Whether the one target is standard input.

    Returns:
        The baselines and changed lines to filter findings by.
    """
    from stdcheck.run.baseline import BaselineError, Baselines
    from stdcheck.run.focus import Focus

    explicit = options.pop("baseline_file")
    no_baseline = options.pop("no_baseline")
    ref = options.pop("diff_base", None)  # report has no --diff-base
    if explicit is not None and no_baseline:
        fail("--baseline and --no-baseline cannot be combined")
    if ref is not None and reads_stdin:
        fail("--diff-base compares files, not standard input")
    focus = Focus(None if no_baseline else Baselines(explicit))
    if ref is not None:
        from stdcheck.run.changed import changed_lines
        from stdcheck.run.git import GitError

        try:
            focus.changed = changed_lines(
                [path for path, _ in targets.files], ref, Path.cwd()
            )
        except GitError as error:
            fail(f"--diff-base {ref}: {error}")
    try:
        for _, config in targets.files:
            focus.baseline(config)
    except BaselineError as error:
        fail(str(error))
    return focus


def settings_from(options: dict[str, Any]) -> Any:
    """Build run settings from the shared options (popping them)."""
    from stdcheck.run.runner import Settings

    config_file = options.pop("config_file")
    names = (
        "select", "ignore", "extend_select", "max_line_length",
        "max_doc_length", "target_version",
    )
    overrides = tuple(
        (name, options.pop(name))
        for name in names
        if options.get(name) is not None
    )
    for name in names:
        options.pop(name, None)
    return Settings(config_file, overrides)


def warn_if_nothing(reason: str | None) -> None:
    """Say on standard error why a run checks nothing, if it does."""
    if reason is not None:
        click.echo(f"stdcheck: warning: nothing checked: {reason}", err=True)


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit with the error status."""
    from stdcheck.core.findings import EXIT_ERROR

    click.echo(f"stdcheck: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stdcheck")
@click.pass_context
def main(context: click.Context) -> None:
    """Check and fix Python code against the team standard."""
    from stdcheck.rules import load

    _escape_undecodable_names()
    _stop_cleanly_on(context, ("SIGTERM", "SIGHUP"))
    try:
        os.getcwd()
    except OSError as error:
        fail(f"the current folder cannot be used: {error.strerror}")
    load()
    context.color = color_from(os.environ)


ESCAPE = "stdcheck-escape"
"""The error handler showing a name's undecodable bytes as ``\\xNN``."""


def _escape(error: UnicodeError) -> tuple[str, int]:
    """Write what the output encoding lacks as escapes.

    A file name that is not valid in the file system's encoding holds
    its bytes as lone surrogates (``surrogateescape``): each is shown
    as the byte it stands for (``caf\\xe9.py``), anything else as
    ``\\uNNNN``.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(
        f"\\x{ord(char) - 0xDC00:02x}" if 0xDC80 <= ord(char) <= 0xDCFF
        else char.encode("ascii", "backslashreplace").decode("ascii")
        for char in text
    ), error.end


def _stop_cleanly_on(context: click.Context, names: Iterable[str]) -> None:
    """Make termination signals stop a command as Ctrl-C does.

    By default SIGTERM and SIGHUP end the process at once, leaving a
    half-written temporary file behind (a fixed file's, the cache's);
    here they raise ``SystemExit(128 + signal)`` instead, so that the
    clean-up that runs for Ctrl-C runs for them too. A signal that is
    ignored (``nohup``) stays ignored; the previous handlers come back
    when the command ends.

    Args:
        context: The command's context (restores the handlers).
        names: The signals' names (those the platform lacks are left).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    for name in names:
        number = getattr(signal, name, None)
        if number is None or signal.getsignal(number) is signal.SIG_IGN:
            continue
        previous = signal.signal(number, _terminate)
        context.call_on_close(
            functools.partial(signal.signal, number, previous)
        )


def _terminate(number: int, frame: object) -> NoReturn:
    """Stop the command on a termination signal (see above)."""
    raise SystemExit(128 + number)


def _escape_undecodable_names() -> None:
    """Make standard output and error escape what they cannot encode."""
    codecs.register_error(ESCAPE, _escape)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ESCAPE)


def color_from(environment: Mapping[str, str]) -> bool | None:
    """Decide on colour from ``NO_COLOR`` and ``FORCE_COLOR``.

    Args:
        environment: The environment variables.

    Returns:
        False when ``NO_COLOR`` is set (not empty), else True when
        ``FORCE_COLOR`` is, else None: colour on a terminal only.
    """
    if environment.get("NO_COLOR"):
        return False
    if environment.get("FORCE_COLOR"):
        return True
    return None


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@selection_options
@click.option(
    "--format", "output_format", default="text", show_default=True,
    type=click.Choice(FORMAT_NAMES), help="Output format.",
)
@click.option(
    "-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the output to this file instead of standard output.",
)
@click.option(
    "--stdin-filename", metavar="PATH",
    help="With `-`: the path to show and configure standard input as.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even on findings.")
@click.option("--statistics", is_flag=True, help="Count findings per code.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@click.option(
    "--show-import-groups", is_flag=True,
    help="Print each import's group and why, instead of checking.",
)
@jobs_option
@cache_option
@progress_option
@focus_options
@click.option(
    "--strict-baseline", is_flag=True,
    help="Exit 1 when the baseline holds findings that no longer occur.",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    output_file: Path | None,
    stdin_filename: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    show_import_groups: bool,
    jobs: int | None,
    no_cache: bool,
    no_progress: bool,
    strict_baseline: bool,
    **options: Any,
) -> None:
    """Report what in PATHS (default: .) breaks the standard.

    A PATH of `-` reads the code from standard input. Findings held by
    the baseline (docs/baseline.md) are not shown.
    """
    from stdcheck.core.config import ConfigError
    from stdcheck.core.findings import EXIT_ERROR, EXIT_FINDINGS
    from stdcheck.run.parallel import available_cores
    from stdcheck.run.progress import Progress, tracked
    from stdcheck.run.runner import (
        Targets,
        check_targets,
        collect,
        nothing_checked,
    )

    settings = settings_from(options)
    reads_stdin = "-" in paths
    if reads_stdin and len(paths) > 1:
        fail("`-` (standard input) cannot be combined with other paths")
    if stdin_filename is not None and not reads_stdin:
        fail("--stdin-filename is only used with `-` (standard input)")
    try:
        if reads_stdin:
            shown = stdin_filename or "stdin"
            targets = Targets([(shown, settings.for_path(shown))])
            focus = focus_from(options, targets, reads_stdin=True)
            results = _check_stdin(shown, targets, focus)
        else:
            targets = collect(paths or (".",), settings)
            if show_import_groups:
                _show_import_groups(targets.files)
                return
            focus = focus_from(options, targets)
            results = focused(tracked(check_targets(
                targets, jobs or available_cores(), use_cache=not no_cache
            ), Progress(len(targets.files), enabled=not no_progress)),
                targets, focus)
        warn_if_nothing(nothing_checked(paths or (".",), targets.files))
        with open_output(output_file) as write:
            tally = report_results(
                results, targets.errors, output_format, write,
                statistics=statistics, quiet=quiet, focus=focus,
            )
    except ConfigError as error:
        fail(str(error))
    prunable = 0 if reads_stdin else _note_prunable(focus, strict_baseline)
    if tally.errors:
        sys.exit(EXIT_ERROR)
    if (tally.total or (strict_baseline and prunable)) and not exit_zero:
        sys.exit(EXIT_FINDINGS)


def _check_stdin(
    shown: str, targets: Targets, focus: Focus
) -> Iterator[FileResult]:
    """Check standard input as the file ``shown``, through the focus."""
    from stdcheck.core.engine import check_data
    from stdcheck.core.source import SourceError, decode, split_lines

    data = sys.stdin.buffer.read()
    result = check_data(data, shown, targets.files[0][1])

    def lines() -> list[str]:
        try:
            return split_lines(decode(data).text)
        except SourceError:
            return []

    if result.error is None:
        result.findings = focus.filter(
            shown, targets.files[0][1], result.findings, lines
        )
    yield result


def focused(
    results: Iterable[FileResult], targets: Targets, focus: Focus
) -> Iterator[FileResult]:
    """Filter each file's findings through the focus, as they come."""
    from stdcheck.run.baseline import read_lines

    configs = dict(targets.files)
    for result in results:
        if result.error is None and result.findings:
            path = result.path
            result.findings = focus.filter(
                path, configs[path], result.findings,
                functools.partial(read_lines, path),
            )
        elif result.error is None:
            focus.for_file(result.path, configs[result.path])
        yield result


def _note_prunable(focus: Focus, strict: bool) -> int:
    """Say how many baseline findings no longer occur; return it."""
    prunable = focus.prunable()
    for path, count in sorted(prunable.items()):
        what = (
            f"{path}: {count} baseline finding"
            + (" no longer occurs" if count == 1 else "s no longer occur")
        )
        if strict:
            click.echo(
                f"stdcheck: error: {what}; commit the smaller baseline "
                "(`stdcheck baseline --prune`)",
                err=True,
            )
        else:
            click.echo(
                f"stdcheck: note: {what}; `stdcheck baseline --prune` "
                "removes them",
                err=True,
            )
    return sum(prunable.values())


def report_results(
    results: Iterable[FileResult],
    errors: list[FileError],
    output_format: str,
    write: Callable[[str], None],
    *,
    statistics: bool = False,
    quiet: bool = False,
    focus: Focus | None = None,
) -> Tally:
    """Write the results in a format, file by file when it allows.

    Files that could not be checked are reported on standard error as
    they come (after the paths that do not exist). Formats that are
    one document (JSON, SARIF, JUnit) are written at the end; the
    others as each file's findings arrive, so that memory does not
    grow with the number of files.

    Args:
        results: Each file's findings or error, in the files' order.
        errors: Paths that could not be used, found beforehand.
        output_format: A name of :data:`FORMAT_NAMES`.
        write: Where the output goes.
        statistics: Whether to count findings per code (text).
        quiet: Whether to leave out the summary line (text).
        focus: What filtered the results (for the count it hid).

    Returns:
        The counts of findings and the errors.
    """
    from stdcheck.frontends.output import FORMATS, STREAMED, Report, Tally

    tally = Tally(list(errors), statistics, quiet)
    for failure in errors:
        click.echo(str(failure), err=True)
    streamed = STREAMED.get(output_format)
    kept: list[Finding] = []
    checked: list[str] = []
    for result in results:
        if result.error is not None:
            tally.errors.append(result.error)
            click.echo(str(result.error), err=True)
        tally.add(result.findings)
        if streamed is not None:
            if result.findings:
                write(streamed[0](result.findings))
        else:
            kept.extend(result.findings)
            checked.append(result.path)
    tally.hidden = focus.hidden if focus is not None else 0
    if streamed is not None:
        write(streamed[1](tally))
    else:
        write(FORMATS[output_format](Report(
            kept, tally.errors, len(checked), tally.statistics,
            tally.quiet, tuple(checked), tally.hidden,
        )))
    if output_format == "github":
        _write_step_summary(tally)
    return tally


def _write_step_summary(tally: Tally) -> None:
    """Append the run's Markdown summary to ``$GITHUB_STEP_SUMMARY``."""
    from stdcheck.frontends.output import step_summary

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(step_summary(tally))
    except OSError as error:
        click.echo(
            f"stdcheck: warning: cannot write the step summary to "
            f"{target}: {error.strerror}",
            err=True,
        )


@contextlib.contextmanager
def open_output(output_file: Path | None) -> Iterator[Callable[[str], None]]:
    """Yield a writer to standard output, or to a file (no colour)."""
    if output_file is None:
        yield lambda text: click.echo(text, nl=False)
        return
    try:
        handle = open(output_file, "w", encoding="utf-8", errors=ESCAPE)
    except OSError as error:
        fail(f"cannot write {output_file}: {error.strerror}")
    with handle:
        yield lambda text: click.echo(
            text, file=handle, nl=False, color=False
        )


def _show_import_groups(files: list[tuple[str, Any]]) -> None:
    """Print the group of every import in the files, with the reason."""
    from stdcheck.core.source import SourceError, decode, parse, read_bytes
    from stdcheck.rules.imports.classify import explain

    for path, config in files:
        try:
            tree = parse(decode(read_bytes(path)).text, path)
        except SourceError as error:
            click.echo(str(error.for_path(path)), err=True)
            continue
        for line, text, placement in sorted(
            explain(tree, config, path), key=lambda item: item[0]
        ):
            click.echo(
                f"{path}:{line}: {text}: {placement.group.label} "
                f"({placement.reason})"
            )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@selection_options
@click.option(
    "--format", "output_format", default="html", show_default=True,
    type=click.Choice(["html", "json"]),
    help="One HTML page with charts, or the numbers as JSON.",
)
@click.option(
    "-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (`-`: standard output)  "
    f"[default: html: {REPORT_FILE}, json: standard output]",
)
@jobs_option
@cache_option
@baseline_options
def report(
    paths: tuple[str, ...],
    output_format: str,
    output_file: Path | None,
    jobs: int | None,
    no_cache: bool,
    **options: Any,
) -> None:
    """Write a compliance report on PATHS (default: .).

    Checks the files as `check` does, then draws the findings per
    section of the standard, per folder and per rule, and what `fix`
    would clear, on one self-contained HTML page (needs the extra
    `stdcheck[report]`), or writes the same numbers as JSON. With a
    baseline (docs/baseline.md): new findings against baselined ones,
    and the baseline's size at each commit that changed it. Exit
    status: 0 when the report is written, whatever it holds; 2 on
    errors.
    """
    import json

    from stdcheck.core.config import ConfigError
    from stdcheck.frontends import report as report_package
    from stdcheck.frontends.report.data import gather
    from stdcheck.run.parallel import available_cores
    from stdcheck.run.runner import check_targets, collect

    page = output_format == "html"
    if output_file == Path("-"):
        output_file = None
    elif page:
        output_file = output_file or Path(REPORT_FILE)
    if page:
        try:
            report_package.require_page_dependencies()
        except report_package.MissingDependencyError as error:
            fail(str(error))
    settings = settings_from(options)
    try:
        targets = collect(paths or (".",), settings)
        focus = focus_from(options, targets)
        data = gather(
            check_targets(
                targets, jobs or available_cores(), use_cache=not no_cache
            ),
            targets,
            focus,
        )
    except ConfigError as error:
        fail(str(error))
    for failure in data.errors:
        click.echo(str(failure), err=True)
    if page:
        from stdcheck.frontends.report.render import render_page

        text = render_page(data)
    else:
        text = json.dumps(data.to_json(), indent=2) + "\n"
    with open_output(output_file) as write:
        write(text)
    if output_file is not None:
        click.echo(
            f"Wrote {output_file}: {data.findings:,} findings in "
            f"{data.files:,} files."
        )


@main.command()
def rules() -> None:
    """List every rule: code, name, family and fix."""
    from stdcheck.core.registry import all_rules
    from stdcheck.rules import family_of

    rows = [("CODE", "NAME", "FAMILY", "FIX", "DEFAULT")]
    rows += [
        (rule.code, rule.name, family_of(rule.code).name, rule.fix.value,
         "on" if rule.default else "off")
        for rule in all_rules()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths))
            .rstrip()
        )


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Show the page of one RULE (a code or a name)."""
    from stdcheck.core.registry import lookup, suggestion
    from stdcheck.frontends.pages import render_rule

    found = lookup(rule)
    if found is None:
        fail(
            f"unknown rule {rule!r}{suggestion(rule)}; see `stdcheck rules`"
        )
    click.echo(render_rule(found))


@main.command(name="baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@selection_options
@click.option(
    "--baseline", "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The baseline file  [default: stdcheck-baseline.json at the "
    "project root]",
)
@click.option(
    "--prune", is_flag=True,
    help="Only remove findings that no longer occur; add none.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only the summary.")
@jobs_option
@click.option(
    "--no-cache", is_flag=True,
    help="Check every file again; do not read or write .stdcheck_cache.",
)
def baseline_command(
    paths: tuple[str, ...],
    baseline_file: Path | None,
    prune: bool,
    quiet: bool,
    jobs: int | None,
    no_cache: bool,
    **options: Any,
) -> None:
    """Record the findings in PATHS (default: .) in the baseline.

    `check`, `fix` and the flake8 plugin then report only findings the
    baseline does not hold. Without --prune, the entries of the checked
    files become their current findings and the findings added are
    printed; with --prune, findings that no longer occur are removed
    and none is added. See docs/baseline.md.
    """
    from stdcheck.core.config import ConfigError
    from stdcheck.core.findings import EXIT_ERROR
    from stdcheck.frontends.output import text_findings
    from stdcheck.run.baseline import BaselineError, Baselines, record
    from stdcheck.run.parallel import available_cores
    from stdcheck.run.runner import check_targets, collect

    settings = settings_from(options)
    try:
        targets = collect(paths or (".",), settings)
        results = check_targets(
            targets, jobs or available_cores(), use_cache=not no_cache
        )
        recorded = record(
            results, dict(targets.files), Baselines(baseline_file), prune
        )
    except (ConfigError, BaselineError) as error:
        fail(str(error))
    for failure in targets.errors + recorded.errors:
        click.echo(str(failure), err=True)
    if recorded.added and not quiet:
        click.echo(text_findings(recorded.added), nl=False)
    for line in recorded.summary():
        click.echo(line)
    if targets.errors or recorded.errors:
        sys.exit(EXIT_ERROR)


@main.command()
def server() -> None:
    """Run the language server over standard input and output.

    Editors that speak the Language Server Protocol get the findings,
    quick fixes and rule pages (see docs/editors.md). Needs the
    `server` extra: pip install 'stdcheck[server]'.
    """
    try:
        from stdcheck.frontends.server import serve
    except ImportError as error:
        fail(
            f"`stdcheck server` needs {error.name}: install it with "
            "pip install 'stdcheck[server]'"
        )
    serve()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@selection_options
@click.option(
    "--diff", is_flag=True,
    help="Print the changes as a unified diff; write nothing.",
)
@click.option(
    "--check", "check_only", is_flag=True,
    help="Exit 1 if anything would change; write nothing.",
)
@click.option(
    "--unsafe-fixes", is_flag=True,
    help="Also apply fixes that may change behaviour or public API.",
)
@click.option(
    "--format", "output_format", default="text", show_default=True,
    type=click.Choice(["text", "json"]), help="Format of what remains.",
)
@click.option(
    "--stdin-filename", help="The path of the code read from `-`."
)
@click.option("-q", "--quiet", is_flag=True, help="No summary lines.")
@jobs_option
@progress_option
@focus_options
def fix(
    paths: tuple[str, ...],
    diff: bool,
    check_only: bool,
    unsafe_fixes: bool,
    output_format: str,
    stdin_filename: str | None,
    quiet: bool,
    jobs: int | None,
    no_progress: bool,
    **options: Any,
) -> None:
    """Fix what in PATHS (default: .) breaks the standard, safely.

    Applies the fixes of the selected rules (safe ones only unless
    --unsafe-fixes), checks that each result keeps the code's meaning,
    writes files atomically, then reports what is left as `check`
    does. Findings the baseline holds, and with --diff-base those off
    the changed lines, are neither fixed nor reported. `-` as the only
    path fixes standard input to standard output. Exit status: 0
    nothing left, 1 findings left (with --check: something would
    change), 2 errors (see docs/fixing.md).
    """
    from stdcheck.core.config import ConfigError
    from stdcheck.frontends import fix_report
    from stdcheck.run.parallel import available_cores
    from stdcheck.run.runner import Targets, collect, nothing_checked

    settings = settings_from(options)
    mode = fix_report.Mode(
        unsafe_fixes, diff, check_only, output_format, quiet,
        jobs or available_cores(), progress=not no_progress,
    )
    try:
        if paths == ("-",):
            shown = stdin_filename or "-"
            focus = focus_from(
                options, Targets([(shown, settings.for_path(shown))]),
                reads_stdin=True,
            )
            status = fix_report.fix_stdin(settings, shown, mode, focus)
        else:
            targets = collect(paths or (".",), settings)
            warn_if_nothing(nothing_checked(paths or (".",), targets.files))
            focus = focus_from(options, targets)
            status = fix_report.fix_paths(targets, mode, focus)
    except ConfigError as error:
        fail(str(error))
    sys.exit(status)
