"""Fixes of STD301-STD303 and STD305: imports regrouped, sorted, split.

A block of consecutive imports (as the checks define it) that holds a
finding is rewritten as far as its findings ask. With STD301 or STD303
its statements are ordered by group and by the checks' sort key, and
the names inside each ``from`` import are sorted; a statement with
STD305 (``import a, b``) becomes one statement per module; groups are
then separated by exactly one blank line, with none inside a group,
and ``import a; import b`` lines are cut in two. Nothing moves out of
its block, so no import crosses other code.

Comments stay with their import: the comment lines directly above an
import move with it (except above the block's first import, where they
stay on top as the block's header, as isort keeps them) and so does
the comment at the end of its line. When ``import a, b  # comment`` is
split, the comment stays on the first statement, unless it is a
pragma (``noqa``, ``type:``, ``isort:``, ``pragma``, ``pylint:``),
which every new statement gets. Names of a ``from`` import move with
their end-of-line comments; one with comment lines between its names
is left unsorted (the finding stays, for a human).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.helpers import get_full_name_for_node

from stdcheck.core.config import Config
from stdcheck.core.findings import Finding
from stdcheck.core.source import split_lines
from stdcheck.fix.base import Fix, Verify
from stdcheck.fix.regions import IMPORTS
from stdcheck.rules.imports.checks import (
    Directives,
    bound_name,
    import_blocks,
)
from stdcheck.rules.imports.classify import Group, classify
from stdcheck.rules.imports.sort import StatementKey, name_key, statement_key

PRAGMA = re.compile(r"#\s*(noqa|type:|isort:|pragma|pylint:)", re.IGNORECASE)

SmallImport = cst.Import | cst.ImportFrom
Whitespace = cst.BaseParenthesizableWhitespace
MULTIPLE = "STD305"
REORDERED = frozenset({"STD301", "STD303"})


@dataclass(frozen=True)
class Piece:
    """One import statement of the rewritten block.

    Attributes:
        node: The import (one module for ``import``).
        group: Its group.
        key: Its sort key within the group.
        level: The number of dots of a relative import.
        comments: The comment lines that go above it.
        trailing: The end of its line (with any comment).
        blanks: Blank lines above it in the original block.
    """

    node: SmallImport
    group: Group
    key: StatementKey
    level: int
    comments: tuple[cst.EmptyLine, ...]
    trailing: cst.TrailingWhitespace
    blanks: int

    @property
    def is_relative(self) -> bool:
        """Return whether it is a relative import."""
        return self.level > 0


class OrganizeImports(Fix):
    """Regroups, sorts, respaces and splits the imports of a block."""

    codes = ("STD301", "STD302", "STD303", "STD305")
    verify = Verify.SAME_IMPORTS
    region = IMPORTS
    directives: Directives

    @classmethod
    def region_of(cls, finding: Finding, text: str) -> str:
        """Return the finding's block, unless isort comments rule it.

        An ``# isort: off`` far above a block decides what it may do:
        in a text with isort comments, the fix reads the whole module.
        """
        return "" if "isort" in text else IMPORTS

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Skip what cannot hold a statement list (most of the tree)."""
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseExpression)):
            return False
        return super().on_visit(node)

    def visit_Module(self, node: cst.Module) -> None:
        """Find the file's isort action comments."""
        source = self.source
        self.directives = Directives.of(source, split_lines(source))

    def leave_Module(
        self, original_node: cst.Module, updated_node: cst.Module
    ) -> cst.Module:
        """Fix the module's top-level blocks."""
        return updated_node.with_changes(
            body=self._fix_body(original_node.body, updated_node.body)
        )

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        """Fix the blocks of an indented body."""
        return updated_node.with_changes(
            body=self._fix_body(original_node.body, updated_node.body)
        )

    def _fix_body(
        self,
        original: Sequence[cst.BaseStatement],
        updated: Sequence[cst.BaseStatement],
    ) -> list[cst.BaseStatement]:
        """Rewrite a body's import blocks that hold findings."""
        lines = [
            (old, new) if isinstance(old, cst.SimpleStatementLine)
            and isinstance(new, cst.SimpleStatementLine)
            and imports_only(new) else None
            for old, new in zip(original, updated)
        ]
        numbers = import_blocks(
            (
                None if line is None else (
                    self.position(line[0]).start.line,
                    self.position(line[0]).end.line,
                    bound_names(line[0]),
                )
                for line in lines
            ),
            self.directives,
        )
        body: list[cst.BaseStatement] = []
        block: list[tuple[cst.SimpleStatementLine, cst.SimpleStatementLine]]
        block = []
        current = None
        for new, line, number in zip(updated, lines, numbers):
            if number is None or number != current:
                body += self._fix_block(block)
                block = []
            current = number
            if line is None:
                body.append(new)
            elif number is None:  # left alone
                body += self._split_in_place(*line)
            else:
                block.append(line)
        body += self._fix_block(block)
        return body

    def _codes_on(self, statements: Sequence[cst.CSTNode]) -> set[str]:
        """Return the codes of the findings on these statements."""
        first = self.position(statements[0]).start.line
        last = self.position(statements[-1]).end.line
        return {
            finding.code
            for finding in self.findings
            if first <= finding.line <= last
        }

    def _split_in_place(
        self, old: cst.SimpleStatementLine, new: cst.SimpleStatementLine
    ) -> list[cst.SimpleStatementLine]:
        """Split a left-alone (``isort: skip``) line, in its order."""
        if MULTIPLE not in self._codes_on([old]):
            return [new]
        pieces = _split(new)
        if len(pieces) == 1:
            return [new]
        trailing = _trailing_for_split(new.trailing_whitespace)
        return [
            cst.SimpleStatementLine(
                body=[piece],
                leading_lines=new.leading_lines if index == 0 else (),
                trailing_whitespace=new.trailing_whitespace
                if index == 0 else trailing,
            )
            for index, piece in enumerate(pieces)
        ]

    def _fix_block(
        self,
        block: list[tuple[cst.SimpleStatementLine, cst.SimpleStatementLine]],
    ) -> list[cst.BaseStatement]:
        """Rewrite one block in order, if it holds a finding."""
        statements = [new for _, new in block]
        codes = self._codes_on([old for old, _ in block]) if block else set()
        if not codes:
            return list(statements)
        last = self.position(block[-1][0])
        if self.directives.splits(last.start.line, last.end.line) or any(
            "\f" in line.whitespace.value
            for statement in statements[1:]
            for line in statement.leading_lines
        ):  # a page break among the imports stays where it is
            return list(statements)
        reorder = bool(codes & REORDERED)
        pieces = self._pieces(block, reorder)
        ordered = pieces
        if reorder:
            ordered = sorted(pieces, key=lambda item: (item.group, item.key))
        relative_gap = _relative_gap(pieces)
        rewritten: list[cst.BaseStatement] = []
        for index, piece in enumerate(ordered):
            if index == 0:
                leading = [*statements[0].leading_lines, *piece.comments]
            else:
                above = ordered[index - 1]
                if piece.group != above.group:
                    blanks = 1
                elif piece.is_relative and above.level == 0:
                    blanks = relative_gap
                else:
                    blanks = 0
                leading = [cst.EmptyLine(indent=False)] * blanks + list(
                    piece.comments
                )
            rewritten.append(
                cst.SimpleStatementLine(
                    body=[piece.node],
                    leading_lines=leading,
                    trailing_whitespace=piece.trailing,
                )
            )
        return rewritten

    def _pieces(
        self,
        block: list[tuple[cst.SimpleStatementLine, cst.SimpleStatementLine]],
        reorder: bool,
    ) -> list[Piece]:
        """Cut a block into its imports, splitting where STD305 says.

        Args:
            block: The original and updated statements.
            reorder: Whether names inside ``from`` imports are sorted.

        Returns:
            The block's imports in their original order.
        """
        pieces = []
        for number, (old, statement) in enumerate(block):
            comments = () if number == 0 else tuple(
                line for line in statement.leading_lines
                if line.comment is not None
            )
            blanks = 0 if number == 0 else (
                len(statement.leading_lines) - len(comments)
            )
            split_trailing = _trailing_for_split(statement.trailing_whitespace)
            nodes = _split(statement) if MULTIPLE in self._codes_on(
                [old]
            ) else _unsplit(statement)
            for index, node in enumerate(nodes):
                group, key, level = place(node, self.config, self.filename)
                pieces.append(Piece(
                    node=_sorted_names(
                        node,
                        self.config.max_line_length
                        - self.position(old).start.column,
                    ) if reorder else node,
                    group=group,
                    key=key,
                    level=level,
                    comments=comments if index == 0 else (),
                    trailing=statement.trailing_whitespace
                    if index == 0 else split_trailing,
                    blanks=blanks if index == 0 else 0,
                ))
        return pieces


def place(
    node: SmallImport, config: Config, path: str
) -> tuple[Group, StatementKey, int]:
    """Return an import's group, sort key and relative level.

    Args:
        node: One import (one module for ``import``).
        config: The file's configuration.
        path: The file's path (for the local group).

    Returns:
        Its group and key as the checks sort it, and its level.
    """
    if isinstance(node, cst.Import):
        module = node.names[0].evaluated_name
        group = classify(module, 0, config, path).group
        return group, statement_key(module), 0
    module = (
        get_full_name_for_node(node.module) if node.module else None
    ) or ""
    level = len(node.relative)
    first = "*" if isinstance(node.names, cst.ImportStar) else min(
        (alias.evaluated_name for alias in node.names), key=name_key
    )
    group = classify(module, level, config, path).group
    key = statement_key(module, level, True, first)
    return group, key, level


def bound_names(statement: cst.SimpleStatementLine) -> set[str]:
    """Return the names a line of imports binds (``*`` for a star)."""
    names = set()
    for small in statement.body:
        assert isinstance(small, (cst.Import, cst.ImportFrom))
        if isinstance(small.names, cst.ImportStar):
            names.add("*")
            continue
        for alias in small.names:
            asname = alias.asname
            names.add(bound_name(
                get_full_name_for_node(alias.name) or "",
                get_full_name_for_node(asname.name)
                if asname is not None else None,
                isinstance(small, cst.ImportFrom),
            ))
    return names


def imports_only(statement: cst.SimpleStatementLine) -> bool:
    """Return whether a line holds imports and nothing else."""
    return all(
        isinstance(small, (cst.Import, cst.ImportFrom))
        for small in statement.body
    )


def _split(statement: cst.SimpleStatementLine) -> list[SmallImport]:
    """Return a line's imports, one module per ``import``, no ``;``."""
    pieces: list[SmallImport] = []
    for small in statement.body:
        assert isinstance(small, (cst.Import, cst.ImportFrom))
        small = small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        if isinstance(small, cst.ImportFrom):
            pieces.append(small)
            continue
        pieces += [
            small.with_changes(
                names=[alias.with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            )
            for alias in small.names
        ]
    return pieces


def _unsplit(statement: cst.SimpleStatementLine) -> list[SmallImport]:
    """Return a line's import statements as they are, without ``;``."""
    return [
        small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        for small in statement.body
        if isinstance(small, (cst.Import, cst.ImportFrom))
    ]


def _trailing_for_split(
    trailing: cst.TrailingWhitespace,
) -> cst.TrailingWhitespace:
    """Return the line end of the second and later split statements."""
    comment = trailing.comment
    if comment is not None and PRAGMA.match(comment.value):
        return trailing
    return cst.TrailingWhitespace(newline=trailing.newline)


def _relative_gap(pieces: list[Piece]) -> int:
    """Return 1 if the block kept relative imports apart, else 0.

    isort's default settings put a blank line between the absolute
    and the relative imports of the local group; the standard has one
    local group. Both are accepted, so the fix keeps what it finds.
    """
    return int(any(
        piece.blanks > 0
        and piece.is_relative
        and above.group is Group.LOCAL
        and above.level == 0
        for above, piece in zip(pieces, pieces[1:])
    ))


def _sorted_names(node: SmallImport, room: int) -> SmallImport:
    """Sort the names of a ``from`` import, moving their comments.

    The layout (where lines break) stays by position; the comment at
    the end of a name's line moves with the name. A statement with
    comment lines between its names is returned unchanged. When names
    moving between lines make a line wider than ``room`` (and than the
    widest before), the names are laid out one a line in parentheses,
    as black does; with end-of-line comments, nothing is changed.

    Args:
        node: The import.
        room: The widest line allowed, less the statement's indent.

    Returns:
        The import with its names sorted (or as it was).
    """
    if isinstance(node, cst.Import) or isinstance(node.names, cst.ImportStar):
        return node
    aliases = list(node.names)
    order = sorted(
        range(len(aliases)), key=lambda i: name_key(aliases[i].evaluated_name)
    )
    if order == list(range(len(aliases))) or _has_comment_lines(node):
        return node
    slots = [_slot(node, index) for index in range(len(aliases))]
    notes = [_comment_of(slot) for slot in slots]
    if any(
        notes[old] != notes[new] and not isinstance(
            slots[new], cst.ParenthesizedWhitespace
        )
        for new, old in enumerate(order)
    ):
        return node
    moved = [
        _with_comment(slot, notes[old]) for slot, old in zip(slots, order)
    ]
    names = []
    rpar = node.rpar
    last = len(aliases) - 1
    for new, old in enumerate(order):
        comma = aliases[new].comma
        if new == last and moved[new] is not None and (
            not _slot_in_comma(node, new)
        ):
            assert rpar is not None
            rpar = rpar.with_changes(whitespace_before=moved[new])
        elif isinstance(comma, cst.Comma) and moved[new] is not None:
            comma = comma.with_changes(whitespace_after=moved[new])
        names.append(aliases[old].with_changes(comma=comma))
    ordered = node.with_changes(names=names, rpar=rpar)
    if _widest(ordered) <= max(_widest(node), room):
        return ordered
    if any(notes):
        return node
    return _one_a_line(ordered)


def _widest(node: cst.ImportFrom) -> int:
    """Return the width of an import's widest line (less its indent)."""
    return max(map(len, cst.Module([]).code_for_node(node).split("\n")))


def _one_a_line(node: cst.ImportFrom) -> cst.ImportFrom:
    """Return a ``from`` import with its names one a line, as black."""
    assert not isinstance(node.names, cst.ImportStar)

    def line_break(indent: str) -> cst.ParenthesizedWhitespace:
        return cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(),
            indent=True,
            last_line=cst.SimpleWhitespace(indent),
        )

    last = len(node.names) - 1
    return node.with_changes(
        lpar=cst.LeftParen(whitespace_after=line_break("    ")),
        names=[
            alias.with_changes(comma=cst.Comma(
                whitespace_after=line_break("" if index == last else "    ")
            ))
            for index, alias in enumerate(node.names)
        ],
        rpar=cst.RightParen(),
    )


def _slot_in_comma(node: cst.ImportFrom, index: int) -> bool:
    """Return whether the line end after a name is in its comma."""
    assert not isinstance(node.names, cst.ImportStar)
    comma = node.names[index].comma
    return isinstance(comma, cst.Comma) and (
        index < len(node.names) - 1
        or isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace)
        or node.rpar is None
    )


def _slot(node: cst.ImportFrom, index: int) -> Whitespace | None:
    """Return the whitespace after a name, where its comment goes."""
    assert not isinstance(node.names, cst.ImportStar)
    comma = node.names[index].comma
    if _slot_in_comma(node, index):
        assert isinstance(comma, cst.Comma)
        return comma.whitespace_after
    return node.rpar.whitespace_before if node.rpar is not None else None


Note = tuple[cst.SimpleWhitespace, cst.Comment] | None


def _comment_of(slot: Whitespace | None) -> Note:
    """Return the end-of-line comment in a name's slot, if any."""
    if isinstance(slot, cst.ParenthesizedWhitespace):
        line = slot.first_line
        if line.comment is not None:
            return line.whitespace, line.comment
    return None


def _with_comment(
    slot: Whitespace | None, note: Note
) -> Whitespace | None:
    """Return a slot carrying another name's comment (or none)."""
    if not isinstance(slot, cst.ParenthesizedWhitespace):
        return slot
    whitespace, comment = note if note is not None else (
        cst.SimpleWhitespace(""), None
    )
    return slot.with_changes(
        first_line=slot.first_line.with_changes(
            whitespace=whitespace, comment=comment
        )
    )


def _has_comment_lines(node: cst.ImportFrom) -> bool:
    """Return whether comment lines stand between a ``from``'s names."""
    assert not isinstance(node.names, cst.ImportStar)
    spaces = [
        alias.comma.whitespace_after
        for alias in node.names
        if isinstance(alias.comma, cst.Comma)
    ]
    if node.lpar is not None:
        spaces.append(node.lpar.whitespace_after)
    if node.rpar is not None:
        spaces.append(node.rpar.whitespace_before)
    return any(
        isinstance(space, cst.ParenthesizedWhitespace)
        and any(line.comment is not None for line in space.empty_lines)
        for space in spaces
    )
