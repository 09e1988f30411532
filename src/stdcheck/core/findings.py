"""What a check produces: findings, file errors and exit statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stdcheck.core.registry import FixSafety

EXIT_CLEAN = 0
"""The exit status of a run with nothing to report."""
EXIT_FINDINGS = 1
"""The exit status of a run with findings (or, ``fix --check``, with
something to change)."""
EXIT_ERROR = 2
"""The exit status of a run that could not check or fix some file."""


@dataclass(order=True, unsafe_hash=True, slots=True)
class Finding:
    """One rule violation at one place in a file.

    Lines are 1-based and columns 0-based (as in :mod:`ast` and flake8);
    columns count characters, not bytes. Never changed once made, but
    not frozen: a frozen dataclass is four times as costly to make,
    and a check makes one per finding (slots make it cheaper still).
    Hashed as if frozen.
    """

    path: str
    line: int
    col: int
    code: str
    message: str = field(compare=False)
    end_line: int | None = field(default=None, compare=False)
    end_col: int | None = field(default=None, compare=False)
    fix: FixSafety = field(default=FixSafety.NONE, compare=False)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickle as the constructor's arguments (for worker processes).

        Half the size and time of the default for slotted objects,
        which pickles each field's name too.
        """
        return Finding, (
            self.path, self.line, self.col, self.code, self.message,
            self.end_line, self.end_col, self.fix,
        )

    def fixable(self, unsafe: bool = False) -> bool:
        """Return whether ``stdcheck fix`` fixes this finding.

        ``check`` counts the findings fixable by default, ``fix``
        fixes those fixable with its options: one answer for both.

        Args:
            unsafe: Whether unsafe fixes are applied too
                (``--unsafe-fixes``).

        Returns:
            Whether its fix applies.
        """
        return self.fix is FixSafety.SAFE or (
            unsafe and self.fix is FixSafety.UNSAFE
        )


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked, with a one-line reason."""

    path: str
    message: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        """Return ``path[:line:col]: error: message``."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{(self.col or 0) + 1}"
        return f"{where}: error: {self.message}"


def internal_error(error: BaseException) -> str:
    """Say in one line that stdcheck met a bug of its own.

    Args:
        error: The exception it raised.

    Returns:
        Its type and first line, and a request to report it.
    """
    first_line = str(error).partition("\n")[0]
    return (
        f"internal error in stdcheck: {type(error).__name__}: "
        f"{first_line} (please report this)"
    )
