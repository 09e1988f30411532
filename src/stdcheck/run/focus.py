"""Which findings a run shows: not in the baseline, on changed lines.

``check`` and ``fix`` share this. ``check`` filters each file's result
as it arrives (:meth:`Focus.filter`); ``fix`` gives each worker the
file's part (:class:`FileFocus`), so that it fixes only what is shown.
Both reach the one matching function,
:func:`stdcheck.run.baseline.split_known`, as the flake8 plugin does.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.run import changed as changed_module
from stdcheck.run.baseline import Baseline, Baselines, Key, split_known


@dataclass(frozen=True)
class FileFocus:
    """One file's part of a focus (sent to a worker process).

    Attributes:
        known: The baseline's counts for the file (empty: none).
        diff: Whether only changed lines count.
        changed: With ``diff``, the changed lines (None: a new file,
            every line counts).
    """

    known: Mapping[Key, int] = field(default_factory=dict)
    diff: bool = False
    changed: frozenset[int] | None = None

    @property
    def active(self) -> bool:
        """Return whether this hides anything at all."""
        return bool(self.known) or self.diff

    def select(
        self, findings: Sequence[Finding], lines: Sequence[str]
    ) -> tuple[list[Finding], int]:
        """Return the findings to show and how many the baseline hid.

        Args:
            findings: A file's findings, in order.
            lines: The file's lines, as the findings count them.

        Returns:
            The findings shown, and the number of known findings.
        """
        shown, hidden = list(findings), 0
        if self.known:
            shown, known = split_known(shown, lines, self.known)
            hidden = len(known)
        return self.on_changed_lines(shown), hidden

    def on_changed_lines(self, findings: list[Finding]) -> list[Finding]:
        """Keep the findings on changed lines (all without ``diff``)."""
        if not self.diff or self.changed is None:
            return findings
        return [item for item in findings if item.line in self.changed]

    def follow(self, before: str, after: str) -> FileFocus:
        """Return this focus for a file's text after an edit."""
        if not self.diff or self.changed is None or before == after:
            return self
        return FileFocus(
            self.known, True,
            changed_module.follow(self.changed, before, after),
        )


@dataclass
class Focus:
    """A run's baselines and changed lines, and what they hid.

    Attributes:
        baselines: The baselines (None: ``--no-baseline``).
        changed: With ``--diff-base``, each file's changed lines.
        hidden: How many findings the baselines hid.
        checked: For each baseline, the checked files (as it names
            them) with the codes that ran on each.
    """

    baselines: Baselines | None = None
    changed: Mapping[str, changed_module.Lines] | None = None
    hidden: int = 0
    checked: dict[int, dict[str, frozenset[str]]] = field(
        default_factory=dict
    )

    def baseline(self, config: Config) -> Baseline | None:
        """Return the baseline of a file's configuration, if any.

        Args:
            config: The file's configuration.

        Returns:
            The baseline, or None if there is none or it is not used.

        Raises:
            BaselineError: If the baseline file is not valid.
        """  # noqa: STD407  (raised by Baselines.for_config)
        if self.baselines is None:
            return None
        return self.baselines.for_config(config)

    def for_file(self, path: str, config: Config) -> FileFocus:
        """Return a file's part, for a worker.

        Args:
            path: The file, as checked.
            config: Its configuration.

        Returns:
            The baseline's counts for it and its changed lines.

        Raises:
            BaselineError: If the baseline file is not valid.
        """  # noqa: STD407  (raised by Baselines.for_config)
        baseline = self.baseline(config)
        known: Mapping[Key, int] = {}
        if baseline is not None:
            file = baseline.relative(path)
            self._note_checked(baseline, file, path, config)
            known = baseline.files.get(file or "", {})
        if self.changed is None:
            return FileFocus(known)
        return FileFocus(known, True, self.changed.get(path))

    def filter(
        self,
        path: str,
        config: Config,
        findings: list[Finding],
        lines: Callable[[], Sequence[str]],
    ) -> list[Finding]:
        """Return the findings of a checked file to show.

        Args:
            path: The file, as checked.
            config: Its configuration.
            findings: Its findings, in order.
            lines: Reads its lines (called only when needed).

        Returns:
            The findings neither known nor off the changed lines.

        Raises:
            BaselineError: If the baseline file is not valid.
        """  # noqa: STD407  (raised by Baselines.for_config)
        part = self.for_file(path, config)
        if not findings or not part.active:
            return findings
        baseline = self.baseline(config)
        if baseline is not None and part.known:
            findings, known = baseline.split(path, findings, lines())
            self.hidden += len(known)
        return part.on_changed_lines(findings)

    def add_hidden(self, count: int) -> None:
        """Count findings a worker's :class:`FileFocus` hid."""
        self.hidden += count

    def _note_checked(
        self, baseline: Baseline, file: str | None, path: str, config: Config
    ) -> None:
        """Remember that a file was checked, for :meth:`prunable`."""
        if file is not None:
            files = self.checked.setdefault(id(baseline), {})
            files[file] = config.codes_for(path)

    def prunable(self) -> collections.Counter[str]:
        """Count baseline findings that no longer occur, per baseline.

        Returns:
            For each baseline file with some, how many could be pruned
            (only files checked in this run or gone count).
        """
        found: collections.Counter[str] = collections.Counter()
        if self.baselines is None:
            return found
        for baseline in self.baselines.all():
            gone = baseline.unmatched(self.checked.get(id(baseline), {}))
            if gone:
                found[str(baseline.path)] += sum(gone.values())
        return found
