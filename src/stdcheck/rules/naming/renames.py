"""Whether a name may be renamed: one predicate for check and fix.

The naming check (on :mod:`ast`) offers a rename only when
:func:`rename_target` gives a new name; the rename fix (on libcst)
asks the same function before it renames. Each side gathers the facts
about a scope its own way (:class:`ScopeReads`); the decision is made
here once, so ``check`` never promises a rename ``fix`` will not make.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from stdcheck.rules.naming.styles import new_name

# Calls that read a scope's names by string: renames avoid such scopes
# (``"{x}".format_map(locals())``, ``eval("x")``).
DYNAMIC_NAMES = frozenset({"locals", "vars", "eval", "exec", "globals"})
# Frame attributes that hold a scope's names by string.
FRAME_NAMESPACES = frozenset({"f_locals", "f_globals"})
# ``Py_buffer``, ``PyBUF_SIMPLE``, ``SDL_Init``: a capitalised prefix
# and an underscore, as C libraries name their API.
_FOREIGN_PREFIX = re.compile(r"(?=\w*[a-z])_*[A-Z][A-Za-z0-9]*_\w")
_ROLE_SUFFIXES = ("Mixin",)
# Names read as digits (``l``, ``O``, which pycodestyle rejects as
# E741), trailing digits too (``l1`` reads as ``11``).
AMBIGUOUS = re.compile(r"[lOI][0-9]*\Z")
_DEBUG_FIELD = re.compile(r"=\s*[!:}]")


@dataclass(frozen=True, slots=True)
class ScopeReads:
    """How a scope, with the scopes inside it, reads its names.

    Attributes:
        names: Every name bound or read there.
        spelt: Names the code also spells as text, which a rename
            would leave behind: printed by an f-string with ``=``
            (``f"{x=}"`` prints ``x=``), bound to a call that names
            its result after them (``T = TypeVar("T")``, ``E =
            Forward("E")``: the name mirrors what it holds), or
            parameters their function's docstring names
            (:func:`documented`).
        by_string: Whether names are read by string there: a call of
            ``locals``, ``vars``, ``globals``, ``eval`` or ``exec``, or
            a frame's ``f_locals``/``f_globals``.
    """

    names: Container[str]
    spelt: set[str] = field(default_factory=set)
    by_string: bool = False


def mirrors_foreign_api(name: str) -> bool:
    """Return whether a name is spelt after another language's API.

    ``Py_buffer``, ``PyBUF_SIMPLE`` and ``SDL_Init`` mirror C names (a
    capitalised prefix, an underscore, a lowercase letter somewhere):
    a reader searches for them as the C library spells them.
    """
    return _FOREIGN_PREFIX.match(name) is not None


def states_a_role(name: str) -> bool:
    """Return whether a class name ends in a role (``LoggingMixin``).

    A mixin is not an error whatever its bases: ``LoggingMixinError``
    would say the wrong thing.
    """
    return name.endswith(_ROLE_SUFFIXES)


def rename_target(
    old: str,
    codes: set[str],
    reads: ScopeReads,
    *,
    module_level: bool,
    keywords: Container[str],
) -> str | None:
    """Return the name a rename gives ``old``, or None to leave it.

    Args:
        old: The name, as bound in the scope.
        codes: The naming codes reported at it.
        reads: How its scope and the scopes inside read names.
        module_level: Whether the scope is the module.
        keywords: Argument names the file passes by keyword.

    Returns:
        The new name, or None when there is none, it is taken (by a
        name of the scope or a builtin at module level) or read as
        digits (``l``, ``l1``), the scope reads names by string or
        spells this one as text, an argument is passed by keyword, the
        name is a module's ``__marker`` (read by name from frames'
        globals, as unittest reads ``__unittest``), or the name mirrors
        a foreign API or states a role that the new name would
        contradict.
    """
    new = new_name(old, codes)
    if (
        new is None
        or reads.by_string
        or new in reads.names
        or not reads.spelt.isdisjoint((old, new))
        or AMBIGUOUS.match(new) is not None
        or mirrors_foreign_api(old)
        or ("STD209" in codes and states_a_role(old))
    ):
        return None
    if module_level and (hasattr(builtins, new) or old.startswith("__")):
        return None
    if "STD202" in codes and old in keywords:
        return None
    return new


def documented(parameters: Iterable[str], docstring: str | None) -> set[str]:
    """Return the parameters a function's docstring names.

    A rename would leave the docstring naming the old name (in
    ``Args:``, ``:param name:`` or prose): such a parameter is spelt as
    text (:attr:`ScopeReads.spelt`).

    Args:
        parameters: The function's parameter names.
        docstring: Its docstring's text, if it has one.
    """
    if not docstring:
        return set()
    return {
        name for name in parameters
        if name in docstring
        and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", docstring)
    }


def lengthens_past(
    lines: Iterable[str], old: str, new: str, limit: int
) -> bool:
    """Return whether renaming makes one of these lines too long.

    Each whole-word occurrence of ``old`` counts (in strings and
    comments too: the check, which reads the scope's lines, counts no
    fewer than the fix, which reads the lines of the uses).

    Args:
        lines: The lines that may hold the name.
        old: The name.
        new: Its new spelling.
        limit: The longest line allowed (``max-line-length``).
    """
    growth = len(new) - len(old)
    if growth <= 0:
        return False
    word = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)")
    for line in lines:
        if old in line:
            length = len(line.rstrip("\r\n"))
            if length + len(word.findall(line)) * growth > limit:
                return True
    return False


def has_debug_field(text: str) -> bool:
    """Return whether an f-string's source has an ``=`` field.

    ``f"{x=}"`` and ``f"x={x!r}"`` make the same :mod:`ast`; the source
    tells them apart: only the first has ``=`` then ``!``, ``:`` or
    ``}`` (a literal ``=}`` elsewhere in the string only makes the
    check more careful).
    """
    return _DEBUG_FIELD.search(text) is not None
