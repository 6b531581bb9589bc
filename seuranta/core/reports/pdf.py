"""The report as PDF: WeasyPrint renders the printable HTML of html.py in this process.

The title and "Sivu n / m" are on every page (CSS @page margin boxes), tables
have a fixed layout with ruled, wrapping cells and header rows repeated on each
page, and the document is tagged PDF/UA-1 with its language and the charts'
alt texts.

Nothing here changes process-wide state (no garbage-collector switch, no patch
of WeasyPrint's or pydyf's internals, no logger levels: settings.LOGGING quiets
WeasyPrint), so a PDF can be rendered inside the web server's threads. WeasyPrint
lays out and writes in one Python thread: a report of 500 actions and 1,500
indicators takes about 40 CPU seconds (benchmarks/report_large.py), so reports
that large are built by the task worker rather than in a request.
"""

from __future__ import annotations

from seuranta.core.reports.html import render_html
from seuranta.core.reports.model import Report

PDF_VARIANT = "pdf/ua-1"


def render_pdf(report: Report, *, charts: bool = True) -> bytes:
    """The report as one tagged PDF (PDF/UA-1 where WeasyPrint supports it)."""
    from weasyprint import HTML

    identifier = report.title.encode("utf-8") or None
    document = HTML(string=render_html(report, charts=charts)).render()
    try:
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier)
    except (TypeError, ValueError):  # a WeasyPrint without PDF/UA support: tagged output is still better
        pdf = document.write_pdf(pdf_tags=True)
    return bytes(pdf or b"")
