"""Fixes made on the text alone: lines replaced, no libcst.

A fix whose change is already computed on the text by its rule's
check (the comment and docstring rewrap of STD102: the check fills
the paragraph to decide the finding is fixable) is applied as line
replacements: a file whose only fixable findings are of such fixes is
fixed without libcst, and the fix never has to be mapped onto nodes.
The engine verifies the result as it does a libcst fix's, by the
fix's ``verify`` mode.

A family's text fixes are in its package's ``text_fixes`` module.
"""

from __future__ import annotations

from stdcheck.fix.merge import Edits, Hunk, lines
from stdcheck.fix.registered import RegisteredFix


class TextFix(RegisteredFix):
    """A fix that replaces lines of the text for its findings.

    Subclasses set :attr:`codes`, :attr:`verify` and :attr:`stage`
    as a libcst fix does (:class:`stdcheck.fix.base.Fix`; text fixes
    run after the pass's libcst fixes, on their result) and implement
    :meth:`changes`.
    """

    def changes(self, text: str, text_lines: list[str]) -> list[Hunk]:
        """Return the line replacements that fix the findings.

        Args:
            text: The text.
            text_lines: Its lines, split at newlines only, endings kept
                (as :func:`stdcheck.fix.merge.lines` splits).

        Returns:
            Replacements of lines apart from each other, any order.
        """
        raise NotImplementedError

    def fixed(self, text: str) -> str:
        """Return the text with the findings fixed."""
        text_lines = lines(text)
        return Edits(text_lines).text(self.changes(text, text_lines))
