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

import collections
import hashlib
import json
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
HEADER = re.compile(r"(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)")
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
    """

    path: Path
    root: Path
    files: dict[str, collections.Counter[Key]] = field(default_factory=dict)
    matched: dict[str, collections.Counter[Key]] = field(
        default_factory=dict
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
        fresh, hidden = split_known(findings, lines, known)
        matched = self.matched.setdefault(file or "", collections.Counter())
        for finding in hidden:
            matched[finding.code, fingerprint(lines, finding.line)] += 1
        return fresh, hidden

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

    def location(self, config: Config) -> tuple[Path, Path]:
        """Return a configuration's baseline file and project root."""
        root = config.root or Path.cwd().resolve()
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
) -> tuple[list[Finding], list[Finding]]:
    """Split one file's findings by a baseline's counts for the file.

    The one matching function, shared by the CLI (``check``, ``fix``)
    and the flake8 plugin. Of several findings with the same key, the
    first ones in the file are the known ones, up to the entry's count.

    Args:
        findings: The file's findings, in order.
        lines: The file's lines.
        known: How many findings of each key the baseline holds.

    Returns:
        The new findings and the known ones, each in order.
    """
    left = collections.Counter(known)
    fresh: list[Finding] = []
    hidden: list[Finding] = []
    scopes: dict[int, str] = {}
    for finding in findings:
        key = (finding.code, fingerprint(lines, finding.line, scopes))
        if left[key] > 0:
            left[key] -= 1
            hidden.append(finding)
        else:
            fresh.append(finding)
    return fresh, hidden


def fingerprint(
    lines: Sequence[str], line: int, scopes: dict[int, str] | None = None
) -> str:
    """Return a finding's fingerprint: no line number in it.

    A hash of the qualified name of the definitions around the line
    (:func:`scope_of`) and the line's text without surrounding
    whitespace.

    Args:
        lines: The file's lines.
        line: The finding's line (1-based; past the end: empty text).
        scopes: A cache of :func:`scope_of` results for this file.

    Returns:
        16 hexadecimal digits.
    """
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    scope = scope_of(lines, line, {} if scopes is None else scopes)
    digest = hashlib.blake2b(
        f"{scope}\n{text}".encode("utf-8", "surrogatepass"), digest_size=8
    )
    return digest.hexdigest()


def scope_of(lines: Sequence[str], line: int, cache: dict[int, str]) -> str:
    """Return the qualified name of the definitions around a line.

    Read from indentation, not from a syntax tree (it must be cheap and
    the same in every frontend): the nearest line above with less
    indentation holds the line; if it starts a ``def`` or ``class``,
    that name is part of the scope. Blank and comment lines are
    skipped. Lines inside a multi-line string count as written, which
    can misplace a finding, but always the same way.

    Args:
        lines: The file's lines.
        line: A 1-based line number.
        cache: Scopes already found in this file, by line.

    Returns:
        Names joined by dots (``Class.method``); ``""`` at module level.
    """
    index = min(line, len(lines)) - 1
    while index >= 0 and not lines[index].strip():
        index -= 1  # a blank line belongs where the code above it is
    if index < 0:
        return ""
    start = index
    limit = len(lines[index][: _text_start(lines[index])].expandtabs(8))
    while index > 0 and limit > 0:
        index -= 1
        width = _indent(lines[index])
        if width is None or width >= limit:
            continue
        if index in cache:
            scope = cache[index]
        else:
            scope = scope_of(lines, index + 1, cache)
            cache[index] = scope
        header = HEADER.match(lines[index], _text_start(lines[index]))
        if header is not None:
            scope = f"{scope}.{header.group(1)}" if scope else header.group(1)
        cache[start] = scope
        return scope
    cache[start] = ""
    return ""


def _indent(line: str) -> int | None:
    """Return a line's indentation width (None: blank or comment)."""
    body = line.lstrip(" \t\f")
    if not body.strip() or body.startswith("#"):
        return None
    return len(line[: len(line) - len(body)].expandtabs(8))


def _text_start(line: str) -> int:
    """Return where a line's text starts, after its indentation."""
    return len(line) - len(line.lstrip(" \t\f"))


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
    for number, item in enumerate(entries, start=1):
        yield _entry(item, f"{name}: entry {number}")


def _entry(item: object, where: str) -> Entry:
    """Validate one entry of a baseline file."""
    if not isinstance(item, dict):
        raise BaselineError(f"{where}: expected an object")
    file, code = item.get("file"), item.get("code")
    mark, count = item.get("fingerprint"), item.get("count", 1)
    if not all(isinstance(value, str) for value in (file, code, mark)):
        raise BaselineError(
            f"{where}: file, code and fingerprint must be strings"
        )
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise BaselineError(f"{where}: count must be a positive integer")
    posix = PurePosixPath(str(file))
    if (
        posix.is_absolute() or ".." in posix.parts or "\\" in str(file)
        or re.match(r"[A-Za-z]:", str(file)) or not posix.parts
    ):
        raise BaselineError(
            f"{where}: {file!r} is outside the project root (paths are "
            "relative to it, with /)"
        )
    return Entry(posix.as_posix(), str(code), str(mark), count)


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
    scopes: dict[int, str] = {}
    keyed = [
        ((finding.code, fingerprint(lines, finding.line, scopes)), finding)
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
