"""The baseline: findings a team has accepted for now, kept in a file.

``stdcheck baseline`` records every current finding in
``stdcheck-baseline.json``; ``check``, ``fix`` and the flake8 plugin
then report only findings the file does not hold. A finding is known
by its file, its rule and a fingerprint that holds no line number: the
text of its line (stripped) and the qualified name of the definitions
around it, so that code added above an old finding does not reveal it,
while an edit of its line does. docs/baseline.md says what counts as
"the same finding".

The file, version 1: an object with ``version``, ``tool`` and
``entries``, one entry per line (``file``, ``code``, ``fingerprint``,
``count``), sorted, with paths relative to the project root and ``/``
between folders::

  {
    "version": 1,
    "tool": "stdcheck",
    "entries": [
      {"file": "a.py", "code": "STD101", "fingerprint": "…", "count": 2}
    ]
  }
"""

from __future__ import annotations

import bisect
import collections
import functools
import hashlib
import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from stdcheck.core.config import Config
from stdcheck.core.engine import FileResult
from stdcheck.core.findings import FileError, Finding
from stdcheck.core.source import SourceError, decode, read_bytes, split_lines

VERSION = 1
DEFAULT_NAME = "stdcheck-baseline.json"
DEFINITIONS = (
    re.compile(r"def[ \t]+(\w+)"), re.compile(r"class[ \t]+(\w+)")
)
"""Names after ``def`` and ``class`` (two patterns: fast searches)."""
PREFIX = re.compile(r"([ \t]*)(?:async[ \t]+)?")
MARGIN = re.compile(r"\n[^ \t\f\r\n#)\]}]")
"""A line that starts at the left margin: the start of a block."""
Key = tuple[str, str]
"""A finding as a baseline knows it: its code and fingerprint."""


class BaselineError(Exception):
    """A baseline file that cannot be used: one line naming the file."""


@dataclass(frozen=True, order=True)
class Entry:
    """Findings of one rule in one file with the same fingerprint.

    Attributes:
        file: The file, relative to the project root, with ``/``.
        code: The rule's code.
        fingerprint: See :func:`fingerprint`.
        count: How many such findings the file holds.
    """

    file: str
    code: str
    fingerprint: str
    count: int = 1


@dataclass
class Baseline:
    """A baseline file's entries, by file, and what a run matched.

    Attributes:
        path: The baseline file.
        root: The folder its paths are relative to.
        files: For each file, how many findings of each key it holds.
        matched: For each file, how many findings of each key this run
            matched (for ``--prune`` and ``--strict-baseline``).
        names: Checked paths as the baseline names them (a cache).
    """

    path: Path
    root: Path
    files: dict[str, collections.Counter[Key]] = field(default_factory=dict)
    matched: dict[str, collections.Counter[Key]] = field(
        default_factory=dict
    )
    names: dict[str, str | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def size(self) -> int:
        """Return how many findings the baseline holds."""
        return sum(sum(keys.values()) for keys in self.files.values())

    def entries(self) -> list[Entry]:
        """Return the entries, sorted (the file's order)."""
        return sorted(
            Entry(file, code, mark, count)
            for file, keys in self.files.items()
            for (code, mark), count in keys.items()
            if count > 0
        )

    def relative(self, path: str) -> str | None:
        """Return a checked file's path as the baseline names it.

        Args:
            path: The file, as checked.

        Returns:
            The path relative to the root with ``/``, or None when the
            file is outside the root (no baseline entry can name it).
        """
        if path not in self.names:
            self.names[path] = self._name(path)
        return self.names[path]

    def _name(self, path: str) -> str | None:
        """Name a path from the root (links resolved only if needed)."""
        absolute = os.path.abspath(path)
        root = str(self.root)
        if absolute.startswith(root.rstrip(os.sep) + os.sep):
            return Path(os.path.relpath(absolute, root)).as_posix()
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError, RuntimeError):
            return None

    def split(
        self, path: str, findings: Sequence[Finding], lines: Sequence[str]
    ) -> tuple[list[Finding], list[Finding]]:
        """Split a file's findings into new ones and known ones.

        The matches are remembered for :meth:`unmatched`.

        Args:
            path: The file, as checked.
            findings: Its findings, in order.
            lines: Its lines (for the fingerprints).

        Returns:
            The findings the baseline does not hold, and those it does.
        """
        file = self.relative(path)
        known = self.files.get(file) if file is not None else None
        if not known or not findings:
            return list(findings), []
        matched = self.matched.setdefault(file or "", collections.Counter())
        return split_known(findings, lines, known, matched)

    def unmatched(
        self, checked: Mapping[str, frozenset[str]]
    ) -> collections.Counter[str]:
        """Count entries' findings that no longer occur, per file.

        Args:
            checked: The files this run checked (relative paths), each
                with the codes that ran on it; files that no longer
                exist count whole.

        Returns:
            For each file with some, how many could be pruned.
        """
        gone: collections.Counter[str] = collections.Counter()
        for file, keys in self.files.items():
            codes = checked.get(file)
            if codes is None:
                if not (self.root / file).exists():
                    gone[file] += sum(keys.values())
                continue
            matched = self.matched.get(file, collections.Counter())
            gone[file] += sum(
                count - min(count, matched[key])
                for key, count in keys.items()
                if key[0] in codes
            )
        return +gone


class Baselines:
    """The baselines of a run, found from each file's configuration.

    A file's baseline is ``--baseline FILE`` if given, else the
    configuration's ``baseline`` key, else ``stdcheck-baseline.json``,
    both relative to the project root: the folder of the
    ``pyproject.toml`` that holds ``[tool.stdcheck]`` (the current
    folder when there is none). Paths in it are relative to that root.
    """

    def __init__(self, explicit: Path | None = None) -> None:
        """Use ``explicit`` as every file's baseline, if given."""
        self.explicit = explicit
        self.loaded: dict[tuple[Path, Path], Baseline | None] = {}
        self.folder = Path.cwd().resolve()

    def location(self, config: Config) -> tuple[Path, Path]:
        """Return a configuration's baseline file and project root."""
        root = config.root or self.folder
        if self.explicit is not None:
            return self.explicit, root
        return root / (config.baseline or DEFAULT_NAME), root

    def for_config(
        self, config: Config, create: bool = False
    ) -> Baseline | None:
        """Return the baseline that applies under a configuration.

        Args:
            config: A checked file's configuration.
            create: Whether to start an empty baseline when the file
                does not exist (else None).

        Returns:
            The baseline (loaded once per run), or None.

        Raises:
            BaselineError: If the file is not a valid baseline, or an
                explicit ``--baseline`` file does not exist and
                ``create`` is false.
        """  # noqa: STD407  (raised by load_baseline)
        path, root = self.location(config)
        key = (path, root)
        if key not in self.loaded:
            if path.exists() or (self.explicit is not None and not create):
                self.loaded[key] = load_baseline(path, root)
            else:
                self.loaded[key] = Baseline(path, root) if create else None
        return self.loaded[key]

    def all(self) -> list[Baseline]:
        """Return the baselines found so far, by file."""
        found = [item for item in self.loaded.values() if item is not None]
        return sorted(found, key=lambda item: str(item.path))


def split_known(
    findings: Iterable[Finding],
    lines: Sequence[str],
    known: Mapping[Key, int],
    matched: collections.Counter[Key] | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """Split one file's findings by a baseline's counts for the file.

    The one matching function, shared by the CLI (``check``, ``fix``)
    and the flake8 plugin. Of several findings with the same key, the
    first ones in the file are the known ones, up to the entry's count.

    Args:
        findings: The file's findings, in order.
        lines: The file's lines.
        known: How many findings of each key the baseline holds.
        matched: Where to count the keys of the known findings.

    Returns:
        The new findings and the known ones, each in order.
    """
    left = collections.Counter(known)
    fresh: list[Finding] = []
    hidden: list[Finding] = []
    prints = Fingerprints(lines)
    for finding in findings:
        key = (finding.code, prints.of(finding.line))
        if left[key] > 0:
            left[key] -= 1
            hidden.append(finding)
            if matched is not None:
                matched[key] += 1
        else:
            fresh.append(finding)
    return fresh, hidden


class Fingerprints:
    """The fingerprints of one file's findings: no line number in them.

    A fingerprint is a hash of the qualified name of the definitions
    around the finding's line (:meth:`scope`) and the line's text
    without surrounding whitespace.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        """Take the file's lines (the scopes are found when needed)."""
        self.lines = lines
        self.tops: list[int] = []
        self.starts: list[int] = []
        self.widths: list[int] = []
        self.names: list[str] = []
        self.parents: list[int] = []
        self.found = False
        self.known: dict[int, str] = {}

    def of(self, line: int) -> str:
        """Return the fingerprint of a finding at a line (1-based).

        Args:
            line: The finding's line (past the end: empty text).

        Returns:
            16 hexadecimal digits.
        """
        known = self.known.get(line)
        if known is not None:
            return known
        lines = self.lines
        text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        digest = hashlib.blake2b(
            f"{self.scope(line)}\n{text}".encode("utf-8", "surrogatepass"),
            digest_size=8,
        ).hexdigest()
        self.known[line] = digest
        return digest

    def scope(self, line: int) -> str:
        """Return the qualified name of the definitions around a line.

        Read from the text, not from a syntax tree (it must be cheap and
        the same in every frontend). The module is cut into blocks at
        each line that starts at the left margin (not blank, not a
        comment, not a closing bracket). Within a block, the line is
        held by the nearest ``def`` or ``class`` line above it that is
        less indented, that one by the nearest less indented still, and
        so on (a blank or comment line, or one that starts with a
        closing bracket, is held as a more indented line would be).
        Lines inside a multi-line string count as written, and a less
        indented statement between a definition and the line is not
        seen; either can misplace a finding, always the same way.

        Args:
            line: A 1-based line number.

        Returns:
            Names joined by dots (``Class.method``); ``""`` at module
            level, including a top-level definition's own line.
        """
        if not self.found:
            self._find()
        lines = self.lines
        block = self.tops[bisect.bisect_right(self.tops, line) - 1]
        if block == line:
            return ""
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        body = text.lstrip(" \t\f")
        limit = (
            len(text[: len(text) - len(body)].expandtabs(8))
            if body.strip() and body[0] not in "#)]}" else 1 << 30
        )
        index = bisect.bisect_left(self.starts, line) - 1
        while index >= 0 and self.starts[index] >= block:
            if self.widths[index] < limit:
                return self.names[index]
            index = self.parents[index]
        return ""

    def _find(self) -> None:
        """Find the blocks, and each definition's indent and name."""
        self.found = True
        text = "".join(self.lines)
        offsets = list(itertools.accumulate(map(len, self.lines)))
        self.tops = [0] + [
            bisect.bisect_right(offsets, match.start()) + 2
            for match in MARGIN.finditer(text)
        ]
        if text[:1] and text[0] not in " \t\f\r\n#)]}":
            self.tops[0] = 1
        found = sorted(
            (match.start(), match.group(1))
            for pattern in DEFINITIONS
            for match in pattern.finditer(text)
        )
        stack: list[int] = []
        for position, name in found:
            begin = text.rfind("\n", 0, position) + 1
            prefix = PREFIX.fullmatch(text, begin, position)
            if prefix is None:
                continue
            start = bisect.bisect_right(offsets, position) + 1
            width = len(prefix.group(1).expandtabs(8))
            block = self.tops[bisect.bisect_right(self.tops, start) - 1]
            while stack and (
                self.widths[stack[-1]] >= width
                or self.starts[stack[-1]] < block
            ):
                stack.pop()
            parent = stack[-1] if stack else -1
            self.starts.append(start)
            self.widths.append(width)
            self.parents.append(parent)
            self.names.append(
                f"{self.names[parent]}.{name}" if parent >= 0 else name
            )
            stack.append(len(self.starts) - 1)


def fingerprint(lines: Sequence[str], line: int) -> str:
    """Return the fingerprint of a finding at a line of a file.

    Args:
        lines: The file's lines.
        line: The finding's line (1-based).

    Returns:
        See :class:`Fingerprints` (use it for many findings of a file).
    """
    return Fingerprints(lines).of(line)


def dumps(entries: Iterable[Entry]) -> str:
    """Render entries as a baseline file: one entry a line, sorted."""
    rows = [
        json.dumps({
            "file": entry.file, "code": entry.code,
            "fingerprint": entry.fingerprint, "count": entry.count,
        }, ensure_ascii=False)
        for entry in sorted(entries)
        if entry.count > 0
    ]
    body = ",\n".join(f"    {row}" for row in rows)
    return (
        "{\n"
        f'  "version": {VERSION},\n'
        '  "tool": "stdcheck",\n'
        '  "entries": [' + (f"\n{body}\n  " if rows else "") + "]\n"
        "}\n"
    )


def write_baseline(baseline: Baseline) -> None:
    """Write a baseline's entries to its file (atomically).

    Args:
        baseline: The baseline to write.

    Raises:
        BaselineError: If the file cannot be written.
    """
    temporary = baseline.path.with_name(baseline.path.name + ".tmp")
    try:
        temporary.write_text(dumps(baseline.entries()), encoding="utf-8")
        temporary.replace(baseline.path)
    except OSError as error:
        raise BaselineError(
            f"{baseline.path}: cannot write the baseline: {error.strerror}"
        ) from None


def on_disk(config: Config) -> Baseline | None:
    """Return a project's baseline as its file is now, for long runs.

    The flake8 plugin and the language server check one file at a time
    for as long as they run: the file is read again only when it
    changes (its modification time is part of the cache key).

    Args:
        config: A checked file's configuration (which says where the
            baseline is).

    Returns:
        The baseline, or None when the project has none.

    Raises:
        BaselineError: If the baseline file is not valid.
    """  # noqa: STD407  (raised by load_baseline)
    location, root = Baselines().location(config)
    try:
        stamp = location.stat().st_mtime_ns
    except OSError:
        return None
    return _load_version(location, root, stamp)


@functools.lru_cache(maxsize=8)
def _load_version(location: Path, root: Path, stamp: int) -> Baseline:
    """Read a baseline once per version of the file (``stamp``)."""
    return load_baseline(location, root)


def load_baseline(path: Path, root: Path | None = None) -> Baseline:
    """Read a baseline file.

    Args:
        path: The file.
        root: The folder its paths are relative to (default: the
            file's folder).

    Returns:
        The baseline (nothing matched yet).

    Raises:
        BaselineError: If the file cannot be read, is not valid JSON,
            has another version or names a file outside the root.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BaselineError(
            f"{path}: cannot read the baseline: {error.strerror}"
        ) from None
    baseline = Baseline(path, (root or path.parent).resolve())
    for entry in parse_entries(data, str(path)):
        keys = baseline.files.setdefault(entry.file, collections.Counter())
        keys[entry.code, entry.fingerprint] += entry.count
    return baseline


def parse_entries(data: bytes, name: str) -> Iterator[Entry]:
    """Read the entries of a baseline file's bytes.

    Args:
        data: The file's bytes.
        name: The file's name, for errors.

    Yields:
        Each entry, as written.

    Raises:
        BaselineError: If the data is not a valid baseline.
    """
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(
            f"{name}: not a valid baseline: invalid JSON ({error})"
        ) from None
    if not isinstance(document, dict) or "entries" not in document:
        raise BaselineError(
            f"{name}: not a valid baseline: expected an object with "
            "version and entries"
        )
    if document.get("version") != VERSION:
        raise BaselineError(
            f"{name}: baseline version {document.get('version')!r} is not "
            f"supported (this stdcheck reads version {VERSION}); recreate "
            "it with `stdcheck baseline`"
        )
    entries = document["entries"]
    if not isinstance(entries, list):
        raise BaselineError(f"{name}: not a valid baseline: bad entries")
    files: dict[str, str] = {}
    for number, item in enumerate(entries, start=1):
        if type(item) is not dict:
            raise BaselineError(f"{name}: entry {number}: expected an object")
        file, code = item.get("file"), item.get("code")
        mark, count = item.get("fingerprint"), item.get("count", 1)
        if not (type(file) is type(code) is type(mark) is str):
            raise BaselineError(
                f"{name}: entry {number}: file, code and fingerprint must "
                "be strings"
            )
        if type(count) is not int or count < 1:
            raise BaselineError(
                f"{name}: entry {number}: count must be a positive integer"
            )
        if file not in files:
            files[file] = _inside(file, f"{name}: entry {number}")
        yield Entry(files[file], code, mark, count)


def _inside(file: str, where: str) -> str:
    """Return a baseline's file path, checked to be inside the root.

    Args:
        file: The path as written in the baseline.
        where: The entry, for the error.

    Returns:
        The path, normalized.

    Raises:
        BaselineError: If the path is absolute, climbs out with ``..``
            or is not written with ``/``.
    """
    posix = PurePosixPath(file)
    if (
        posix.is_absolute() or ".." in posix.parts or "\\" in file
        or re.match(r"[A-Za-z]:", file) or not posix.parts
    ):
        raise BaselineError(
            f"{where}: {file!r} is outside the project root (paths are "
            "relative to it, with /)"
        )
    return posix.as_posix()


def history_sizes(path: Path) -> list[tuple[str, int, int | None]]:
    """Return the baseline's size at each commit that changed it.

    For a burn-down chart: reads the file's git history through
    :mod:`stdcheck.run.git` (nothing of the repository runs).

    Args:
        path: The baseline file.

    Returns:
        ``(commit, commit time, findings held)`` oldest first; the size
        is None where the file was deleted or not a valid baseline.

    Raises:
        GitError: If git cannot be run.
    """  # noqa: STD407  (raised by git.file_history)
    from stdcheck.run import git

    sizes: list[tuple[str, int, int | None]] = []
    for revision in git.file_history(path):
        size = None
        if revision.data is not None:
            try:
                size = sum(
                    entry.count
                    for entry in parse_entries(revision.data, str(path))
                )
            except BaselineError:
                size = None
        sizes.append((revision.commit, revision.time, size))
    return sizes


@dataclass
class Recorded:
    """What ``stdcheck baseline`` did.

    Attributes:
        baselines: The baselines written, each with how many findings
            it gained and lost.
        added: The findings added, in the files' order.
        errors: Files that could not be checked (their entries are
            kept as they were).
    """

    baselines: list[tuple[Baseline, int, int]] = field(default_factory=list)
    added: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def summary(self) -> list[str]:
        """Return one line per baseline written."""
        return [
            f"{baseline.path}: added {gained}, removed {lost}; it holds "
            f"{baseline.size} finding{'s' * (baseline.size != 1)} in "
            f"{len(baseline.files)} file{'s' * (len(baseline.files) != 1)}."
            for baseline, gained, lost in self.baselines
        ]


def record(
    results: Iterable[FileResult],
    configs: Mapping[str, Config],
    baselines: Baselines,
    prune: bool,
) -> Recorded:
    """Record checked files' findings in their baselines; write them.

    For each checked file, the entries of the rules that ran on it
    become its current findings (``prune``: the smaller of the entry
    and the current count, so nothing is added). Entries of rules that
    did not run are kept, and entries of files that no longer exist
    are removed.

    Args:
        results: The checked files' results.
        configs: Each checked file's configuration.
        baselines: Where each file's baseline is.
        prune: Whether only to remove findings.

    Returns:
        What was added and removed, and files not checked.

    Raises:
        BaselineError: If a baseline file is not valid or cannot be
            written.
    """  # noqa: STD407  (raised by load_baseline and write_baseline)
    recorded = Recorded()
    counts: dict[int, list[int]] = {}
    for result in results:
        config = configs[result.path]
        baseline = baselines.for_config(config, create=True)
        if baseline is None:  # pragma: no cover - create never gives None
            continue
        tally = counts.setdefault(id(baseline), [0, 0])
        if result.error is not None:
            recorded.errors.append(result.error)
            continue
        file = baseline.relative(result.path)
        if file is None:
            recorded.errors.append(FileError(
                result.path,
                f"outside the project root {baseline.root}; not recorded",
            ))
            continue
        gained, lost, added = _record_file(
            baseline, file, result, config.codes_for(result.path), prune
        )
        tally[0] += gained
        tally[1] += lost
        recorded.added += added
    for baseline in baselines.all():
        tally = counts.setdefault(id(baseline), [0, 0])
        for file in list(baseline.files):
            if not (baseline.root / file).exists():
                tally[1] += sum(baseline.files.pop(file).values())
        write_baseline(baseline)
        recorded.baselines.append((baseline, tally[0], tally[1]))
    return recorded


def _record_file(
    baseline: Baseline,
    file: str,
    result: FileResult,
    codes: frozenset[str],
    prune: bool,
) -> tuple[int, int, list[Finding]]:
    """Record one file's findings; return gained, lost and added."""
    lines = read_lines(result.path) if result.findings else []
    prints = Fingerprints(lines)
    keyed = [
        ((finding.code, prints.of(finding.line)), finding)
        for finding in result.findings
    ]
    current = collections.Counter(key for key, _ in keyed)
    old = baseline.files.get(file, collections.Counter())
    new = collections.Counter(
        {key: count for key, count in old.items() if key[0] not in codes}
    )
    for key, count in (old if prune else current).items():
        if key[0] in codes:
            new[key] += min(count, current[key]) if prune else count
    new = +new
    added: list[Finding] = []
    room = collections.Counter(old)
    for key, finding in keyed:
        if room[key] > 0:
            room[key] -= 1
        elif new[key] > old[key]:
            added.append(finding)
    if new:
        baseline.files[file] = new
    else:
        baseline.files.pop(file, None)
    gained = sum((new - old).values())
    return gained, sum((old - new).values()), added


def read_lines(path: str) -> list[str]:
    """Return a checked file's lines, as findings count them."""
    try:
        return split_lines(decode(read_bytes(path)).text)
    except SourceError:
        return []
