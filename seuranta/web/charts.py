"""An indicator's chart on its page: the core's trend chart (`core/reports/trend.py`) in the page's language.

Server-rendered, no JavaScript. The SVG has a <title> and <desc> and every marker
its own <title>; the legend is an HTML list beside it (readable on a phone), and
the data table below is the accessible source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
