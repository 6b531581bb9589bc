"""Reports: the report model built once from plain data, and its renderers.

from seuranta.core.reports import ReportOptions, report_for, render
data, content_type, suffix = render(report_for(plan, ReportOptions(on=date.today())), "pdf")
"""

from __future__ import annotations

from seuranta.core.reports.model import Report, ReportOptions, build_report, report_for

FORMATS = {
    "html": ("text/html; charset=utf-8", ".html"),
    "pdf": ("application/pdf", ".pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}

__all__ = ["FORMATS", "Report", "ReportOptions", "build_report", "render", "report_for"]


def render(report: Report, fmt: str) -> bytes:
    """The report in one of FORMATS as bytes (ValueError for an unknown format)."""
    if fmt == "html":
        from seuranta.core.reports.html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        from seuranta.core.reports.pdf import render_pdf

        return render_pdf(report)
    if fmt == "docx":
        from seuranta.core.reports.docx import render_docx

        return render_docx(report)
    if fmt == "xlsx":
        from seuranta.core.reports.xlsx import render_xlsx

        return render_xlsx(report)
    raise ValueError(f"unknown report format {fmt!r}")
