"""The report as PDF: WeasyPrint renders the printable HTML of html.py.

The title and "Sivu n / m" are on every page (CSS @page margin boxes), tables
have a fixed layout with ruled, wrapping cells and header rows repeated on each
page, and the document is tagged PDF/UA-1 with its language and the charts'
alt texts.

Speed: pydyf (WeasyPrint's PDF writer) rebuilds the tuple of all page
references each time `PDF.page_references` is read, and the tagging code reads
it once per tagged element, so writing a tagged PDF took time proportional to
pages × elements (17 of 48 seconds for a 250-page report). `_cache_page_references`
replaces the property once with one that returns the same tuple, rebuilt only
when a page has been added.
"""

from __future__ import annotations

import logging
from typing import Any

from seuranta.core.reports.html import render_html
from seuranta.core.reports.model import Report

PDF_VARIANT = "pdf/ua-1"


def _cache_page_references() -> None:
    """Make pydyf's `PDF.page_references` cached per page count (same values, no quadratic cost)."""
    import pydyf

    if getattr(pydyf.PDF, "_seuranta_cached_page_references", False):
        return
    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property) or original.fget is None:
        return  # a pydyf without the property: nothing to speed up
    build = original.fget

    def page_references(self: Any) -> Any:
        kids = self.pages["Kids"]
        key = (id(kids), len(kids))
        cached = self.__dict__.get("_seuranta_page_references")
        if cached is None or cached[0] != key:
            cached = (key, build(self))
            self.__dict__["_seuranta_page_references"] = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references, doc=original.__doc__)
    pydyf.PDF._seuranta_cached_page_references = True


def render_pdf(report: Report, *, charts: bool = True) -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    _cache_page_references()
    document = HTML(string=render_html(report, charts=charts)).render()
    try:
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=report.title.encode("utf-8") or None)
    except (TypeError, ValueError):  # a WeasyPrint without PDF/UA support: tagged output is still better
        pdf = document.write_pdf(pdf_tags=True)
    return bytes(pdf or b"")
