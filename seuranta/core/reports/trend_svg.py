"""Trend chart data (`trend.py`) drawn as SVG (web page, printable report) or PNG (DOCX).

A time axis with a labelled tick per year, a value axis with numbers or, for a
qualitative indicator, the states of its scale; targets dashed, actuals solid, a
qualitative series as steps; sub-series in their own colour, labelled at their
last point and in the legend. Series differ in shape and line style as well as colour.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from seuranta.core.i18n import lang_of
from seuranta.core.reports.trend import TrendData, TrendPoint, series_name

if TYPE_CHECKING:
    from seuranta.core.reports.charts import Palette, Pen

ROLE_COLOURS = {"baseline": "#41474f", "target": "#8a4b00", "actual": "#0a4d8c"}
SERIES_COLOURS = ("#0a4d8c", "#8a4b00", "#1f6f43", "#7a2e8c", "#a3262a", "#41474f")
DASH = {"target": "6 4", "baseline": "2 3", "actual": ""}


AXIS_LABEL = 24  # characters of a state shown beside the value axis; the whole state is in its title


def axis_label(label: str) -> str:
    return label if len(label) <= AXIS_LABEL else label[: AXIS_LABEL - 1].rstrip() + "…"


def colour(data: TrendData, role: str, label: str | None) -> str:
    """Role colours for a single series; one colour per sub-series when there are several."""
    if len(data.labels) < 2:
        return ROLE_COLOURS[role]
    if label is None:  # the unlabelled part of an indicator with sub-series: neutral, unlike any of them
        return "#41474f"
    return SERIES_COLOURS[data.labels.index(label) % len(SERIES_COLOURS)]


@dataclass(frozen=True)
class Frame:
    """Where a day and a value fall in the drawing area."""

    data: TrendData
    width: float = 640
    height: float = 260
    left: float = 64
    right: float = 90
    top: float = 16
    bottom: float = 40

    @classmethod
    def for_data(cls, data: TrendData, width: float = 640, height: float = 260) -> Frame:
        longest = max((len(axis_label(label)) for _value, label in data.y_ticks), default=4)
        left = min(170.0, max(48.0, 7.2 * longest + 14))
        right = 90.0 if data.labels else 20.0
        return cls(data, width, height, left, right)

    def x(self, day: date) -> float:
        span = max(1, (self.data.last - self.data.first).days)
        return self.left + (self.width - self.left - self.right) * (day - self.data.first).days / span

    def y(self, value: float) -> float:
        lo, hi = self.data.y_ticks[0][0], self.data.y_ticks[-1][0]
        if self.data.qualitative:  # half a step of room above and below the scale
            lo, hi = lo - 0.5, hi + 0.5
        return self.top + (self.height - self.top - self.bottom) * (1 - (value - lo) / ((hi - lo) or 1))

    @property
    def floor(self) -> float:
        return self.height - self.bottom


def paths(data: TrendData) -> list[tuple[str, str | None, list[TrendPoint]]]:
    """Per series, its points in date order, targets and actuals starting from their baseline."""
    out = []
    for role, label in data.series:
        own = sorted((p for p in data.points if (p.role, p.label) == (role, label)), key=lambda p: p.day)
        if role != "baseline":
            bases = [p for p in data.points if p.role == "baseline" and p.label in (label, None)]
            start = [p for p in sorted(bases, key=lambda p: p.day) if p.day <= own[0].day][-1:]
            own = start + own
        out.append((role, label, own))
    return out


def _coords(frame: Frame, points: list[TrendPoint], step: bool) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for p in points:
        x, y = frame.x(p.day), frame.y(p.value)
        if step and coords:
            coords.append((x, coords[-1][1]))
        coords.append((x, y))
    return coords


def _axes_svg(frame: Frame) -> list[str]:
    out = []
    data = frame.data
    for value, label in data.y_ticks:
        ty = frame.y(value)
        out.append(
            f'<line x1="{frame.left}" x2="{frame.width - frame.right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#d5d9df"/>'
            f'<text x="{frame.left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#41474f">'
            f"<title>{escape(label)}</title>{escape(axis_label(label))}</text>"
        )
    for day in data.x_lines:
        tx = frame.x(day)
        out.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{frame.top}" y2="{frame.floor}" stroke="#c4c9d0"/>'
        )
    for day, label in data.x_ticks:
        tx = frame.x(day)
        out.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{frame.floor}" y2="{frame.floor + 5}" stroke="#41474f"/>'
            f'<text x="{tx:.1f}" y="{frame.floor + 18}" text-anchor="middle" fill="#41474f">{escape(label)}</text>'
        )
    out.append(
        f'<line x1="{frame.left}" x2="{frame.width - frame.right}" y1="{frame.floor}" y2="{frame.floor}" '
        f'stroke="#41474f"/>'
    )
    return out


def marker_svg(x: float, y: float, role: str, fill: str) -> str:
    """Square baseline, hollow diamond target, round actual."""
    if role == "baseline":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{fill}"/>'
    if role == "target":
        return (
            f'<path d="M{x:.1f} {y - 7:.1f} L{x + 7:.1f} {y:.1f} L{x:.1f} {y + 7:.1f} L{x - 7:.1f} {y:.1f} Z" '
            f'fill="#fff" stroke="{fill}" stroke-width="2.5"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}"/>'


# A white outline under a series' name keeps it legible where it crosses a line or a grid line.
HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'


def _series_svg(frame: Frame, lang: str) -> list[str]:
    data, out = frame.data, []
    for role, label, points in paths(data):
        fill = colour(data, role, label)
        coords = _coords(frame, points, data.qualitative)
        if role != "baseline" and len(coords) > 1:
            dash = f' stroke-dasharray="{DASH[role]}"' if DASH[role] else ""
            width = 3 if role == "actual" else 2
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            out.append(
                f'<polyline points="{line}" fill="none" stroke="{fill}" stroke-width="{width}"{dash}/>'
            )
        for p in points:
            if (p.role, p.label) != (role, label):
                continue
            title = escape(f"{series_name(role, label, lang)} {p.period or ''}: {p.text}")
            out.append(
                f"<g><title>{title}</title>{marker_svg(frame.x(p.day), frame.y(p.value), role, fill)}</g>"
            )
    for label, fill, x, y in series_labels(frame):
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" fill="{fill}" font-weight="bold" {HALO}>{escape(label)}</text>'
        )
    return out


def series_labels(frame: Frame) -> list[tuple[str, str, float, float]]:
    """Each sub-series' name beside the last of its actuals (of its targets when it has none), moved
    down while it would cover a name placed before: (name, colour, x, y of the text's baseline)."""
    data, out = frame.data, list[tuple[str, str, float, float]]()
    for role, label, points in paths(data):
        if label and role != "baseline" and (role == "actual" or not _has(data, "actual", label)):
            x, y = frame.x(points[-1].day) + 10, frame.y(points[-1].value) + 4
            while any(abs(x - tx) < 60 and abs(y - ty) < 13 for _name, _fill, tx, ty in out):
                y += 13
            out.append((label, colour(data, role, label), x, y))
    return out


def _has(data: TrendData, role: str, label: str | None) -> bool:
    return (role, label) in data.series


def legend_layout(
    data: TrendData, top: float, width: float, lang: str
) -> tuple[list[tuple[str, str | None, str, float, float]], float]:
    """Where each legend entry's baseline stands, in rows: (role, label, name, x, y); and the height they take."""
    out, x, y = [], 8.0, top + 14
    for role, label in data.series:
        name = series_name(role, label, lang)
        size = 40 + 7.0 * len(name)
        if x + size > width and x > 8:
            x, y = 8.0, y + 20
        out.append((role, label, name, x, y))
        x += size
    return out, y - top + 10


def legend_svg(data: TrendData, top: float, width: float, lang: str) -> tuple[list[str], float]:
    """Legend entries (marker, line sample, name) in rows; returns them and the height they take."""
    entries, height = legend_layout(data, top, width, lang)
    out = []
    for role, label, name, x, y in entries:
        fill = colour(data, role, label)
        dash = f' stroke-dasharray="{DASH[role]}"' if DASH[role] else ""
        out.append(
            f'<line x1="{x:.0f}" x2="{x + 24:.0f}" y1="{y - 4:.0f}" y2="{y - 4:.0f}" stroke="{fill}" '
            f'stroke-width="2"{dash}/>{marker_svg(x + 12, y - 4, role, fill)}'
            f'<text x="{x + 30:.0f}" y="{y:.0f}">{escape(name)}</text>'
        )
    return out, height


def trend_svg(
    data: TrendData,
    title: str,
    desc: str,
    *,
    lang: str = "fi",
    chart_id: str | None = None,
    legend: bool = True,
) -> str:
    """The chart as an SVG element with <title> and <desc>; the legend inside it when asked."""
    lang = lang_of(lang)
    frame = Frame.for_data(data)
    legend_parts, legend_height = legend_svg(data, frame.height, frame.width, lang) if legend else ([], 0.0)
    height = frame.height + legend_height
    if chart_id:
        label = f'aria-labelledby="{chart_id}-title {chart_id}-desc"'
        ids = (f' id="{chart_id}-title"', f' id="{chart_id}-desc"')
    else:
        label, ids = f'aria-label="{escape(title)}"', ("", "")
    kind = "qualitative" if data.qualitative else "numeric"
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" viewBox="0 0 {frame.width:.0f} '
            f'{height:.0f}" width="{frame.width:.0f}" height="{height:.0f}" role="img" {label} '
            'font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="12">',
            f"<title{ids[0]}>{escape(title)}</title><desc{ids[1]}>{escape(desc)}</desc>",
            *_axes_svg(frame),
            *_series_svg(frame, lang),
            *legend_parts,
            "</svg>",
        ]
    )


GRID, YEAR_LINE, AXIS = "#d5d9df", "#c4c9d0", "#41474f"


@functools.cache
def trend_palette() -> Palette:
    """The series' colours, the grid and axis; text in the axis grey, black, and the series' colours."""
    from seuranta.core.reports.charts import Palette

    series = sorted({*ROLE_COLOURS.values(), *SERIES_COLOURS})
    return Palette([*series, GRID, YEAR_LINE, AXIS], [(c, "#ffffff") for c in (*series, AXIS, "#000000")])


def marker_png(pen: Pen, x: float, y: float, role: str, colour: str) -> None:
    """Square baseline, hollow diamond target, round actual: as `marker_svg`."""
    if role == "baseline":
        pen.rectangle(x - 5, y - 5, x + 5, y + 5, colour)
    elif role == "target":  # a 2.5 wide outline around the diamond of half-diagonal 7
        for half, paint in ((7 + 1.25 * math.sqrt(2), colour), (7 - 1.25 * math.sqrt(2), "#ffffff")):
            pen.polygon([(x, y - half), (x + half, y), (x, y + half), (x - half, y)], paint)
    else:
        pen.ellipse(x - 5, y - 5, x + 5, y + 5, colour)


def _series_png(pen: Pen, frame: Frame) -> None:
    data = frame.data
    for role, label, points in paths(data):
        fill = colour(data, role, label)
        if role != "baseline":
            coords = _coords(frame, points, data.qualitative)
            pen.line(coords, fill, 3 if role == "actual" else 2, DASH[role])
        for p in points:  # not the baseline a line starts from: that marker is the baseline's own
            if (p.role, p.label) == (role, label):
                marker_png(pen, frame.x(p.day), frame.y(p.value), role, fill)
    for label, fill, x, y in series_labels(frame):
        pen.text(x, y, label, fill, halo=True)


def trend_png(data: TrendData, lang: str = "fi", width_cm: float = 10.0) -> tuple[bytes, int, int]:
    """The same chart as a PNG picture for the DOCX, drawn for its printed width (`charts.PRINT_DPI`),
    with the SVG's markers, line styles and legend; returns the bytes, width and height in pixels."""
    from seuranta.core.reports.charts import Pen, pixel_scale

    lang = lang_of(lang)
    frame = Frame.for_data(data)
    entries, legend_height = legend_layout(data, frame.height, frame.width, lang)
    pen = Pen(frame.width, frame.height + legend_height, pixel_scale(frame.width, width_cm), trend_palette())
    for value, tick in data.y_ticks:
        ty = frame.y(value)
        pen.line([(frame.left, ty), (frame.width - frame.right, ty)], GRID, 1)
        pen.text(frame.left - 6, ty, axis_label(tick), AXIS, "rm")  # the room `Frame` left for it
    for day in data.x_lines:
        pen.line([(frame.x(day), frame.top), (frame.x(day), frame.floor)], YEAR_LINE, 1)
    for day, year in data.x_ticks:
        pen.line([(frame.x(day), frame.floor), (frame.x(day), frame.floor + 5)], AXIS, 1)
        pen.text(frame.x(day), frame.floor + 18, year, AXIS, "ms")
    pen.line([(frame.left, frame.floor), (frame.width - frame.right, frame.floor)], AXIS, 1)
    _series_png(pen, frame)
    for role, label, name, x, y in entries:
        fill = colour(data, role, label)
        pen.line([(x, y - 4), (x + 24, y - 4)], fill, 2, DASH[role])
        marker_png(pen, x + 12, y - 4, role, fill)
        pen.text(x + 30, y, name, "#000000")
    return pen.png(), pen.canvas.width, pen.canvas.height
