"""The fix loop: check, fix what is fixable, verify, re-check, repeat.

libcst is imported (through :mod:`stdcheck.fix.apply`) only when a
file has a finding that some fix may handle; checking and reporting
clean files stays as cheap as ``stdcheck check``.
"""

from __future__ import annotations

import collections
import dataclasses
import difflib
import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source, context_of
from stdcheck.core.findings import FileError, Finding, internal_error
from stdcheck.core.interrupts import raise_hidden_interrupt
from stdcheck.core.registry import FixSafety
from stdcheck.core.source import Decoded, SourceError, decode, split_lines
from stdcheck.fix import write
from stdcheck.fix.guard import FixCrashError, guarded
from stdcheck.fix.merge import (
    Edits,
    Hunk,
    created,
    hunks,
    lines,
    rebase,
    surplus,
)
from stdcheck.fix.regions import Region, regions
from stdcheck.fix.registered import AnyFix
from stdcheck.fix.registry import fix_for
from stdcheck.fix.text import TextFix
from stdcheck.fix.verify import (
    COMBINABLE,
    refusal,
    refusal_of_all,
    remember,
    syntax_tree,
)
from stdcheck.rules import load
from stdcheck.run.focus import FileFocus

if TYPE_CHECKING:
    from libcst.metadata import MetadataWrapper

    from stdcheck.fix.base import Fix

FixClass = TypeVar("FixClass", bound=AnyFix)
"""A kind of fix class: all of them, or libcst's."""
MAX_PASSES = 10
"""Passes over a file before the fixes are declared not to settle."""


@dataclass
class Fixed:
    """The outcome of fixing one file's text.

    Attributes:
        path: The file, as shown to the user.
        before: The text as read.
        after: The fixed text (``before`` when nothing was fixed).
        findings: What remains after fixing, as ``check`` reports it.
        found: The findings of the text as read.
        fixed: How many findings the fixes removed.
        errors: Fixes refused by verification or crashed, and a loop
            that did not settle; the text is never changed by those.
        notes: Findings left for a human because their fix would add
            a finding (not errors: the findings are reported as left).
        hidden: How many findings left the baseline hid (they are
            not in ``findings``).
    """

    path: str
    before: str
    after: str
    findings: list[Finding] = field(default_factory=list)
    found: list[Finding] = field(default_factory=list)
    fixed: int = 0
    errors: list[FileError] = field(default_factory=list)
    notes: list[FileError] = field(default_factory=list)
    hidden: int = 0

    @property
    def changed(self) -> bool:
        """Return whether fixing changed the text."""
        return self.after != self.before

    def diff(self) -> str:
        """Return the change as a unified diff ("" if none)."""
        diff = difflib.unified_diff(
            lines(self.before), lines(self.after), self.path, self.path
        )
        return "".join(
            line if line.endswith(("\n", "\r")) else
            line + "\n\\ No newline at end of file\n"
            for line in diff
        )


def fix_source(
    text: str,
    path: str,
    config: Config,
    unsafe: bool = False,
    outside: Collection[str] = frozenset(),
    focus: FileFocus | None = None,
    found: Sequence[Finding] | None = None,
) -> Fixed:
    """Fix source text until no allowed fix changes it any more.

    Each pass runs, in code order, every fix that has allowed
    findings, on the text as the previous fix left it (re-checked, so
    positions are current). A result is kept only if it passes the
    fix's verification. Passes repeat until one changes nothing; after
    :data:`MAX_PASSES` the text is returned unchanged, with an error.

    A text is parsed with libcst once, and its metadata resolved once,
    for all the fixes that run on it; the fixes of a pass run on the
    same text and their results are combined where they are apart
    (:meth:`_Fixer.together`).

    Args:
        text: The decoded source.
        path: The path shown in findings (and matched by config globs).
        config: The configuration that applies.
        unsafe: Whether to apply unsafe fixes too.
        outside: Names other files fixed in the same run take from
            modules (:mod:`stdcheck.fix.run_names`).
        focus: Findings to leave alone and not report (those the
            baseline holds, or off the changed lines); None: none.
        found: What checking this text with this configuration gives,
            if the caller has it (it is not checked again).

    Returns:
        The fixed text, what remains, and any refused fix.

    Raises:
        SourceError: If the original text cannot be checked.
    """  # noqa: STD407  (raised by check_source)
    load()
    if found is None:
        found = check_source(text, path, config, outside)
        if any(finding.fixable(unsafe) for finding in found):
            remember(text, context_of(text, path, config))
    result = Fixed(path, text, text, list(found), list(found))
    fixer = _Fixer(result, config, unsafe, outside, focus or FileFocus())
    return fixer.run()


class _UnparsableError(Exception):
    """libcst cannot parse the text: no fix can run on it."""


class _DriftError(FixCrashError):
    """A fix changes a line next to one libcst renders otherwise."""


class _Fixer:
    """The state of fixing one text: result so far, refused fixes."""

    def __init__(
        self,
        result: Fixed,
        config: Config,
        unsafe: bool,
        outside: Collection[str],
        focus: FileFocus,
    ) -> None:
        """Start from the checked original text."""
        self.result = result
        self.config = config
        self.unsafe = unsafe
        self.outside = outside
        self.focus = focus
        self.refused: set[AnyFix] = set()
        self.for_a_human: set[tuple[str, str]] = set()
        self.offered: set[tuple[str, str]] = set()
        """The findings offered to their fix in this pass (as
        :func:`_where` knows them)."""
        self.parsed: MetadataWrapper | None = None
        self.drifts: bool | None = None
        """Whether libcst renders the text otherwise than written
        (known once it is first parsed; a text a fix made drifts only
        where the original did, and is then rendered again)."""
        self.rendered: tuple[str, str] | None = None
        """The last text parsed, and libcst's rendering of it."""

    def run(self) -> Fixed:
        """Make passes until the text settles (bounded).

        It has settled when a pass changes nothing, or when every
        finding a fix could take after a pass was offered to its fix
        in that pass (the fixes declined it: the next pass would
        change nothing; proving it would cost a pass).
        """
        result = self.result
        start = self.focus
        try:
            for _ in range(MAX_PASSES):
                self.offered = set()
                if not self.one_pass() or self.settled():
                    break
            else:
                result.errors.append(FileError(
                    result.path, f"fixes did not settle after {MAX_PASSES} "
                    "passes (a bug in a fix); the file is left as it was"
                ))
                result.after, result.findings = result.before, result.found
                self.focus = start
                return self.shown()
        except _UnparsableError as error:
            result.errors.append(FileError(result.path, str(error)))
        result.fixed = _count_fixed(result.found, result.findings)
        return self.shown()

    def shown(self) -> Fixed:
        """Return the result with only the findings left to report.

        Findings left for a human are reported as not fixable: ``fix``
        declined them, so it does not promise them again.
        """
        result = self.result
        if self.for_a_human:
            text = lines(result.after)
            result.findings = [
                dataclasses.replace(finding, fix=FixSafety.NONE)
                if _where(finding, text) in self.for_a_human else finding
                for finding in result.findings
            ]
        if self.focus.active:
            result.findings, result.hidden = self.focus.select(
                result.findings, split_lines(result.after)
            )
        return result

    def in_focus(self) -> list[Finding]:
        """Return the current findings that fixes may touch."""
        findings = self.result.findings
        if not self.focus.active:
            return findings
        return self.focus.select(findings, split_lines(self.result.after))[0]

    def edited(self, text: str, findings: list[Finding]) -> None:
        """Take a new text and its findings; carry the focus over."""
        self.focus = self.focus.follow(self.result.after, text)
        self.result.after, self.result.findings = text, findings
        self.parsed = None

    def one_pass(self) -> bool:
        """Run each fix that has allowed findings; return if changed.

        Of the libcst fixes, those that read only their findings'
        statements run first, on those statements alone
        (:meth:`in_regions`); then those whose verification modes
        combine, in one traversal (:meth:`batched`); the others, those
        deferred there and all of them if that result is not taken, are
        then run together on one text (:meth:`together`), but for those
        with a region, and those that could not be combined one after
        the other. The text fixes
        (:class:`~stdcheck.fix.text.TextFix`) run last, on the result,
        together where their lines are apart (:meth:`on_text`), and
        one after the other where not (:meth:`apply`); when one libcst
        fix is left to run alone, the text fixes apart from it run in
        its step (:meth:`with_text`).
        """
        fixes = _fixes(self.in_focus(), self.unsafe, self.refused)
        on_text: list[AnyFix] = [
            fix for fix in fixes if issubclass(fix, TextFix)
        ]
        on_tree = [
            cast("type[Fix]", fix) for fix in fixes
            if not issubclass(fix, TextFix)
        ]
        changed, later = False, on_tree
        regional = [
            fix for fix in on_tree
            if fix.region and fix.verify in COMBINABLE
        ]
        rest = [fix for fix in on_tree if fix not in regional]
        last = rest[0] if len(rest) == 1 and rest[0].region else None
        # With no other libcst fix to run first, the text fixes join in.
        joining = on_text if not rest or last else []
        outcome = (
            self.in_regions(regional, joining, last) if regional else None
        )
        if outcome is not None:
            changed, left = outcome
            on_tree = later = [
                fix for fix in on_tree
                if fix not in regional and fix is not last or fix in left
            ]
            on_text = [
                fix for fix in on_text if fix not in joining or fix in left
            ]
        batchable = [fix for fix in on_tree if fix.verify in COMBINABLE]
        if len(batchable) > 1:
            changed, deferred = self.batched(batchable)
            later = [
                fix for fix in on_tree
                if fix not in batchable or fix in deferred
            ]
        # A fix with a region runs alone there: cheaper than here.
        whole = [fix for fix in later if not fix.region]
        if len(whole) > 1:
            together, rest = self.together(whole)
            later = [fix for fix in later if fix.region or fix in rest]
            changed = together or changed
        if len(later) == 1 and on_text:
            step = self.with_text(later[0], on_text)
            if step is not None:
                changed, on_text = step[0] or changed, step[1]
                later = []
        for fix in later:
            chosen = self.chosen(fix)
            if chosen:
                changed = self.apply(fix, chosen) or changed
        alone: list[AnyFix] = [
            fix for fix in on_text if fix not in self.refused
        ]
        if len(alone) > 1:
            together, alone = self.on_text(alone)
            changed = together or changed
        for text_fix in alone:
            chosen = self.chosen(text_fix)
            if chosen:
                changed = self.apply(text_fix, chosen) or changed
        return changed

    def on_text(self, fixes: list[AnyFix]) -> tuple[bool, list[AnyFix]]:
        """Run text fixes on the current text at once; verify once.

        Each fix's lines are taken where they are apart from those of
        the fixes before it; the combination is verified against all
        their modes and re-checked once. If it is refused or adds a
        finding, nothing is taken and every fix runs alone
        (:meth:`apply`, where the cause is traced to one fix).

        Args:
            fixes: The text fixes of the pass, in order.

        Returns:
            Whether the text changed, and the fixes left to run alone.
        """
        text = self.result.after
        edits = Edits(lines(text), adjacent=True)
        taken, later = self.text_edits(edits, fixes)
        return self.taken(fixes, taken, edits.text(edits.taken), later)

    def with_text(
        self, fix: type[Fix], text_fixes: Sequence[AnyFix]
    ) -> tuple[bool, list[AnyFix]] | None:
        """Run a fix and the text fixes after it as one step, if apart.

        The text fixes run on the current text, as the fix does; their
        changes are taken where apart from the fix's
        (:meth:`text_edits`). The result is verified in two stages (the
        text fixes' on the current text, the fix's from there on) and
        checked once. If nothing is taken, or the result is refused or
        adds a finding, nothing changes: the fix and the text fixes then
        run one after the other, as alone (where a refusal or a finding
        is traced).

        Args:
            fix: The one libcst fix left to run in the pass.
            text_fixes: The pass's text fixes, in order.

        Returns:
            Whether the text changed, and the text fixes left to run;
            None if the fix and the text fixes are to run as alone.
        """
        text = self.result.after
        chosen = self.chosen(fix)
        if not chosen:
            return None
        try:
            made = self.made(fix, chosen)
        except FixCrashError:
            return None
        if made == text:  # as alone: done, the text fixes to run
            return False, list(text_fixes)
        text_lines = lines(text)
        edits = Edits(text_lines, adjacent=True)
        edits.take(hunks(text_lines, lines(made)))
        own = set(edits.taken)
        taken, later = self.text_edits(edits, [
            text_fix for text_fix in text_fixes
            if text_fix not in self.refused
        ])
        if not taken or not own:  # as alone, from what it made
            return self.apply(fix, chosen, made), list(text_fixes)
        theirs = Edits(text_lines).text(
            [hunk for hunk in edits.taken if hunk not in own]
        )
        outcome = self.accepted(
            [fix], text, write.same_newlines(edits.text(edits.taken), text),
            first=(taken, write.same_newlines(theirs, text)),
        )
        if not isinstance(outcome, tuple):
            return None
        self.edited(*outcome)
        return True, later

    def text_edits(
        self, edits: Edits, fixes: Sequence[AnyFix]
    ) -> tuple[list[AnyFix], list[AnyFix]]:
        """Add text fixes' changes of the current text, where apart.

        Args:
            edits: The changes taken so far (of the current text).
            fixes: Text fixes, in order.

        Returns:
            The fixes whose changes were taken, and those to run alone
            (too near a change taken, or crashed: :meth:`apply` says).
        """
        taken: list[AnyFix] = []
        later: list[AnyFix] = []
        for fix in fixes:
            chosen = self.chosen(fix)
            if not chosen:
                continue
            try:
                combined = edits.combined(self.made(fix, chosen))
            except FixCrashError:
                combined = None
            if combined is None:
                later.append(fix)
                continue
            edits.take(combined[1])
            taken.append(fix)
        return taken, later

    def batched(
        self, fixes: list[type[Fix]]
    ) -> tuple[bool, list[type[Fix]]]:
        """Run fixes in one traversal; take the result if it is clean.

        The result is taken if it passes the verification of all the
        fixes' modes at once and adds no finding; otherwise nothing is
        taken and every fix is left to run again (where a refusal or
        an added finding is traced to one fix).

        Args:
            fixes: Fixes whose modes are in :data:`COMBINABLE`.

        Returns:
            Whether the text changed, and the fixes left to run.
        """
        from stdcheck.fix import apply

        result = self.result
        text = result.after
        parsed = self.parse(text)
        try:
            code, deferred = apply.run_together(
                [(fix, self.chosen(fix)) for fix in fixes], parsed,
                result.path, self.config,
            )
        except apply.FixCrashError:
            return False, fixes
        own = self.own(code)
        if own is None:
            return False, fixes
        return self.taken(fixes, fixes, own, deferred)

    def taken(
        self,
        fixes: list[FixClass],
        ran: Sequence[AnyFix],
        new_text: str,
        left: list[FixClass],
    ) -> tuple[bool, list[FixClass]]:
        """Take a result of some fixes run together, if it is clean.

        Args:
            fixes: The fixes of the step.
            ran: Those that made the result.
            new_text: The result.
            left: The fixes to run after, if it is taken.

        Returns:
            Whether the text changed, and the fixes left to run (all of
            them if the result is not taken).
        """
        text = self.result.after
        if new_text == text:
            return False, left
        remaining = self.clean(ran, text, new_text)
        if remaining is None:
            return False, fixes
        self.edited(new_text, remaining)
        return True, left

    def in_regions(
        self,
        fixes: list[type[Fix]],
        text_fixes: Sequence[AnyFix] = (),
        last: type[Fix] | None = None,
    ) -> tuple[bool, list[AnyFix]] | None:
        """Run fixes on the statements holding their findings alone.

        The fixes run as :meth:`regional` says; text fixes whose changes
        are apart from theirs join in (:meth:`text_edits`). The result
        is verified and re-checked once, as :meth:`batched` does with
        the whole module. If it adds a finding, each fix runs alone
        (:meth:`apply`, still in its regions), where the finding is
        traced to the findings whose fix made it.

        Args:
            fixes: Fixes with a :attr:`~stdcheck.fix.base.Fix.region`,
                whose modes are in :data:`COMBINABLE`.
            text_fixes: Text fixes to run on the same text.
            last: A fix with a region whose mode does not combine, to
                run after them in the same step where its regions are
                apart from their changes (:meth:`with_last`); else it
                and the text fixes are left to run after this step.

        Returns:
            Whether the text changed, and the fixes left to run; None
            if :meth:`regional` gives nothing or the result is refused
            (the fixes then run on the whole module).
        """
        text = self.result.after
        cut = self.regional([(fix, self.chosen(fix)) for fix in fixes])
        if cut is None:
            return None
        changes, deferred = cut
        edits = Edits(lines(text), adjacent=True)
        edits.take(changes)
        held: list[AnyFix] = []
        if last is not None:
            step = None if deferred else self.with_last(
                edits, fixes, last, text_fixes
            )
            if step is not None:
                return step
            held, text_fixes = [last, *text_fixes], ()
        taken, later = self.text_edits(edits, text_fixes)
        new_text = write.same_newlines(edits.text(edits.taken), text)
        left = [fix for fix in fixes if fix in deferred] + later + held
        if new_text == text:
            return False, left
        outcome = self.accepted([*fixes, *taken], text, new_text)
        if isinstance(outcome, str):
            return None
        if isinstance(outcome, dict):  # adds a finding: trace it
            changed = False
            for fix in [*fixes, *taken]:
                chosen = self.chosen(fix)
                if chosen:
                    changed = self.apply(fix, chosen) or changed
            return changed, later + held  # the others have just run alone
        self.edited(*outcome)
        return True, left

    def with_last(
        self,
        edits: Edits,
        fixes: list[type[Fix]],
        last: type[Fix],
        text_fixes: Sequence[AnyFix],
    ) -> tuple[bool, list[AnyFix]] | None:
        """Run one more fix in its regions, in the regional fixes' step.

        Taken only if its regions hold none of their changes (so it
        reads what it would read after them, and runs once), with the
        text fixes apart from both. The result is verified in two
        stages, as :meth:`with_text` does (the regional and text
        fixes', then the last fix's from there on), and checked once.

        Args:
            edits: The regional fixes' changes of the current text.
            fixes: The regional fixes.
            last: The fix to run after them.
            text_fixes: The pass's text fixes, in order.

        Returns:
            Whether the text changed, and the fixes left to run; None
            if the last fix cannot join, or the result is refused or
            adds a finding (the step then runs without it).
        """
        text = self.result.after
        chosen = [(last, self.chosen(last))]
        spans = self.spans(chosen)
        if not chosen[0][1] or spans is None or any(
            Hunk(span.first - 1, span.last, ()).overlaps(hunk)
            for span in spans for hunk in edits.taken
        ):
            return None
        cut = self.regional(chosen, spans)
        if cut is None or cut[1]:
            return None
        own = cut[0]
        joint = Edits(edits.base, [*own, *edits.taken], adjacent=True)
        taken, later = self.text_edits(joint, text_fixes)
        new_text = write.same_newlines(joint.text(joint.taken), text)
        if new_text == text:
            return False, later
        before_last = joint.text(joint.taken[len(own):])
        outcome = self.accepted(
            [last], text, new_text,
            first=([*fixes, *taken], write.same_newlines(before_last, text)),
        ) if own else self.accepted([*fixes, *taken], text, new_text)
        if not isinstance(outcome, tuple):
            return None
        self.edited(*outcome)
        return True, later

    def spans(
        self, chosen: list[tuple[type[Fix], list[Finding]]]
    ) -> list[Region] | None:
        """Return the regions of fixes' findings in the current text.

        Args:
            chosen: Each fix, with its findings in the current text.

        Returns:
            The regions (:func:`~stdcheck.fix.regions.regions`); None if
            one cannot be cut out.
        """
        text = self.result.after
        tree = syntax_tree(text)
        return None if tree is None else regions(tree, lines(text), [
            (finding.line, fix.region_of(finding, text))
            for fix, found in chosen for finding in found
        ])

    def regional(
        self,
        chosen: list[tuple[type[Fix], list[Finding]]],
        spans: list[Region] | None = None,
    ) -> tuple[list[Hunk], set[type[Fix]]] | None:
        """Return what fixes make of their findings' regions alone.

        Each region (:meth:`spans`) is parsed on its own and the fixes
        run on it in one traversal, with their findings' lines moved to
        the region's; the regions' results are put back into the text.

        Args:
            chosen: Each fix, with its findings in the current text.
            spans: Their regions, if known.

        Returns:
            The changes of the current text, and the fixes with a change
            not taken there; None if a region cannot be cut out, libcst
            renders one not as written, or a fix crashes.
        """
        from stdcheck.fix import apply

        text = self.result.after
        text_lines = lines(text)
        if spans is None:
            spans = self.spans(chosen)
        if spans is None:
            return None
        changes: list[Hunk] = []
        deferred: set[type[Fix]] = set()
        for region in spans:
            source = region.text(text_lines)
            inside = [(fix, moved(found, region)) for fix, found in chosen]
            try:
                parsed = apply.parse(source)
                if apply.render(parsed) != source:
                    return None
                code, later = apply.run_together(
                    [(fix, found) for fix, found in inside if found],
                    parsed, self.result.path, self.config,
                )
            except apply.FixCrashError:
                return None
            deferred.update(later)
            new = region.lines_of(code)
            if new is None:
                return None
            start = region.first - 1
            changes += [
                Hunk(hunk.start + start, hunk.end + start, hunk.new)
                for hunk in hunks(text_lines[start:region.last], new)
            ]
        return changes, deferred

    def clean(
        self, fixes: Sequence[AnyFix], text: str, new_text: str
    ) -> list[Finding] | None:
        """Return a result's findings, if verified and adding none."""
        outcome = self.accepted(fixes, text, new_text)
        return outcome[1] if isinstance(outcome, tuple) else None

    def own(self, code: str) -> str | None:
        """Return a fix's code as a change of the current text.

        libcst renders a few texts not quite as written (it drops the
        space in ``except (A, B) :``), so every fix's result would
        change those lines too: where it does, the fix's changes are
        carried over to the text as written
        (:func:`~stdcheck.fix.merge.rebase`). None if they cannot be
        (a change next to such a line): never libcst's rendering.
        """
        text = self.result.after
        new_text = write.same_newlines(code, text)
        if not self.drifts or self.rendered is None:
            return new_text
        rendered = write.same_newlines(self.rendered[1], text)
        return rebase(text, rendered, new_text)

    def chosen(self, fix: AnyFix) -> list[Finding]:
        """Return a fix's allowed findings in the current text."""
        text = lines(self.result.after)
        found = [
            finding for finding in self.in_focus()
            if finding.fixable(self.unsafe) and fix_for(finding.code) is fix
            and _where(finding, text) not in self.for_a_human
        ]
        self.offered.update(_where(finding, text) for finding in found)
        return found

    def settled(self) -> bool:
        """Return whether every finding a fix could take was offered."""
        text = lines(self.result.after)
        return all(
            _where(finding, text) in self.offered
            for finding in self.in_focus()
            if finding.fixable(self.unsafe)
            and fix_for(finding.code) not in self.refused
        )

    def together(
        self, fixes: list[type[Fix]]
    ) -> tuple[bool, list[type[Fix]]]:
        """Run fixes on the current text at once, combining results.

        Every fix runs on the same parsed text (metadata resolved once)
        with its findings there, and the results are combined
        (:meth:`combined`); the combination is re-checked once. A fix
        that crashes, is refused, comes too close, or whose changes
        add a finding is left for :meth:`apply`, on the combined text
        (for the last, the combination is made again without it).

        Args:
            fixes: The fixes with allowed findings, in order.

        Returns:
            Whether the text changed, and the fixes left to run.
        """
        from stdcheck.fix import apply

        result = self.result
        text = result.after
        parsed = self.parse(text)
        results: list[tuple[type[Fix], str]] = []
        later: list[type[Fix]] = []
        for fix in fixes:
            try:
                code = apply.run(
                    fix, parsed, self.chosen(fix), result.path, self.config
                )
            except apply.FixCrashError:
                later.append(fix)
                continue
            new_text = self.own(code)
            if new_text is None:
                later.append(fix)
            elif new_text != text:
                results.append((fix, new_text))
        while results:
            current, taken, owners = self.combined(text, results)
            if current == text:
                break
            try:
                remaining = check_source(
                    current, result.path, self.config, self.outside
                )
            except SourceError:
                return False, fixes
            blamed = {
                owners[hunk]
                for hunk in created(
                    taken, result.findings, remaining, lines(text)
                )
            }
            if not blamed:
                self.edited(current, remaining)
                untaken = {fix for fix, _ in results} - set(owners.values())
                return True, [
                    fix for fix in fixes if fix in later or fix in untaken
                ]
            later += blamed  # alone, to find which finding to leave
            results = [item for item in results if item[0] not in blamed]
        return False, [
            fix for fix in fixes
            if fix in later or any(fix is done for done, _ in results)
        ]

    def combined(
        self, text: str, results: list[tuple[type[Fix], str]]
    ) -> tuple[str, list[Hunk], dict[Hunk, type[Fix]]]:
        """Combine fix results made on one text, where they are apart.

        A result is taken if no line it changes is next to one those
        taken before it change, and if it passes the fix's verification
        against them (as if the fix had run after them).

        Args:
            text: The text the fixes ran on.
            results: Each fix and its result, in order.

        Returns:
            The combined text, its hunks, and the fix of each hunk.
        """
        current = text
        edits = Edits(lines(text))
        owners: dict[Hunk, type[Fix]] = {}
        for fix, new_text in results:
            combined = edits.combined(new_text)
            if combined is None or refusal(
                fix.verify, current, combined[0]
            ) is not None:
                continue
            current = combined[0]
            edits.take(combined[1])
            owners.update((hunk, fix) for hunk in combined[1])
        return current, edits.taken, owners

    def parse(self, text: str) -> MetadataWrapper:
        """Return the current text parsed (once) by libcst.

        Args:
            text: The current text.

        Returns:
            Its tree, with the metadata fixes resolved on it so far.

        Raises:
            _UnparsableError: If libcst cannot parse it (no fix can
                run on this file).
        """
        from stdcheck.fix import apply

        if self.parsed is None:
            try:
                self.parsed = apply.parse(text)
                if self.drifts is not False:
                    rendered = apply.render(self.parsed)
                    self.drifts = rendered != text
                    self.rendered = text, rendered
            except apply.FixCrashError as error:
                raise _UnparsableError(str(error)) from None
        return self.parsed

    def apply(
        self, fix: AnyFix, findings: list[Finding], made: str | None = None
    ) -> bool:
        """Run one fix on the current text, verify it and re-check.

        A crash or a failed verification is recorded as an error, the
        fix is not run again on this file, and the text is unchanged.
        A result with a finding the text did not have on lines the fix
        changed is not taken either: the fix runs again without the
        findings on those lines, which are reported as needing a human
        (if it still adds one, it is refused).

        Args:
            fix: The fix to run.
            findings: Its findings in the current text.
            made: What it makes of them, if known (:meth:`made`).

        Returns:
            Whether the text changed.
        """
        result = self.result
        text = result.after
        codes = ", ".join(sorted({finding.code for finding in findings}))
        left: list[Finding] = []
        while True:
            try:
                new_text = self.made(fix, findings) if made is None else made
                made = None
            except _DriftError as error:
                reason = f"{error}: left for a human"
                return self.leave(fix, findings, codes, reason)
            except FixCrashError as error:
                return self.refuse(fix, f"{error} (fixing {codes})")
            if new_text == text:
                return False
            outcome = self.accepted([fix], text, new_text)
            if not isinstance(outcome, dict) or fix.all_or_none:
                break
            kept = [
                finding for finding in findings
                if not any(
                    hunk.start < finding.line <= max(hunk.end, hunk.start + 1)
                    for hunk in outcome
                )
            ]
            if len(kept) == len(findings) > 1 and fix.independent:
                kept = self.apart_from(fix, findings, outcome)
            if not kept or len(kept) == len(findings):
                break
            left += [finding for finding in findings if finding not in kept]
            findings = kept
        if isinstance(outcome, dict):
            return self.leave(fix, findings, codes, _needs_a_human(outcome))
        if isinstance(outcome, str):
            return self.refuse(
                fix, f"fix {fix.__name__} ({codes}) refused: {outcome}"
            )
        for finding in left:
            self.for_a_human.add(_where(finding, lines(text)))
            result.notes.append(FileError(
                result.path, f"{finding.code} on line {finding.line} left "
                f"for a human: fix {fix.__name__} would add a finding",
            ))
        self.edited(*outcome)
        return True

    def apart_from(
        self, fix: AnyFix, findings: list[Finding], blamed: Iterable[Hunk]
    ) -> list[Finding]:
        """Return the findings whose own changes make no blamed hunk.

        A fix whose findings are independent may change lines far from
        a finding (a rename changes every use of the name): each
        finding is fixed alone on the same text, and blamed if its
        changes meet a blamed hunk.

        Args:
            fix: The fix whose result added findings.
            findings: The findings it was given.
            blamed: The hunks of that result that added findings.

        Returns:
            The findings not blamed, in order.
        """
        text_lines = lines(self.result.after)
        spans = [
            (hunk.start, max(hunk.end, hunk.start + 1)) for hunk in blamed
        ]
        kept = []
        for finding in findings:
            try:
                alone = lines(self.made(fix, [finding]))
            except FixCrashError:
                continue
            if not any(
                start < max(hunk.end, hunk.start + 1) and hunk.start < end
                for hunk in hunks(text_lines, alone)
                for start, end in spans
            ):
                kept.append(finding)
        return kept

    def made(self, fix: AnyFix, findings: list[Finding]) -> str:
        """Return what one fix makes of the current text.

        A fix with a :attr:`~stdcheck.fix.base.Fix.region` runs on its
        findings' regions alone where it can (:meth:`regional`).

        Args:
            fix: The fix to run.
            findings: Its findings in the current text.

        Raises:
            FixCrashError: If the fix raised, or changes a line next to
                one libcst writes otherwise than the file has it.
        """  # noqa: STD407  (raised by guarded and apply.run)
        text = self.result.after
        if issubclass(fix, TextFix):
            made = fix(findings, self.config, self.result.path)
            return guarded(fix.__name__, lambda: made.fixed(text))
        from stdcheck.fix import apply

        tree_fix = cast("type[Fix]", fix)
        if tree_fix.region:
            cut = self.regional([(tree_fix, findings)])
            if cut is not None and not cut[1]:
                edited = Edits(lines(text)).text(cut[0])
                return write.same_newlines(edited, text)
        code = apply.run(
            tree_fix, self.parse(text), findings, self.result.path,
            self.config,
        )
        own = self.own(code)
        if own is None:
            raise _DriftError(
                "libcst does not write a line next to its change as the "
                "file has it (a form feed, the last carriage return)"
            )
        return own

    def accepted(
        self,
        fixes: Sequence[AnyFix],
        text: str,
        new_text: str,
        first: tuple[Sequence[AnyFix], str] | None = None,
    ) -> tuple[str, list[Finding]] | dict[Hunk, list[Finding]] | str:
        """Return some fixes' result and its findings, if acceptable.

        Args:
            fixes: The fixes that made the result (verified together).
            text: The current text.
            new_text: Their result.
            first: Other fixes whose changes, apart from those, are in
                the result too, and the text they alone made of the
                current one (verified first, the rest from there on).

        Returns:
            The result and its findings; or the findings it adds on
            the lines it changed, by change; or why it is refused (it
            fails verification or cannot be checked).
        """
        stages = [*([first] if first else []), (fixes, new_text)]
        try:
            remaining = check_source(
                new_text, self.result.path, self.config, self.outside
            )
        except SourceError as error:
            reason = _refusal(stages, text)
            return reason or f"the result cannot be checked: {error.message}"
        remember(new_text, context_of(new_text, self.result.path, self.config))
        reason = _refusal(stages, text)
        if reason is not None:
            return reason
        if not surplus(self.result.findings, remaining):
            return new_text, remaining
        before = lines(text)
        changes = hunks(before, lines(new_text))
        added = created(changes, self.result.findings, remaining, before)
        return added or (new_text, remaining)

    def leave(
        self, fix: AnyFix, findings: list[Finding], codes: str, reason: str
    ) -> bool:
        """Leave a fix's findings for a human (a note); return False.

        The fix is not run again on this file, and its findings are
        reported as not fixable.
        """
        text = lines(self.result.after)
        self.refused.add(fix)
        self.for_a_human.update(_where(finding, text) for finding in findings)
        self.result.notes.append(FileError(self.result.path, (
            f"fix {fix.__name__} ({codes}) not applied: {reason}"
        )))
        return False

    def refuse(self, fix: AnyFix, reason: str) -> bool:
        """Record a fix whose result is dropped; return False."""
        self.refused.add(fix)
        self.result.errors.append(FileError(
            self.result.path,
            f"{reason}; the file is left as it was before this fix",
        ))
        return False


def _refusal(
    stages: Sequence[tuple[Sequence[AnyFix], str]], text: str
) -> str | None:
    """Return why a result made in stages is refused (None: it is not).

    Each stage's fixes are verified together, from the text the stage
    before left.
    """
    before = text
    for fixes, after in stages:
        reason = refusal_of_all({fix.verify for fix in fixes}, before, after)
        if reason is not None:
            return reason
        before = after
    return None


def _fixes(
    findings: Iterable[Finding], unsafe: bool, refused: set[AnyFix]
) -> list[AnyFix]:
    """Return the fixes with allowed findings, by stage and first code.

    Only here is a fix module imported, and only for a finding whose
    safety allows a fix (so files without one never load libcst).
    """
    found: list[AnyFix] = []
    for code in sorted({f.code for f in findings if f.fixable(unsafe)}):
        fix = fix_for(code)
        if fix is not None and fix not in refused and fix not in found:
            found.append(fix)
    found.sort(key=lambda fix: fix.stage)
    return found


def moved(found: list[Finding], region: Region) -> list[Finding]:
    """Return the findings inside a region, at its lines."""
    shift = region.offset()
    return [
        dataclasses.replace(
            finding, line=finding.line + shift,
            end_line=None if finding.end_line is None
            else finding.end_line + shift,
        )
        for finding in found
        if region.first <= finding.line <= region.last
    ]


def _where(finding: Finding, text: list[str]) -> tuple[str, str]:
    """Return a finding's code and line (known across passes)."""
    line = text[finding.line - 1] if finding.line <= len(text) else ""
    return finding.code, line.strip()


def _needs_a_human(added: dict[Hunk, list[Finding]]) -> str:
    """Describe the findings a fix would add (left for a human)."""
    found = sorted(finding for more in added.values() for finding in more)
    where = ", ".join(
        f"{finding.code} on line {finding.line}" for finding in found[:3]
    )
    more = " ..." if len(found) > 3 else ""
    return f"would add {where}{more}: left for a human"


def _count_fixed(before: list[Finding], after: list[Finding]) -> int:
    """Count findings gone, code by code (new findings do not count)."""
    old = collections.Counter(finding.code for finding in before)
    new = collections.Counter(finding.code for finding in after)
    return sum((old - new).values())


@dataclass
class FileFix:
    """One file's fix, with what is needed to write it back.

    Attributes:
        fixed: The fixed text and what remains (None if unreadable).
        error: Why the file could not be read or checked.
        decoded: How the file was decoded.
        snapshot: The file's bytes and stat as read.
    """

    path: str
    fixed: Fixed | None = None
    error: FileError | None = None
    decoded: Decoded | None = None
    snapshot: write.Snapshot | None = None


def decode_for_fixing(data: bytes) -> Decoded:
    """Decode a file's bytes for fixing (as checking does, stricter).

    Args:
        data: The file's bytes.

    Returns:
        The decoded text.

    Raises:
        SourceError: If the bytes cannot be decoded, or hold bytes the
            declared encoding cannot decode (in comments, which CPython
            and checking accept, but no fix could keep).
    """
    decoded = decode(data)
    if decoded.errors != "strict":
        raise SourceError(
            f"has comments that are not valid {decoded.encoding} "
            "(checked, not fixed)"
        )
    return decoded


def fix_file(
    path: str,
    config: Config,
    unsafe: bool = False,
    outside: Collection[str] = frozenset(),
    focus: FileFocus | None = None,
) -> FileFix:
    """Read and fix a file, writing nothing.

    Args:
        path: The file, as shown to the user.
        config: The configuration that applies to it.
        unsafe: Whether to apply unsafe fixes too.
        outside: Names the run's other files take from modules.
        focus: Findings to leave alone and not report.

    Returns:
        The outcome; :func:`save` writes it. A bug of stdcheck's met
        while fixing the file is its error too: the file is left as it
        was, and the run goes on with the others.
    """
    try:
        snapshot = write.Snapshot.take(path)
        decoded = decode_for_fixing(snapshot.data)
        fixed = fix_source(
            decoded.text, path, config, unsafe, outside, focus
        )
    except SourceError as error:
        return FileFix(path, error=error.for_path(path))
    except Exception as error:  # noqa: BLE001,STD602  (one error line)
        raise_hidden_interrupt(error)
        return FileFix(path, error=FileError(
            path, f"{internal_error(error)}; the file is left as it was"
        ))
    return FileFix(path, fixed, None, decoded, snapshot)


def save(outcome: FileFix) -> FileError | None:
    """Write a fixed file back atomically, if it changed.

    Args:
        outcome: The file's fix.

    Returns:
        None on success (or nothing to write), else why not written.
    """
    fixed, decoded, snapshot = outcome.fixed, outcome.decoded, outcome.snapshot
    if fixed is None or decoded is None or snapshot is None:
        return None
    if not fixed.changed:
        return None
    try:
        write.replace(
            os.fspath(outcome.path), write.encode(fixed.after, decoded),
            snapshot,
        )
    except write.WriteError as error:
        return FileError(outcome.path, str(error))
    return None
