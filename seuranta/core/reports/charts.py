"""Report charts as SVG (web, PDF) and PNG (DOCX, drawn with Pillow), each with its alternative text.

    summary_chart_svg(report) / summary_chart_png(report) -> Chart
    trend_chart(indicator, evaluation, lang) -> Chart | None

A `Chart` carries the SVG or PNG bytes and `alt`, one sentence that says
what the chart shows, so a reader who cannot see it loses nothing.

A PNG is drawn for its printed width at PRINT_DPI by a `Pen`, straight into a
`Palette` of the chart's colours and the shades its text's edges need: a chart
has a handful of colours, so the picture loses nothing a reader sees, while its
file is a third of the size of an RGB one and written in a fraction of the time
(the DOCX of 500 actions in their second year has 500 trend pictures, made in
the web request).
"""

from __future__ import annotations

import functools
import io
import itertools
import math
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
# Pictures in the DOCX, at their printed width: print's usual resolution. The trend labels are
# small (about 5 pt at 10 cm) and at 220 dpi their letters look softer when zoomed in; drawn as
# palette indexes, 500 pictures at 300 dpi still take about a second.
PRINT_DPI = 300
TREND_WIDTH_CM = 10.0  # a trend picture's width in the DOCX
SUMMARY_WIDTH_CM = 16.0
SHADES = 12  # shades of a text's colour towards its background: its edges stay smooth
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
def text_shape(text: str, size: int, anchor: str) -> tuple[Image, Image, int, int]:
    """A text's anti-aliased coverage at a font size, the mask of every pixel it touches, and its
    offset from where it is anchored: drawn once for the years, axis values and legend names
    that each chart of a report repeats."""
    from PIL import Image, ImageDraw

    face = font(size)
    text = one_line(text)
    left, top, right, bottom = (round(v) for v in face.getbbox(text, anchor=anchor))
    coverage = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(coverage).text((-left, -top), text, fill=255, font=face, anchor=anchor)
    return coverage, coverage.point([0] + [255] * 255), left, top


@functools.lru_cache(maxsize=4096)
def shaded_text(
    palette: Palette, colour: str, on: str, text: str, size: int, anchor: str
) -> tuple[Image, Image, int, int]:
    """`text_shape` in the palette's indexes of `colour`'s shades towards `on`: made once per chart kind."""
    coverage, mask, left, top = text_shape(text, size, anchor)
    return coverage.point(palette.ramps[(colour, on)]), mask, left, top


@functools.lru_cache(maxsize=256)
def halo_shape(text: str, size: int, anchor: str, radius: int) -> tuple[Image, int, int]:
    """The mask of a text grown by `radius` pixels, and its offset: a white outline under the text
    keeps it legible where it crosses a line (as the SVG's halo)."""
    from PIL import Image, ImageFilter

    _coverage, mask, left, top = text_shape(text, size, anchor)
    grown = Image.new("L", (mask.width + 2 * radius, mask.height + 2 * radius), 0)
    grown.paste(mask, (radius, radius))
    return grown.filter(ImageFilter.MaxFilter(2 * radius + 1)), left - radius, top - radius


def pixel_scale(width: float, width_cm: float) -> float:
    """Pixels per drawing unit for a chart `width` units wide printed `width_cm` wide at PRINT_DPI."""
    return width_cm / 2.54 * PRINT_DPI / width


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class Palette:
    """A picture's colours by index, white first: shapes in their exact colours, and text in SHADES
    shades between its colour and what it stands on, so its edges stay smooth. A chart has a
    handful of colours: drawn as indexes it is a palette PNG as it is, a third of the size of an
    RGB one and written in a fraction of the time."""

    def __init__(self, colours: Iterable[str], text: Iterable[tuple[str, str]] = ()):
        self.entries: list[tuple[int, int, int]] = []
        self.index: dict[tuple[int, int, int], int] = {}
        for colour in ("#ffffff", *colours):
            self._add(_rgb(colour))
        # (text colour, what it stands on) -> the index for each of the 256 levels of coverage
        self.ramps = {pair: self._ramp(*pair) for pair in text}
        if len(self.entries) > 256:
            raise ValueError("a palette picture has at most 256 colours")

    def _add(self, rgb: tuple[int, int, int]) -> int:
        if rgb not in self.index:
            self.index[rgb] = len(self.entries)
            self.entries.append(rgb)
        return self.index[rgb]

    def _ramp(self, colour: str, background: str) -> list[int]:
        (r, g, b), (r0, g0, b0) = _rgb(colour), _rgb(background)
        levels = []
        for step in range(SHADES + 1):
            a = step / SHADES
            levels.append(
                self._add((round(r0 + (r - r0) * a), round(g0 + (g - g0) * a), round(b0 + (b - b0) * a)))
            )
        return [levels[round(coverage * SHADES / 255)] for coverage in range(256)]

    def ink(self, colour: str) -> int:
        return self.index[_rgb(colour)]


def dashes(coords: list[tuple[float, float]], pattern: str) -> list[list[tuple[float, float]]]:
    """The pieces of a polyline that an SVG dash pattern ("6 4": on, off) draws; the whole line without one."""
    lengths = [float(n) for n in pattern.split()]
    if not lengths or len(coords) < 2:
        return [coords]
    pieces: list[list[tuple[float, float]]] = []
    on, step, left, current = True, 0, lengths[0], [coords[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(coords):
        length, done = math.hypot(x1 - x0, y1 - y0), 0.0
        while length - done > left:
            done += left
            point = (x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length)
            if on:
                pieces.append([*current, point])
            current, on = [point], not on
            step = (step + 1) % len(lengths)
            left = lengths[step]
        left -= length - done
        if on:
            current.append((x1, y1))
    if on and len(current) > 1:
        pieces.append(current)
    return pieces


class Pen:
    """Draws in a chart's units, `scale` pixels per unit, on a white canvas of palette indexes."""

    def __init__(self, width: float, height: float, scale: float, palette: Palette):
        from PIL import Image, ImageDraw

        self.scale, self.palette = scale, palette
        self.canvas = Image.new("L", (round(width * scale), round(height * scale)), 0)
        self.draw = ImageDraw.Draw(self.canvas)

    def at(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale, y * self.scale

    def line(self, coords: list[tuple[float, float]], colour: str, width: float, dash: str = "") -> None:
        ink, pixels = self.palette.ink(colour), max(1, round(width * self.scale))
        for piece in dashes(coords, dash):
            self.draw.line([self.at(x, y) for x, y in piece], fill=ink, width=pixels)

    def rectangle(self, x0: float, y0: float, x1: float, y1: float, colour: str) -> None:
        self.draw.rectangle([self.at(x0, y0), self.at(x1, y1)], fill=self.palette.ink(colour))

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, colour: str) -> None:
        self.draw.ellipse([self.at(x0, y0), self.at(x1, y1)], fill=self.palette.ink(colour))

    def polygon(self, corners: list[tuple[float, float]], colour: str) -> None:
        self.draw.polygon([self.at(x, y) for x, y in corners], fill=self.palette.ink(colour))

    def text(
        self,
        x: float,
        y: float,
        text: str,
        colour: str,
        anchor: str = "ls",
        *,
        size: float = 11,
        on: str = "#ffffff",
        halo: bool = False,
    ) -> None:
        """`text` at (x, y) by `anchor` (Pillow's), its edges shaded towards `on`, the colour under it;
        with `halo`, on a white outline 1.5 units wide."""
        pixels, at = round(size * self.scale), (round(x * self.scale), round(y * self.scale))
        if halo:
            grown, left, top = halo_shape(text, pixels, anchor, max(1, round(1.5 * self.scale)))
            self.canvas.paste(self.palette.ink("#ffffff"), (at[0] + left, at[1] + top), grown)
            on = "#ffffff"
        shaded, mask, left, top = shaded_text(self.palette, colour, on, text, pixels, anchor)
        self.canvas.paste(shaded, (at[0] + left, at[1] + top), mask)

    def png(self) -> bytes:
        self.canvas.putpalette([v for entry in self.palette.entries for v in entry])  # "L" becomes "P"
        buffer = io.BytesIO()
        # Run-length deflate: half the time of the default on a chart, the file a third larger (a few kB)
        self.canvas.save(buffer, "PNG", dpi=(PRINT_DPI, PRINT_DPI), compress_type=zlib.Z_RLE)
        return buffer.getvalue()


@functools.cache
def summary_palette() -> Palette:
    """The status colours; black text on white, the counts in white on their bars."""
    bars = sorted(set(STATUS_COLOURS.values()))
    return Palette(bars, [("#000000", "#ffffff"), *(("#ffffff", bar) for bar in bars)])


def summary_chart_png(report: Report) -> Chart:
    """The status summary as a PNG picture for the DOCX: `summary_chart_svg`'s bars and legend."""
    rows = [r for r in report.summary if r.total]
    label_w, bar_w, row_h, top = 260, 380, 26, 34
    width, height = label_w + bar_w + 20, top + row_h * max(1, len(rows)) + 30
    pen = Pen(width, height, pixel_scale(width, SUMMARY_WIDTH_CM), summary_palette())
    pen.text(0, 4, _("Status of actions", report.lang), "#000000", "la", size=12)
    most = max((r.total for r in rows), default=1)
    for i, row in enumerate(rows):
        y = top + i * row_h
        pen.text(0, y + 4, _short(one_line(row.title)), "#000000", "la", size=12)
        x = float(label_w)
        for key, n in row.counts.items():
            w = bar_w * n / most
            pen.rectangle(x, y + 2, x + w, y + row_h - 6, STATUS_COLOURS[key])
            if w >= 18:
                pen.text(x + w / 2, y + 10, str(n), "#ffffff", "mm", on=STATUS_COLOURS[key])
            x += w
    legend_y = top + row_h * max(1, len(rows)) + 8
    x = 0.0
    for key in report.status_keys:
        label = status_label(key, report.lang)
        pen.rectangle(x, legend_y, x + 10, legend_y + 10, STATUS_COLOURS[key])
        pen.text(x + 14, legend_y - 1, label, "#000000", "la")
        x += 24 + 7 * len(label)
    return Chart(alt=_summary_alt(report), png=pen.png(), width=pen.canvas.width, height=pen.canvas.height)


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
