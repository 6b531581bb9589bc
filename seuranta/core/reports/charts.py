"""Report charts as SVG (web, PDF) and PNG (DOCX, drawn with Pillow), each with its alternative text.

    summary_chart_svg(report) / summary_chart_png(report) -> Chart
    trend_chart(indicator, evaluation, lang) -> Chart | None

A `Chart` carries the SVG or PNG bytes and `alt`, one sentence that says
what the chart shows, so a reader who cannot see it loses nothing.

A PNG is drawn for its printed width at PRINT_DPI and saved with a palette of
the chart's colours and their shades towards white (`palette_png`): a chart
has a handful of colours, so the picture loses nothing a reader sees, while
its file is a third of the size and written in a fraction of the time (a
report of 500 actions has 500 trend pictures, made in the web request).
"""

from __future__ import annotations

import functools
import io
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.model import Indicator
from seuranta.core.periods import plan_period_bounds
from seuranta.core.reports.style import STATUS_COLOURS
from seuranta.core.reports.trend import describe, trend_data
from seuranta.core.reports.trend_svg import trend_png, trend_svg
from seuranta.core.vocabulary import STATUS_ICONS, status_label

if TYPE_CHECKING:
    from PIL.Image import Image
    from PIL.ImageFont import FreeTypeFont, ImageFont

    from seuranta.core.evaluation import PlanEvaluation
    from seuranta.core.reports.model import Report

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
# Pictures in the DOCX: 200-220 dpi at their printed width is as sharp as print and screens at
# normal zoom show, with about half the pixels of 300 dpi.
PRINT_DPI = 300
TREND_WIDTH_CM = 10.0  # a trend picture's width in the DOCX
SUMMARY_WIDTH_CM = 16.0
SHADES = 12  # shades between white and each colour: anti-aliased text keeps smooth edges
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


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


def one_line(text: str) -> str:
    """A plan's text as one line Pillow can draw: it fails on line and paragraph separators ("\\r", U+2029)."""
    return _CONTROL.sub("", " ".join(text.split()))


@functools.cache
def font(size: int) -> FreeTypeFont | ImageFont:
    """The font at a pixel size, loaded once: loading took as long as drawing a chart's text.
    Pillow holds the GIL while it draws with a font, so threads can share it."""
    from PIL import ImageFont

    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


@functools.lru_cache(maxsize=4096)
def text_mask(text: str, size: int, anchor: str) -> tuple[Image, int, int]:
    """A text's anti-aliased shape at a font size, and its offset from where it is anchored: drawn
    once for the years, axis values and legend names that each chart of a report repeats."""
    from PIL import Image, ImageDraw

    face = font(size)
    text = one_line(text)
    left, top, right, bottom = (round(v) for v in face.getbbox(text, anchor=anchor))
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, fill=255, font=face, anchor=anchor)
    return mask, left, top


def pixel_scale(width: float, width_cm: float) -> float:
    """Pixels per drawing unit for a chart `width` units wide printed `width_cm` wide at PRINT_DPI."""
    return width_cm / 2.54 * PRINT_DPI / width


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@functools.cache
def _palette(colours: tuple[str, ...]) -> Image:
    """White, the colours, and shades of each towards white, none so close to another entry that a
    pixel of an exact colour could be taken for it (Pillow matches colours in cells of 4 levels)."""
    from PIL import Image

    entries = [(255, 255, 255)] + [_rgb(c) for c in colours]
    for red, green, blue in entries[1 : len(colours) + 1]:
        for step in range(1, SHADES):
            a = step / SHADES
            shade = tuple(round(255 + (c - 255) * a) for c in (red, green, blue))
            if all(max(abs(x - y) for x, y in zip(shade, e, strict=True)) >= 8 for e in entries):
                entries.append(shade)  # type: ignore[arg-type]
    picture = Image.new("P", (1, 1))
    picture.putpalette([v for entry in entries[:256] for v in entry])
    return picture


def palette_png(image: Image, colours: Iterable[str]) -> bytes:
    """An RGB picture drawn in `colours` on white (text anti-aliased against white) as a palette PNG."""
    from PIL import Image

    picture = image.quantize(palette=_palette(tuple(sorted(set(colours)))), dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    # Run-length deflate: half the time of the default on a palette picture, a third larger (a few kB)
    picture.save(buffer, "PNG", dpi=(PRINT_DPI, PRINT_DPI), compress_type=zlib.Z_RLE)
    return buffer.getvalue()


def summary_chart_png(report: Report) -> Chart:
    from PIL import Image, ImageDraw

    scale = pixel_scale(660, SUMMARY_WIDTH_CM)
    rows = [r for r in report.summary if r.total]
    label_w, bar_w, row_h, top = 260 * scale, 380 * scale, 26 * scale, 34 * scale
    width = round(label_w + bar_w + 20 * scale)
    height = round(top + row_h * max(1, len(rows)) + 30 * scale)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    big, small = font(round(12 * scale)), font(round(11 * scale))
    draw.text((0, 4 * scale), _("Status of actions", report.lang), fill="black", font=big)
    most = max((r.total for r in rows), default=1)
    for i, row in enumerate(rows):
        y = top + i * row_h
        draw.text((0, y + 4 * scale), _short(one_line(row.title)), fill="black", font=big)
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
    picture = palette_png(image, ["#000000", *STATUS_COLOURS.values()])
    return Chart(alt=_summary_alt(report), png=picture, width=width, height=height)


# -- indicator trend --------------------------------------------------------------------


def plan_start(period: str | None) -> date | None:
    """The first day of a plan's period, where a baseline with no year of its own is drawn."""
    bounds = plan_period_bounds(period)
    return bounds[0] if bounds else None


def has_trend(indicator: Indicator) -> bool:
    """Whether the indicator has a trend worth a chart in a report: two dated actuals."""
    if len(indicator.actuals) < 2:  # the actual points come from the actuals: no need to place them
        return False
    data = trend_data(indicator)
    return data is not None and sum(1 for p in data.points if p.role == "actual") >= 2


def trend_chart(
    indicator: Indicator,
    evaluation: PlanEvaluation | None = None,
    lang: str = "fi",
    *,
    png: bool = False,
    plan_start: date | None = None,
    scale: list[str] | tuple[str, ...] | None = None,
) -> Chart | None:
    """Baseline, targets and actuals over time (`trend.py`); None when fewer than two points are dated."""
    lang = lang_of(lang)
    data = trend_data(indicator, lang, plan_start=plan_start, scale=scale)
    if data is None or len(data.points) < 2:
        return None
    alt = describe(indicator, data, lang)
    if png:
        picture, width, height = trend_png(data, lang, TREND_WIDTH_CM)
        return Chart(alt=alt, png=picture, width=width, height=height)
    return Chart(alt=alt, svg=trend_svg(data, indicator.name, alt, lang=lang))
