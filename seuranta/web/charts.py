"""An indicator's chart on its page: the core's trend chart (`core/reports/trend.py`) in the page's language.

Server-rendered, no JavaScript. The SVG has a <title> and <desc> and every marker
its own <title>; the legend is an HTML list beside it (readable on a phone), and
the data table below is the accessible source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from seuranta.common.language import ui_lang
from seuranta.core import model as core
from seuranta.core.formatting import format_number
from seuranta.core.reports.trend import TrendData, describe, own_day, series_name, trend_data
from seuranta.core.reports.trend_svg import DASH, colour, marker_svg, trend_svg


@dataclass
class Point:
    """A row of the data table: every measure, also those the chart cannot place."""

    role: str  # baseline, target, actual
    measure: core.Measure
    day: date | None
    value: float | None


@dataclass
class LegendEntry:
    name: str
    sample: SafeString


@dataclass
class Chart:
    svg: SafeString | None
    description: str
    rows: list[Point] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    data: TrendData | None = None


def fmt(value: float | None) -> str:
    """A number as the page's language writes it, the same way the reports do."""
    return "" if value is None else format_number(value, ui_lang())


def role_label(role: str) -> str:
    return {
        "baseline": _("Baseline"),
        "target": _("Target"),
        "actual": _("Actual"),
        "baseline_series": _("Baseline"),
    }.get(role, role)


def points(indicator: core.Indicator) -> list[Point]:
    def point(role: str, m: core.Measure) -> Point:
        number = isinstance(m.value, int | float) and not isinstance(m.value, bool)
        return Point(role, m, own_day(m.period), m.value if number else None)

    result = [point("baseline", indicator.baseline)] if indicator.baseline else []
    result += [point("baseline", m) for m in indicator.baseline_series]
    result += [point("target", m) for m in indicator.targets]
    result += [point("actual", m) for m in indicator.actuals]
    return result


def _legend(data: TrendData, lang: str) -> list[LegendEntry]:
    entries = []
    for role, label in data.series:
        fill = colour(data, role, label)
        dash = f' stroke-dasharray="{DASH[role]}"' if DASH[role] else ""
        sample = (
            f'<svg width="28" height="16" aria-hidden="true" focusable="false"><line x1="0" x2="28" y1="8" y2="8" '
            f'stroke="{fill}" stroke-width="2"{dash}/>{marker_svg(14, 8, role, fill)}</svg>'
        )
        entries.append(LegendEntry(series_name(role, label, lang), mark_safe(sample)))
    return entries


def indicator_chart(
    indicator: core.Indicator,
    chart_id: str,
    *,
    plan_start: date | None = None,
    scale: list[str] | tuple[str, ...] | None = None,
) -> Chart:
    lang = ui_lang()
    rows = points(indicator)
    data = trend_data(indicator, lang, plan_start=plan_start, scale=scale)
    description = describe(indicator, data, lang)
    if data is None or len(data.points) < 2:  # a lone point is no trend: the table says it
        return Chart(None, description, rows)
    svg = trend_svg(data, indicator.name, description, lang=lang, chart_id=chart_id, legend=False)
    # The core escapes every text it puts in the SVG (html.escape).
    return Chart(mark_safe(svg), description, rows, _legend(data, lang), data.notes, data)


# Status distribution: one stacked bar per group (a focus area, a round), the table beside it is the source.
STATUS_COLORS = {
    "achieved": "#1e6b34",
    "on_track": "#0a4d8c",
    "behind": "#9a5200",
    "off_track": "#8a1c1c",
    "no_data": "#5c636b",
    "insufficient_data": "#8a9099",
    "no_target": "#aab1ba",
}


def distribution_chart(
    groups: list[tuple[str, dict[str, int]]], chart_id: str, title: str, labels: dict
) -> SafeString | None:
    """Horizontal stacked bars of status counts per group; None when nothing is counted.

    `labels` gives each status its words; every segment has its own <title> with the count.
    """
    groups = [(name, counts) for name, counts in groups if sum(counts.values())]
    if not groups:
        return None
    # Narrow on purpose: the label above its bar, so the text stays legible when a phone scales the SVG down.
    width, label_h, bar_h, gap = 420, 20, 22, 14
    height = len(groups) * (label_h + bar_h + gap)
    plot_w = width - 2
    total_max = max(sum(counts.values()) for _, counts in groups)
    summary = "; ".join(
        f"{name}: " + ", ".join(f"{labels[s]} {counts[s]}" for s in STATUS_COLORS if counts.get(s))
        for name, counts in groups
    )
    out = [
        f'<svg class="chart chart--bars" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    for index, (name, counts) in enumerate(groups):
        y0 = index * (label_h + bar_h + gap)
        short = name if len(name) <= 50 else name[:49] + "…"
        out.append(f'<text x="1" y="{y0 + 15}" font-size="14" fill="#1b1f24">{escape(short)}</text>')
        x0, y_bar = 1.0, y0 + label_h
        for status, color in STATUS_COLORS.items():
            count = counts.get(status, 0)
            if not count:
                continue
            w = plot_w * count / total_max
            out.append(
                f"<g><title>{escape(name)}: {escape(labels[status])} {count}</title>"
                f'<rect x="{x0:.1f}" y="{y_bar}" width="{w:.1f}" height="{bar_h}" fill="{color}" '
                f'stroke="#fff" stroke-width="2"/></g>'
            )
            x0 += w
    out.append("</svg>")
    return mark_safe("".join(out))
