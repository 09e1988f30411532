"""The report as one self-contained HTML page (Jinja2 and pygal).

The page holds everything it shows: its style, the charts as inline
SVG, no script and no font of its own, so it opens the same from a
mail attachment, a CI artifact or a laptop without network.
"""

from __future__ import annotations

import datetime
import re

import jinja2
from markupsafe import Markup, escape

from stdcheck import __version__
from stdcheck.frontends.pages import DOCS_URL
from stdcheck.frontends.report.charts import charts
from stdcheck.frontends.report.data import ReportData

TEMPLATE = "report.html.j2"
"""The page's template, package data of this package."""
FIX_NAMES = {"safe": "safe", "unsafe": "unsafe", "none": "by hand"}
"""How the page names each fix safety."""


def render_page(data: ReportData) -> str:
    """Return the report's HTML page.

    Args:
        data: The report's numbers.

    Returns:
        The page, one self-contained HTML document.
    """
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("stdcheck.frontends.report"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["number"] = _number
    environment.filters["inline_code"] = _inline_code
    environment.globals["percent"] = _percent
    return environment.get_template(TEMPLATE).render(
        data=data,
        charts=charts(data),
        fix_names=FIX_NAMES,
        docs_url=DOCS_URL,
        version=__version__,
        generated=datetime.datetime.now(datetime.timezone.utc).strftime(
            "%Y-%m-%d %H:%M UTC"
        ),
    )


def _number(value: float) -> str:
    """Format a count or a rate with thousands separators."""
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def _percent(part: int, whole: int) -> str:
    """Format a share as a percentage with one decimal."""
    return f"{part * 100 / whole:.1f}%" if whole else "n/a"


def _inline_code(text: str) -> Markup:
    """Escape text and show its Markdown `code` spans as code."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))
