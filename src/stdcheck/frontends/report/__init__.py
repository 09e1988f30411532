"""The compliance report: ``stdcheck report`` (see ``docs/report.md``).

:mod:`~stdcheck.frontends.report.data` gathers the numbers (plain
Python: enough for ``--format json``);
:mod:`~stdcheck.frontends.report.render` draws them as one HTML page
with Jinja2 and pygal, the optional extra ``stdcheck[report]``.
"""

from __future__ import annotations

INSTALL = "pip install Jinja2 pygal (the extra stdcheck[report])"
"""How to install what the HTML page needs (works however stdcheck was
installed: from PyPI, a clone or a ``git+`` URL)."""


class MissingDependencyError(Exception):
    """Jinja2 or pygal is not installed: the page cannot be drawn."""


def require_page_dependencies() -> None:
    """Make sure the HTML page can be drawn, before any work is done.

    Raises:
        MissingDependencyError: If Jinja2 or pygal cannot be imported;
            the message says how to install them.
    """
    try:
        import jinja2  # noqa: F401
        import pygal  # noqa: F401
    except ImportError as error:
        missing = error.name or "a dependency"
        raise MissingDependencyError(
            f"the HTML report needs Jinja2 and pygal ({missing} is not "
            f"installed): {INSTALL}"
        ) from None
