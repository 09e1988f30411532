"""STD1xx: code layout (line length, indentation, blank lines)."""

from __future__ import annotations

import ast
import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import TYPE_CHECKING

from stdcheck.core import noqa
from stdcheck.core.checker import Checker
from stdcheck.core.registry import FixSafety, Rule
from stdcheck.core.source import aligned_brackets
from stdcheck.rules.layout.operators import moved_break
from stdcheck.rules.layout.scan import LayoutScan, Statement, expand_indent
from stdcheck.rules.layout.text import layout_facts, statement_spans
from stdcheck.rules.layout.wrap import (
    Memo,
    Rewrap,
    comment_rewrap,
    docstring_rewrap,
    exempt_doc_line,
)

if TYPE_CHECKING:
    from stdcheck.core.context import FileContext

LINE_TOO_LONG = Rule(
    code="STD101",
    name="line-too-long",
    message="line too long ({length} > {limit} characters)",
    summary="A line longer than `max-line-length` (79).",
    rationale=(
        "Short lines can be read side by side, in a diff, in a review "
        "tool and on a laptop screen without wrapping."
    ),
    bad=(
        "def greet(name):\n"
        "    return 'Hello, ' + name + ', and welcome to the team; "
        "we are glad to have you here!'\n"
    ),
    good=(
        "def greet(name):\n"
        "    return (\n"
        "        'Hello, ' + name\n"
        "        + ', and welcome to the team; we are glad to have you "
        "here!'\n"
        "    )\n"
    ),
    options=("max-line-length",),
    peers=("pycodestyle E501", "ruff E501"),
    notes=(
        "Every physical line is measured, comments and docstrings "
        "included (those also have the shorter STD102 limit), in "
        "characters, without trailing whitespace. Exempt, as in "
        "pycodestyle: a `#!` line 1; a line whose only over-long part "
        "is one word without spaces (a URL or a path) that starts "
        "before column 72, when the line is a comment holding just that "
        "word or lies inside a multi-line string (its last line aside, "
        "which holds the closing quotes). Also exempt, as the catalogue "
        "says: a comment line, or a line inside a multi-line string "
        "(its last line aside), ending in a URL (a word with `://`, "
        "as ruff reads one) that starts before column 72 "
        "(`# From https://...`); a line of code whose only over-long "
        "part is a string holding a URL or a path (one word, not an "
        "f-string, with `://` or at least two `/`: `DOCS_URL = "
        "\"https://...\"`), after a space, that starts "
        "before column 72 and ends the line (closing brackets, commas "
        "and colons aside); a string with spaces could be split, and "
        "`'HTTP/1.1'` is no path. "
        "pycodestyle reports such lines. Also exempt: a line that fits "
        "without its trailing `# noqa` or `# type:` comment. pycodestyle "
        "instead skips any line holding `# noqa` (flake8 does not: "
        "there only `noqa` codes count), so a long line of code with a "
        "`# noqa: F401` is reported here."
    ),
)

DOC_LINE_TOO_LONG = Rule(
    code="STD102",
    name="doc-line-too-long",
    message="doc line too long ({length} > {limit} characters)",
    summary=(
        "A docstring line or a comment line longer than `max-doc-length` "
        "(72)."
    ),
    rationale=(
        "Prose is read more easily in narrow columns; the standard "
        "keeps docstrings and comments to 72 characters, as PEP 8 does."
    ),
    bad=(
        "def total(prices):\n"
        '    """Add up the prices."""\n'
        "    # Every item in the basket counts, with its own taxes and fees "
        "included.\n"
        "    return sum(prices)\n"
    ),
    good=(
        "def total(prices):\n"
        '    """Add up the prices."""\n'
        "    # Every item in the basket counts, with its own taxes and fees\n"
        "    # included.\n"
        "    return sum(prices)\n"
    ),
    fixed=(
        "def total(prices):\n"
        '    """Add up the prices."""\n'
        "    # Every item in the basket counts, with its own taxes and\n"
        "    # fees included.\n"
        "    return sum(prices)\n"
    ),
    fix=FixSafety.SAFE,
    options=("max-doc-length",),
    peers=("pycodestyle W505", "ruff W505"),
    notes=(
        "As in pycodestyle: the lines measured are those of statements "
        "made only of string literals (docstrings, attribute docstrings "
        "and strings used as block comments) and comments standing on "
        "their own line; a comment after code is part of a code line "
        "(STD101). Exempt: a `#!` line 1, a comment line holding one "
        "word after its `#` (a URL or a path) that starts before the "
        "limit, and a docstring line holding one such word, unless it "
        "is the string's last line; also, as for STD101 and in ruff, a "
        "comment or docstring line ending in a URL (a word with `://`) "
        "that starts before the limit (`# From https://...`): a rewrap "
        "would only part the URL from the words that introduce it. "
        "Trailing whitespace is not counted "
        "(pycodestyle counts it). pycodestyle also measures a comment "
        "that follows a string literal opening its line (a list of "
        "strings, each with a comment); that is a code line here."
    ),
    fix_notes=(
        "Rewraps the paragraph of prose the long line belongs to (a "
        "run of comment lines, or of docstring lines, between blank "
        "lines; in a comment, a line ending a sentence where the next "
        "line's first word would have fitted ends the paragraph too, "
        "so two paragraphs are never merged) to fit. The check offers "
        "the fix only when every line of the paragraph is prose, as "
        "the fix reads it (one predicate). Left alone, as not prose: a "
        "paragraph holding a line indented deeper than the others "
        "(code, a continued list item, the entries of a Google `Args:` "
        "section), a list item, an option line (`--verbose`), "
        "entries (a first line, or two lines, opening as `name - "
        "description` or `name: description`), a doctest, a table, a "
        "reST directive, field or heading underline, a ruler (`# -- "
        "Options ------`), a verbatim marker "
        "(click's `\\b`, docopt's `Usage:`), a line that is only a "
        "URL, a pragma comment, commented-out code (comment text that "
        "parses as Python); a docstring's summary (its first "
        "paragraph, one line or more), which the standard wants on one "
        "line; a paragraph after a line ending in `::` (a literal "
        "block); a comment indented so deep that less than two thirds "
        "of `max-doc-length` is left for its text; a string statement "
        "that is not a docstring; and a paragraph that would still "
        "hold a long line (a long word). Those findings are reported "
        "as not fixable. A rewrap never breaks inside an inline "
        "literal (` ``partial(func, *args)`` `), and never leaves a "
        "single word on its last line when a narrower fill with the "
        "same number of lines avoids it."
    ),
)

TAB_INDENTATION = Rule(
    code="STD103",
    name="tab-indentation",
    message="indentation contains a tab",
    summary="A line whose indentation contains a tab.",
    rationale=(
        "Tabs display at different widths in different tools; the "
        "standard indents with 4 spaces."
    ),
    bad="if True:\n\tprint('tab')\n",
    good="if True:\n    print('spaces')\n",
    fixed="if True:\n    print('tab')\n",
    fix=FixSafety.SAFE,
    peers=("pycodestyle W191", "ruff W191"),
    notes=(
        "Lines inside multi-line strings are text, not indentation, and "
        "are not reported (pycodestyle reports them); whitespace-only "
        "lines are left to trailing-whitespace checks."
    ),
    fix_notes=(
        "Indents each block holding a tab by 4 spaces per level (its "
        "comments and continuation lines move with it); tabs starting "
        "other reported lines become spaces at 4-column stops. The text "
        "of strings is never changed."
    ),
)

INDENTATION_NOT_FOUR = Rule(
    code="STD104",
    name="indentation-not-four",
    message="indentation step of {step} spaces, expected 4",
    summary="A block indented by a step other than 4 spaces.",
    rationale=(
        "One indentation width makes nesting depth visible at a glance "
        "and keeps diffs free of re-indentation noise."
    ),
    bad="if True:\n  print('two spaces')\n",
    good="if True:\n    print('four spaces')\n",
    fixed="if True:\n    print('two spaces')\n",
    fix=FixSafety.SAFE,
    peers=("pycodestyle E111", "pycodestyle E117", "ruff E111"),
    notes=(
        "Each indented block is compared with the block around it, so "
        "a file indented by 2 spaces is reported once per block rather "
        "than once per line. Blocks indented with tabs are STD103's, "
        "even one two tabs deeper than its parent, which pycodestyle "
        "also reports as over-indented (E117). "
        "Continuation lines and comments are not blocks and are not "
        "checked here."
    ),
    fix_notes=(
        "Re-indents the reported block by 4 spaces; its statements, "
        "comments and continuation lines move with it, so alignment "
        "inside brackets is kept. The text of multi-line strings, "
        "docstrings included, is part of their value and stays as it "
        "is, and so does a comment placed left of its block."
    ),
)

BREAK_AFTER_OPERATOR = Rule(
    code="STD105",
    name="break-after-operator",
    message="line break after binary operator '{operator}'",
    summary=(
        "A line inside brackets that ends with a binary or boolean "
        "operator."
    ),
    rationale=(
        "The standard breaks lines before binary operators, so that "
        "each operator stands next to the operand it applies to and the "
        "operators line up down the left edge."
    ),
    bad=(
        "total = (price +\n"
        "         tax)\n"
    ),
    good=(
        "total = (price\n"
        "         + tax)\n"
    ),
    fix=FixSafety.SAFE,
    peers=("pycodestyle W504",),
    notes=(
        "Operators: arithmetic, bitwise and comparison symbols, `%` and "
        "`@` included, and `and`, `or`, `in`, `not in`, `is`, `is not`. "
        "Differences from pycodestyle, whose W504 looks at symbols and "
        "`and`/`or` only: `%` and `@` are binary operators here (PEP 8's "
        "own example breaks before `%`, and pycodestyle's maintainers "
        "call leaving `%` out an inconsistency: PyCQA/pycodestyle#422); "
        "`+`, `-`, `*` and `**` after "
        "`(` or `,` are unary or unpacking and are not reported, while "
        "a binary operator before a line starting with a unary one "
        "(`a +` then `-b`) is (pycodestyle's own examples say these "
        "should be W504, but its check misses them); `in` of a `for` is "
        "not an operator; "
        "`:=` is an assignment. Lines continued with a backslash "
        "outside brackets are not checked."
    ),
    fix_notes=(
        "Moves the operator to the start of the next line; a comment "
        "after it stays at the end of the first line. A finding is not "
        "fixable when that next line would become longer than "
        "`max-line-length`: splitting it is a human's choice; nor when "
        "that line opens a bracket with text after it and leaves it open "
        "(`(freq >= MINUTELY and`): the lines aligned with that text "
        "would no longer be."
    ),
)

BLANK_LINES_TOP_LEVEL = Rule(
    code="STD106",
    name="blank-lines-top-level",
    message="expected 2 blank lines {where} a top-level definition, "
    "found {found}",
    summary=(
        "A top-level `def` or `class` not preceded, or not followed by "
        "code, with exactly two blank lines."
    ),
    rationale=(
        "Two blank lines make the boundaries between top-level "
        "definitions visible when scrolling through a module."
    ),
    bad=(
        "import os\n"
        "\n"
        "def home():\n"
        "    return os.environ['HOME']\n"
        "print(home())\n"
    ),
    good=(
        "import os\n"
        "\n"
        "\n"
        "def home():\n"
        "    return os.environ['HOME']\n"
        "\n"
        "\n"
        "print(home())\n"
    ),
    fix=FixSafety.SAFE,
    peers=("pycodestyle E302", "pycodestyle E305", "ruff E302",
           "ruff E305"),
    notes=(
        "Comments and decorators directly above a definition belong to "
        "it. As in pycodestyle, comments between the previous code and "
        "a definition do not break the count: the longest run of blank "
        "lines among them is what counts. Nothing is asked of the first "
        "statement of a file, and a one-line definition "
        "(`def f(): ...`) may follow the previous statement directly, "
        "for groups of related one-liners (PEP 8). More than two blank "
        "lines are STD108's. Stub files (`.pyi`) are exempt: their "
        "convention is denser. Unlike pycodestyle, code after an "
        "`async def` is checked too."
    ),
    fix_notes=(
        "Sets the blank lines to two, above the comments that belong "
        "to the definition."
    ),
)

BLANK_LINES_METHOD = Rule(
    code="STD107",
    name="blank-lines-method",
    message="expected 1 blank line before a nested definition, "
    "found {found}",
    summary=(
        "A method not separated from the previous statement in its "
        "class by one blank line."
    ),
    rationale=(
        "One blank line between methods shows where each one starts "
        "while keeping the class visibly one unit."
    ),
    bad=(
        "class Cart:\n"
        "    def __init__(self):\n"
        "        self.items = []\n"
        "    def add(self, item):\n"
        "        self.items.append(item)\n"
    ),
    good=(
        "class Cart:\n"
        "    def __init__(self):\n"
        "        self.items = []\n"
        "\n"
        "    def add(self, item):\n"
        "        self.items.append(item)\n"
    ),
    fix=FixSafety.SAFE,
    peers=("pycodestyle E301", "ruff E301"),
    notes=(
        "As in pycodestyle, this covers every `def` or `class` nested "
        "in a class or in a block (`if`, `try`, ...) outside functions; "
        "definitions inside functions are not checked. The first "
        "statement of a block, and a definition right after the class "
        "docstring, may have zero or one blank line. Comments and "
        "decorators directly above belong to the definition. More "
        "than one blank line is STD108's. One-line definitions may be "
        "grouped without blank lines, and stub files (`.pyi`) are "
        "exempt, as for STD106. pycodestyle also accepts a definition "
        "right after any string statement (an attribute docstring); "
        "here only the class docstring allows it. pycodestyle finds "
        "the enclosing function by scanning lines upwards, so text of a "
        "multi-line string at column 0 can make it report a function "
        "nested in a function; here nesting is read from the statements."
    ),
    fix_notes=(
        "Sets the blank lines to one, above the comments that belong "
        "to the definition."
    ),
)

TOO_MANY_BLANK_LINES = Rule(
    code="STD108",
    name="too-many-blank-lines",
    message="too many blank lines ({found})",
    summary=(
        "More than two consecutive blank lines at top level, or more "
        "than one inside an indented block."
    ),
    rationale=(
        "Blank lines separate; a long run of them separates nothing "
        "more and pushes code off the screen."
    ),
    bad="import os\n\n\n\nprint(os.sep)\n",
    good="import os\n\n\nprint(os.sep)\n",
    fix=FixSafety.SAFE,
    peers=("pycodestyle E303", "ruff E303"),
    notes=(
        "The run is judged by the line after it: at column 0 two blank "
        "lines are allowed, indented one (inside a function, a class or "
        "any other block), as in pycodestyle. Blank lines inside "
        "brackets or strings are not counted; blank lines at the end "
        "of the file are left to trailing-whitespace checks. Unlike "
        "pycodestyle, blank lines after a decorator are counted too."
    ),
    fix_notes="Removes the extra blank lines; comments stay.",
)

DEFINITIONS = frozenset({"def", "class", "decorator"})

Scope = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef


class Layout(Checker):
    """Reports the layout rules from the file's layout facts."""

    rules = (
        LINE_TOO_LONG,
        DOC_LINE_TOO_LONG,
        TAB_INDENTATION,
        INDENTATION_NOT_FOUR,
        BREAK_AFTER_OPERATOR,
        BLANK_LINES_TOP_LEVEL,
        BLANK_LINES_METHOD,
        TOO_MANY_BLANK_LINES,
    )

    def __init__(self, ctx: FileContext) -> None:
        """Start with no body seen."""
        super().__init__(ctx)
        self.bodies: list[Scope] = []
        self.rewraps = Memo()

    def visit_Module(self, node: Scope) -> None:
        """Note a body that may open with a docstring (STD102's fix)."""
        self.bodies.append(node)

    visit_ClassDef = visit_FunctionDef = visit_Module
    visit_AsyncFunctionDef = visit_Module

    @functools.cached_property
    def docstrings(self) -> list[tuple[int, int, int]]:
        """Return the docstrings' spans in order (read on first use)."""
        return docstring_spans(self.ctx, self.bodies)

    def finish(self) -> None:
        """Check each rule over the file's layout facts."""
        found = self.ctx.fact(layout_facts)
        self._line_lengths(found)
        self._tabs(found)
        for line, outer, inner in found.indents:
            if inner - outer != 4:
                self.ctx.report(INDENTATION_NOT_FOUR, line, step=inner - outer)
        for line, col, operator in found.breaks:
            self.ctx.report(
                BREAK_AFTER_OPERATOR, line, col,
                fix=self._operator_move_safety(line, col, operator),
                operator=operator,
            )
        _check_blank_lines(self.ctx, found.statements)

    def _line_lengths(self, found: LayoutScan) -> None:
        """Report long code lines (STD101) and doc lines (STD102)."""
        code_limit = self.ctx.config.max_line_length
        doc_limit = self.ctx.config.max_doc_length
        shortest = min(code_limit, doc_limit) + 1
        lines = self.ctx.lines
        # The numbers of the lines longer than that, picked out in C.
        longer = map(shortest.__lt__, map(len, lines))
        for number in itertools.compress(itertools.count(1), longer):
            text = lines[number - 1].rstrip()
            if number == 1 and text.startswith("#!"):
                continue
            if len(text) > code_limit and not _long_line_exempt(
                number, text, code_limit, found
            ):
                self.ctx.report(
                    LINE_TOO_LONG, number, code_limit,
                    length=len(text), limit=code_limit,
                )
            if len(text) > doc_limit and _is_long_doc_line(
                number, text, doc_limit, found
            ):
                self.ctx.report(
                    DOC_LINE_TOO_LONG, number, doc_limit,
                    fix=self._rewrap_safety(number, found),
                    length=len(text), limit=doc_limit,
                )

    def _operator_move_safety(
        self, line: int, col: int, operator: str
    ) -> FixSafety:
        """Return whether the fix moves a break, keeping lines short.

        The fix moves it as :func:`moved_break` says, or not at all (a
        comment between an operator alone on its line and the next code
        stays there). The operator goes to the start of the next line of
        code (past any comment lines); if that line would then be too
        long, the finding is left to a human, who may rather split it.
        So it is if that line opens a bracket with text after it that it
        leaves open (``(freq >= MINUTELY and`` then
        ``self._byminute)``): the lines aligned with that text would no
        longer be.
        """
        lines = self.ctx.lines
        moved = moved_break(
            lines[line - 1], col, operator, itertools.islice(lines, line, None)
        )
        if moved is None:
            return FixSafety.NONE
        following = line + moved[1] - 1  # the next line of code
        width = len(lines[following].rstrip()) + len(operator) + 1
        if width > self.ctx.config.max_line_length or _opens_aligned(
            lines[following]
        ):
            return FixSafety.NONE
        return FixSafety.SAFE

    def _rewrap_safety(self, number: int, found: LayoutScan) -> FixSafety:
        """Return whether a long doc line is prose we can rewrap."""
        edit = rewrap_at(
            self.ctx, number, found, lambda: self.docstrings, self.rewraps
        )
        return FixSafety.NONE if edit is None else FixSafety.SAFE

    def _tabs(self, found: LayoutScan) -> None:
        """Report indentation holding a tab (STD103)."""
        if "\t" not in self.ctx.source:
            return
        for number, line in enumerate(self.ctx.lines, start=1):
            body = line.lstrip(" \t")
            if (
                "\t" in line[:len(line) - len(body)]
                and body.strip()
                and number not in found.inside_string
            ):
                self.ctx.report(TAB_INDENTATION, number)


def rewrap_at(
    ctx: FileContext,
    number: int,
    found: LayoutScan,
    docstrings: Callable[[], list[tuple[int, int, int]]],
    memo: Memo,
) -> Rewrap | None:
    """Return the rewrap of the paragraph holding a long doc line.

    The check's answer to "is this STD102 finding fixable", and the
    fix's edit (:mod:`stdcheck.rules.layout.text_fixes`).

    Args:
        ctx: The file.
        number: The long line.
        found: The file's layout facts.
        docstrings: Returns the docstrings' spans (read if needed).
        memo: Paragraphs already rewrapped (read and extended).

    Returns:
        The edit, or None if the paragraph cannot be rewrapped.
    """
    limit = ctx.config.max_doc_length
    if number in found.comment_lines:
        return comment_rewrap(
            ctx.lines, number, limit, found.comment_lines, memo
        )
    spans = docstrings()
    # The last docstring starting at or above the line.
    index = bisect.bisect(spans, number, key=itemgetter(0))
    start, col, end = spans[index - 1] if index else (0, 0, 0)
    if end < number:
        return None
    return docstring_rewrap(ctx.lines, number, limit, (start, col), end, memo)


def docstring_spans(
    ctx: FileContext, bodies: Iterable[Scope]
) -> list[tuple[int, int, int]]:
    """Return the spans of the docstrings opening some bodies, in order.

    Args:
        ctx: The file.
        bodies: The modules, classes and functions.

    Returns:
        Each docstring's start line and character column, and end line.
    """
    spans = []
    for node in bodies:
        first = node.body[0] if node.body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
            and first.end_lineno is not None
        ):
            spans.append((
                first.lineno,
                ctx.char_col(first.lineno, first.col_offset),
                first.end_lineno,
            ))
    spans.sort()
    return spans


WORD_STRING_END = re.compile(
    r"""(?:^|(?<=\s))[rRbBuU]{0,2}(["'])([^\s"']+)\1[\s,)\]}:;]*\Z"""
)
"""A string (not an f-string) holding one word that ends a line of code,
after a space, but for closing brackets and separators."""


def _long_line_exempt(
    number: int, text: str, limit: int, found: LayoutScan
) -> bool:
    """Return whether an over-long line is exempt from STD101."""
    chunks = text.split()
    if (
        (len(chunks) == 1 and number in found.string_lines)
        or (len(chunks) == 2 and chunks[0] == "#")
        or (
            (number in found.comment_lines or number in found.string_lines)
            and "://" in chunks[-1]
        )
    ) and len(text) - len(chunks[-1]) < limit - 7:
        return True
    if number not in found.string_lines:
        word = WORD_STRING_END.search(text)
        if word is not None and word.start() < limit - 7 and (
            "://" in word.group(2) or word.group(2).count("/") >= 2
        ):
            return True
    pragma = found.pragma_cols.get(number)
    return pragma is not None and len(text[:pragma].rstrip()) <= limit


def _is_long_doc_line(
    number: int, text: str, limit: int, found: LayoutScan
) -> bool:
    """Return whether an over-long line is one STD102 reports."""
    if number in found.comment_lines:
        return not exempt_doc_line(text, limit, comment=True)
    last = found.doc_lines.get(number)
    return last is not None and not exempt_doc_line(
        text, limit, comment=False, last=last
    )


def _opens_aligned(line: str) -> bool:
    """Return whether a line leaves open a bracket with text after it.

    The lines that continue it are aligned with that text (a visual
    indent). A line the tokenizer cannot read counts as one.
    """
    found = aligned_brackets(line)
    return found is None or bool(found)


def _check_blank_lines(ctx: FileContext, statements: list[Statement]) -> None:
    """Report blank lines around definitions (STD106-STD108)."""
    is_stub = ctx.is_stub
    previous_kind: str | None = None  # None before the first statement
    previous_indent = 0
    previous_opens_block = False
    top_kind = ""  # the kind of the latest statement at column 0
    functions: list[int] = []  # the indents of the enclosing defs
    for index, statement in enumerate(statements):
        line, indent, kind, _, blank_before, blank_lines = statement
        if kind != "comment":
            while functions and functions[-1] >= indent:
                functions.pop()
        if blank_lines > (1 if indent else 2):
            ctx.report(TOO_MANY_BLANK_LINES, line, found=blank_lines)
        elif previous_kind is None or is_stub or previous_kind == "decorator":
            pass
        elif kind in DEFINITIONS:
            if (
                blank_before == 0
                and _starts_one_liner(statements, index)
                and _indent_above(ctx, line) <= indent
            ):
                pass
            elif indent == 0:
                if blank_before != 2:
                    ctx.report(
                        BLANK_LINES_TOP_LEVEL, line,
                        where="before", found=blank_before,
                    )
            elif not (
                blank_before == 1
                or previous_indent < indent
                or previous_kind == "string" and previous_opens_block
                or functions
            ):
                ctx.report(BLANK_LINES_METHOD, line, found=blank_before)
        elif (
            kind != "comment"
            and indent == 0
            and top_kind in ("def", "class")
            and blank_before != 2
        ):
            ctx.report(
                BLANK_LINES_TOP_LEVEL, line, where="after", found=blank_before,
            )
        if kind == "comment":
            continue
        previous_opens_block = (
            previous_kind is None or previous_indent < indent
        )
        previous_kind, previous_indent = kind, indent
        if kind == "def":
            functions.append(indent)
        if indent == 0:
            top_kind = kind


def _starts_one_liner(statements: list[Statement], index: int) -> bool:
    """Return whether a definition (or its decorator) is a one-liner."""
    for statement in itertools.islice(statements, index, None):
        if statement.kind in ("def", "class"):
            return statement.one_liner
    return False


def _indent_above(ctx: FileContext, line: int) -> int:
    """Return the indentation of the physical line above ``line``."""
    return expand_indent(ctx.lines[line - 2]) if line > 1 else 0


# The lines a statement spans, for noqa comments: the layout scan finds
# them with its other facts, once per file.
noqa.find_spans_with(statement_spans)
