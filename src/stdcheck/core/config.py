"""Configuration: ``[tool.stdcheck]`` in ``pyproject.toml``.

The CLI and the flake8 plugin read the same table through
:func:`load_for`; command-line options are applied on top with
:func:`Config.override`.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdcheck.core import registry
from stdcheck.core.suggest import did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

TARGET_PATTERN = re.compile(r"py3(\d{1,2})\Z")
TABLE_HEADER = re.compile(r"^\s*\[\s*tool\s*\.\s*stdcheck\b", re.M)
REQUIRES_PATTERN = re.compile(r"(?:>=?|~=|==)\s*3\.(\d+)")
SUPPORTED_TARGETS = tuple(f"py3{minor}" for minor in range(8, 14))
_FOUND: dict[Path, Path | None] = {}
_RESOLVED: dict[Path, Path] = {}
"""Per folder as walked, the folder resolved."""
"""Per resolved folder, the ``pyproject.toml`` that configures it."""


class ConfigError(Exception):
    """A configuration key with a bad name or value."""


def _selectors(key: str, value: Any) -> tuple[str, ...]:
    """Validate a list of rule codes, code prefixes or names."""
    items = _strings(key, value)
    for item in items:
        if registry.expand(item) is None:
            raise ConfigError(
                f"{key}: unknown rule or code prefix {item!r}"
                + registry.suggestion(item)
            )
    return items


def _strings(key: str, value: Any) -> tuple[str, ...]:
    """Validate a list of strings (or one comma-separated string)."""
    if isinstance(value, str):
        value = [part for part in re.split(r"[,\s]+", value) if part]
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list) or not all(
        isinstance(item, str) for item in value
    ):
        raise ConfigError(f"{key}: expected a list of strings")
    return tuple(value)


def _length(key: str, value: Any) -> int:
    """Validate a positive line length."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{key}: expected a positive integer, got {value!r}")
    return value


def _target(key: str, value: Any) -> str:
    """Validate a target version such as ``py38``."""
    if not isinstance(value, str) or value not in SUPPORTED_TARGETS:
        raise ConfigError(
            f"{key}: expected one of {', '.join(SUPPORTED_TARGETS)}, "
            f"got {value!r}"
            + did_you_mean(str(value), SUPPORTED_TARGETS)
        )
    return value


def _relative(key: str, value: Any) -> str:
    """Validate a path relative to the project root."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: expected a relative path")
    return value


def _per_file(key: str, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Validate a table of glob to list of selectors."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a table of glob = [codes]")
    return tuple(
        (glob, _selectors(f"{key}.{glob}", codes))
        for glob, codes in value.items()
    )


def _option(
    default: Any,
    parse: Callable[[str, Any], Any],
    doc: str,
    example: Any = None,
) -> Any:
    """Declare a configuration key with its parser and documentation.

    Args:
        default: The value when the key is not set.
        parse: Validates a TOML value into the field's value.
        doc: One or two sentences for the configuration reference.
        example: A TOML value for the reference (as ``tomllib`` reads
            it); None to show the default as the example.

    Returns:
        The dataclass field.
    """
    return field(
        default=default,
        metadata={"parse": parse, "doc": doc, "example": example},
    )


@dataclass(frozen=True)
class Config:
    """The effective configuration for a file."""

    select: tuple[str, ...] = _option(
        ("STD",), _selectors, "Rules to run: codes, code prefixes or names.",
        ["STD1", "line-too-long"],
    )
    ignore: tuple[str, ...] = _option(
        (), _selectors, "Rules not to run, even when selected.",
        ["STD101"],
    )
    extend_select: tuple[str, ...] = _option(
        (), _selectors, "Rules to run in addition to `select`.", ["STD101"]
    )
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = _option(
        (), _per_file, "Table of path glob = rules to ignore in those files.",
        {"tests/*": ["STD101"], "migrations/*": ["STD1"]},
    )
    max_line_length: int = _option(
        79, _length, "Longest code line allowed (STD101).", 99
    )
    max_doc_length: int = _option(
        72, _length, "Longest docstring or comment line allowed (STD102).",
        79,
    )
    known_first_party: tuple[str, ...] = _option(
        (), _strings, "Top-level packages that are the project's own.",
        ["myapp", "myapp_plugins"],
    )
    ignore_names: tuple[str, ...] = _option(
        (), _strings, "Name globs the naming rules never report.",
        ["setUp*", "visit_*"],
    )
    target_version: str = _option(
        "", _target, "Oldest Python the code runs on, e.g. `py38`. When "
        "not set: from `project.requires-python` (a Python newer than the "
        "newest target means the newest target), else `py310`.", "py39",
    )
    exclude: tuple[str, ...] = _option(
        (), _strings, "Path globs not to check when walking folders.",
        ["migrations", "*_pb2.py"],
    )
    allow_print: tuple[str, ...] = _option(
        (), _strings, "Path globs where `print()` is allowed (STD901).",
        ["scripts/*", "manage.py"],
    )
    baseline: str = _option(
        "", _relative, "The baseline file, relative to the project root "
        "(default: `stdcheck-baseline.json`; see docs/baseline.md).",
        "ci/stdcheck-baseline.json",
    )
    root: Path | None = field(default=None, compare=False)

    @classmethod
    def keys(cls) -> dict[str, dataclasses.Field[Any]]:
        """Return the configuration keys (kebab-case) with fields."""
        return {
            item.name.replace("_", "-"): item
            for item in dataclasses.fields(cls)
            if "parse" in item.metadata
        }

    @classmethod
    def from_table(
        cls, table: Mapping[str, Any], root: Path | None = None
    ) -> Config:
        """Build a configuration from a ``[tool.stdcheck]`` table.

        Args:
            table: The table's keys and values.
            root: The folder holding the configuration file.

        Returns:
            The validated configuration.

        Raises:
            ConfigError: If a key is unknown or a value is bad.
        """
        known = cls.keys()
        values: dict[str, Any] = {}
        for key, value in table.items():
            option = known.get(key)
            if option is None:
                raise ConfigError(
                    f"unknown key {key!r}" + did_you_mean(key, known)
                )
            values[option.name] = option.metadata["parse"](key, value)
        return cls(root=root, **values)

    def override(self, **options: Any) -> Config:
        """Return a copy with command-line options applied on top.

        Args:
            **options: Keys as field names; None means not given.

        Returns:
            The new configuration.

        Raises:
            ConfigError: If an option's value is bad.
        """  # noqa: STD407  (raised by the key's parser)
        fields = {item.name: item for item in dataclasses.fields(self)}
        changes = {
            name: fields[name].metadata["parse"](
                "--" + name.replace("_", "-"), value
            )
            for name, value in options.items()
            if value is not None
        }
        return dataclasses.replace(self, **changes)

    @functools.cached_property
    def enabled(self) -> frozenset[str]:
        """Return the codes of the rules that run for this config."""
        return enabled_codes(self.select + self.extend_select, self.ignore)

    def enabled_for(self, path: str) -> frozenset[str]:
        """Return the codes that run for a file (per-file ignores)."""
        if not self.per_file_ignores:
            return self.enabled
        relative = self.relative(path)
        ignored = [
            selector
            for glob, selectors in self.per_file_ignores
            if _matches(relative, glob)
            for selector in selectors
        ]
        if not ignored:
            return self.enabled
        return enabled_codes(
            self.select + self.extend_select, self.ignore + tuple(ignored)
        )

    def codes_for(self, path: str) -> frozenset[str]:
        """Return the codes that run on a file, for every front end.

        The CLI, ``stdcheck fix`` and the flake8 plugin all ask this:
        no code for a file an ``exclude`` glob matches (the file, or a
        folder above it), else the enabled codes less the file's
        ``per-file-ignores``.

        Args:
            path: The file, as given or found.

        Returns:
            The codes to run.
        """
        if self.is_excluded(path):
            return frozenset()
        return self.enabled_for(path)

    def is_excluded(self, path: str) -> bool:
        """Return whether a path matches an ``exclude`` glob."""
        return self.path_matches(path, self.exclude)

    def relative(self, path: str) -> str:
        """Return a path relative to the config root, with ``/``."""
        resolved = Path(path)
        if self.root is not None:
            try:
                resolved = resolved.resolve().relative_to(self.root)
            except (ValueError, OSError, RuntimeError):
                pass  # outside the root, or a symbolic link loop
        return resolved.as_posix()

    def path_matches(self, path: str, globs: Iterable[str]) -> bool:
        """Return whether a path matches one of some path globs."""
        globs = tuple(globs)
        if not globs:  # the usual case: no need to resolve the path
            return False
        relative = self.relative(path)
        return any(_matches(relative, glob) for glob in globs)

    @property
    def target_minor(self) -> int:
        """Return the minor version of the oldest targeted Python 3."""
        match = TARGET_PATTERN.match(self.target_version or "py310")
        return int(match.group(1)) if match else 10


def _matches(relative: str, glob: str) -> bool:
    """Match a path, or any of its parent folders, against a glob."""
    if fnmatch.fnmatch(relative, glob):
        return True
    parts = relative.split("/")
    return any(
        fnmatch.fnmatch("/".join(parts[:end]), glob.rstrip("/"))
        or fnmatch.fnmatch(part, glob)
        for end, part in enumerate(parts, start=1)
    )


def enabled_codes(
    select: Iterable[str], ignore: Iterable[str]
) -> frozenset[str]:
    """Decide which codes run, as flake8 does: the longest match wins.

    Rules that are off by default run only when selected by their exact
    code or name.

    Args:
        select: Selectors of rules to run.
        ignore: Selectors of rules not to run.

    Returns:
        The codes of the rules that run.
    """
    weights: dict[str, tuple[int, bool]] = {}
    for selectors, chosen in ((select, True), (ignore, False)):
        for selector in selectors:
            codes = registry.expand(selector) or frozenset()
            exact = registry.lookup(selector) is not None
            weight = 3 if exact else len(selector) - 3
            for code in codes:
                rule = registry.lookup(code)
                if chosen and rule is not None and not rule.default:
                    if not exact:
                        continue
                if weights.get(code, (-1, False))[0] <= weight:
                    weights[code] = (weight, chosen)
    return frozenset(code for code, (_, chosen) in weights.items() if chosen)


PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")


@functools.lru_cache(maxsize=None)
def project_root(folder: str) -> str | None:
    """Return the nearest folder at or above one with a project file.

    Args:
        folder: An absolute folder.

    Returns:
        The folder holding ``pyproject.toml``, ``setup.py`` or
        ``setup.cfg``, or None if no folder above holds one.
    """
    if any(
        os.path.isfile(os.path.join(folder, marker))
        for marker in PROJECT_MARKERS
    ):
        return folder
    parent = os.path.dirname(folder)
    return None if parent == folder else project_root(parent)


def find_pyproject(start: Path) -> Path | None:
    """Return the nearest ``pyproject.toml`` with a ``[tool.stdcheck]``.

    Args:
        start: A file or folder; the search walks up from it.

    Returns:
        The file, or None if no folder above holds one.
    """
    return _find_above(start if start.is_dir() else start.parent)


@functools.lru_cache(maxsize=None)
def _find_above(folder: Path) -> Path | None:
    """Resolve a folder once (its files share the answer), then walk."""
    return _find_from(_resolve(folder))


def _resolve(folder: Path) -> Path:
    """Resolve a folder, reusing its parent's resolution.

    Resolving each folder of a deep tree from scratch costs a system
    call per component: cubic in the depth.
    """
    pending = []
    current = folder
    while current not in _RESOLVED:
        if (
            current.parent == current
            or current.name == ".."
            or os.path.islink(current)
        ):
            _RESOLVED[current] = current.resolve()
            break
        pending.append(current)
        current = current.parent
    for step in reversed(pending):
        _RESOLVED[step] = _RESOLVED[step.parent] / step.name
    return _RESOLVED[folder]


def _find_from(folder: Path) -> Path | None:
    """Walk up from a folder (remembered: many files share folders).

    Iterative: a folder may be nested deeper than the recursion limit.
    """
    walked = []
    found = None
    current = folder
    while current not in _FOUND:
        walked.append(current)
        candidate = current / "pyproject.toml"
        if candidate.is_file() and _has_table(candidate):
            found = candidate
            break
        if current.parent == current:
            break
        current = current.parent
    else:
        found = _FOUND[current]
    for step in walked:
        _FOUND[step] = found
    return found


def _has_table(path: Path) -> bool:
    """Return whether a pyproject configures stdcheck.

    A file that never mentions ``stdcheck`` is not parsed. One that
    does is parsed: a ``tool.stdcheck`` key (a table header, dotted
    keys, or under a ``[[tool]]`` array, which :func:`load` refuses)
    configures stdcheck, a mere mention (in a string, a dependency)
    does not. Invalid TOML configures stdcheck when it has a
    ``[tool.stdcheck]`` header, so that :func:`load` reports it.
    """
    try:
        with open(path, "rb") as stream:
            mentioned = b"stdcheck" in stream.read()
    except OSError:
        return False
    if not mentioned:
        return False
    try:
        tool = _read_toml(path).get("tool")
    except ConfigError:
        text = path.read_text(encoding="utf-8", errors="replace")
        return TABLE_HEADER.search(text) is not None
    tables = tool if isinstance(tool, list) else [tool]
    return any(
        isinstance(table, dict) and "stdcheck" in table for table in tables
    )


@functools.lru_cache(maxsize=None)
def load(path: Path) -> Config:
    """Load the configuration from a ``pyproject.toml``.

    Args:
        path: The file.

    Returns:
        The validated configuration.

    Raises:
        ConfigError: If the file cannot be read or is not valid.
    """
    document = _read_toml(path)
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(
            f"{path}: key 'tool' must be a table, not {_kind(tool)}"
        )
    table = tool.get("stdcheck", {})
    if not isinstance(table, dict):
        raise ConfigError(
            f"{path}: key 'tool.stdcheck' must be a table, "
            f"not {_kind(table)}"
        )
    try:
        config = Config.from_table(table, path.parent.resolve())
    except ConfigError as error:
        raise ConfigError(f"{path}: [tool.stdcheck] {error}") from None
    if not config.target_version:
        target = _target_from_requires(document)
        config = dataclasses.replace(config, target_version=target)
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, however deeply its values nest.

    Args:
        path: The file.

    Returns:
        The document.

    Raises:
        ConfigError: If the file cannot be read or is not TOML.
    """
    from stdcheck.core.source import SourceError, read_bytes

    try:
        text = read_bytes(os.fspath(path)).decode("utf-8")
    except SourceError as error:
        raise ConfigError(f"{path}: {error.message}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: invalid TOML: not UTF-8 (byte {error.start})"
        ) from None
    try:
        try:
            document: dict[str, Any] = tomllib.loads(text)
        except RecursionError:
            document = _read_deep_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(
            f"{path}: cannot read: nested too deeply"
        ) from None
    return document


def _read_deep_toml(text: str) -> dict[str, Any]:
    """Parse TOML nested deeper than the recursion limit allows.

    The (recursive) TOML parser runs in a thread with room to recurse
    (:func:`stdcheck.core.deep.in_deep_thread`).

    Args:
        text: The TOML text.

    Returns:
        The document.

    Raises:
        RecursionError: If it nests deeper still.
        TOMLDecodeError: If it is not valid TOML.
    """  # noqa: STD407  (raised by the parser, in the thread)
    from stdcheck.core.deep import in_deep_thread

    document: dict[str, Any] = in_deep_thread(tomllib.loads, text)
    return document


def _kind(value: object) -> str:
    """Name a TOML value's type for a message (``a string``)."""
    kinds = {str: "a string", list: "an array", bool: "a boolean",
             int: "an integer", float: "a float"}
    return kinds.get(type(value), "a date or time")


def _target_from_requires(document: Mapping[str, Any]) -> str:
    """Infer ``target-version`` from ``project.requires-python``.

    The lowest ``3.N`` its ``>=``, ``>``, ``~=`` or ``==`` clauses name
    is the oldest Python targeted. A version newer than any known
    target means the newest known one, older than any the oldest known
    one; no version (or no such clause) means ``py310``.
    """
    project = document.get("project", {})
    requires = project.get("requires-python", "") if isinstance(
        project, dict
    ) else ""
    minors = [
        int(minor)
        for minor in REQUIRES_PATTERN.findall(str(requires))
    ]
    if not minors:
        return "py310"
    known = [int(target[3:]) for target in SUPPORTED_TARGETS]
    return f"py3{min(max(min(minors), known[0]), known[-1])}"


def load_for(path: Path) -> Config:
    """Return the configuration that applies to a file or folder.

    Args:
        path: The checked path.

    Returns:
        The configuration of the nearest ``pyproject.toml`` holding
        ``[tool.stdcheck]``, or the defaults.
    """
    found = find_pyproject(path)
    if found is None:
        return Config(target_version="py310")
    return load(found)


def forget() -> None:
    """Drop every configuration read so far (a long-lived process's).

    The next :func:`load_for` finds and reads the tables again: a
    language server calls this when a ``pyproject.toml`` changes.
    """
    _find_above.cache_clear()
    _FOUND.clear()
    _RESOLVED.clear()
    load.cache_clear()
