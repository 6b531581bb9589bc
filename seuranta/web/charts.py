"""An indicator's baseline, targets and actuals over time as inline SVG, plus the same as a table.

Server-rendered, no JavaScript. The SVG has a <title> and <desc> and every
marker its own <title>; the data table beside it is the accessible source.
Series differ in shape and line style as well as colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from seuranta.common.language import ui_lang
from seuranta.core import model as core
from seuranta.core.formatting import format_number
from seuranta.core.periods import measure_date

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
CHARTABLE_KINDS = (None, "value", "min", "max")
COLORS = {"baseline": "#41474f", "target": "#8a4b00", "actual": "#0a4d8c"}


@dataclass
class Point:
    role: str  # baseline, target, actual
    measure: core.Measure
    day: date | None
    value: float | None

    @property
    def chartable(self) -> bool:
        return self.day is not None and self.value is not None and self.measure.kind in CHARTABLE_KINDS


@dataclass
class Chart:
    svg: SafeString | None
    description: str
    rows: list[Point] = field(default_factory=list)


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
        value = m.value if isinstance(m.value, int | float) and not isinstance(m.value, bool) else None
        # The evaluator's dating, so the chart, the status and the report agree on when a level applies.
        return Point(role, m, measure_date(m.period), value)

    result = [point("baseline", indicator.baseline)] if indicator.baseline else []
    result += [point("baseline", m) for m in indicator.baseline_series]
    result += [point("target", m) for m in indicator.targets]
    result += [point("actual", m) for m in indicator.actuals]
    return result


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step) * step
    ticks, value = [], start
    while value <= hi + step * 0.001:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < hi:
        ticks.append(round(value, 10))
    return ticks


def _describe(indicator: core.Indicator, rows: list[Point]) -> str:
    parts = []
    for role in ("baseline", "target", "actual"):
        items = [
            f"{p.measure.text}{f' ({p.measure.period})' if p.measure.period else ''}"
            for p in rows
            if p.role == role
        ]
        if items:
            parts.append(f"{role_label(role)}: {'; '.join(items)}")
    return ". ".join(parts) + "." if parts else _("No baseline, targets or actuals.")


@dataclass
class Scale:
    """Where a day and a value fall in the chart's drawing area."""

    first: date
    last: date
    ticks: list[float]

    @property
    def lo(self) -> float:
        return self.ticks[0]

    @property
    def hi(self) -> float:
        return self.ticks[-1]

    def x(self, day: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - self.first).days / max(1, (self.last - self.first).days)

    def y(self, value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - self.lo) / (self.hi - self.lo or 1))


def _scale(drawable: list[Point]) -> Scale:
    """The time axis over the points' days (a year around a lone day), the value axis from 0 or below."""
    days = [p.day for p in drawable if p.day is not None]
    first, last = min(days), max(days)
    if first == last:
        first, last = first - timedelta(days=180), last + timedelta(days=180)
    values = [p.value for p in drawable if p.value is not None]
    lo, hi = min(values), max(values)
    return Scale(first, last, _nice_ticks(min(lo, 0.0), hi))


def _axes(scale: Scale) -> list[str]:
    """Value grid lines with their labels, a line and label per year (at most eight), the base line."""
    out = []
    for tick in scale.ticks:
        ty = scale.y(tick)
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#d5d9df"/>')
        out.append(
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#41474f">{escape(fmt(tick))}</text>'
        )
    first, last = scale.first, scale.last
    years = range(first.year + (0 if first.month == 1 and first.day == 1 else 1), last.year + 1)
    step = max(1, math.ceil(len(years) / 8))
    for year in list(years)[::step]:
        tx = scale.x(date(year, 1, 1))
        out.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#eceef1"/>')
        out.append(
            f'<text x="{tx:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="12" '
            f'fill="#41474f">{year}</text>'
        )
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="#41474f"/>'
    )
    return out


def _lines(scale: Scale, drawable: list[Point]) -> list[str]:
    """Per labelled series, the target path (dashed) and the actual path, each from the baseline."""
    out = []
    for label in dict.fromkeys(p.measure.label for p in drawable):
        series = [p for p in drawable if p.measure.label == label]
        start = [p for p in drawable if p.role == "baseline" and p.measure.label in (label, None)][:1]
        for role, dash, width in (("target", ' stroke-dasharray="6 4"', 2), ("actual", "", 3)):
            path = sorted((p for p in series if p.role == role), key=lambda p: p.day)
            if not path:
                continue
            coords = " ".join(f"{scale.x(p.day):.1f},{scale.y(p.value):.1f}" for p in start + path)
            out.append(
                f'<polyline points="{coords}" fill="none" stroke="{COLORS[role]}" '
                f'stroke-width="{width}"{dash}/>'
            )
    return out


def _marker(scale: Scale, p: Point) -> str:
    """A point's shape (square baseline, hollow diamond target, round actual) with its own title."""
    px, py = scale.x(p.day), scale.y(p.value)
    series_label = f" – {p.measure.label}" if p.measure.label else ""
    label = escape(f"{role_label(p.role)}{series_label} {p.measure.period or ''}: {p.measure.text}")
    color = COLORS[p.role]
    if p.role == "baseline":
        shape = f'<rect x="{px - 5:.1f}" y="{py - 5:.1f}" width="10" height="10" fill="{color}"/>'
    elif p.role == "target":
        shape = (
            f'<path d="M{px:.1f} {py - 7:.1f} L{px + 7:.1f} {py:.1f} L{px:.1f} {py + 7:.1f} '
            f'L{px - 7:.1f} {py:.1f} Z" fill="#fff" stroke="{color}" stroke-width="2.5"/>'
        )
    else:
        shape = f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" fill="{color}"/>'
    return f"<g><title>{label}</title>{shape}</g>"


def indicator_chart(indicator: core.Indicator, chart_id: str) -> Chart:
    rows = points(indicator)
    description = _describe(indicator, rows)
    drawable = [p for p in rows if p.chartable]
    if not drawable:
        return Chart(None, description, rows)
    scale = _scale(drawable)
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(indicator.name)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *_axes(scale),
        *_lines(scale, drawable),
        *(_marker(scale, p) for p in drawable),
        "</svg>",
    ]
    return Chart(mark_safe("".join(out)), description, rows)


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
