"""The report's charts: static SVG drawn by pygal.

Each chart is a pygal chart rendered to an ``<svg>`` element that the
page holds inline. pygal's tooltips need its JavaScript from the
network, so the charts are made without it (``js=[]``) and print their
values instead; the page puts the numbers beside each chart too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygal
from markupsafe import Markup
from pygal.style import Style

from stdcheck.frontends.report.data import BaselinePoint, ReportData, Section

WIDTH = 620
"""The charts' width in SVG units (the page scales them to fit): about
their width on a laptop screen, so their text has the page's size."""
WIDE = 860
"""The width of a chart alone on its row (the rules)."""
BAR_HEIGHT = 30
"""The height given to each bar of a horizontal bar chart."""
TOP = 15
"""How many folders and rules the charts show."""
ROOM = 1.2
"""The value scale ends this much past the longest bar: room for its
printed value."""
LABEL_CHARACTERS = 34
"""Labels longer than this are cut (the table beside has them whole)."""
GOOD, FAIR, POOR = "#2e7d32", "#f9a825", "#c62828"
"""Compliance colours: most files clean, some, few."""
SAFE, UNSAFE, MANUAL = "#2e7d32", "#f9a825", "#78909c"
"""Fix safety colours: by default, with --unsafe-fixes, by hand."""
NEW, KNOWN = "#c62828", "#90a4ae"
"""Baseline colours: findings it does not hold, findings it holds."""
ACCENT = "#1565c0"
"""The colour of charts that rank (folders, rules, densities)."""
FONT = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", '
    "Arial, sans-serif"
)
"""Fonts the reader's machine has: the page fetches none."""


def charts(data: ReportData) -> dict[str, Markup]:
    """Draw every chart of the report.

    Args:
        data: The report's numbers.

    Returns:
        Each chart's inline SVG, by the name the template uses.
    """
    sections = data.sections
    names = [section.name for section in sections]
    clean = [
        _compliance_bar(section.files_clean, data.files, section.rules_run)
        for section in sections
    ]
    drawn = {
        "compliance": _bars(names, clean, "{:.1f}%", maximum=100.0),
        "density": _bars(
            names, [section.per_kloc for section in sections], "{:,.1f}"
        ),
        "folders": _bars(
            [folder.path for folder in data.folders[:TOP]],
            [folder.findings for folder in data.folders[:TOP]],
        ),
        "rules": _bars(
            [f"{rule.code} {rule.name}" for rule in data.rules[:TOP]],
            [rule.count for rule in data.rules[:TOP]],
            width=WIDE,
        ),
        "fixes": _fix_bars(data),
    }
    if data.baseline is not None:
        drawn["baseline"] = _stacked_by_section(data, (
            ("new", NEW, lambda section: section.new),
            ("baselined", KNOWN, lambda section: section.findings
             - section.new),
        ))
        if len(data.baseline.history) > 1:
            drawn["burndown"] = _burndown(data.baseline.history)
    return drawn


def _compliance_bar(
    clean: int, files: int, rules_run: int
) -> dict[str, Any] | None:
    """Return one section's share of clean files, coloured by level.

    A section none of whose rules ran has no bar: it was not measured.
    """
    if not rules_run or not files:
        return None
    share = round(clean * 100 / files, 1)
    colour = GOOD if share >= 90 else FAIR if share >= 60 else POOR
    return {"value": share, "color": colour}


def _style(colours: Sequence[str] = (ACCENT,)) -> Style:
    """Return the charts' style: the page's fonts, no backgrounds."""
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#212121",
        foreground_strong="#212121",
        foreground_subtle="#9e9e9e",
        opacity="0.9",
        opacity_hover="1",
        colors=tuple(colours),
        font_family=FONT,
        label_font_size=15,
        major_label_font_size=15,
        value_font_size=14,
        legend_font_size=15,
        no_data_font_size=20,
    )


def _config(height: int, **options: Any) -> dict[str, Any]:
    """Return the options of every chart (no script, no XML head)."""
    return {
        "js": [],
        "disable_xml_declaration": True,
        "width": WIDTH,
        "height": height,
        "margin": 8,
        "spacing": 6,
        "truncate_label": LABEL_CHARACTERS,
        "no_data_text": "No findings",
        **options,
    }


def _bars(
    labels: Sequence[str],
    values: Sequence[float | dict[str, Any] | None],
    value_format: str = "{:,.0f}",
    maximum: float | None = None,
    width: int = WIDTH,
) -> Markup:
    """Draw one horizontal bar per label, the first at the top.

    Args:
        labels: The bars' labels.
        values: Their values (None: no bar); a dict may give a
            ``color`` too.
        value_format: How each printed value is formatted.
        maximum: The scale's end, if fixed.
        width: The chart's width in SVG units.

    Returns:
        The chart's SVG.
    """
    chart = pygal.HorizontalBar(**_config(
        60 + BAR_HEIGHT * max(len(labels), 1),
        width=width,
        style=_style(),
        show_legend=False,
        print_values=True,
        print_values_position="top",
        print_zeroes=True,
        show_x_labels=False,
        show_x_guides=False,
        show_y_guides=False,
        range=(0, (maximum or _largest(values)) * ROOM),
        value_formatter=value_format.format,
    ))
    chart.x_labels = list(reversed(labels))
    chart.add("", list(reversed(values)))
    return _render(chart)


def _largest(values: Sequence[float | dict[str, Any] | None]) -> float:
    """Return the largest of bar values (1 when there are none)."""
    numbers = [
        value["value"] if isinstance(value, dict) else value
        for value in values
        if value is not None
    ]
    return max(numbers, default=0) or 1


def _fix_bars(data: ReportData) -> Markup:
    """Draw each section's findings by fix safety, stacked."""
    return _stacked_by_section(data, (
        ("safe", SAFE, lambda section: section.fixes.safe),
        ("unsafe", UNSAFE, lambda section: section.fixes.unsafe),
        ("needs a human", MANUAL, lambda section: section.fixes.manual),
    ))


def _stacked_by_section(
    data: ReportData,
    parts: Sequence[tuple[str, str, Callable[[Section], int]]],
) -> Markup:
    """Draw the findings of each section with some, split in parts.

    Args:
        data: The report's numbers.
        parts: Each part's legend, colour and count in a section.

    Returns:
        The chart's SVG: one stacked bar per section, a legend below.
    """
    sections = [section for section in data.sections if section.findings]
    chart = pygal.HorizontalStackedBar(**_config(
        90 + BAR_HEIGHT * max(len(sections), 1),
        style=_style([colour for _, colour, _ in parts]),
        legend_at_bottom=True,
        legend_at_bottom_columns=len(parts),
        truncate_legend=-1,
        max_scale=6,
        show_y_guides=False,
        value_formatter="{:,.0f}".format,
    ))
    chart.x_labels = [section.name for section in reversed(sections)]
    for title, _, count in parts:
        chart.add(title, [count(section) for section in reversed(sections)])
    return _render(chart)


def _burndown(history: Sequence[BaselinePoint]) -> Markup:
    """Draw each baseline's size at each commit, then now (a line each).

    Args:
        history: The points, by baseline, each oldest first.

    Returns:
        The chart's SVG.
    """
    labels = [
        f"{point.date} {point.commit[:7]}" if point.commit else "now"
        for point in history
    ]
    chart = pygal.Line(**_config(
        320,
        style=_style((ACCENT, KNOWN, NEW)),
        fill=True,
        show_legend=len({point.baseline for point in history}) > 1,
        legend_at_bottom=True,
        truncate_legend=-1,
        x_label_rotation=30,
        show_minor_x_labels=False,
        x_labels_major_count=8,
        truncate_label=-1,
        include_x_axis=True,
        print_values=len(history) <= 12,
        value_formatter="{:,.0f}".format,
        dots_size=4,
    ))
    chart.x_labels = labels
    for name in dict.fromkeys(point.baseline for point in history):
        chart.add(name, [
            point.size if point.baseline == name else None
            for point in history
        ])
    return _render(chart)


def _render(chart: pygal.graph.graph.Graph) -> Markup:
    """Return a chart's SVG, safe to put in the page as it is."""
    return Markup(chart.render(is_unicode=True))
