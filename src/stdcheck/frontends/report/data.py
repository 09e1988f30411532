"""The numbers of a compliance report, gathered from a check's results.

Everything here is plain Python: the JSON format needs nothing else,
and the HTML page (:mod:`stdcheck.frontends.report.render`) draws the
same numbers. Only the worst files keep their findings, so memory does
not grow with the number of findings. With a baseline, each file's
findings go through the same :class:`~stdcheck.run.focus.Focus` as
``check``'s to tell new ones from known ones, and the baseline's size
at each commit comes from git through
:func:`~stdcheck.run.baseline.history_sizes`.
"""

from __future__ import annotations

import collections
import datetime
import functools
import heapq
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from stdcheck import __version__
from stdcheck.core.engine import FileResult
from stdcheck.core.findings import FileError, Finding
from stdcheck.core.registry import FixSafety, lookup
from stdcheck.core.source import SourceError, read_bytes
from stdcheck.frontends.pages import rule_url
from stdcheck.rules import FAMILIES, family_of
from stdcheck.run.baseline import Baseline, history_sizes, read_lines
from stdcheck.run.focus import Focus
from stdcheck.run.git import GitError
from stdcheck.run.runner import Targets

WORST_FILES = 20
"""How many of the files with most findings the report lists."""
FINDINGS_PER_FILE = 200
"""How many findings of each listed file the page shows."""
INTERNAL = family_of("STD000").name
"""The family of internal errors, shown only when one occurred."""
ROOT_FOLDER = "."
"""The folder of a file given without one."""


def per_thousand(findings: int, lines: int) -> float:
    """Return findings per 1,000 lines (0 for no lines), one decimal."""
    return round(findings * 1000 / lines, 1) if lines else 0.0


@dataclass
class FixCounts:
    """What ``stdcheck fix`` would do with findings, by fix safety.

    Attributes:
        safe: Findings ``stdcheck fix`` clears by default.
        unsafe: Findings cleared with ``--unsafe-fixes``.
        manual: Findings that need a human.
    """

    safe: int = 0
    unsafe: int = 0
    manual: int = 0

    def add(self, finding: Finding) -> None:
        """Count one finding by its fix safety."""
        if finding.fix is FixSafety.SAFE:
            self.safe += 1
        elif finding.fix is FixSafety.UNSAFE:
            self.unsafe += 1
        else:
            self.manual += 1

    @property
    def total(self) -> int:
        """All the findings counted."""
        return self.safe + self.unsafe + self.manual


@dataclass
class Section:
    """One section of the standard (a rule family) over the project.

    Attributes:
        name: The family, as in ``stdcheck rules``.
        rules_run: How many of its rules were selected.
        files_clean: Files with no finding of the section.
        findings: Its findings.
        per_kloc: Its findings per 1,000 lines.
        fixes: Its findings by fix safety.
        new: Its findings no baseline holds (all without a baseline).
    """

    name: str
    rules_run: int
    files_clean: int
    findings: int
    per_kloc: float
    fixes: FixCounts
    new: int


@dataclass
class Folder:
    """The files directly in one folder (not in its subfolders).

    Attributes:
        path: The folder, relative to the report's root (``.``: the
            root itself).
        files: How many files were checked there.
        lines: Their lines.
        findings: Their findings.
    """

    path: str
    files: int = 0
    lines: int = 0
    findings: int = 0

    @property
    def per_kloc(self) -> float:
        """Findings per 1,000 lines."""
        return per_thousand(self.findings, self.lines)


@dataclass
class WorstFile:
    """A file with many findings, with the first of them.

    Attributes:
        path: The file, relative to the report's root.
        lines: Its lines.
        count: How many findings it has.
        findings: Its first :data:`FINDINGS_PER_FILE` findings.
    """

    path: str
    lines: int
    count: int
    findings: list[Finding]

    @property
    def per_kloc(self) -> float:
        """Findings per 1,000 lines."""
        return per_thousand(self.count, self.lines)


@dataclass
class RuleCount:
    """How often one rule fired, with what a reader needs to look it up.

    Attributes:
        code: The rule's code.
        name: Its name.
        summary: Its one-line summary.
        section: Its family.
        fix: Its fix safety (``none``, ``safe``, ``unsafe``).
        url: Its page.
        count: How many findings.
    """

    code: str
    name: str
    summary: str
    section: str
    fix: str
    url: str
    count: int


@dataclass
class BaselinePoint:
    """A baseline's size at one commit that changed it.

    Attributes:
        baseline: The baseline file, as the page shows it.
        commit: The commit id (``""``: the file as it is now).
        date: The commit's date (UTC), ``YYYY-MM-DD``.
        size: Findings it held (None: deleted, or not a valid baseline).
    """

    baseline: str
    commit: str
    date: str
    size: int | None


@dataclass
class BaselineStatus:
    """The findings against the baselines the checked files use.

    Attributes:
        files: The baseline files, as the page shows them.
        held: How many findings they hold.
        known: Findings of this run that they hold.
        new: Findings of this run that they do not hold.
        prunable: Findings they hold that no longer occur.
        history: Each baseline's size at each commit that changed it,
            oldest first, then as it is now.
        history_error: Why the history could not be read, if so.
    """

    files: list[str]
    held: int
    known: int
    new: int
    prunable: int
    history: list[BaselinePoint]
    history_error: str | None = None


@dataclass
class ReportData:
    """Everything the report shows.

    Attributes:
        root: The folder every path is relative to.
        files: How many files were checked.
        lines: Their lines.
        findings: How many findings.
        fixes: The findings by fix safety.
        sections: Each section of the standard, in the standard's
            order.
        folders: Every folder with checked files, most findings first.
        worst_files: The files with most findings, most first.
        rules: Every rule that fired, most findings first.
        errors: Files that could not be checked.
        files_with_findings: How many files have a finding.
        baseline: The findings against the baselines (None: no
            baseline file, or ``--no-baseline``).
    """

    root: str
    files: int
    lines: int
    findings: int
    fixes: FixCounts
    sections: list[Section]
    folders: list[Folder]
    worst_files: list[WorstFile]
    rules: list[RuleCount]
    errors: list[FileError]
    files_with_findings: int
    baseline: BaselineStatus | None = None

    @property
    def per_kloc(self) -> float:
        """Findings per 1,000 lines."""
        return per_thousand(self.findings, self.lines)

    def to_json(self) -> dict[str, Any]:
        """Return the numbers as JSON-ready data (``--format json``).

        The fields are described in ``docs/report.md``.
        """
        return {
            "version": __version__,
            "root": self.root,
            "files": self.files,
            "files_with_findings": self.files_with_findings,
            "lines": self.lines,
            "findings": self.findings,
            "findings_per_kloc": self.per_kloc,
            "fix": _fix_json(self.fixes),
            "sections": [
                {
                    "name": section.name,
                    "rules_run": section.rules_run,
                    "files_clean": section.files_clean,
                    "findings": section.findings,
                    "findings_per_kloc": section.per_kloc,
                    "fix": _fix_json(section.fixes),
                    "new": section.new,
                }
                for section in self.sections
            ],
            "folders": [
                {
                    "path": folder.path,
                    "files": folder.files,
                    "lines": folder.lines,
                    "findings": folder.findings,
                    "findings_per_kloc": folder.per_kloc,
                }
                for folder in self.folders
            ],
            "worst_files": [
                {
                    "path": worst.path,
                    "lines": worst.lines,
                    "findings": worst.count,
                    "findings_per_kloc": worst.per_kloc,
                }
                for worst in self.worst_files
            ],
            "rules": [
                {
                    "code": rule.code,
                    "name": rule.name,
                    "summary": rule.summary,
                    "section": rule.section,
                    "fix": rule.fix,
                    "url": rule.url,
                    "findings": rule.count,
                }
                for rule in self.rules
            ],
            "errors": [
                {"path": error.path, "message": error.message}
                for error in self.errors
            ],
            "baseline": _baseline_json(self.baseline),
        }


def _baseline_json(status: BaselineStatus | None) -> dict[str, Any] | None:
    """Return the baseline's numbers as JSON-ready data."""
    if status is None:
        return None
    return {
        "files": status.files,
        "held": status.held,
        "known": status.known,
        "new": status.new,
        "prunable": status.prunable,
        "history": [
            {
                "baseline": point.baseline, "commit": point.commit or None,
                "date": point.date, "size": point.size,
            }
            for point in status.history
        ],
        "history_error": status.history_error,
    }


def _fix_json(fixes: FixCounts) -> dict[str, int]:
    """Return fix counts as JSON-ready data."""
    return {
        "safe": fixes.safe, "unsafe": fixes.unsafe,
        "needs_human": fixes.manual,
    }


@dataclass
class _Tally:
    """The running counts while results arrive (see :func:`gather`)."""

    files: int = 0
    lines: int = 0
    findings: int = 0
    files_with_findings: int = 0
    fixes: FixCounts = field(default_factory=FixCounts)
    section_fixes: dict[str, FixCounts] = field(
        default_factory=lambda: collections.defaultdict(FixCounts)
    )
    section_files: collections.Counter[str] = field(
        default_factory=collections.Counter
    )
    by_code: collections.Counter[str] = field(
        default_factory=collections.Counter
    )
    folders: dict[str, Folder] = field(default_factory=dict)
    worst: list[tuple[int, int, str, int, list[Finding]]] = field(
        default_factory=list
    )
    errors: list[FileError] = field(default_factory=list)
    section_new: collections.Counter[str] = field(
        default_factory=collections.Counter
    )

    def add(
        self, result: FileResult, lines: int, new: list[Finding]
    ) -> None:
        """Count one checked file's findings, and its new ones."""
        self.files += 1
        self.section_new.update(family_of(item.code).name for item in new)
        self.lines += lines
        findings = result.findings
        self.findings += len(findings)
        self.files_with_findings += bool(findings)
        sections = set()
        for finding in findings:
            self.fixes.add(finding)
            section = family_of(finding.code).name
            self.section_fixes[section].add(finding)
            sections.add(section)
            self.by_code[finding.code] += 1
        self.section_files.update(sections)
        folder_name = os.path.dirname(result.path) or ROOT_FOLDER
        folder = self.folders.setdefault(folder_name, Folder(folder_name))
        folder.files += 1
        folder.lines += lines
        folder.findings += len(findings)
        if findings:
            entry = (
                len(findings), -self.files, result.path, lines,
                findings[:FINDINGS_PER_FILE],
            )
            if len(self.worst) < WORST_FILES:
                heapq.heappush(self.worst, entry)
            else:
                heapq.heappushpop(self.worst, entry)


def gather(
    results: Iterable[FileResult],
    targets: Targets,
    focus: Focus | None = None,
) -> ReportData:
    """Count a check's results for the report, as they arrive.

    Args:
        results: Each file's findings or error, in the files' order.
        targets: The files checked, with their configuration, and the
            paths that could not be used.
        focus: The baselines to tell new findings from known ones
            (every finding is new without).

    Returns:
        The report's numbers. Paths are relative to the folder that
        holds every checked file.

    Raises:
        BaselineError: If a baseline file is not valid.
    """  # noqa: STD407  (raised by Focus.filter)
    tally = _Tally(errors=list(targets.errors))
    configs = dict(targets.files)
    for result in results:
        if result.error is not None:
            tally.errors.append(result.error)
            continue
        new = result.findings
        if focus is not None:
            new = focus.filter(
                result.path, configs[result.path], result.findings,
                functools.partial(read_lines, result.path),
            )
        tally.add(result, _count_lines(result.path), new)
    root = _common_folder(list(tally.folders))
    enabled = set().union(
        *(config.enabled for config in set(configs.values()))
    )
    return ReportData(
        root=_shown(root),
        files=tally.files,
        lines=tally.lines,
        findings=tally.findings,
        fixes=tally.fixes,
        sections=_sections(tally, enabled),
        folders=sorted(
            (_rebased(folder, root) for folder in tally.folders.values()),
            key=lambda folder: (-folder.findings, folder.path),
        ),
        worst_files=[
            WorstFile(_relative(path, root), lines, count, findings)
            for count, _, path, lines, findings in sorted(
                tally.worst, reverse=True
            )
        ],
        rules=_rules(tally.by_code),
        errors=tally.errors,
        files_with_findings=tally.files_with_findings,
        baseline=_baseline_status(focus, tally) if focus else None,
    )


def _baseline_status(focus: Focus, tally: _Tally) -> BaselineStatus | None:
    """Return the findings against the run's baselines (None: none)."""
    baselines = focus.baselines.all() if focus.baselines else []
    if not baselines:
        return None
    new = sum(tally.section_new.values())
    history: list[BaselinePoint] = []
    error = None
    for baseline in baselines:
        try:
            history += _history(baseline)
        except GitError as failure:
            error = str(failure)
    return BaselineStatus(
        files=[_shown(str(baseline.path)) for baseline in baselines],
        held=sum(baseline.size for baseline in baselines),
        known=tally.findings - new,
        new=new,
        prunable=sum(focus.prunable().values()),
        history=history,
        history_error=error,
    )


def _history(baseline: Baseline) -> list[BaselinePoint]:
    """Return a baseline's size at each commit, then now.

    Args:
        baseline: The baseline, as loaded for this run.

    Returns:
        The points, oldest first; the last is the file as it is now.

    Raises:
        GitError: If git cannot be run on the baseline's folder.
    """  # noqa: STD407  (raised by history_sizes)
    name = _shown(str(baseline.path))
    points = [
        BaselinePoint(name, commit, _date(when), size)
        for commit, when, size in history_sizes(baseline.path)
    ]
    now = datetime.datetime.now(datetime.timezone.utc).timestamp()
    return points + [BaselinePoint(name, "", _date(int(now)), baseline.size)]


def _date(timestamp: int) -> str:
    """Return a commit time's date (UTC), ``YYYY-MM-DD``."""
    moment = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%d")


def _count_lines(path: str) -> int:
    """Return a checked file's number of lines (0 if it is gone)."""
    try:
        data = read_bytes(path)
    except SourceError:
        return 0
    return data.count(b"\n") + (bool(data) and not data.endswith(b"\n"))


def _sections(tally: _Tally, enabled: set[str]) -> list[Section]:
    """Return each section's numbers, in the standard's order."""
    rules_run = collections.Counter(
        family_of(code).name for code in enabled
    )
    names = [
        family.name for family in FAMILIES if family.name != INTERNAL
    ]
    if tally.section_files[INTERNAL]:
        names.append(INTERNAL)
    return [
        Section(
            name=name,
            rules_run=rules_run[name],
            files_clean=tally.files - tally.section_files[name],
            findings=tally.section_fixes[name].total,
            per_kloc=per_thousand(
                tally.section_fixes[name].total, tally.lines
            ),
            fixes=tally.section_fixes[name],
            new=tally.section_new[name],
        )
        for name in names
    ]


def _rules(by_code: collections.Counter[str]) -> list[RuleCount]:
    """Return the rules that fired, most findings first."""
    counts = []
    for code, count in sorted(
        by_code.items(), key=lambda item: (-item[1], item[0])
    ):
        rule = lookup(code)
        if rule is None:
            counts.append(RuleCount(code, "", "", "", "none", "", count))
            continue
        counts.append(RuleCount(
            code, rule.name, rule.summary, family_of(rule.code).name,
            rule.fix.value,
            rule_url(rule), count,
        ))
    return counts


def _common_folder(folders: list[str]) -> str:
    """Return the deepest folder that holds all of these folders."""
    if not folders:
        return ROOT_FOLDER
    return os.path.commonpath(
        [os.path.abspath(folder) for folder in folders]
    )


def _relative(path: str, root: str) -> str:
    """Return a path relative to the root, with ``/``."""
    relative = os.path.relpath(os.path.abspath(path), root)
    return relative.replace(os.sep, "/")


def _rebased(folder: Folder, root: str) -> Folder:
    """Return a folder's numbers, its path relative to the root + ``/``.

    The root itself is ``./``.
    """
    return Folder(
        _relative(folder.path, root) + "/", folder.files, folder.lines,
        folder.findings,
    )


def _shown(path: str) -> str:
    """Return a path relative to the current folder, if inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
    return path if outside else relative
