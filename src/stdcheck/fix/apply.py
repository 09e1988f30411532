"""Running one fix over a libcst tree (the only libcst user at runtime).

:mod:`stdcheck.fix.engine` imports this module only for a file that
has fixable findings, so checking clean files never loads libcst.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence

import libcst as cst
from libcst.codemod import CodemodContext, SkipFile

from stdcheck.config import Config
from stdcheck.findings import Finding
from stdcheck.fix.base import Fix


class FixCrash(Exception):
    """A fix raised an exception; the message says where."""


def parse(text: str) -> cst.Module:
    """Parse text with libcst.

    Raises:
        FixCrash: If libcst cannot parse the text (the engine then
            leaves the file as it is).
    """
    try:
        return cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError) as error:
        message = str(error).strip().splitlines()[0]
        raise FixCrash(f"libcst cannot parse the file: {message}") from None


def run(
    fix: type[Fix],
    tree: cst.Module,
    findings: Sequence[Finding],
    path: str,
    config: Config,
) -> cst.Module:
    """Run a fix as a libcst codemod and return the new tree.

    Args:
        fix: The fix class.
        tree: The module, as parsed from the current text.
        findings: The fix's findings, positioned in that text.
        path: The file's path (the codemod context's file name).
        config: The file's configuration.

    Returns:
        The transformed tree (``tree`` itself if the fix skipped).

    Raises:
        FixCrash: If the fix raised, with the exception and its place.
    """
    context = CodemodContext(filename=path)
    try:
        return fix(context, findings, config).transform_module(tree)
    except SkipFile:
        return tree
    except RecursionError:
        raise FixCrash(f"{fix.__name__} crashed: too deeply nested") from None
    except Exception as error:  # noqa: BLE001  (a bug becomes a report)
        frame = traceback.extract_tb(error.__traceback__)[-1]
        place = f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
        raise FixCrash(
            f"{fix.__name__} crashed: {type(error).__name__}: {error} "
            f"[{place}]"
        ) from None
