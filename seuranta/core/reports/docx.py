"""The report as an editable Word document (python-docx).

Real headings (Title, Heading 1..9), a table-of-contents field, the title in
the header and "Sivu n / m" fields in the footer, real tables in the "Table
Grid" style with a repeated header row (Mittari | Lähtötaso | Tavoitetaso |
Toteuma | Tila, one row per indicator) and charts as PNG pictures whose
alternative text is in the drawing's `descr`. No text is an image.

The body's paragraphs and tables are written as XML text (`docx_xml`): python-docx's
object API takes about a millisecond a paragraph, seconds for a large plan.
"""

from __future__ import annotations

import io
from typing import Any

from seuranta.core.i18n import gettext as _
from seuranta.core.reports import docx_xml as xml
from seuranta.core.reports.charts import (
    SUMMARY_WIDTH_CM,
    TREND_WIDTH_CM,
    Chart,
    has_trend,
    plan_start,
    summary_chart_png,
    trend_chart,
)
from seuranta.core.reports.model import AnnualItem, IndicatorRow, Report, ReportNode
from seuranta.core.vocabulary import Verdict, status_label

TABLE_STYLE = "Table Grid"
MAX_HEADING = 9
TWIPS_PER_CM = 567


class _Writer:
    def __init__(self, report: Report, charts: bool):
        import docx
        from docx.shared import Pt

        self.report = report
        self.charts = charts
        self.doc = docx.Document()
        self.doc.core_properties.title = xml.clean(report.title or report.heading)
        self.doc.core_properties.subject = xml.clean(report.heading)
        self.doc.core_properties.language = report.lang
        self.doc.core_properties.author = xml.clean(report.organization or "Seuranta")
        self.style_ids: dict[str, str] = {}
        self.pending: list[str] = []
        self.images: dict[str, str] = {}  # relationship id by SHA-1
        self.images_before = len(self.doc.part.package.image_parts)
        self.shape_id = 0
        # The section properties close the body: found once, as python-docx looks through every
        # element of the body for them (a report with 500 pictures is flushed 500 times).
        self.end = self.doc.element.body.sectPr
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

    def style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.doc.styles[name].style_id
        return self.style_ids[name]

    def add(self, fragment: str) -> None:
        self.pending.append(fragment)

    def flush(self) -> None:
        """Move the XML written so far into the document (before a picture goes in, and at the end)."""
        xml.append_xml(self.doc.element.body, "".join(self.pending), before=self.end)
        self.pending.clear()

    def paragraph(self, text: str = "", style: str | None = None, *, bold: bool = False) -> None:
        self.add(
            xml.paragraph(xml.run(text, bold=bold) if text else "", style=style and self.style_id(style))
        )

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def field(self, label: str, value: str) -> None:
        self.add(xml.paragraph(xml.run(f"{label}:", bold=True), xml.run(f" {value}")))

    def image(self, png: bytes) -> tuple[str, Any]:
        """The relationship id and python-docx Image of a picture, one image part per distinct picture.

        python-docx's own add_picture looks through every image part, relationship and id in the
        document for each picture: minutes for a report with a trend chart for each of a thousand
        indicators."""
        from docx.image.image import Image
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.parts.image import ImagePart

        image = Image.from_blob(png)
        if image.sha1 not in self.images:
            number = self.images_before + len(self.images) + 1
            part = ImagePart.from_image(image, PackURI(f"/word/media/image{number}.{image.ext}"))
            rels = self.doc.part.rels
            free = len(rels) + 1
            while f"rId{free}" in rels:
                free += 1
            rel_id = f"rId{free}"
            rels.add_relationship(RELATIONSHIP_TYPE.IMAGE, part, rel_id)
            self.images[image.sha1] = rel_id
        return self.images[image.sha1], image

    def picture(self, chart: Chart, width_cm: float) -> None:
        from docx.oxml.shape import CT_Inline
        from docx.shared import Cm

        rel_id, image = self.image(chart.png)
        width, height = image.scaled_dimensions(Cm(width_cm), None)
        self.shape_id = self.shape_id + 1 if self.shape_id else self.doc.part.next_id
        inline = CT_Inline.new_pic_inline(self.shape_id, rel_id, image.filename, width, height)
        inline.docPr.set("descr", xml.clean(chart.alt))
        inline.docPr.set("title", xml.clean(chart.alt)[:250])
        self.flush()
        (paragraph,) = xml.append_xml(
            self.doc.element.body, xml.paragraph("<w:r><w:drawing/></w:r>"), before=self.end
        )
        paragraph[0][0].append(inline)
        self.paragraph(chart.alt, "Caption")

    def table_start(self, header: list[str], widths_cm: list[float]) -> None:
        from docx.shared import Cm

        self.add(xml.table_start(self.style_id(TABLE_STYLE), header, [Cm(w).twips for w in widths_cm]))

    # -- sections --

    def header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.text = xml.clean(
            f"{self.report.title} – {self.report.heading}" if self.report.title else self.report.heading
        )
        footer = section.footer.paragraphs[0]
        page_text = _("Page", self.report.lang)
        footer.add_run(xml.clean(f"{self.report.colophon}    {page_text} "))
        xml.append_xml(footer._p, xml.field_runs("PAGE", "1"))
        footer.add_run(" / ")
        xml.append_xml(footer._p, xml.field_runs("NUMPAGES", "1"))

    def title_page(self) -> None:
        self.paragraph(self.report.heading.upper())
        self.heading(self.report.title or self.report.heading, 0)
        for label, value in self.report.facts():
            self.field(label, value)
        self.paragraph(self.report.colophon)
        self.paragraph(_("Contents", self.report.lang), bold=True)
        placeholder = _(
            "To update the table of contents, right-click it and choose Update Field.", self.report.lang
        )
        self.add(xml.paragraph(xml.field_runs('TOC \\o "1-4" \\h \\z \\u', placeholder)))
        self.add(xml.PAGE_BREAK)

    def summary(self) -> None:
        report = self.report
        self.heading(_("Summary", self.report.lang), 1)
        self.field(_("Overall", self.report.lang), f"{report.overall_status_label}. {report.overall_reason}")
        if self.charts and any(row.total for row in report.summary):
            self.picture(summary_chart_png(report), SUMMARY_WIDTH_CM)
        keys = report.status_keys
        header = [
            _("Area", self.report.lang),
            *(status_label(k, self.report.lang) for k in keys),
            _("Total", self.report.lang),
        ]
        other = (17.0 - 6.0) / max(1, len(keys) + 1)
        self.table_start(header, [6.0] + [other] * (len(keys) + 1))
        widths = [int(6.0 * TWIPS_PER_CM)] + [int(other * TWIPS_PER_CM)] * (len(keys) + 1)
        for row in report.summary:
            cells = [[row.title], *([str(row.counts.get(k, 0))] for k in keys), [str(row.total)]]
            self.add(xml.table_row(cells, widths))
        self.add(xml.TABLE_END)
        self.heading(_("Goals and indicators off track", self.report.lang), 2)
        if not report.flagged:
            self.paragraph(_("No goal or indicator is clearly off track.", self.report.lang))
        bullet = self.style_id("List Bullet")
        for item in report.flagged:
            path = f" ({' > '.join(item.path)})" if item.path else ""
            self.add(
                xml.paragraph(xml.run(item.title, bold=True), xml.run(f"{path}: {item.reason}"), style=bullet)
            )

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
        self.table_start(header, widths_cm)
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
            cells = [name, list(row.baseline), list(row.targets), list(row.actuals), [row.status_label]]
            self.add(xml.table_row(cells, widths, bold_first=True))
            reason_text = _("Reason", self.report.lang)
            self.add(xml.table_row([[f"{reason_text}: {row.reason}"]], widths))
            if self.charts and has_trend(row.indicator):
                chart = trend_chart(
                    row.indicator, None, self.report.lang, png=True, plan_start=plan_start(self.report.period)
                )
                if chart:
                    charts.append(chart)
        self.add(xml.TABLE_END)
        for chart in charts:
            self.picture(chart, TREND_WIDTH_CM)

    def node(self, node: ReportNode) -> None:
        self.heading(f"{node.number} {node.level}: {node.title}", min(node.depth + 1, MAX_HEADING))
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
            self.paragraph(f"{milestones_text}:", bold=True)
            for milestone in node.milestones:
                self.paragraph(f"• {milestone.display(self.report.lang)}")
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
        self.heading(f"{item.number} {item.level}: {item.title}", 3)
        if item.path:
            self.paragraph(" > ".join(item.path))
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
            self.heading(report.heading, 1)
            intro_text = _(
                "Under section 115 of the Local Government Act the annual report states how the goals set by the council were attained.",
                self.report.lang,
            )
            self.paragraph(f"{intro_text} {report.annual_note}")
            for group in report.annual_groups:
                self.heading(group.unit, 2)
                for item in group.items:
                    self.annual_item(item)
            if not report.annual_groups:
                self.paragraph(_("Nothing falls within the scope.", self.report.lang))
            return
        self.heading(_("Goals and actions", self.report.lang), 1)
        if not report.nodes:
            self.paragraph(_("Nothing falls within the scope.", self.report.lang))
        for node in report.nodes:
            self.node(node)

    def render(self) -> bytes:
        self.header_footer()
        self.title_page()
        self.summary()
        self.body()
        self.flush()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def render_docx(report: Report, *, charts: bool = True) -> bytes:
    return _Writer(report, charts).render()
