"""Rewrapping prose in comments and docstrings (STD102's fix).

The check asks :func:`comment_rewrap` or :func:`docstring_rewrap`
whether the paragraph around a long line is prose that can be
rewrapped to fit (its finding is then safe to fix); the fix applies the
same edit. Both work on the physical lines, without libcst.

A paragraph is a run of lines of one comment block (same indentation
and ``#`` or ``#:`` marker) or of one docstring, between blank lines;
in a comment block, a line that ends a sentence, leaves more than half
of its room empty or comes before a line starting with a capital,
where the next line's first word would have fitted, ends a paragraph
too (the author broke the line on purpose: ``# testing issue #272``
starts no sentence with the line below, nor ``# takes a few seconds``
with ``# An important aspect``).

It is prose when every line is text at the paragraph's indentation
(:func:`is_prose`): a line indented deeper (code, a continued list item,
a section's entry), a list item, an option (``--verbose``), a
``name - description`` or ``name: description`` entry, a doctest, a
quoted mail line (``> ...``), a comment inside a docstring, a table, a
heading underline or a ruler (``# -- Options -----``), a directive, a
verbatim marker (click's ``\b``, docopt's ``Usage:``), a line that is
only a URL, a pragma comment, a line ending in a backslash, or a line of
code by its start or end (an assignment or grammar rule
``name ::= ...``, a line ending in an operator or an opening bracket, or
starting with a closing one) makes the whole paragraph non-prose, and so
does commented-out code: a comment block that parses as Python, or a run
of its lines holding a statement of code (an assignment, an import or a
call). A docstring's first paragraph (its summary) is never rewrapped,
nor one after a line ending in ``::`` (a literal block), nor a comment
indented so deep that less than two thirds of the limit is left for its
text.

A rewrap never breaks inside an inline literal (````x y````, ```x y```),
after an initial (``M.-A. Lemburg``, ``J. R. R. Tolkien``) or next to a
word of symbols (``-``, ``>=``: a line starting ``- `` would read as a
list item), and ends balanced: when greedy filling leaves one word
alone on the last line, the narrowest width that keeps the line count
and gives the last line company is used.
"""

from __future__ import annotations

import ast
import keyword
import re
import textwrap
import warnings
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, TypeVar

# Indentation, marker, spaces, text (to its last non-space character).
COMMENT = re.compile(r"([ \t]*)(#:?)( *)((?:.*\S)?)\s*$")
ODD_SPACE = re.compile(r"[^\S \t\r\n]")
"""Whitespace but for spaces, tabs and line ends."""
NOT_PROSE = re.compile(
    r"""
    [-*+•]\s | \d+[.)]\s | \(\w{1,3}\)\s         # list items
    | \#                              # a comment in a docstring
    | --?\w                                        # options
    | \\b\s*$ | usage:                             # verbatim markers
    | > | \.\.\.(\s|$) | \$\s          # sessions, quoted mail
    | [|] | \+[-=] | \.\.\s | : | @                 # tables, reST
    | (noqa|type:|pylint:|pyright:|mypy:|fmt:|isort:|pragma|nosec
       |-\*-|coding[:=]|!)                          # pragmas
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Two spaces but after a sentence's end, or three: written to start
# with a space, which the search skips to fast.
TABLE_GAP = re.compile(r" (?<![.?!:;,] ) |   ")
UNDERLINE = re.compile(r"([-=~^*#+`'\"_])\1\1+\s*$")
# A ruler inside a line (``# -- Section ---------``): four or more of
# one mark, standing as a word.
RULER = re.compile(r"(?:^|\s)([-=~^*#+_])\1{3,}(?:\s|$)")
WORD_PAIR = re.compile(r"([A-Za-z_]\w*) +(?=([A-Za-z_]\w*))", re.ASCII)
CODE_END = re.compile(r"[\"'#]")  # where a string or a comment may start
KEYWORDS = frozenset((*keyword.kwlist, *keyword.softkwlist))
# ``name - description``, ``name: description``, ``name (type): ...``
ENTRY = re.compile(r"[\w.*]+(\s\([^)]*\))?(\s+--?\s|:\s|:$)")
QUOTE = re.compile(r"[rRuU]?(\"\"\"|''')")
# Inline literals (``x y``, `x y`): their spaces do not break lines.
INLINE_LITERAL = re.compile(r"``[^`]+``|`[^`]+`")
# An initial (``M.``, ``M.-A.``) and the space after it, before a name:
# no line breaks there.
INITIAL = re.compile(r"(?<![\w.])([A-Z]\.(?:-?[A-Z]\.)*) (?=[A-Z])")
# A line of code, where its start or end shows it: an assignment (or
# a grammar rule, ``name ::= ...``), a line ending in an operator or an
# opening bracket, or starting with a closing one.
CODE_LINE = re.compile(
    r"[A-Za-z_][\w.]*(\[[^\]]*\])?\s*(?:[-+*/%&|^@:]|<<|>>|//|\*\*|::)?=(?!=)"
    r"|.*(?:\s[+*/|&^%@]|[(\[{])$|[)\]}]"
)
# A word of symbols only (``-``, ``>=``, ``--``) and the spaces around
# it: no line starts or ends with one (a line starting ``- `` would
# read as a list item).
SYMBOL_WORD = re.compile(r"(?<=\S) ([^\w\s`'\"]+) (?=\S)")
# A line of code alone: an assignment, an import or a call statement.
CODE_STATEMENTS = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Import,
                   ast.ImportFrom)
SENTENCE_END = (".", "?", "!", ":")
MIN_ROOM = 2 / 3  # of the limit, left for a comment's text
GLUE = "\x00"  # stands for a space inside a literal (no source holds it)

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


@dataclass(frozen=True)
class Rewrap:
    """Lines ``first`` to ``last`` (1-based, inclusive) become ``text``.

    Attributes:
        first: The paragraph's first line.
        last: The paragraph's last line.
        prose: The paragraph's words, its lines joined by spaces.
        head: What the first new line starts with.
        indent: What the other new lines start with.
        limit: The longest line allowed (``max-doc-length``).
    """

    first: int
    last: int
    prose: str
    head: str
    indent: str
    limit: int

    @cached_property
    def glued(self) -> str:
        """The prose with the spaces of inline literals glued.

        The space after an initial is glued too, and those around a
        word of symbols.
        """
        glued = self.prose
        if "`" in glued:
            glued = INLINE_LITERAL.sub(
                lambda found: found[0].replace(" ", GLUE), glued
            )
        if "." in glued:
            glued = INITIAL.sub(rf"\1{GLUE}", glued)
        return SYMBOL_WORD.sub(rf"{GLUE}\1{GLUE}", glued)

    @cached_property
    def text(self) -> tuple[str, ...]:
        """The new lines, without line endings (filled on first use).

        Filled greedily, then narrowed while that keeps the line count
        and leaves a single word on the last line (an orphan).
        """
        lines = self._fill(self.limit)
        width = self.limit
        floor = max(len(self.head), len(self.indent)) + 1
        while len(lines) > 1 and self._orphan(lines[-1]) and width > floor:
            width -= 1
            narrower = self._fill(width)
            if len(narrower) != len(lines):
                break
            if not self._orphan(narrower[-1]):
                lines = narrower
                break
        return tuple(line.replace(GLUE, " ") for line in lines)

    def _orphan(self, line: str) -> bool:
        """Return whether a line (not the first) holds a single word."""
        return " " not in line[len(self.indent):].strip()

    def _fill(self, width: int) -> list[str]:
        """Fill the prose at a width (glued literals kept whole)."""
        return textwrap.wrap(
            self.glued,
            width=width,
            initial_indent=self.head,
            subsequent_indent=self.indent,
            break_long_words=False,
            break_on_hyphens=False,
        )

    def fits(self, comment: bool, closing: bool) -> bool:
        """Return whether the new lines fit, or are ones STD102 exempts.

        When the text holds no whitespace but spaces, and its longest
        word fits on a line, the filled lines surely fit: the check
        then needs no filling.

        Args:
            comment: Whether the paragraph is a comment's.
            closing: Whether its last line ends the docstring (the
                closing quotes are no word to exempt).
        """
        room = self.limit - max(len(self.head), len(self.indent))
        if self.glued.isprintable() and 0 < max(
            map(len, self.glued.split(" "))
        ) <= room:
            return True
        last = len(self.text) - 1
        return last >= 0 and all(
            _fits(line, self.limit, comment, closing and index == last)
            for index, line in enumerate(self.text)
        )


class _Literal(NamedTuple):
    """A docstring's literal, as its paragraphs are read.

    Attributes:
        quotes: Its quotes (``\"\"\"`` or ``'''``).
        opening_end: The column after its opening quotes.
        texts: Its lines by number, right-stripped, the first one
            after its opening quotes.
        base: The indentation of its lines (but the first), the
            smallest.
        paragraphs: The first and last line of each paragraph, by
            line (lines holding text but the closing quotes).
    """

    quotes: str
    opening_end: int
    texts: dict[int, str]
    base: int
    paragraphs: dict[int, tuple[int, int]]


@dataclass
class Memo:
    """What the rewraps of one file's lines found, to reuse.

    Attributes:
        paragraphs: Rewraps by paragraph (first and last line).
        docstrings: Docstring literals by start and end line (None:
            not one that can be rewrapped).
        blocks: Comment paragraphs (first and last line) by line.
    """

    paragraphs: dict[tuple[int, int], Rewrap | None] = field(
        default_factory=dict
    )
    docstrings: dict[tuple[tuple[int, int], int], _Literal | None] = (
        field(default_factory=dict)
    )
    blocks: dict[int, tuple[int, int]] = field(default_factory=dict)


def comment_rewrap(
    lines: Sequence[str], number: int, limit: int,
    comment_lines: Collection[int], memo: Memo | None = None,
) -> Rewrap | None:
    """Return the rewrap of the comment paragraph holding a line.

    Args:
        lines: The file's physical lines.
        number: The long line (1-based), a comment on its own line.
        limit: The longest line allowed (``max-doc-length``).
        comment_lines: The lines holding only a comment.
        memo: Paragraphs already rewrapped (read and extended).

    Returns:
        The edit, or None if the paragraph is not prose or cannot fit.
    """
    if memo is not None and number in memo.blocks:
        return memo.paragraphs[memo.blocks[number]]
    match = COMMENT.match(lines[number - 1])
    if match is None or number not in comment_lines:
        return None
    indent, marker = match[1], match[2]

    def block(numbers: Iterable[int], up: bool) -> list[re.Match[str]]:
        """Match lines in turn while they continue the paragraph."""
        matches = []
        nearer = match
        for line in numbers:
            found = COMMENT.match(lines[line - 1]) \
                if line in comment_lines else None
            if found is None or found[1] != indent or found[2] != marker \
                    or not found[4]:
                break
            upper, lower = (found, nearer) if up else (nearer, found)
            if _ends_paragraph(upper, lower, limit):
                break
            matches.append(found)
            nearer = found
        return matches

    above = block(range(number - 1, 0, -1), up=True)
    below = block(range(number + 1, len(lines) + 1), up=False)
    first, last = number - len(above), number + len(below)
    edit = _remember(
        None if memo is None else memo.paragraphs, (first, last),
        lambda: _comment_edit(
            [*reversed(above), match, *below], first, limit,
            f"{indent}{marker} ",
        ),
    )
    if memo is not None and match[4]:
        # Each line of the paragraph finds the same bounds.
        memo.blocks.update(
            dict.fromkeys(range(first, last + 1), (first, last))
        )
    return edit


def _comment_edit(
    found: Sequence[re.Match[str]], first: int, limit: int,
    prefix: str,
) -> Rewrap | None:
    """Return the rewrap of a comment paragraph, if it is prose.

    Args:
        found: The :data:`COMMENT` matches of its lines.
        first: Its first line.
        limit: The longest line allowed (``max-doc-length``).
        prefix: What its lines start with.
    """
    if limit - len(prefix) < MIN_ROOM * limit:
        return None
    if any(match[3] != " " or _odd_space(match[0]) for match in found):
        return None
    texts = [match[4] for match in found]
    if not is_prose_paragraph(texts) or _is_code(texts):
        return None
    edit = Rewrap(
        first, first + len(texts) - 1, " ".join(texts), prefix, prefix, limit
    )
    return edit if edit.fits(comment=True, closing=False) else None


def docstring_rewrap(
    lines: Sequence[str], number: int, limit: int,
    start: tuple[int, int], end: int, memo: Memo | None = None,
) -> Rewrap | None:
    """Return the rewrap of the docstring paragraph holding a line.

    Args:
        lines: The file's physical lines.
        number: The long line (1-based), inside the docstring.
        limit: The longest line allowed (``max-doc-length``).
        start: Where the docstring's literal starts (line, column).
        end: The line where it ends.
        memo: Paragraphs already rewrapped (read and extended).

    Returns:
        The edit, or None if the paragraph is not prose or cannot fit.
    """
    literal = _remember(
        None if memo is None else memo.docstrings, (start, end),
        lambda: _docstring_literal(lines, start, end),
    )
    if literal is None:
        return None
    quotes, opening_end, texts, base, paragraphs = literal
    if number not in paragraphs:
        return None
    first, last = paragraphs[number]

    def edit() -> Rewrap | None:
        if first == next(iter(paragraphs)):  # the summary
            return None
        above = first - 1
        while above > start[0] and not texts[above].strip():
            above -= 1
        if texts[above].endswith("::"):  # a literal block follows
            return None
        words = []
        gap = ""
        for line in range(first, last + 1):
            text = texts[line]
            if line != start[0] and _width(text) != base:
                return None
            if line == end:
                text = text[:-len(quotes)]
                gap = " " if text[-1:].isspace() else ""
            if text.endswith("\\") or _odd_space(text):
                return None
            words.append(text.strip())
        if not is_prose_paragraph(words):
            return None
        words[-1] += gap + quotes if last == end else ""
        indent = " " * base
        head = (
            lines[first - 1][:opening_end] if first == start[0] else indent
        )
        paragraph = Rewrap(first, last, " ".join(words), head, indent, limit)
        if paragraph.fits(comment=False, closing=last == end):
            return paragraph
        return None

    return _remember(
        None if memo is None else memo.paragraphs, (first, last), edit
    )


def _docstring_literal(
    lines: Sequence[str], start: tuple[int, int], end: int
) -> _Literal | None:
    """Read a docstring's literal (see :func:`docstring_rewrap`).

    Args:
        lines: The file's physical lines.
        start: Where the literal starts (line, column).
        end: The line where it ends.

    Returns:
        The literal, or None if it is on one line, or if its quotes
        are not where a rewrap expects them.
    """
    opening = QUOTE.match(lines[start[0] - 1], start[1])
    if opening is None or start[0] == end:
        return None
    quotes = opening[1]
    closing = lines[end - 1].rstrip()
    body = "".join(lines[start[0] - 1:end])[start[1]:].rstrip()
    if not closing.endswith(quotes) or quotes in body[
        opening.end() - start[1]:-len(quotes)
    ]:
        return None
    texts = {
        line: lines[line - 1].rstrip() for line in range(start[0], end + 1)
    }
    texts[start[0]] = texts[start[0]][opening.end():]
    paragraphs: dict[int, tuple[int, int]] = {}
    run: list[int] = []
    for line in range(start[0], end + 2):  # a line past the end ends a run
        text = texts[line].strip() if line <= end else ""
        if text and text != quotes:
            run.append(line)
        elif run:
            paragraphs.update(dict.fromkeys(run, (run[0], run[-1])))
            run = []
    base = min(
        (_width(texts[line]) for line in paragraphs if line != start[0]),
        default=0,
    )
    return _Literal(quotes, opening.end(), texts, base, paragraphs)


def _remember(
    table: dict[_Key, _Value] | None, key: _Key, make: Callable[[], _Value]
) -> _Value:
    """Return ``make()``, made once per key of ``table`` (if any)."""
    if table is None:
        return make()
    if key not in table:
        table[key] = make()
    return table[key]


def is_prose_paragraph(texts: Sequence[str]) -> bool:
    """Return whether a paragraph's lines (stripped) are all prose.

    The one predicate of prose for the check and the fix: a paragraph
    is rewrapped only when it holds. Every line must read as prose
    (:func:`is_prose`), and the paragraph must not list entries
    (``name - description``, ``name: description``): its first line,
    or two of its lines, opening like one.
    """
    if not all(map(is_prose, texts)):
        return False
    entries = sum(1 for text in texts if ENTRY.match(text))
    return not entries or (entries == 1 and not ENTRY.match(texts[0]))


def is_prose(text: str) -> bool:
    """Return whether one line's text reads as prose."""
    return not (
        "\t" in text
        or NOT_PROSE.match(text)
        or CODE_LINE.match(text)
        or "  " in text and TABLE_GAP.search(text)  # fast test first
        or UNDERLINE.match(text)
        or RULER.search(text)
        or " " not in text and ("://" in text or text.startswith("www."))
    )


def _ends_paragraph(
    upper: re.Match[str], lower: re.Match[str], limit: int
) -> bool:
    """Return whether a comment line ends its paragraph on purpose.

    The next line's first word would have fitted after it, and it ends
    a sentence, leaves more than half of its room empty, or the next
    line starts with a capital (a sentence whose full stop is
    missing): the author broke the line there.
    """
    text = upper[4]
    width = len(upper[0].rstrip())
    return (
        text.endswith(SENTENCE_END)
        or 2 * len(text) < limit - (width - len(text))
        or lower[4][:1].isupper()
    ) and width + 1 + len(lower[4].split(" ", 1)[0]) <= limit


def _is_code(texts: list[str]) -> bool:
    """Return whether comment text is Python code (commented out).

    It is when it parses as Python, or when a run of its lines holds
    a statement of code (:data:`CODE_STATEMENTS`, or a call): prose
    around it does not make it prose.
    """
    if _parses(texts) is not None:
        return True
    return any(
        any(
            isinstance(statement, CODE_STATEMENTS)
            or isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Call)
            for statement in tree.body
        )
        for start in range(len(texts))
        for stop in range(start + 1, len(texts) + 1)
        if (tree := _parses(texts[start:stop])) is not None
    )


def _parses(texts: list[str]) -> ast.Module | None:
    """Return the tree of lines of text, if they parse as Python.

    Prose holds words side by side, which Python code only does next
    to a keyword: when the first line holds two such words before any
    string or comment, the text is not code, known without parsing.
    """
    code = CODE_END.split(texts[0], 1)[0]
    if any(
        KEYWORDS.isdisjoint(words.groups())
        for words in WORD_PAIR.finditer(code)
    ):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse("\n".join(texts))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _fits(line: str, limit: int, comment: bool, last: bool = False) -> bool:
    """Return whether a line fits, or is one STD102 exempts."""
    return len(line) <= limit or exempt_doc_line(line, limit, comment, last)


def exempt_doc_line(
    text: str, limit: int, comment: bool, last: bool = False
) -> bool:
    """Return whether STD102 exempts a long doc line (right-stripped).

    Its only part past the limit is a word that no wrapping can
    shorten, starting before the limit: the line's one word (after a
    comment's ``#``), or a URL ending the line (``See https://...``),
    which a rewrap would part from the words that introduce it (as
    ruff does). A docstring's last line is never exempt: its closing
    quotes can go on a line of their own.

    Args:
        text: The line, without its line ending and trailing spaces.
        limit: The longest line allowed (``max-doc-length``).
        comment: Whether the line is a comment.
        last: Whether the line ends a docstring.
    """
    chunks = text.split()
    if last or not chunks or len(text) - len(chunks[-1]) >= limit:
        return False
    return len(chunks) == (2 if comment else 1) or "://" in chunks[-1]


def _odd_space(text: str) -> bool:
    """Return whether a line holds whitespace but spaces and tabs.

    A form feed, a vertical tab, a NEL or a line separator is whitespace
    to the filling, which would make it a space or drop it: they are the
    author's page and line breaks, kept where they are.
    """
    return ODD_SPACE.search(text) is not None


def _width(text: str) -> int:
    """Return the width of a line's leading spaces."""
    return len(text) - len(text.lstrip(" "))
