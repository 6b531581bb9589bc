"""The report as one HTML document with printable CSS: the web view and the source of the PDF.

    render_html(report, *, standalone=True) -> str

Headings follow the plan's tree ("1.2 Tavoite: ..."), each item has a status
line, its fields as "Label: value" paragraphs, a ruled indicator table
Mittari | Lähtötaso | Tavoitetaso | Toteuma | Tila with one row per indicator
(the evaluation's reason in the Tila cell, or in a full-width row when long),
and its progress text. The report importer (parsing/families/report.py) reads
the headings and fields back from the PDF's text and the indicators from its
ruled tables.

The CSS is kept cheap for WeasyPrint: no kerning or ligatures, simple class
selectors, `break-inside: avoid` only on table rows and figures. The indicator
tables are most of a large report's rendering time, and there the cost follows
the printed lines and the elements of each cell: column widths that let names
and reasons wrap less, and no wrapper elements where a cell's bare text will do.
"""

from __future__ import annotations

import re
from html import escape

from seuranta.core.i18n import gettext as _
from seuranta.core.reports.charts import has_trend, plan_start, summary_chart_svg, trend_chart
from seuranta.core.reports.model import AnnualItem, IndicatorRow, Report, ReportNode, format_day
from seuranta.core.reports.style import STATUS_TEXT_COLOURS
from seuranta.core.vocabulary import STATUS_ICONS, Verdict, status_label

CSS = """
@page { size: A4; margin: 22mm 16mm 20mm 16mm;
  @top-left { content: TITLE_STRING; font: 8pt "DejaVu Sans", sans-serif; color: #555; }
  @top-right { content: KIND_STRING; font: 8pt "DejaVu Sans", sans-serif; color: #555; }
  @bottom-right { content: PAGE_STRING counter(page) " / " counter(pages);
                  font: 8pt "DejaVu Sans", sans-serif; color: #333; }
  @bottom-left { content: COLOPHON_STRING; font: 7pt "DejaVu Sans", sans-serif; color: #777; } }
body { font: 10pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; margin: 0 auto;
       max-width: 60rem; padding: 0 1rem;
       font-kerning: none; font-variant-ligatures: none; text-rendering: optimizeSpeed; }
@media print { body { max-width: none; padding: 0; } .no-print { display: none; } }
.colophon { font-size: 8pt; color: #555; }
h1 { font-size: 20pt; margin: 0 0 .4em; }
h2 { font-size: 15pt; margin: 1.4em 0 .4em; break-after: avoid; }
h3, h4, h5, h6 { margin: 1.1em 0 .3em; break-after: avoid; }
h3 { font-size: 13pt; } h4 { font-size: 11.5pt; } h5 { font-size: 10.5pt; } h6 { font-size: 10pt; }
.title-page { break-after: page; }
.title-page .kicker { font-size: 12pt; text-transform: uppercase; letter-spacing: .05em; color: #444; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
p { margin: .25em 0; overflow-wrap: break-word; }
.field-label { font-weight: bold; }
.status { font-weight: bold; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: .5em 0 .8em; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: .75pt solid #888; padding: 2pt 3pt; vertical-align: top; text-align: left;
         overflow-wrap: break-word; }
thead th { background: #e8ecf0; }
/* Most measures are short ("62 % (2024)") while names and the evaluation's reasons run long: narrow
   value columns leave the name and Tila columns room for fewer wrapped lines, and every printed line
   of a cell is a separate text layout in WeasyPrint (about a fifth fewer lines, rows and pages). */
col.c-name { width: 34%; } col.c-value { width: 13%; } col.c-status { width: 27%; }
th.name { font-weight: bold; }
/* Tila: the status a line of its own, the reason the cell's own smaller text (no wrapper element). */
td.st { font-size: 7.5pt; color: #333; } td.st .status { display: block; font-size: 8.5pt; }
td.reason { font-size: 7.5pt; color: #333; }
.line { display: block; margin-bottom: .5em; }
.meta { font-size: 7.5pt; color: #444; }
figure { margin: .6em 0; break-inside: avoid; } figcaption { font-size: 8pt; color: #444; }
svg { max-width: 100%; height: auto; }
ul.plain { list-style: none; padding-left: 0; margin: .2em 0; }
section.item { margin-left: 0; }
table.summary col.c-area { width: 46%; }
""" + "\n".join(f".s-{key} {{ color: {colour}; }}" for key, colour in STATUS_TEXT_COLOURS.items())


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _status(report: Report, status: str, label: str) -> str:
    return (
        f'<span class="status s-{_e(status)}"><span class="icon" aria-hidden="true">{STATUS_ICONS.get(status, "")}'
        f"</span> {_e(label)}</span>"
    )


def _field(label: str, value: str) -> str:
    return f'<p class="field"><span class="field-label">{_e(label)}:</span> {_e(value)}</p>'


def _heading(depth: int, text: str, anchor: str) -> str:
    tag = min(depth + 2, 6)
    extra = f' aria-level="{depth + 2}"' if depth + 2 > 6 else ""
    return f'<h{tag} id="{anchor}"{extra}>{text}</h{tag}>'


LONG_REASON = 110  # characters: a longer reason gets a full-width row of its own under the indicator


def _lines(lines: tuple[str, ...]) -> str:
    """A cell's measures: a lone one as plain text, several one block each (the gap between blocks
    tells the PDF reader a new measure from a wrapped line). Plain text and few boxes keep
    WeasyPrint's layout fast."""
    if len(lines) <= 1:
        return _e(lines[0]) if lines else ""
    # The last measure needs no gap below it, so it stays the cell's bare text: one element less.
    return "".join(f'<span class="line">{_e(line)}</span>' for line in lines[:-1]) + _e(lines[-1])


def indicator_table(
    report: Report, rows: tuple[IndicatorRow, ...], *, charts: bool = True, labelled_by: str | None = None
) -> str:
    """Mittari | Lähtötaso | Tavoitetaso | Toteuma | Tila, one ruled row per indicator.

    Each cell holds its measures one per block; the Tila cell holds the status
    and the evaluation's reason, or a long reason gets a compact full-width row
    under the indicator. Trend charts (indicators with two or more dated
    actuals) follow the table as figures.
    """
    lang = report.lang
    columns = (
        _("Indicator", lang),
        _("Baseline", lang),
        _("Target", lang),
        _("Actual", lang),
        _("Status", lang),
    )
    head = "".join(f'<th scope="col">{_e(column)}</th>' for column in columns)
    label = f' aria-labelledby="{_e(labelled_by)}"' if labelled_by else ""
    out = [
        f'<table class="indicators"{label}><colgroup><col class="c-name"><col class="c-value">'
        f'<col class="c-value"><col class="c-value"><col class="c-status"></colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>"
    ]
    figures = []
    reason_label = _e(_("Reason", report.lang))
    for row in rows:
        meta = []
        if row.unit:
            unit_text = _("unit", report.lang)
            meta.append(f"{unit_text}: {row.unit}")
        if row.source:
            source_text = _("source", report.lang)
            meta.append(f"{source_text}: {row.source}")
        # The unit/source runs on after the name in smaller type (inline: no block of its own to lay out).
        meta_html = f' <span class="meta">({_e("; ".join(meta))})</span>' if meta else ""
        long_reason = len(row.reason) > LONG_REASON
        why = "" if long_reason else _e(row.reason)
        out.append(
            f'<tr><th scope="row" class="name">{_in_lang(row.name, row.name_lang)}{meta_html}</th>'
            f"<td>{_lines(row.baseline)}</td><td>{_lines(row.targets)}</td><td>{_lines(row.actuals)}</td>"
            f'<td class="st">{_status(report, row.status, row.status_label)}{why}</td></tr>'
        )
        if long_reason:
            out.append(f'<tr><td class="reason" colspan="5">{reason_label}: {_e(row.reason)}</td></tr>')
        chart = None
        if charts and has_trend(row.indicator):
            chart = trend_chart(row.indicator, None, report.lang, plan_start=plan_start(report.period))
        if chart:
            figures.append(f"<figure>{chart.svg}<figcaption>{_e(chart.alt)}</figcaption></figure>")
    out.append("</tbody></table>")
    out.extend(figures)
    return "".join(out)


def _in_lang(text: str, lang: str | None) -> str:
    """Escaped text, in an element of its own language where it is not the report's (screen readers)."""
    return f'<span lang="{_e(lang)}">{_e(text)}</span>' if lang else _e(text)


def _node_heading(node: ReportNode) -> str:
    return f"{_e(f'{node.number} {node.level}: ')}{_in_lang(node.title, node.title_lang)}"


def _node(report: Report, node: ReportNode, charts: bool) -> str:
    """An item with its fields, indicators, progress and children."""
    status_text = _("Status", report.lang)
    out = [
        f'<section class="item" aria-labelledby="n{node.number}">',
        _heading(node.depth, _node_heading(node), f"n{node.number}"),
        f'<p class="field"><span class="field-label">{_e(status_text)}:</span> '
        f"{_status(report, node.status, node.status_label)}. {_e(node.reason)}</p>",
    ]
    if node.unit:
        out.append(_field(_("Unit", report.lang), node.unit))
    if node.responsible:
        out.append(_field(_("Responsible", report.lang), "; ".join(node.responsible)))
    if node.schedule:
        out.append(_field(_("Schedule", report.lang), node.schedule))
    if node.description:
        out.append(_field(_("Description", report.lang), node.description))
    if node.milestones:
        items = "".join(f"<li>• {_e(m.display(report.lang))}</li>" for m in node.milestones)
        milestones_text = _("Milestones", report.lang)
        out.append(
            f'<p class="field"><span class="field-label">{_e(milestones_text)}:</span></p>'
            f'<ul class="plain">{items}</ul>'
        )
    if node.indicators:
        out.append(indicator_table(report, node.indicators, charts=charts, labelled_by=f"n{node.number}"))
    for progress in node.progress:
        label = _("Progress", report.lang) + (f" ({progress.period})" if progress.period else "")
        out.append(_field(label, progress.text))
        if progress.verdict in Verdict.values():
            verdict = Verdict(progress.verdict).label(report.lang)
            verdict_text = _("Verdict", report.lang)
            out.append(_field(verdict_text, verdict))
    for note in node.notes:
        out.append(_field(_("Notes", report.lang), note))
    out.extend(_node(report, child, charts) for child in node.children)
    out.append("</section>")
    return "".join(out)


def _title_page(report: Report) -> str:
    facts = "".join(f"<dt>{_e(label)}:</dt><dd>{_e(value)}</dd>" for label, value in report.facts())
    return (
        f'<header class="title-page"><p class="kicker report-kind">{_e(report.heading)}</p>'
        f'<h1 class="report-title">{_e(report.title or report.heading)}</h1>'
        f'<dl class="facts">{facts}</dl><p class="colophon">{_e(report.colophon)}</p></header>'
    )


def _summary(report: Report) -> str:
    chart = summary_chart_svg(report)
    keys = report.status_keys
    head = "".join(f'<th scope="col">{_e(status_label(k, report.lang))}</th>' for k in keys)
    rows = "".join(
        f'<tr><th scope="row">{_e(row.title)}</th>'
        + "".join(f"<td>{row.counts.get(k, 0)}</td>" for k in keys)
        + f"<td>{row.total}</td></tr>"
        for row in report.summary
    )
    total_text = _("Total", report.lang)
    area_text = _("Area", report.lang)
    caption_text = _("Status by focus area", report.lang)
    table = (
        f'<table class="summary"><caption>{_e(caption_text)}</caption><colgroup>'
        f'<col class="c-area"></colgroup><thead><tr><th scope="col">{_e(area_text)}</th>'
        f'{head}<th scope="col">{_e(total_text)}</th></tr></thead><tbody>{rows}</tbody>'
        "</table>"
    )
    none_flagged_text = _("No goal or indicator is clearly off track.", report.lang)
    flagged = (
        "".join(
            f"<li><strong>{_e(item.title)}</strong>{_e(' (' + ' > '.join(item.path) + ')') if item.path else ''}: "
            f"{_e(item.reason)}</li>"
            for item in report.flagged
        )
        or f"<li>{_e(none_flagged_text)}</li>"
    )
    flagged_text = _("Goals and indicators off track", report.lang)
    overall_text = _("Overall", report.lang)
    summary_text = _("Summary", report.lang)
    return (
        f'<section class="summary"><h2 id="summary">{_e(summary_text)}</h2>'
        f'<p class="field"><span class="field-label">{_e(overall_text)}:</span> '
        f"{_status(report, report.overall_status, report.overall_status_label)}. {_e(report.overall_reason)}</p>"
        f"<figure>{chart.svg}<figcaption>{_e(chart.alt)}</figcaption></figure>{table}"
        f"<h3>{_e(flagged_text)}</h3><ul>{flagged}</ul></section>"
    )


def _annual_title(item: AnnualItem) -> str:
    return f"{item.number} {item.level}: {item.title}"


def _annual_item(report: Report, item: AnnualItem) -> str:
    out = [f'<section class="item"><h4 id="a{_e(item.number)}">{_e(_annual_title(item))}</h4>']
    if item.path:
        out.append(f'<p class="meta">{_e(" > ".join(item.path))}</p>')
    verdict_text = _("Verdict", report.lang)
    out.append(
        f'<p class="field"><span class="field-label">{_e(verdict_text)}:</span> '
        f"<strong>{_e(item.verdict_label)}</strong> ({_e(item.verdict_source_label)})</p>"
    )
    status_text = _("Status", report.lang)
    out.append(_field(status_text, f"{item.status_label}. {item.reason}"))
    if item.evidence:
        out.append(indicator_table(report, item.evidence, charts=True, labelled_by=f"a{item.number}"))
    for line in item.narrative:
        label = _("Account", report.lang) + (f" ({line.period})" if line.period else "")
        out.append(_field(label, line.text))
    out.append("</section>")
    return "".join(out)


def _annual(report: Report) -> str:
    intro_text = _(
        "Under section 115 of the Local Government Act the annual report states how the goals set by the council were attained.",
        report.lang,
    )
    out = [
        '<section class="annual">',
        f'<h2 id="annual">{_e(report.heading)}</h2><p>{_e(intro_text)} {_e(report.annual_note)}</p>',
    ]
    if not report.annual_groups:
        nothing_text = _("Nothing falls within the scope.", report.lang)
        out.append(f"<p>{_e(nothing_text)}</p>")
    for group in report.annual_groups:
        out.append(f'<section class="group"><h3>{_e(group.unit)}</h3>')
        out.extend(_annual_item(report, item) for item in group.items)
        out.append("</section>")
    out.append("</section>")
    return "".join(out)


def render_body(report: Report, *, charts: bool = True) -> str:
    """The report's content without <html>/<head>, for embedding in a web page."""
    out = [_title_page(report), _summary(report)]
    if report.variant == "annual":
        out.append(_annual(report))
    else:
        goals_and_actions_text = _("Goals and actions", report.lang)
        out.append(f'<section class="body"><h2 id="body">{_e(goals_and_actions_text)}</h2>')
        if not report.nodes:
            nothing_text = _("Nothing falls within the scope.", report.lang)
            out.append(f"<p>{_e(nothing_text)}</p>")
        out.extend(_node(report, node, charts) for node in report.nodes)
        out.append("</section>")
    return "".join(out)


_CSS_STRING_SAFE = frozenset(" .,:;-_()/!?'%+#@*&=[]{}|~^$€£§–—“”‘’…")


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string for the page margin boxes.

    Everything but letters, digits and harmless punctuation is a CSS escape, so
    that no text (a plan's title) can end the string or the <style> element."""
    escaped = "".join(ch if ch.isalnum() or ch in _CSS_STRING_SAFE else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'


def page_css(report: Report) -> str:
    """The stylesheet with this report's running header and footer.

    The header and footer are literal strings rather than string-set() from the
    title page, so that any part of the report rendered alone carries them too."""
    values = {
        "TITLE_STRING": report.title or report.heading,
        "KIND_STRING": report.heading,
        "COLOPHON_STRING": report.colophon,
        "PAGE_STRING": _("Page", report.lang) + " ",
    }
    # One pass, so that a title containing a placeholder's name stays as written.
    return re.sub(r"\b(?:TITLE|KIND|COLOPHON|PAGE)_STRING\b", lambda m: _css_string(values[m.group(0)]), CSS)


def render_html(report: Report, *, charts: bool = True) -> str:
    """One self-contained HTML document (inline CSS and SVG), printable as is."""
    title = f"{report.heading} – {report.title}" if report.title else report.heading
    return (
        f'<!DOCTYPE html><html lang="{report.lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="Seuranta"><meta name="date" content="{report.on.isoformat()}">'
        f"<title>{_e(title)}</title><style>{page_css(report)}</style></head>"
        f"<body><main>{render_body(report, charts=charts)}</main></body></html>"
    )


__all__ = [
    "CSS",
    "format_day",
    "indicator_table",
    "page_css",
    "render_body",
    "render_html",
]
