"""The report as an editable Word document (python-docx).

Real headings (Title, Heading 1..9), a table-of-contents field, the title in
the header and "Sivu n / m" fields in the footer, real tables in the "Table
Grid" style with a repeated header row (Mittari | Lähtötaso | Tavoitetaso |
Toteuma | Tila, one row per indicator) and charts as PNG pictures whose
alternative text is in the drawing's `descr`. No text is an image.
"""

from __future__ import annotations

import io
from typing import Any

from seuranta.core.i18n import gettext as _
from seuranta.core.reports.charts import Chart, has_trend, plan_start, summary_chart_png, trend_chart
from seuranta.core.reports.model import AnnualItem, IndicatorRow, Report, ReportNode
from seuranta.core.vocabulary import Verdict, status_label

TABLE_STYLE = "Table Grid"
MAX_HEADING = 9


def _field_runs(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC) in a paragraph, as Word writes it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _append_row(table: Any, cells: list[list[str]], widths: list[int], *, bold_first: bool = False) -> None:
    """A table row written as XML at once: python-docx's add_row and merge are slow on long tables.

    With one cell for several widths, the cell spans the whole row (gridSpan).
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    row = OxmlElement("w:tr")
    span = len(widths) if len(cells) == 1 and len(widths) > 1 else 1
    for index, lines in enumerate(cells):
        cell = OxmlElement("w:tc")
        properties = OxmlElement("w:tcPr")
        width = OxmlElement("w:tcW")
        width.set(qn("w:w"), str(sum(widths) if span > 1 else widths[index]))
        width.set(qn("w:type"), "dxa")
        properties.append(width)
        if span > 1:
            grid_span = OxmlElement("w:gridSpan")
            grid_span.set(qn("w:val"), str(span))
            properties.append(grid_span)
        cell.append(properties)
        for number, line in enumerate(lines or [""]):
            paragraph = OxmlElement("w:p")
            run = OxmlElement("w:r")
            if bold_first and index == 0 and number == 0:
                run_properties = OxmlElement("w:rPr")
                run_properties.append(OxmlElement("w:b"))
                run.append(run_properties)
            text = OxmlElement("w:t")
            text.set(qn("xml:space"), "preserve")
            text.text = line
            run.append(text)
            paragraph.append(run)
            cell.append(paragraph)
        row.append(cell)
    table._tbl.append(row)


TWIPS_PER_CM = 567


class _Writer:
    def __init__(self, report: Report, charts: bool):
        import docx
        from docx.shared import Pt

        self.report = report
        self.charts = charts
        self.doc = docx.Document()
        self.doc.core_properties.title = report.title or report.heading
        self.doc.core_properties.subject = report.heading
        self.doc.core_properties.language = report.lang
        self.doc.core_properties.author = report.organization or "Seuranta"
        normal = self.doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10)
        self._set_language(report.lang)

    def _set_language(self, lang: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        tag = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[lang]
        rpr = self.doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            element = rpr.find(qn("w:lang"))
            if element is None:
                element = OxmlElement("w:lang")
                rpr.append(element)
            element.set(qn("w:val"), tag)

    # -- building blocks --

    def field(self, label: str, value: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{label}:").bold = True
        paragraph.add_run(f" {value}")

    def picture(self, chart: Chart, width_cm: float) -> None:
        from docx.shared import Cm

        paragraph = self.doc.add_paragraph()
        shape = paragraph.add_run().add_picture(io.BytesIO(chart.png), width=Cm(width_cm))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", chart.alt)
        doc_pr.set("title", chart.alt[:250])
        caption = self.doc.add_paragraph(chart.alt)
        caption.style = self.doc.styles["Caption"]

    def table(self, header: list[str], widths: list[float]) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm

        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles[TABLE_STYLE]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid, which Word and LibreOffice lay out by
        for cell, title, width in zip(table.rows[0].cells, header, widths, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(title).bold = True
            cell.width = Cm(width)
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        return table

    @staticmethod
    def fill(cell: Any, lines: tuple[str, ...] | list[str], *, bold_first: bool = False) -> None:
        first = cell.paragraphs[0]
        for i, line in enumerate(lines):
            paragraph = first if i == 0 else cell.add_paragraph()
            run = paragraph.add_run(line)
            run.bold = bold_first and i == 0

    # -- sections --

    def header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.text = (
            f"{self.report.title} – {self.report.heading}" if self.report.title else self.report.heading
        )
        footer = section.footer.paragraphs[0]
        page_text = _("Page", self.report.lang)
        footer.add_run(f"{self.report.colophon}    {page_text} ")
        _field_runs(footer, "PAGE", "1")
        footer.add_run(" / ")
        _field_runs(footer, "NUMPAGES", "1")

    def title_page(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph(self.report.heading.upper())
        self.doc.add_heading(self.report.title or self.report.heading, level=0)
        for label, value in self.report.facts():
            self.field(label, value)
        self.doc.add_paragraph(self.report.colophon)
        self.doc.add_paragraph(_("Contents", self.report.lang)).runs[0].bold = True
        _field_runs(
            self.doc.add_paragraph(),
            'TOC \\o "1-4" \\h \\z \\u',
            _("To update the table of contents, right-click it and choose Update Field.", self.report.lang),
        )
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def summary(self) -> None:
        report = self.report
        self.doc.add_heading(_("Summary", self.report.lang), level=1)
        self.field(_("Overall", self.report.lang), f"{report.overall_status_label}. {report.overall_reason}")
        if self.charts and any(row.total for row in report.summary):
            self.picture(summary_chart_png(report), 16)
        keys = report.status_keys
        header = [
            _("Area", self.report.lang),
            *(status_label(k, self.report.lang) for k in keys),
            _("Total", self.report.lang),
        ]
        other = (17.0 - 6.0) / max(1, len(keys) + 1)
        table = self.table(header, [6.0] + [other] * (len(keys) + 1))
        widths = [int(6.0 * TWIPS_PER_CM)] + [int(other * TWIPS_PER_CM)] * (len(keys) + 1)
        for row in report.summary:
            _append_row(
                table, [[row.title], *([str(row.counts.get(k, 0))] for k in keys), [str(row.total)]], widths
            )
        self.doc.add_heading(_("Goals and indicators off track", self.report.lang), level=2)
        if not report.flagged:
            self.doc.add_paragraph(_("No goal or indicator is clearly off track.", self.report.lang))
        for item in report.flagged:
            paragraph = self.doc.add_paragraph(style="List Bullet")
            paragraph.add_run(item.title).bold = True
            path = f" ({' > '.join(item.path)})" if item.path else ""
            paragraph.add_run(f"{path}: {item.reason}")

    def indicators(self, rows: tuple[IndicatorRow, ...]) -> None:
        lang = self.report.lang
        header = [
            _("Indicator", lang),
            _("Baseline", lang),
            _("Target", lang),
            _("Actual", lang),
            _("Status", lang),
        ]
        widths_cm = [5.0, 3.3, 3.3, 3.0, 2.4]
        table = self.table(header, widths_cm)
        widths = [int(w * TWIPS_PER_CM) for w in widths_cm]
        charts: list[Chart] = []
        for row in rows:
            meta = []
            if row.unit:
                unit_text = _("unit", self.report.lang)
                meta.append(f"{unit_text}: {row.unit}")
            if row.source:
                source_text = _("source", self.report.lang)
                meta.append(f"{source_text}: {row.source}")
            name = [row.name] + ([f"({'; '.join(meta)})"] if meta else [])
            _append_row(
                table,
                [name, list(row.baseline), list(row.targets), list(row.actuals), [row.status_label]],
                widths,
                bold_first=True,
            )
            reason_text = _("Reason", self.report.lang)
            _append_row(table, [[f"{reason_text}: {row.reason}"]], widths)
            if self.charts and has_trend(row.indicator):
                chart = trend_chart(
                    row.indicator, None, self.report.lang, png=True, plan_start=plan_start(self.report.period)
                )
                if chart:
                    charts.append(chart)
        for chart in charts:
            self.picture(chart, 10)

    def node(self, node: ReportNode) -> None:
        self.doc.add_heading(
            f"{node.number} {node.level}: {node.title}", level=min(node.depth + 1, MAX_HEADING)
        )
        self.field(_("Status", self.report.lang), f"{node.status_label}. {node.reason}")
        if node.unit:
            self.field(_("Unit", self.report.lang), node.unit)
        if node.responsible:
            self.field(_("Responsible", self.report.lang), "; ".join(node.responsible))
        if node.schedule:
            self.field(_("Schedule", self.report.lang), node.schedule)
        if node.description:
            self.field(_("Description", self.report.lang), node.description)
        if node.milestones:
            milestones_text = _("Milestones", self.report.lang)
            self.doc.add_paragraph().add_run(f"{milestones_text}:").bold = True
            for milestone in node.milestones:
                self.doc.add_paragraph(f"• {milestone.display(self.report.lang)}")
        if node.indicators:
            self.indicators(node.indicators)
        for progress in node.progress:
            label = _("Progress", self.report.lang) + (f" ({progress.period})" if progress.period else "")
            self.field(label, progress.text)
            if progress.verdict in Verdict.values():
                verdict = Verdict(progress.verdict).label(self.report.lang)
                self.field(_("Verdict", self.report.lang), verdict)
        for note in node.notes:
            self.field(_("Notes", self.report.lang), note)
        for child in node.children:
            self.node(child)

    def annual_item(self, item: AnnualItem) -> None:
        self.doc.add_heading(f"{item.number} {item.level}: {item.title}", level=3)
        if item.path:
            self.doc.add_paragraph(" > ".join(item.path))
        self.field(_("Verdict", self.report.lang), f"{item.verdict_label} ({item.verdict_source_label})")
        self.field(_("Status", self.report.lang), f"{item.status_label}. {item.reason}")
        if item.evidence:
            self.indicators(item.evidence)
        for line in item.narrative:
            label = _("Account", self.report.lang) + (f" ({line.period})" if line.period else "")
            self.field(label, line.text)

    def body(self) -> None:
        report = self.report
        if report.variant == "annual":
            self.doc.add_heading(report.heading, level=1)
            intro_text = _(
                "Under section 115 of the Local Government Act the annual report states how the goals set by the council were attained.",
                self.report.lang,
            )
            self.doc.add_paragraph(f"{intro_text} {report.annual_note}")
            for group in report.annual_groups:
                self.doc.add_heading(group.unit, level=2)
                for item in group.items:
                    self.annual_item(item)
            if not report.annual_groups:
                self.doc.add_paragraph(_("Nothing falls within the scope.", self.report.lang))
            return
        self.doc.add_heading(_("Goals and actions", self.report.lang), level=1)
        if not report.nodes:
            self.doc.add_paragraph(_("Nothing falls within the scope.", self.report.lang))
        for node in report.nodes:
            self.node(node)

    def render(self) -> bytes:
        self.header_footer()
        self.title_page()
        self.summary()
        self.body()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def render_docx(report: Report, *, charts: bool = True) -> bytes:
    return _Writer(report, charts).render()
