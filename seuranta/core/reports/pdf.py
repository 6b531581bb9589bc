"""The report as PDF: WeasyPrint renders the printable HTML of html.py.

The title and "Sivu n / m" are on every page (CSS @page margin boxes), tables
have a fixed layout with wrapping cells and header rows repeated on each page,
and the document is tagged PDF/UA-1 with its language and the charts' alt texts.
"""

from __future__ import annotations

import logging

from seuranta.core.reports.html import render_html
from seuranta.core.reports.model import Report

PDF_VARIANT = "pdf/ua-1"


def render_pdf(report: Report, *, charts: bool = True) -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=render_html(report, charts=charts)).render()
    try:
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=report.title.encode("utf-8") or None)
    except (TypeError, ValueError):  # a WeasyPrint without PDF/UA support: tagged output is still better
        pdf = document.write_pdf(pdf_tags=True)
    return bytes(pdf or b"")
