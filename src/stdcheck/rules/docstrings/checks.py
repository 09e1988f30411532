"""STD4xx: Google-style docstrings.

Every check reads docstrings through
:mod:`stdcheck.rules.docstrings.parser` (parsed once per file, by the
context), so a finding points at the docstring line at fault.
"""

from __future__ import annotations

import ast
import functools
import os
from typing import TYPE_CHECKING

from stdcheck.core.checker import Checker
from stdcheck.core.registry import FixSafety, Rule
from stdcheck.rules.common.bodies import BodyFacts, FunctionBodies
from stdcheck.rules.common.definitions import (
    Definition,
    Function,
    dotted_name,
    enclosing_scope,
    has_decorator,
    is_abstract,
    is_companion,
    is_method,
    is_overload,
    is_property,
    is_stub_body,
    is_test,
    parameters,
)
from stdcheck.rules.docstrings.parser import (
    DocLine,
    Docstring,
    Section,
    closing_indent,
    doc_limit,
    docstring_of,
)

if TYPE_CHECKING:
    from stdcheck.core.context import FileContext

PUBLIC = (
    "Public means: not starting with an underscore (a method's dunder "
    "name aside), not inside a function or a private class, and, when "
    "the module has a literal `__all__`, listed there (top-level "
    "names), as pydocstyle decides."
)
TESTS = (
    "In test modules, `test*` functions and methods, `Test*` classes "
    "and unittest hooks (`setUp`, ...) are exempt: the runner calls "
    "them by name and the test name says what they check."
)
SHORT = (
    "Only docstrings with at least one of `Args:`, `Returns:`, "
    "`Yields:`, `Raises:` or `Attributes:` are checked: a docstring "
    "that is a plain description (such as the standard's "
    '`"""Retrieve a user by email address."""`) is not (as pydoclint '
    "with its default `--skip-checking-short-docstrings`)."
)

MISSING_MODULE_DOCSTRING = Rule(
    code="STD401",
    name="missing-module-docstring",
    message="public module has no docstring",
    summary="A public module without a docstring.",
    rationale=(
        "The standard asks for docstrings on all public modules: the "
        "module docstring is the first thing a reader (and `help()`, "
        "Sphinx, an IDE) shows about what the module is for."
    ),
    bad="import os\n\nHOME = os.environ['HOME']\n",
    good='"""Where the user\'s files live."""\n\nimport os\n\n'
    "HOME = os.environ['HOME']\n",
    peers=(
        "pydocstyle D100",
        "pydocstyle D104",
        "ruff D100",
        "ruff D104",
    ),
    notes=(
        "A module whose file name starts with an underscore (dunder "
        "names such as `__main__.py` aside), or that lives in a package "
        "whose folder does, is private. An `__init__.py` that only "
        "imports and sets dunder names (`__all__`, `__version__`) only "
        "re-exports and is exempt, where pydocstyle reports D104; so is "
        "an empty module. Test modules and `.pyi` stubs are exempt (stubs "
        "carry types; the implementation carries the documentation)."
    ),
)

MISSING_CLASS_DOCSTRING = Rule(
    code="STD402",
    name="missing-class-docstring",
    message="public class {name!r} has no docstring",
    summary="A public class (nested ones included) without a docstring.",
    rationale=(
        "The standard asks for docstrings on all public classes; the "
        "class docstring says what an instance represents and lists "
        "its public attributes."
    ),
    bad="class Invoice:\n    total = 0\n",
    good='class Invoice:\n    """A bill sent to a customer."""\n\n'
    "    total = 0\n",
    peers=("pydocstyle D101", "pydocstyle D106", "ruff D101", "ruff D106"),
    notes=PUBLIC + " " + TESTS,
)

MISSING_FUNCTION_DOCSTRING = Rule(
    code="STD403",
    name="missing-function-docstring",
    message="public {kind} {name!r} has no docstring",
    summary="A public function or method without a docstring.",
    rationale=(
        "The standard asks for docstrings on all public functions and "
        "methods: callers read what a function does, what it takes and "
        "returns there instead of in its code."
    ),
    bad="def total(prices):\n    return sum(prices)\n",
    good=(
        "def total(prices):\n"
        '    """Return the sum of the prices."""\n'
        "    return sum(prices)\n"
    ),
    peers=(
        "pydocstyle D102",
        "pydocstyle D103",
        "pydocstyle D105",
        "pydocstyle D107",
        "ruff D102",
        "ruff D103",
    ),
    notes=(
        PUBLIC + " Exempt, as the catalogue says: `__init__` (and "
        "`__new__`, the other constructor) when the class has a "
        "docstring that documents the constructor's arguments in "
        "`Args:` or the constructor takes none (pydocstyle's D107 "
        "reports it), every other dunder method, `__call__` included "
        "(pydocstyle reports `__call__` as D102 and the others as "
        "D105), `@overload` stubs and methods decorated `@override`. "
        "A companion of a property-like shares its docstring and is "
        "exempt: a method decorated `@<name>.<anything>` where `<name>` "
        "is a decorated method defined above it in the class (property "
        "setters and deleters, as in pydocstyle; SQLAlchemy's "
        "`@total.expression` and `@total.inplace.comparator`). "
        + TESTS + " A docstring with no text at all is "
        "reported by STD404, not here."
    ),
)

DOCSTRING_SUMMARY = Rule(
    code="STD404",
    name="docstring-summary",
    message="docstring {problem}",
    summary=(
        'A docstring not opened with `"""`, empty, or whose summary is '
        "not one line ending in `.`, `?` or `!` and followed by a blank "
        "line."
    ),
    rationale=(
        "Tools show the summary line alone (`help()`, IDE tooltips, "
        "Sphinx autosummary); it must read as one complete sentence. "
        'PEP 257 asks for `"""` so that every docstring looks the same.'
    ),
    bad=(
        "def total(prices):\n"
        "    '''Add up the prices of every item.\n"
        "    Taxes are not included.'''\n"
        "    return sum(prices)\n"
    ),
    good=(
        "def total(prices):\n"
        '    """Add up the prices of every item.\n\n'
        "    Taxes are not included.\n"
        '    """\n'
        "    return sum(prices)\n"
    ),
    fixed=(
        "def total(prices):\n"
        '    """Add up the prices of every item.\n'
        "\n"
        '    Taxes are not included."""\n'
        "    return sum(prices)\n"
    ),
    fix=FixSafety.SAFE,
    fix_notes=(
        'Rewrites `\'\'\'`/`\'`/`"` quotes as `"""` (unless the text holds '
        '`"""` or ends in a quote or backslash), and adds the blank line '
        "after a summary line that ends a sentence. Where the longer "
        "quotes would push a one-line docstring past `max-doc-length`, "
        "the closing quotes go on a line of their own, indented as the "
        "opening ones (`__doc__` gains that line break and indentation); "
        "the summary itself is never rewrapped, since it must stay one "
        "line. Where even so the line is too long, or the docstring "
        "shares its line with code or a comment, the finding needs a "
        "person, as does a summary that runs over several lines, lacks "
        "its full stop or is missing."
    ),
    peers=(
        "pydocstyle D205",
        "pydocstyle D300",
        "pydocstyle D415",
        "pydocstyle D419",
        "ruff D205",
        "ruff D300",
        "ruff D415",
    ),
    notes=(
        "The summary may start on the line after the opening quotes (as "
        "in the standard's own `process_user_data` example; pydocstyle's "
        "D212 is not part of the standard). Every docstring is checked, "
        "private ones included. When the summary runs over several "
        "lines, the end of that first paragraph is checked for the "
        "full stop. A docstring whose text holds `\"\"\"` cannot be "
        "written between them: its quotes are not reported (as in "
        "pydocstyle)."
    ),
)

DOCSTRING_ARGS = Rule(
    code="STD405",
    name="docstring-args",
    message="{problem}",
    summary=(
        "`Args:` that misses a parameter, names one that does not exist, "
        "or lists them in another order than the signature."
    ),
    rationale=(
        "A parameter list that disagrees with the signature misleads "
        "every caller, and goes stale silently when parameters are "
        "renamed or added."
    ),
    bad=(
        "def move(x, y):\n"
        '    """Move the cursor.\n\n'
        "    Args:\n"
        "        x: The column.\n"
        '    """\n'
    ),
    good=(
        "def move(x, y):\n"
        '    """Move the cursor.\n\n'
        "    Args:\n"
        "        x: The column.\n"
        "        y: The row.\n"
        '    """\n'
    ),
    peers=(
        "pydoclint DOC101",
        "pydoclint DOC102",
        "pydoclint DOC103",
        "pydoclint DOC104",
    ),
    notes=(
        SHORT + " `self` and `cls` are never listed; `*args` and "
        "`**kwargs` may be listed with or without their stars; "
        "positional-only and keyword-only parameters are listed like "
        "the others. Parameters starting with an underscore need not be "
        "listed (pydoclint asks for them unless `--ignore-private-args`). "
        "A docstring with sections but no `Args:` is reported when the "
        "function has parameters to document. A constructor's arguments "
        "are checked in the class docstring's `Args:` when `__init__` "
        "has no docstring of its own. Types in entries are not compared "
        "with annotations (pydoclint's DOC105): the standard puts types "
        "in annotations."
        " An entry is a line at the block's least indentation starting "
        "with a name (reST escapes read: `arg\\_` is `arg_`), an optional "
        "type in parentheses and a colon; a line that goes on after a "
        "name without a colon is the description of the entry above "
        "(not indented further: `be positive.` is no entry), except in a "
        "block whose entries have no colons (`ValueError if ...`)."
    ),
)

DOCSTRING_RETURNS = Rule(
    code="STD406",
    name="docstring-returns",
    message="{problem}",
    summary=(
        "A function that returns a value without `Returns:` (or a "
        "generator without `Yields:`), or `Returns:`/`Yields:` on one "
        "that never returns or yields a value."
    ),
    rationale=(
        "Callers need to know what they get back; a `Returns:` on a "
        "function that returns nothing documents behaviour that does "
        "not exist."
    ),
    bad=(
        "def area(width, height):\n"
        '    """Compute the area.\n\n'
        "    Args:\n"
        "        width: The width.\n"
        "        height: The height.\n"
        '    """\n'
        "    return width * height\n"
    ),
    good=(
        "def area(width, height):\n"
        '    """Compute the area.\n\n'
        "    Args:\n"
        "        width: The width.\n"
        "        height: The height.\n\n"
        "    Returns:\n"
        "        The area, in square units.\n"
        '    """\n'
        "    return width * height\n"
    ),
    peers=(
        "pydoclint DOC201",
        "pydoclint DOC202",
        "pydoclint DOC402",
        "pydoclint DOC403",
    ),
    notes=(
        SHORT + " A function returns a value when a `return` in its own "
        "body (not a nested function's) gives something other than "
        "`None`; a bare `return` or `return None` does not (pydoclint "
        "asks for `Returns:` on any `return` of an unannotated "
        "function). Placeholder bodies (`pass`, `...`, `raise "
        "NotImplementedError`) and abstract methods may document what "
        "implementations return, and need `Returns:` when annotated "
        "with a type other than `None`. `@property` getters are "
        "documented as attributes and need no `Returns:`. As the Google "
        'style guide allows, a summary starting with "Return"/"Yield" '
        "may stand for the section. A function that returns an iterator "
        "may document it under `Yields:`. A generator needs `Yields:` "
        "when a `yield` gives a value other than `None` (or it yields "
        "from another): a bare `yield`, as in a `@contextmanager`, "
        "yields nothing, as a bare `return` returns nothing."
    ),
)

DOCSTRING_RAISES = Rule(
    code="STD407",
    name="docstring-raises",
    message="{problem}",
    summary=(
        "An exception raised by a `raise` in the function's own body "
        "and not listed under `Raises:`, or a listed exception never "
        "raised there."
    ),
    rationale=(
        "Callers decide what to catch from `Raises:`; it must list what "
        "the function raises, and only that."
    ),
    bad=(
        "def parse_age(text):\n"
        '    """Read an age.\n\n'
        "    Args:\n"
        "        text: The age, in digits.\n\n"
        "    Returns:\n"
        "        The age.\n"
        '    """\n'
        "    if not text.isdigit():\n"
        "        raise ValueError(text)\n"
        "    return int(text)\n"
    ),
    good=(
        "def parse_age(text):\n"
        '    """Read an age.\n\n'
        "    Args:\n"
        "        text: The age, in digits.\n\n"
        "    Returns:\n"
        "        The age.\n\n"
        "    Raises:\n"
        "        ValueError: If the text is not a number.\n"
        '    """\n'
        "    if not text.isdigit():\n"
        "        raise ValueError(text)\n"
        "    return int(text)\n"
    ),
    peers=("pydoclint DOC501", "pydoclint DOC502", "pydoclint DOC503"),
    notes=(
        SHORT + " Re-raising what a handler caught (`raise`, `raise "
        "error` for `except ... as error`) need not be listed, but "
        "listing the caught class is fine. A `raise` caught by a "
        "surrounding `try` of the same function, `raise "
        "NotImplementedError` and raises whose class cannot be read "
        "from the code (`raise error`) need no entry; the latter also "
        "stop the check for listed exceptions that are never raised, as "
        "do placeholder bodies and abstract methods. Entries match by "
        "the class's last name (`errors.Invalid` matches `Invalid`)."
        " An entry is a line at the block's least indentation starting "
        "with a name (reST escapes read: `arg\\_` is `arg_`), an optional "
        "type in parentheses and a colon; a line that goes on after a "
        "name without a colon is the description of the entry above "
        "(not indented further: `be positive.` is no entry), except in a "
        "block whose entries have no colons (`ValueError if ...`)."
    ),
)

DOCSTRING_SECTION = Rule(
    code="STD408",
    name="docstring-section",
    message="{problem}",
    summary=(
        "An unknown or misspelled section header (`Arguments:`, "
        "`Return:`, `Raise:`), a header without its colon, or a section "
        "whose entries are not indented under it."
    ),
    rationale=(
        "Sphinx (Napoleon), pydoclint and IDEs recognize sections by "
        "their exact headers; a misspelled or unindented section is "
        "rendered as plain text and escapes every other check."
    ),
    bad=(
        "def greet(name):\n"
        '    """Say hello.\n\n'
        "    Arguments:\n"
        "        name: Who to greet.\n"
        '    """\n'
    ),
    good=(
        "def greet(name):\n"
        '    """Say hello.\n\n'
        "    Args:\n"
        "        name: Who to greet.\n"
        '    """\n'
    ),
    fix=FixSafety.SAFE,
    fix_notes=(
        "Renames a misspelled or variant header to the canonical one and "
        "adds a missing colon (only the header line changes). Unknown "
        "headers, and headers over a block not indented under them "
        "(reST's `Parameters:` over a list: no Google section, which a "
        "new header would not make one), need a person."
    ),
    peers=("pydocstyle D405", "pydocstyle D416"),
    notes=(
        "Known headers: Args, Attributes, Example(s), Keyword Args, "
        "Methods, Note(s), Other Parameters, Raises, References, Returns, "
        "See Also, Todo, Warning(s), Warns, Yields and Napoleon's "
        "admonitions (Attention, Caution, Danger, Error, Hint, "
        "Important, Tip). Variants (Arguments, Parameters, Params, "
        "Return, Yield, Raise, Throws, Exceptions, Keyword Arguments, "
        "...) and misspellings are reported with the header to use. A "
        "line of one or two capitalized words and a colon, after a "
        "blank line and followed by an indented block, is an unknown "
        "header only in a docstring that has known sections: elsewhere "
        "it is prose. A numpy-style header (a known title over a line of "
        "dashes, in any case: `returns` over `-------`) is reported with "
        "the header to use. A line indented less than the docstring is "
        "reported, and the docstring is read from the indentation of "
        "most of its lines (one stray line does not hide the sections)."
    ),
)


CONSTRUCTORS = frozenset({"__init__", "__new__"})
PARAMETER_SECTIONS = frozenset({"Args", "Keyword Args", "Other Parameters"})


class MissingDocstrings(Checker):
    """Reports public modules, classes and functions without one."""

    rules = (
        MISSING_MODULE_DOCSTRING,
        MISSING_CLASS_DOCSTRING,
        MISSING_FUNCTION_DOCSTRING,
    )

    def visit_Module(self, node: ast.AST) -> None:
        """Check the module docstring."""
        ctx = self.ctx
        if ctx.is_test or ctx.is_stub or docstring_of(ctx, node) is not None:
            return
        if not _module_is_public(ctx.path) or not ctx.tree.body:
            return
        if ctx.filename == "__init__.py" and _only_reexports(ctx.tree):
            return
        ctx.report(MISSING_MODULE_DOCSTRING, 1, 0)

    def visit_ClassDef(self, node: ast.AST) -> None:
        """Check a class docstring."""
        assert isinstance(node, ast.ClassDef)
        if self._exempt(node):
            return
        self.ctx.report(
            MISSING_CLASS_DOCSTRING, node.lineno,
            self.ctx.char_col(node.lineno, node.col_offset), name=node.name,
        )

    def visit_FunctionDef(self, node: ast.AST) -> None:
        """Check a function docstring."""
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if self._exempt(node) or _exempt_function(self.ctx, node):
            return
        kind = "method" if is_method(self.ctx.parents) else "function"
        self.ctx.report(
            MISSING_FUNCTION_DOCSTRING, node.lineno,
            self.ctx.char_col(node.lineno, node.col_offset),
            kind=kind, name=node.name,
        )

    visit_AsyncFunctionDef = visit_FunctionDef

    def _exempt(self, node: Definition) -> bool:
        """Return whether a definition needs no docstring checks."""
        ctx = self.ctx
        return (
            ctx.is_stub
            or docstring_of(ctx, node) is not None
            or not ctx.is_public(node)
            or is_test(node, ctx.is_test)
        )


def _exempt_function(ctx: FileContext, node: Function) -> bool:
    """Return whether a public function is exempt from STD403."""
    if is_overload(node) or is_companion(node, ctx.parents):
        return True
    if has_decorator(node, "override"):
        return True
    name = node.name
    if not (name.startswith("__") and name.endswith("__")):
        return False
    if name not in CONSTRUCTORS or not is_method(ctx.parents):
        return True
    owner = enclosing_scope(ctx.parents)
    documented = None if owner is None else docstring_of(ctx, owner)
    if documented is None:
        return False
    return (
        documented.section("Args") is not None
        or not parameters(node, method=True)
    )


def _only_reexports(tree: ast.Module) -> bool:
    """Return whether a module only imports and sets dunder names."""
    for statement in tree.body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = getattr(statement, "targets", None) or [
                getattr(statement, "target")
            ]
            if all(
                isinstance(target, ast.Name)
                and target.id.startswith("__")
                and target.id.endswith("__")
                for target in targets
            ):
                continue
        return False
    return True


def _module_is_public(path: str) -> bool:
    """Return whether a module's name and its packages' are public."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem.startswith("_") and not (
        stem.startswith("__") and stem.endswith("__")
    ):
        return False
    return not _in_private_package(os.path.dirname(os.path.abspath(path)))


@functools.lru_cache(maxsize=1024)
def _in_private_package(folder: str) -> bool:
    """Return whether a folder is in a package named with ``_``."""
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        name = os.path.basename(folder)
        if name.startswith("_") and not name.startswith("__"):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return False


class DocstringLayout(Checker):
    """Reports summary and section header problems in any docstring."""

    rules = (DOCSTRING_SUMMARY, DOCSTRING_SECTION)

    def visit_Module(self, node: ast.AST) -> None:
        """Check the module docstring."""
        self._check(node)

    visit_ClassDef = visit_Module
    visit_FunctionDef = visit_Module
    visit_AsyncFunctionDef = visit_Module

    def _check(self, node: ast.AST) -> None:
        """Check one docstring, if the definition has one."""
        doc = docstring_of(self.ctx, node)
        if doc is None:
            return
        self._summary(doc)
        for section in doc.sections:
            self._section(doc, section)
        stray = doc.underindented
        if stray is not None:
            self.ctx.report(
                DOCSTRING_SECTION, stray.number, stray.col,
                fix=FixSafety.NONE,
                problem="docstring line is indented less than the "
                "docstring",
            )

    def _requoting_fits(self, doc: Docstring) -> bool:
        """Return whether ``\"\"\"`` quotes keep the doc lines short.

        ``'`` and ``"`` grow by two characters on each side, on the
        first and last lines of the literal (one line, or two joined by
        backslashes). A one-line docstring alone on its line that would
        grow too long fits if its closing quotes go on a line of their
        own (:func:`closing_indent` says how the fix indents them).
        """
        growth = 3 - len(doc.quote)
        if not growth:
            return True
        first, last = doc.lines[0].number, doc.lines[-1].number
        limit = doc_limit(self.ctx.config)
        widths = {
            number: len(self.ctx.lines[number - 1].rstrip("\r\n"))
            for number in {first, last}
        }
        if all(
            width + growth * (1 + (first == last)) <= limit
            for width in widths.values()
        ):
            return True
        line = self.ctx.lines[first - 1]
        literal = f"{doc.prefix}{doc.quote}{doc.body}{doc.quote}"
        return (
            first == last
            and line.strip() == literal
            and closing_indent(line) is not None
            and widths[first] + growth - len(doc.quote) <= limit
        )

    def _summary(self, doc: Docstring) -> None:
        """Check the quotes and the summary line."""
        report = self.ctx.report
        start = doc.lines[0]
        if doc.quote and doc.quote != '"""' and '"""' not in doc.body:
            report(
                DOCSTRING_SUMMARY, start.number,
                start.col - len(doc.prefix) - len(doc.quote),
                fix=_safe_if(
                    doc.requoted() is not None and self._requoting_fits(doc)
                ),
                problem="is not opened with \"\"\"",
            )
        summary = doc.summary
        if summary is None:
            where = _first_text(doc)
            report(DOCSTRING_SUMMARY, where.number, where.col,
                   fix=FixSafety.NONE,
                   problem="is empty" if doc.is_blank
                   else "has no summary line")
            return
        index = doc.lines.index(summary)
        paragraph = [summary]
        for line in doc.lines[index + 1:]:
            if not line.text:
                break
            paragraph.append(line)
        if len(paragraph) > 1:
            report(
                DOCSTRING_SUMMARY, paragraph[1].number, paragraph[1].col,
                fix=_safe_if(bool(doc.quote) and _ends_sentence(summary)),
                problem="summary is not one line followed by a blank line",
            )
        last = _paragraph_end(doc, paragraph)
        if not _is_sentence(last):
            report(
                DOCSTRING_SUMMARY, last.number, last.col + len(last.text),
                fix=FixSafety.NONE,
                problem="summary does not end in '.', '?' or '!'",
            )

    def _section(self, doc: Docstring, section: Section) -> None:
        """Check a section's header and indentation."""
        header = section.header
        written = section.title + (":" if section.colon else "")
        if section.underline is not None:
            self.ctx.report(
                DOCSTRING_SECTION, header.number, header.col,
                fix=FixSafety.NONE,
                problem=f"numpy-style docstring section {written!r}: "
                f"write '{section.canonical}:' with its entries indented "
                "under it",
            )
            return
        if section.canonical is None:
            self.ctx.report(
                DOCSTRING_SECTION, header.number, header.col,
                fix=FixSafety.NONE,
                problem=f"unknown docstring section {written!r}",
            )
        elif section.title != section.canonical or not section.colon:
            self.ctx.report(
                DOCSTRING_SECTION, header.number, header.col,
                fix=_safe_if(bool(doc.quote) and section.renamable),
                problem=f"docstring section {written!r} should be "
                f"'{section.canonical}:'",
            )
        if section.unindented is not None:
            line = section.unindented
            self.ctx.report(
                DOCSTRING_SECTION, line.number, line.col,
                fix=FixSafety.NONE,
                problem=(
                    f"entries of docstring section {section.title!r} "
                    "are not indented under it"
                ),
            )


ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.")


def _safe_if(condition: bool) -> FixSafety:
    """Return SAFE if the condition holds, else NONE."""
    return FixSafety.SAFE if condition else FixSafety.NONE


def _is_sentence(line: DocLine) -> bool:
    """Return whether a line ends a sentence."""
    return line.text.endswith((".", "?", "!"))


def _ends_sentence(line: DocLine) -> bool:
    """Return whether a line ends a sentence, not an abbreviation.

    ``e.g.``, ``i.e.``, ``etc.``, ``vs.`` and ``cf.`` end no sentence:
    a summary line ending in one goes on, and no blank line is put
    after it.
    """
    return _is_sentence(line) and not line.text.lower().endswith(
        ABBREVIATIONS
    )


def _paragraph_end(doc: Docstring, paragraph: list[DocLine]) -> DocLine:
    """Return the summary's last line: up to a section header."""
    headers = {section.header.number for section in doc.sections}
    lines = [line for line in paragraph if line.number not in headers]
    return lines[-1] if lines else paragraph[0]


class DocstringContents(FunctionBodies):
    """Compares Args/Returns/Yields/Raises with signature and body."""

    rules = (DOCSTRING_ARGS, DOCSTRING_RETURNS, DOCSTRING_RAISES)

    def visit_FunctionDef(self, node: ast.AST) -> None:
        """Check a constructor against its class docstring.

        Also asks for the raises of a function whose own docstring will
        be checked.
        """
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if self._checked_docstring(node) is not None:
            self.bodies.watch_raises()
        parents = self.ctx.parents
        if (
            node.name == "__init__"
            and is_method(parents)
            and docstring_of(self.ctx, node) is None
            and not is_overload(node)
        ):
            owner = enclosing_scope(parents)
            doc = None if owner is None else docstring_of(self.ctx, owner)
            if doc is not None and doc.section("Args") is not None:
                self._args(node, doc, method=True)

    visit_AsyncFunctionDef = visit_FunctionDef

    def function_done(self, node: Function, facts: BodyFacts) -> None:
        """Check a function's own docstring against what it does."""
        # A checked docstring had its raises watched (see the visit).
        if not facts.raises_watched:
            return
        doc = self._checked_docstring(node)
        if doc is None:
            return
        self._args(node, doc, method=is_method(self.ctx.parents))
        placeholder = is_stub_body(node) or is_abstract(node)
        self._returns(node, doc, facts, placeholder)
        self._raises(doc, facts, placeholder)

    def _checked_docstring(self, node: Function) -> Docstring | None:
        """Return the function's docstring if its sections are checked.

        They are unless the docstring is short or the function is an
        ``@overload`` stub.
        """
        doc = docstring_of(self.ctx, node)
        if doc is None or doc.is_short or is_overload(node):
            return None
        return doc

    def _args(self, node: Function, doc: Docstring, method: bool) -> None:
        """Compare ``Args:`` with the signature."""
        signature = parameters(node, method)
        section = doc.section("Args")
        if section is not None and section.unindented is not None:
            return
        listed = {
            entry.name.lstrip("*")
            for item in doc.sections if item.canonical in PARAMETER_SECTIONS
            for entry in item.entries
        }
        missing = [
            name for name, _ in signature
            if name.lstrip("*") not in listed
            and not name.lstrip("*").startswith("_")
        ]
        if section is None:
            if missing:
                self._report(
                    DOCSTRING_ARGS, _first_text(doc),
                    "docstring has no 'Args:' section (for "
                    + ", ".join(repr(name) for name in missing) + ")",
                )
            return
        for name in missing:
            self._report(DOCSTRING_ARGS, section.header,
                         f"'Args:' misses parameter {name!r}")
        order = {name.lstrip("*"): index
                 for index, (name, _) in enumerate(signature)}
        known = []
        for entry in section.entries:
            position = order.get(entry.name.lstrip("*"))
            if position is None:
                self._report(
                    DOCSTRING_ARGS, entry.line,
                    f"'Args:' lists {entry.name!r}, which is not a "
                    "parameter",
                )
            else:
                known.append((position, entry))
        for (before, _), (position, entry) in zip(known, known[1:]):
            if position < before:
                self._report(
                    DOCSTRING_ARGS, entry.line,
                    f"'Args:' lists {entry.name!r} out of the signature's "
                    "order",
                )
                break

    def _returns(
        self,
        node: Function,
        doc: Docstring,
        facts: BodyFacts,
        placeholder: bool,
    ) -> None:
        """Compare ``Returns:``/``Yields:`` with the body."""
        returns = doc.section("Returns")
        yields = doc.section("Yields")
        annotated = node.returns is not None and not _says_nothing(
            node.returns
        )
        gives = facts.returns_value or (
            placeholder and annotated and not facts.yields
        )
        summary = doc.summary
        words = summary.text.split() if summary is not None else []
        said = words[0].rstrip(".,:").lower() if words else ""
        where = _first_text(doc)
        if facts.yields_value and yields is None and said not in (
            "yield", "yields"
        ):
            self._report(DOCSTRING_RETURNS, where,
                         "generator's docstring has no 'Yields:' section")
        elif (
            gives and not facts.yields and returns is None and yields is None
            and not is_property(node) and said not in ("return", "returns")
        ):
            self._report(DOCSTRING_RETURNS, where,
                         "docstring has no 'Returns:' section")
        if placeholder:
            return
        if returns is not None and not facts.returns_value and not annotated:
            self._report(
                DOCSTRING_RETURNS, returns.header,
                "'Returns:' on a function that never returns a value",
            )
        if yields is not None and not facts.yields and not gives:
            self._report(
                DOCSTRING_RETURNS, yields.header,
                "'Yields:' on a function that never yields",
            )

    def _raises(
        self, doc: Docstring, facts: BodyFacts, placeholder: bool
    ) -> None:
        """Compare ``Raises:`` with the ``raise`` statements."""
        section = doc.section("Raises")
        if section is not None and section.unindented is not None:
            return
        listed = {
            entry.name.rpartition(".")[2]
            for entry in (section.entries if section else ())
        }
        for name in facts.raised:
            last = name.rpartition(".")[2]
            if last in listed or last == "NotImplementedError":
                continue
            if section is None:
                self._report(
                    DOCSTRING_RAISES, _first_text(doc),
                    f"docstring has no 'Raises:' section (for {name!r})",
                )
            else:
                self._report(DOCSTRING_RAISES, section.header,
                             f"'Raises:' misses {name!r}")
        if section is None or placeholder or facts.raises_unknown:
            return
        raised = {
            name.rpartition(".")[2] for name in facts.raised
        } | facts.reraised
        for entry in section.entries:
            if entry.name.rpartition(".")[2] not in raised:
                self._report(
                    DOCSTRING_RAISES, entry.line,
                    f"'Raises:' lists {entry.name!r}, which is never "
                    "raised here",
                )

    def _report(self, rule: Rule, line: DocLine, problem: str) -> None:
        """Report a problem at a docstring line."""
        self.ctx.report(rule, line.number, line.col, problem=problem)


def _first_text(doc: Docstring) -> DocLine:
    """Return the first line with text (the opening line if none)."""
    return next((line for line in doc.lines if line.text), doc.lines[0])


def _says_nothing(annotation: ast.expr) -> bool:
    """Return whether a return annotation says nothing is returned."""
    if isinstance(annotation, ast.Constant):
        return annotation.value is None or annotation.value in (
            "None", "NoReturn", "Never",
        )
    return dotted_name(annotation).rpartition(".")[2] in ("NoReturn", "Never")
