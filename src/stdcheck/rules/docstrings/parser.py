"""A Google-style docstring parser that keeps every line's position.

The parser reads a docstring's literal as written in the source (its
prefix, quotes and body), so each part it finds (the summary, a section
header, an ``Args:`` entry) knows its line and column in the file and a
finding can point at the docstring line at fault. It serves the STD4xx
checks and the docstring fixes alike.
"""

from __future__ import annotations

import ast
import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from stdcheck.core.config import Config
    from stdcheck.core.context import FileContext

LINE_END = re.compile(r"\r\n|\r|\n")
"""Where a line ends, for Python (not at form feeds or U+2028)."""

LITERAL_START = re.compile(r"([rRuUbB]{0,2})(\"\"\"|'''|\"|')")
UNESCAPED_QUOTE = {
    quote: re.compile(r"(?<!\\)" + re.escape(quote))
    for quote in ('"""', "'''", '"', "'")
}

SECTIONS = (
    "Args", "Attention", "Attributes", "Caution", "Danger", "Error",
    "Example", "Examples", "Hint", "Important", "Keyword Args", "Methods",
    "Note", "Notes", "Other Parameters", "Raises", "References", "Returns",
    "See Also", "Tip", "Todo", "Warning", "Warnings", "Warns", "Yields",
)
"""The section headers the standard accepts (Napoleon's, one name each
for arguments, returns, yields and raises)."""

VARIANTS = {
    "arg": "Args",
    "argument": "Args",
    "arguments": "Args",
    "param": "Args",
    "params": "Args",
    "parameter": "Args",
    "parameters": "Args",
    "keyword arguments": "Keyword Args",
    "kwargs": "Keyword Args",
    "return": "Returns",
    "yield": "Yields",
    "raise": "Raises",
    "throw": "Raises",
    "throws": "Raises",
    "exception": "Raises",
    "exceptions": "Raises",
    "attribute": "Attributes",
    "warn": "Warns",
}
"""Misspelled or non-standard headers and the canonical header."""

CANONICAL = {name.lower(): name for name in SECTIONS} | VARIANTS
ENTRY_SECTIONS = frozenset(
    {"Args", "Keyword Args", "Other Parameters", "Attributes", "Raises"}
)
"""Sections made of ``name: description`` entries."""

STRUCTURED = frozenset({"Args", "Attributes", "Raises", "Returns", "Yields"})
"""Sections that make a docstring more than a short description (as
pydoclint's ``--skip-checking-short-docstrings``)."""

HEADER = re.compile(r"([A-Za-z][A-Za-z ]*)\s*(:?)\s*\Z")
"""A line holding only a title (greedy: faster than stopping at the
title's end; the spaces it takes after the title are stripped)."""
TITLE_CASE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?\Z")
NAME = r"(?:\\?\*){0,2}(?:[A-Za-z_]|\\_)(?:[\w.]|\\_)*"
ENTRY = re.compile(
    rf"({NAME}(?:\s*,\s*{NAME})*)\s*(?:\([^)]*\))?\s*(:?)"
)
"""An entry's start: names (reST escapes such as ``arg\\_`` allowed),
an optional type in parentheses and a colon."""
UNDERLINE = re.compile(r"-{3,}\Z")
"""A numpy-style header's underline."""


class DocLine(NamedTuple):
    """One line of a docstring (a tuple: one is made per line).

    Attributes:
        number: The line number in the file (1-based).
        col: The column (0-based) where its text starts in the file.
        indent: Its indentation relative to the docstring's own
            (negative for a line indented less).
        text: The text, without indentation or trailing spaces.
    """

    number: int
    col: int
    indent: int
    text: str


@dataclass(frozen=True)
class Entry:
    """One ``name: description`` entry of a section.

    Attributes:
        name: The name (``x``, ``*args``, ``ValueError``).
        line: The line the entry starts on.
    """

    name: str
    line: DocLine


@dataclass(frozen=True)
class Section:
    """A section: a header line and the block indented under it.

    Attributes:
        title: The header as written, without its colon.
        canonical: The standard's name for it, or None if unknown.
        header: The header line.
        colon: Whether the header ends with a colon.
        body: The non-blank lines of the block.
        entries: The entries, for sections made of entries.
        unindented: The first line of the block when the block is not
            indented under the header.
        underline: The dashes under a numpy-style header, if any.
    """

    title: str
    canonical: str | None
    header: DocLine
    colon: bool
    body: tuple[DocLine, ...]
    entries: tuple[Entry, ...]
    unindented: DocLine | None
    underline: DocLine | None = None

    @property
    def renamable(self) -> bool:
        """Return whether the fix may rename the header (STD408).

        Only a known header over a block indented under it: one over
        lines at its own indentation (reST's ``Parameters:`` over a
        list) is no Google section, which a new header would not make
        one.
        """
        return self.canonical is not None and self.unindented is None \
            and self.underline is None


@dataclass(frozen=True)
class Docstring:
    """A parsed docstring.

    Attributes:
        prefix: The string prefix as written (``r``, ``u`` or empty).
        quote: The opening quotes, or empty when the docstring is an
            implicit concatenation of literals.
        body: The text between the quotes, as written.
        lines: Every line, the opening quotes' line first.
        sections: The sections, in order.
    """

    prefix: str
    quote: str
    body: str
    lines: tuple[DocLine, ...]
    sections: tuple[Section, ...]

    def requoted(self, closing_indent: str | None = None) -> str | None:
        """Return the literal between ``\"\"\"``, if that is safe.

        Args:
            closing_indent: If given, the closing quotes go on a line
                of their own, indented by it (the spaces that end the
                body are dropped).

        Returns:
            The new literal (same prefix, same body), or None when the
            body holds ``\"\"\"``, ends in a quote or backslash, or the
            docstring is not one literal.
        """
        body = self.body if closing_indent is None else self.body.rstrip()
        if not self.quote or '"""' in body or body.endswith(('"', "\\")):
            return None
        if closing_indent is not None:
            body = f"{body}\n{closing_indent}"
        return f'{self.prefix}"""{body}"""'

    @property
    def is_blank(self) -> bool:
        """Return whether the docstring holds no text at all."""
        return not any(line.text for line in self.lines)

    @property
    def summary(self) -> DocLine | None:
        """Return the first line with text, unless it is a header."""
        first = next((line for line in self.lines if line.text), None)
        if self.sections and self.sections[0].header is first:
            return None
        return first

    @property
    def underindented(self) -> DocLine | None:
        """Return the first line indented less than the docstring."""
        return next(
            (line for line in self.lines if line.indent < 0), None
        )

    @property
    def is_short(self) -> bool:
        """Return whether it only describes (no args, returns, ...).

        A section whose block is not indented under its header is not
        a section readers (or Sphinx) see, and does not count.
        """
        return not any(
            section.canonical in STRUCTURED and section.unindented is None
            for section in self.sections
        )

    def section(self, canonical: str) -> Section | None:
        """Return the first section with this canonical name, if any."""
        return next(
            (item for item in self.sections if item.canonical == canonical),
            None,
        )


def doc_limit(config: Config) -> int:
    """Return the width a docstring line may have (both limits)."""
    return min(config.max_doc_length, config.max_line_length)


def closing_indent(line: str) -> str | None:
    """Return how to indent closing quotes moved below a line.

    Args:
        line: The line holding a one-line docstring.

    Returns:
        Its indentation, or None when that is not only spaces.
    """
    indent = line[:len(line) - len(line.lstrip())]
    return indent if indent.strip(" ") == "" else None


def docstring_of(ctx: FileContext, node: ast.AST) -> Docstring | None:
    """Return a module's, class's or function's parsed docstring.

    Args:
        ctx: The file.
        node: The module, class or function.

    Returns:
        The docstring (parsed once per file), or None if it has none.
    """
    parsed = ctx.fact(_parsed)
    key = id(node)
    if key not in parsed:
        found = docstring_node(node)
        parsed[key] = None if found is None else from_node(found, ctx.lines)
    return parsed[key]


def _parsed(ctx: FileContext) -> dict[int, Docstring | None]:
    """Return a file's parsed docstrings so far, by node identity."""
    return {}


def docstring_node(node: ast.AST) -> ast.Constant | None:
    """Return the string constant that is a definition's docstring.

    Args:
        node: A module, class or function definition.

    Returns:
        The docstring's node, or None if it has none.
    """
    body = getattr(node, "body", None)
    if not body or not isinstance(body[0], ast.Expr):
        return None
    value = body[0].value
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value
    return None


def from_node(node: ast.Constant, lines: Sequence[str]) -> Docstring:
    """Parse a docstring from its node and the file's lines.

    Args:
        node: The docstring's string constant.
        lines: The file's physical lines.

    Returns:
        The parsed docstring; its positions are exact when it is one
        literal (an implicit concatenation is parsed from its value).
    """
    first = node.lineno - 1
    last = (node.end_lineno or node.lineno) - 1
    head = lines[first].encode("utf-8", "surrogateescape")
    col = len(head[:node.col_offset].decode("utf-8", "replace"))
    end_col = node.end_col_offset or 0
    if first == last:
        literal = head[node.col_offset:end_col].decode("utf-8", "replace")
    else:
        tail = lines[last].encode("utf-8", "surrogateescape")[:end_col]
        literal = (
            head[node.col_offset:].decode("utf-8", "replace")
            + "".join(lines[first + 1:last])
            + tail.decode("utf-8", "replace")
        )
    parsed = parse_literal(literal, node.lineno, col)
    if parsed is None:
        parsed = parse(str(node.value), node.lineno, col, "", "")
    return parsed


def parse_literal(literal: str, line: int, col: int) -> Docstring | None:
    """Parse a docstring from its literal as written in the source.

    Args:
        literal: The literal, prefix and quotes included.
        line: The line the literal starts on (1-based).
        col: The column it starts at (0-based, characters).

    Returns:
        The parsed docstring, or None if the text is not one string
        literal (an implicit concatenation, for instance).
    """
    match = LITERAL_START.match(literal)
    if match is None:
        return None
    prefix, quote = match.groups()
    body = literal[match.end():len(literal) - len(quote)]
    if (
        len(literal) < match.end() + len(quote)
        or not literal.endswith(quote)
        or quote in body and UNESCAPED_QUOTE[quote].search(body)
    ):
        return None
    return parse(body, line, col + match.end(), prefix, quote, col)


def parse(
    body: str,
    line: int,
    col: int,
    prefix: str,
    quote: str,
    indent: int | None = None,
) -> Docstring:
    """Parse a docstring's body (the text between its quotes).

    The docstring's own indentation is the least of its lines', or,
    when most lines are indented at least as far as the literal, the
    least of those: a stray line indented less is under-indented, and
    does not make every other line look indented.

    Args:
        body: The body, as written.
        line: The line the body starts on.
        col: The column the body starts at on that line.
        prefix: The literal's prefix.
        quote: The literal's quotes (empty if unknown).
        indent: The literal's column, when known.

    Returns:
        The parsed docstring.
    """
    raw = LINE_END.split(body)
    joined = set()  # lines going on from a backslash: not indentation
    if "r" not in prefix.lower() and "\\" in body:
        joined = {
            index + 1 for index, text in enumerate(raw) if _continues(text)
        }
        raw = [text[:-1] if _continues(text) else text for text in raw]
    first = raw[0]
    rest = [(text.strip(), len(text) - len(text.lstrip())) for text in raw[1:]]
    widths = [width for text, width in rest if text]
    common = min(widths, default=0)
    if indent is not None and common < indent:
        aligned = [width for width in widths if width >= indent]
        if aligned and 2 * len(aligned) >= len(widths):  # a few stray
            common = min(aligned)
    lines = [
        DocLine(line, col + len(first) - len(first.lstrip()), 0,
                first.strip())
    ]
    lines += [
        DocLine(
            line + offset, width,
            width - common if text and offset not in joined
            else max(width - common, 0),
            text,
        )
        for offset, (text, width) in enumerate(rest, start=1)
    ]
    return Docstring(prefix, quote, body, tuple(lines), _sections(lines))


def _continues(text: str) -> bool:
    """Return whether a line ends with a line-continuation backslash."""
    trailing = len(text) - len(text.rstrip("\\"))
    return trailing % 2 == 1


def _sections(lines: list[DocLine]) -> tuple[Section, ...]:
    """Find the sections (a known header may replace the summary)."""
    start = next(
        (index for index, line in enumerate(lines) if line.text), len(lines)
    )
    headers = [
        (index, title, colon)
        for index, title, colon in _header_candidates(lines, start)
        if index > start or (colon and _canonical(title))
    ]
    if not any(_canonical(title) for _, title, _ in headers):
        headers = [item for item in headers if _canonical(item[1])]
    sections = []
    for position, (index, title, colon) in enumerate(headers):
        stop = (
            headers[position + 1][0]
            if position + 1 < len(headers) else len(lines)
        )
        sections.append(_section(lines, index, stop, title, colon))
    return tuple(sections)


def _header_candidates(
    lines: list[DocLine], start: int
) -> list[tuple[int, str, bool]]:
    """Return ``(index, title, colon)`` of lines that look like headers.

    A header is a line at the docstring's own indentation holding only
    a title: a known (or misspelled) section name with or without its
    colon, or, with a colon, one or two capitalized words. Titles that
    are not known must be followed by an indented block and preceded by
    a blank line, as prose rarely is; a known title without its colon
    must be followed by an indented block; a misspelled one must not
    end a paragraph (``... with type\narguments:`` is prose).
    """
    found = []
    for index in range(start, len(lines)):
        line = lines[index]
        text = line.text
        if line.indent or not (text[-1:].isalpha() or text[-1:] == ":"):
            continue  # cheaper than HEADER on prose: a title ends so
        match = HEADER.match(text)
        if match is None:
            continue
        title, colon = match.group(1).rstrip(), bool(match.group(2))
        canonical = _canonical(title)
        if canonical is None and not colon:
            continue  # prose, whatever follows (tested first: cheap)
        following = next(
            (lines[after] for after in range(index + 1, len(lines))
             if lines[after].text),
            None,
        )
        block = following is not None and (
            following.indent > 0
            or canonical is not None and UNDERLINE.match(following.text)
            is not None
        )
        previous = lines[index - 1].text if index else ""
        after_prose = bool(previous) and lines[index - 1].indent == 0
        if canonical and (colon or block) and (
            title == canonical or index == start or not after_prose
        ):
            found.append((index, title, colon))
        elif (
            colon and block and not previous
            and TITLE_CASE.match(title) is not None
        ):
            found.append((index, title, colon))
    return found


@functools.lru_cache(maxsize=1024)
def _canonical(title: str) -> str | None:
    """Return the standard's name for a header title, if it has one.

    Remembered: titles repeat, and a near miss costs a fuzzy match.
    """
    lowered = " ".join(title.lower().split())
    exact = CANONICAL.get(lowered)
    if exact is not None or " " in lowered or len(lowered) < 4:
        return exact
    close = difflib.get_close_matches(lowered, list(CANONICAL), 1, 0.75)
    return CANONICAL[close[0]] if close else None


def _section(
    lines: list[DocLine], index: int, stop: int, title: str, colon: bool
) -> Section:
    """Build the section whose header is ``lines[index]``."""
    header = lines[index]
    following = [line for line in lines[index + 1:stop] if line.text]
    unindented = underline = None
    body: list[DocLine] = []
    if following and UNDERLINE.match(following[0].text) and (
        following[0].indent == header.indent
    ):
        underline = following[0]
    if following and following[0].indent <= header.indent:
        unindented = following[0]
        for line in lines[index + 1:stop]:
            if not line.text:
                if body:
                    break
                continue
            body.append(line)
    else:
        for line in lines[index + 1:stop]:  # stray lines: see parse
            if line.text and 0 <= line.indent <= header.indent:
                break
            if line.text and line.indent >= 0:
                body.append(line)
    canonical = _canonical(title)
    entries: tuple[Entry, ...] = ()
    if canonical in ENTRY_SECTIONS and body:
        entries = _entries(body)
    return Section(
        title, canonical, header, colon, tuple(body), entries, unindented,
        underline,
    )


def _entries(body: list[DocLine]) -> tuple[Entry, ...]:
    """Read the entries of a block: its least indented lines.

    A line going on after a name without a colon (``be positive.``)
    is an entry only in a block whose entries have no colons (``Raises:
    ValueError if ...``); after an entry with its colon it is that
    entry's description, not indented further.
    """
    level = body[0].indent
    entries = []
    colons = False
    for line in body:
        if line.indent != level:
            continue
        match = ENTRY.match(line.text)
        if match is None:
            continue
        colon = bool(match.group(2))
        if colons and not colon and match.end() < len(line.text):
            continue
        colons = colon
        for name in match.group(1).replace("\\", "").split(","):
            entries.append(Entry(name.strip(), line))
    return tuple(entries)
