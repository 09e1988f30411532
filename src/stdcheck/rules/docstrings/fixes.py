"""Fixes for STD4xx: docstring quotes, summary spacing, section headers.

Both fixes re-read the docstring literal with
:mod:`stdcheck.rules.docstrings.parser` (the parser the checks use),
so they edit exactly the lines the findings point at.
"""

from __future__ import annotations

import libcst as cst

from stdcheck.fix.base import Fix, Verify
from stdcheck.fix.merge import lines
from stdcheck.fix.regions import STATEMENT
from stdcheck.rules.docstrings.parser import (
    Docstring,
    doc_limit,
    parse_literal,
)


class DocstringSpacing(Fix):
    """Requotes docstrings and spaces their summaries (STD404).

    Docstrings are written between ``\"\"\"``, and the blank line
    after a one-sentence summary is added.

    The docstring's text is unchanged but for that blank line, which
    the engine's whitespace-insensitive docstring comparison accepts.
    """

    codes = ("STD404",)
    verify = Verify.SAME_AST_BUT_DOCSTRINGS
    local = True
    region = STATEMENT

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        """Requote a docstring and space its summary, as reported."""
        found = self.findings_in(original_node)
        doc = _parse(self, original_node)
        if not found or doc is None:
            return updated_node
        start = doc.lines[0].number
        body_lines = lines(doc.body)
        for finding in sorted(found, key=lambda item: -item.line):
            index = finding.line - start
            if 0 < index <= len(body_lines):
                above = body_lines[index - 1]
                body_lines.insert(index, above[len(above.rstrip("\r\n")):])
        body = "".join(body_lines)
        literal = f"{doc.prefix}{doc.quote}{body}{doc.quote}"
        if any(finding.line == start for finding in found):
            requoted = self._requoted(original_node, _with_body(doc, body))
            literal = requoted if requoted is not None else literal
        return updated_node.with_changes(value=literal)

    def _requoted(self, node: cst.SimpleString, doc: Docstring) -> str | None:
        """Return a docstring's literal between ``\"\"\"``, if safe.

        A one-line docstring that would grow too long gets its closing
        quotes on a line of their own (the check offers the fix only
        where that fits); one that was too long already is left so.
        """
        requoted = doc.requoted()
        column = self.position(node).start.column
        limit = doc_limit(self.config)
        if (
            requoted is not None and "\n" not in requoted
            and column + len(requoted) > limit >= column + len(node.value)
        ):
            return doc.requoted(" " * column)
        return requoted


class SectionHeaders(Fix):
    """Renames misspelled section headers and adds colons (STD408).

    Only the header line changes, and only its words: the docstring is
    documentation, not code, so the fix is safe; the engine checks that
    the result parses.
    """

    codes = ("STD408",)
    verify = Verify.PARSES
    local = True
    region = STATEMENT

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        """Rewrite the reported headers of a docstring."""
        found = {finding.line for finding in self.findings_in(original_node)}
        doc = _parse(self, original_node)
        if not found or doc is None:
            return updated_node
        start = doc.lines[0].number
        body_lines = lines(doc.body)
        for section in doc.sections:
            header = section.header
            if header.number in found and section.renamable \
                    and section.canonical is not None:
                line = body_lines[header.number - start]
                text = line.rstrip("\r\n")
                indent = text[:len(text) - len(text.lstrip())]
                body_lines[header.number - start] = (
                    f"{indent}{section.canonical}:{line[len(text):]}"
                )
        body = "".join(body_lines)
        return updated_node.with_changes(
            value=f"{doc.prefix}{doc.quote}{body}{doc.quote}"
        )


def _parse(fix: Fix, node: cst.SimpleString) -> Docstring | None:
    """Parse a string literal as a docstring at its position."""
    start = fix.position(node).start
    return parse_literal(node.value, start.line, start.column)


def _with_body(doc: Docstring, body: str) -> Docstring:
    """Return the docstring with another body (same quotes)."""
    return Docstring(doc.prefix, doc.quote, body, doc.lines, doc.sections)
