"""STD1xx fixes made on the text alone: prose, operators, blank lines.

Both are computed from the facts the check reads. The check fills the
paragraph around a long comment or docstring line to decide that its
finding is fixable (:func:`~stdcheck.rules.layout.checks.rewrap_at`);
the rewrap replaces the paragraph's lines with that filling. The
blank-line rules count the blank lines above each statement of the
layout scan; their fix sets those runs. No libcst: a file whose only
fixable findings are these is fixed without it.
"""

from __future__ import annotations

import ast
import functools
import itertools
from collections.abc import Iterator

from stdcheck.core.ast_fields import all_statements
from stdcheck.core.engine import context_of
from stdcheck.fix.merge import Hunk
from stdcheck.fix.text import TextFix
from stdcheck.fix.verify import DOCUMENTED, Verify
from stdcheck.rules.layout.checks import Scope, docstring_spans, rewrap_at
from stdcheck.rules.layout.operators import moved_break
from stdcheck.rules.layout.scan import Statement
from stdcheck.rules.layout.text import layout_facts
from stdcheck.rules.layout.wrap import Memo, Rewrap


class RewrapProse(TextFix):
    """Rewraps comment and docstring paragraphs to fit (STD102).

    The paragraphs are found and filled by the code the check uses to
    decide that a finding is fixable; each paragraph's lines are
    replaced by the filled ones, with the line ending of its last line.
    """

    codes = ("STD102",)
    verify = Verify.SAME_AST_BUT_DOCSTRINGS
    stage = 1
    """After the fixes that change a docstring's structure (STD404
    adds the blank line after a summary the rewrap must not join)."""

    def changes(self, text: str, text_lines: list[str]) -> list[Hunk]:
        """Return each reported paragraph's lines, rewrapped.

        Args:
            text: The text.
            text_lines: Its lines, endings kept.

        Returns:
            One replacement per paragraph.
        """
        ctx = context_of(text, self.filename, self.config)
        found = ctx.fact(layout_facts)
        memo = Memo()
        spans = functools.cache(
            lambda: docstring_spans(ctx, _documented(ctx.tree))
        )
        edits: dict[int, Rewrap] = {}
        for finding in self.findings:
            edit = rewrap_at(ctx, finding.line, found, spans, memo)
            if edit is not None:
                edits[edit.first] = edit
        return [
            Hunk(edit.first - 1, edit.last, tuple(
                line + _ending(text_lines[edit.last - 1])
                for line in edit.text
            ))
            for edit in edits.values()
        ]


class BlankLines(TextFix):
    """Sets the blank lines around definitions (STD106-STD108).

    A statement's *leading lines* are the blank and comment lines
    between it and the statement before, less the comments that close
    an indented block above (a comment indented at least as deep as a
    block ending there belongs to it, with the lines before it, as
    libcst's block footer does). For a definition reported by STD106
    (STD107), the comments directly above it stay with it and the
    blank run above them becomes exactly 2 (1); longer runs higher in
    its leading lines are shortened to that. A run reported by STD108
    is shortened to 2 at column 0, else 1. Comment lines are never
    removed; a run keeps its first lines (and every form feed) and gains
    new ones at its end.
    """

    codes = ("STD106", "STD107", "STD108")
    verify = Verify.SAME_AST

    def changes(self, text: str, text_lines: list[str]) -> list[Hunk]:
        """Return each changed run of blank lines.

        Args:
            text: The text.
            text_lines: Its lines, endings kept.

        Returns:
            One replacement per run, keyed on the line below it.
        """
        ctx = context_of(text, self.filename, self.config)
        statements = ctx.fact(layout_facts).statements
        index_of = {
            statement.line: index
            for index, statement in enumerate(statements)
        }
        sizes: dict[int, int] = {}
        """The wanted size of the run above each line."""
        for finding in self.findings:
            index = index_of.get(finding.line)
            if index is None or finding.code == "STD108":
                continue
            wanted = 2 if finding.code == "STD106" else 1
            leading = _leading(statements, index)
            runs = [
                statement for statement in leading if statement.blank_lines
            ]
            for statement in runs[:-1]:
                sizes[statement.line] = min(statement.blank_lines, wanted)
            # With no run, one is made above the comments it keeps.
            sizes[(runs or leading)[-1 if runs else 0].line] = wanted
        for finding in self.findings:
            index = index_of.get(finding.line)
            if index is not None and finding.code == "STD108":
                statement = statements[index]
                most = 1 if statement.indent else 2
                sizes[finding.line] = min(
                    sizes.get(finding.line, statement.blank_lines), most
                )
        newline = _ending(text_lines[0]) or "\n"
        hunks = []
        for line, size in sizes.items():
            have = statements[index_of[line]].blank_lines
            if size != have:
                start = line - 1 - have
                run = text_lines[start:line - 1]
                kept = _kept_of_run(run, min(size, have))
                added = [newline] * (size - have)
                hunks.append(Hunk(start, line - 1, tuple(kept + added)))
        return hunks


class OperatorFirst(TextFix):
    """Breaks lines before binary and boolean operators (STD105).

    The check's layout scan found each operator that ends a line in
    brackets (``breaks``); each reported one has its break moved
    before it (:func:`~stdcheck.rules.layout.operators.moved_break`):
    ``(a +  # c`` then ``b)`` becomes ``(a  # c`` then ``+ b)``. The
    findings are taken from the last line up, so each line is cut where
    the check saw it.
    """

    codes = ("STD105",)
    verify = Verify.SAME_AST

    def changes(self, text: str, text_lines: list[str]) -> list[Hunk]:
        """Return each reported break, moved before its operator.

        Args:
            text: The text.
            text_lines: Its lines, endings kept.

        Returns:
            One replacement per run of lines the moves touch.
        """
        ctx = context_of(text, self.filename, self.config)
        breaks = {
            line: (col, operator)
            for line, col, operator in ctx.fact(layout_facts).breaks
        }
        new: list[str | None] = list(text_lines)
        """Each line as changed so far (None: joined to one above)."""
        touched: list[tuple[int, int]] = []
        for line in sorted({finding.line for finding in self.findings},
                           reverse=True):
            if line not in breaks:
                continue
            index = line - 1
            below: list[int] = []
            moved = moved_break(
                text_lines[index], *breaks[line], _kept(new, index, below)
            )
            if moved is None:
                continue
            replaced, count = moved
            spanned = [index, *below[:count]]
            for other, part in itertools.zip_longest(spanned, replaced):
                new[other] = part
            touched.append((index, spanned[-1]))
        return [
            Hunk(first, last + 1, tuple(
                part for part in new[first:last + 1] if part is not None
            ))
            for first, last in _merged(touched)
        ]


def _kept(
    new: list[str | None], index: int, seen: list[int]
) -> Iterator[str]:
    """Yield the lines after one (but those joined away), noted."""
    for other in range(index + 1, len(new)):
        part = new[other]
        if part is not None:
            seen.append(other)
            yield part


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return line spans with those that overlap or touch joined."""
    joined: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if joined and first <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


def _kept_of_run(run: list[str], count: int) -> list[str]:
    """Return the lines a run of blank lines keeps, in order.

    Its first ``count`` lines, but a line holding a form feed (a page
    break the author put there) is always kept, in place of one
    without.
    """
    breaks = sum("\f" in line for line in run)
    plain = max(count - breaks, 0)
    kept = []
    for line in run:
        if "\f" in line:
            kept.append(line)
        elif plain:
            kept.append(line)
            plain -= 1
    return kept


def _leading(statements: list[Statement], index: int) -> list[Statement]:
    """Return the statements whose runs above are one's leading lines.

    The comments after the statement before it are its leading lines
    but for those that close indented blocks: from the innermost block
    out, each block takes the comments up to the last one indented at
    least as deep as the block.

    Args:
        statements: The layout scan's statements.
        index: The statement's index there.

    Returns:
        The comments of its leading lines and the statement, in order.
    """
    owner = statements[index]
    start = index
    while start and statements[start - 1].kind == "comment":
        start -= 1
    comments = statements[start:index]
    levels: list[int] = []
    for statement in reversed(statements[:start]):
        if statement.indent <= owner.indent:
            break
        if statement.kind != "comment" and (
            not levels or statement.indent < levels[-1]
        ):
            levels.append(statement.indent)
    taken = 0
    for level in levels:
        for position in range(len(comments) - 1, taken - 1, -1):
            if comments[position].indent >= level:
                taken = position + 1
                break
    return comments[taken:] + [owner]


def _documented(tree: ast.Module) -> list[Scope]:
    """Return the nodes of a tree that may open with a docstring.

    They are the module and statements: no expression is walked.
    """
    return [tree, *(
        node for node in all_statements(tree)
        if isinstance(node, DOCUMENTED)
    )]


def _ending(line: str) -> str:
    """Return a line's line ending."""
    return line[len(line.rstrip("\r\n")):]
