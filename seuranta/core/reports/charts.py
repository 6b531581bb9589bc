"""Report charts as SVG (web, PDF) and PNG (DOCX, drawn with Pillow), each with its alternative text.

    summary_chart_svg(report) / summary_chart_png(report) -> Chart
    trend_chart(indicator, evaluation, lang) -> Chart | None

A `Chart` carries the SVG or PNG bytes and `alt`, one sentence that says
what the chart shows, so a reader who cannot see it loses nothing.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from seuranta.core.formatting import format_number
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.model import Indicator, Measure
from seuranta.core.periods import measure_date
from seuranta.core.reports.style import STATUS_COLOURS
from seuranta.core.vocabulary import STATUS_ICONS, status_label

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont, ImageFont

    from seuranta.core.evaluation import PlanEvaluation
    from seuranta.core.reports.model import Report

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
TREND_COLOURS = {"baseline": "#5b5f66", "target": "#1a7f37", "actual": "#2f81c7"}


@dataclass(frozen=True)
class Chart:
    alt: str
    svg: str = ""
    png: bytes = b""
    width: int = 0  # pixels of the PNG
    height: int = 0


# -- status summary ---------------------------------------------------------------------


def _summary_alt(report: Report) -> str:
    parts = []
    for row in report.summary:
        counts = ", ".join(f"{status_label(k, report.lang)} {n}" for k, n in row.counts.items())
        parts.append(f"{row.title} – {counts or '0'}")
    return _("Bar chart of the status of actions by area: {parts}.", report.lang).format(
        parts="; ".join(parts)
    )


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summary_chart_svg(report: Report) -> Chart:
    """Horizontal stacked bars: the status of the actions under each top-level item."""
    rows = [r for r in report.summary if r.total]
    label_w, bar_w, row_h, top = 260, 380, 26, 34
    width = label_w + bar_w + 20
    height = top + row_h * max(1, len(rows)) + 30
    alt = _summary_alt(report)
    title_text = _("Status of actions", report.lang)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(alt)}" font-family="DejaVu Sans, sans-serif" '
        f'font-size="12"><title>{escape(alt)}</title>',
        f'<text x="0" y="16" font-weight="bold">{escape(title_text)}</text>',
    ]
    most = max((r.total for r in rows), default=1)
    for i, row in enumerate(rows):
        y = top + i * row_h
        out.append(f'<text x="0" y="{y + 15}">{escape(_short(row.title))}</text>')
        x = float(label_w)
        for key, n in row.counts.items():
            w = bar_w * n / most
            out.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row_h - 8}" '
                f'fill="{STATUS_COLOURS[key]}"><title>{escape(status_label(key, report.lang))}: {n}'
                f"</title></rect>"
            )
            if w >= 18:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="#fff" '
                    f'font-size="11">{n}</text>'
                )
            x += w
    legend_y = top + row_h * max(1, len(rows)) + 16
    x = 0.0
    for key in report.status_keys:
        label = f"{STATUS_ICONS[key]} {status_label(key, report.lang)}"
        out.append(
            f'<rect x="{x:.0f}" y="{legend_y - 9}" width="10" height="10" fill="{STATUS_COLOURS[key]}"/>'
            f'<text x="{x + 14:.0f}" y="{legend_y}" font-size="11">{escape(label)}</text>'
        )
        x += 24 + 7 * len(label)
    out.append("</svg>")
    return Chart(alt=alt, svg="".join(out))


def _font(size: int) -> FreeTypeFont | ImageFont:
    from PIL import ImageFont

    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def summary_chart_png(report: Report, scale: int = 2) -> Chart:
    from PIL import Image, ImageDraw

    rows = [r for r in report.summary if r.total]
    label_w, bar_w, row_h, top = 260 * scale, 380 * scale, 26 * scale, 34 * scale
    width = label_w + bar_w + 20 * scale
    height = top + row_h * max(1, len(rows)) + 30 * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(12 * scale), _font(11 * scale)
    draw.text((0, 4 * scale), _("Status of actions", report.lang), fill="black", font=font)
    most = max((r.total for r in rows), default=1)
    for i, row in enumerate(rows):
        y = top + i * row_h
        draw.text((0, y + 4 * scale), _short(row.title), fill="black", font=font)
        x = float(label_w)
        for key, n in row.counts.items():
            w = bar_w * n / most
            draw.rectangle([x, y + 2 * scale, x + w, y + row_h - 6 * scale], fill=STATUS_COLOURS[key])
            if w >= 18 * scale:
                draw.text((x + w / 2, y + 10 * scale), str(n), fill="white", font=small, anchor="mm")
            x += w
    legend_y = top + row_h * max(1, len(rows)) + 8 * scale
    x = 0.0
    for key in report.status_keys:
        label = status_label(key, report.lang)
        draw.rectangle([x, legend_y, x + 10 * scale, legend_y + 10 * scale], fill=STATUS_COLOURS[key])
        draw.text((x + 14 * scale, legend_y - scale), label, fill="black", font=small)
        x += (24 + 7 * len(label)) * scale
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return Chart(alt=_summary_alt(report), png=buffer.getvalue(), width=width, height=height)


# -- indicator trend --------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    kind: str  # "baseline", "target", "actual"
    day: date
    value: float
    text: str


def _points(indicator: Indicator) -> list[_Point]:
    points: list[_Point] = []

    def add(kind: str, measure: Measure | None) -> None:
        if measure is None or measure.value is None or measure.kind == "change_percent":
            return
        day = measure_date(measure.period)
        if day is not None:
            points.append(_Point(kind, day, float(measure.value), measure.text))

    add("baseline", indicator.baseline)
    for m in indicator.targets:
        add("target", m)
    for m in indicator.actuals:
        add("actual", m)
    return points


def _trend_part(kind: str, lang: str) -> str:
    """ "baseline {value}", "target {value}" or "actual {value}" in the language."""
    if kind == "baseline":
        return _("baseline {value}", lang)
    if kind == "target":
        return _("target {value}", lang)
    return _("actual {value}", lang)


def _trend_alt(indicator: Indicator, points: list[_Point], lang: str) -> str:
    if not points:
        parts = _("no numeric values", lang)
    else:
        parts = ", ".join(
            _trend_part(p.kind, lang).format(value=f"{format_number(p.value, lang)} ({p.day.year})")
            for p in sorted(points, key=lambda p: p.day)
        )
    return _("Line chart of the indicator {name}: {parts}.", lang).format(name=indicator.name, parts=parts)


def _layout(
    points: list[_Point], width: float, height: float, pad: float
) -> tuple[Callable[[_Point], tuple[float, float]], tuple[float, float]]:
    days = [p.day.toordinal() for p in points]
    values = [p.value for p in points]
    d0, d1 = min(days), max(days)
    v0, v1 = min(0.0, min(values)), max(values)
    if d1 == d0:
        d0, d1 = d0 - 180, d1 + 180
    if v1 == v0:
        v1 = v0 + 1

    def xy(p: _Point) -> tuple[float, float]:
        x = pad + (p.day.toordinal() - d0) / (d1 - d0) * (width - 2 * pad)
        y = height - pad - (p.value - v0) / (v1 - v0) * (height - 2 * pad)
        return x, y

    return xy, (v0, v1)


def has_trend(indicator: Indicator) -> bool:
    """Whether the indicator has a trend worth a chart in a report: two dated numeric actuals."""
    return sum(1 for p in _points(indicator) if p.kind == "actual") >= 2


def trend_chart(
    indicator: Indicator, evaluation: PlanEvaluation | None = None, lang: str = "fi", *, png: bool = False
) -> Chart | None:
    """Baseline, targets and actuals over time; None when fewer than two dated numbers exist."""
    lang = lang_of(lang)
    points = _points(indicator)
    if len(points) < 2:
        return None
    alt = _trend_alt(indicator, points, lang)
    if png:
        return _trend_png(points, alt, lang)
    return Chart(alt=alt, svg=_trend_svg(points, alt, lang))


def _trend_svg(points: list[_Point], alt: str, lang: str) -> str:
    width, height, pad = 420, 170, 34
    xy, (v0, v1) = _layout(points, width, height - 20, pad)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(alt)}" font-family="DejaVu Sans, sans-serif" '
        f'font-size="10"><title>{escape(alt)}</title>',
        f'<line x1="{pad}" y1="{height - 20 - pad}" x2="{width - pad}" y2="{height - 20 - pad}" '
        f'stroke="#999"/>',
        f'<text x="2" y="{pad}" fill="#555">{escape(format_number(v1, lang))}</text>',
        f'<text x="2" y="{height - 20 - pad}" fill="#555">{escape(format_number(v0, lang))}</text>',
    ]
    for kind in ("target", "actual"):
        series = sorted((p for p in points if p.kind in (kind, "baseline")), key=lambda p: p.day)
        if len(series) >= 2 and any(p.kind == kind for p in series):
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in map(xy, series))
            dash = ' stroke-dasharray="5 3"' if kind == "target" else ""
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{TREND_COLOURS[kind]}" '
                f'stroke-width="2"{dash}/>'
            )
    years = sorted({p.day.year for p in points})
    for p in points:
        x, y = xy(p)
        colour = TREND_COLOURS[p.kind]
        shape = (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
            if p.kind == "target"
            else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
        )
        out.append(shape)
    for year in years:
        x, _y = xy(_Point("actual", date(year, 12, 31), v0, ""))
        out.append(
            f'<text x="{x:.1f}" y="{height - 20 - pad + 14}" text-anchor="middle" fill="#555">{year}</text>'
        )
    legend_x = pad
    for kind in ("baseline", "target", "actual"):
        if any(p.kind == kind for p in points):
            label = _trend_part(kind, lang).format(value="").strip()
            out.append(
                f'<circle cx="{legend_x}" cy="{height - 8}" r="4" fill="{TREND_COLOURS[kind]}"/>'
                f'<text x="{legend_x + 8}" y="{height - 4}">{escape(label)}</text>'
            )
            legend_x += 20 + 7 * len(label)
    out.append("</svg>")
    return "".join(out)


def _trend_png(points: list[_Point], alt: str, lang: str, scale: int = 2) -> Chart:
    from PIL import Image, ImageDraw

    width, height, pad = 420 * scale, 170 * scale, 34 * scale
    plot_h = height - 20 * scale
    xy, (v0, v1) = _layout(points, width, plot_h, pad)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(10 * scale)
    draw.line([pad, plot_h - pad, width - pad, plot_h - pad], fill="#999999", width=scale)
    draw.text((2, pad - 10 * scale), format_number(v1, lang), fill="#555555", font=font)
    draw.text((2, plot_h - pad - 10 * scale), format_number(v0, lang), fill="#555555", font=font)
    for kind in ("target", "actual"):
        series = sorted((p for p in points if p.kind in (kind, "baseline")), key=lambda p: p.day)
        if len(series) >= 2 and any(p.kind == kind for p in series):
            draw.line([xy(p) for p in series], fill=TREND_COLOURS[kind], width=2 * scale)
    for p in points:
        x, y = xy(p)
        r = 4 * scale
        if p.kind == "target":
            draw.rectangle([x - r, y - r, x + r, y + r], fill=TREND_COLOURS[p.kind])
        else:
            draw.ellipse([x - r, y - r, x + r, y + r], fill=TREND_COLOURS[p.kind])
    for year in sorted({p.day.year for p in points}):
        x, _y = xy(_Point("actual", date(year, 12, 31), v0, ""))
        draw.text((x, plot_h - pad + 8 * scale), str(year), fill="#555555", font=font, anchor="mm")
    legend_x = float(pad)
    for kind in ("baseline", "target", "actual"):
        if any(p.kind == kind for p in points):
            label = _trend_part(kind, lang).format(value="").strip()
            r = 4 * scale
            draw.ellipse(
                [legend_x - r, height - 12 * scale - r, legend_x + r, height - 12 * scale + r],
                fill=TREND_COLOURS[kind],
            )
            draw.text((legend_x + 8 * scale, height - 18 * scale), label, fill="black", font=font)
            legend_x += (20 + 7 * len(label)) * scale
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return Chart(alt=alt, png=buffer.getvalue(), width=width, height=height)
