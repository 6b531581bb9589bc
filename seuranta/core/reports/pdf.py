"""The report as PDF: WeasyPrint renders the printable HTML of html.py.

The title and "Sivu n / m" are on every page (CSS @page margin boxes), tables
have a fixed layout with ruled, wrapping cells and header rows repeated on each
page, and the document is tagged PDF/UA-1 with its language and the charts'
alt texts.

Speed: WeasyPrint lays out and writes in one Python thread, about 12 pages a
second here. A large report is therefore printed as runs that each start a new
page (a focus area or committee, or a share of the children of a heavy one;
`plan_runs`), and the runs are rendered in worker processes at once, then
joined into one tagged PDF (pdf_merge.py). Small reports flow on without those
page breaks and are rendered in one process. The page numbers must count
across workers, so each worker stops after its layout, says how many pages it
has, and gets its first page number and the total before it makes the page
margin boxes (`_numbered_margin_boxes`, the one WeasyPrint internal relied on).
Whenever the parallel path fails (no processes allowed, a WeasyPrint whose
internals moved, a worker crash) the report is rendered whole in this process:
slower, same pages. Python's cyclic garbage collector is paused while
WeasyPrint works (`_cyclic_gc_paused`).

Workers start from a forkserver, which imports the caller's main module in
each worker (as multiprocessing's spawn does): a script that renders a PDF must
keep that code under `if __name__ == "__main__":`, or render_pdf raises in the
worker and the report is rendered in one process.

pydyf (WeasyPrint's PDF writer) rebuilds the tuple of all page references each
time `PDF.page_references` is read, and the tagging code reads it once per
tagged element, so writing a tagged PDF took time proportional to pages ×
elements (17 of 48 seconds for a 250-page report). `_cache_page_references`
replaces the property once with one that returns the same tuple, rebuilt only
when a page has been added.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import Any

from seuranta.core.reports.html import Run, heading_levels, render_html, top_level_parts
from seuranta.core.reports.model import AnnualGroup, Report, ReportNode

PDF_VARIANT = "pdf/ua-1"
# From this many items and indicator rows on, a report is large: a page per top-level part, and
# rendered in parallel. Below it, starting worker processes costs more than it saves.
PARALLEL_MIN_WEIGHT = 300
MAX_WORKERS = 8
PIECES = 8  # a large report is cut into about this many runs, each starting a page (plan_runs)
WORKER_TIMEOUT = 300  # seconds the workers may take before the report is rendered whole instead

log = logging.getLogger(__name__)


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


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while WeasyPrint works.

    WeasyPrint makes millions of small objects that mostly live until the PDF
    is written; the collector's repeated passes over them were a quarter of the
    time of a large report. Reference counting still frees everything else, and
    the cycles left are collected once the collector is back on. The pause is
    process-wide: in a threaded web server other requests run without cyclic
    collection for the seconds a PDF takes, which only defers their cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(html: str, identifier: bytes | None) -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    _cache_page_references()
    with _cyclic_gc_paused():
        document = HTML(string=html).render()
        try:
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier)
        except (TypeError, ValueError):  # a WeasyPrint without PDF/UA support: tagged output is still better
            pdf = document.write_pdf(pdf_tags=True)
    return bytes(pdf or b"")


def _weight(part: ReportNode | AnnualGroup) -> int:
    """Roughly how long a part takes to lay out: its items and indicator rows."""
    if isinstance(part, AnnualGroup):
        return sum(1 + len(item.evidence) for item in part.items)
    return sum(1 + len(node.indicators) for node in part.walk())


def plan_runs(report: Report, pieces: int = PIECES) -> list[tuple[Run, int]]:
    """The report body as runs that each start a page, with their weights.

    Each top-level part is a run; one heavier than 1.5/`pieces` of the report is cut
    between its children into runs of about 1/`pieces` each, so that the work can be
    shared evenly among processes. The cut depends on the report alone, so a report
    has the same pages whatever the number of processes."""
    parts: Sequence[ReportNode | AnnualGroup] = top_level_parts(report)
    weights = [_weight(part) for part in parts]
    target = sum(weights) / pieces
    runs: list[tuple[Run, int]] = []
    for index, (part, weight) in enumerate(zip(parts, weights, strict=True)):
        if isinstance(part, AnnualGroup) or len(part.children) < 2 or weight <= 1.5 * target:
            runs.append((Run(index), weight))
            continue
        child_weights = [_weight(child) for child in part.children]
        own = weight - sum(child_weights)  # the item's own heading, fields and indicators
        for number, children in enumerate(split_parts(child_weights, round(weight / target))):
            runs.append(
                (
                    Run(index, children, first=number == 0),
                    sum(child_weights[children]) + (own if number == 0 else 0),
                )
            )
    return runs


def split_parts(weights: Sequence[int], groups: int) -> list[slice]:
    """The items cut into at most `groups` contiguous slices of about equal total weight."""
    total = sum(weights)
    if groups <= 1 or len(weights) <= 1 or total <= 0:
        return [slice(0, len(weights))]
    bounds = [0]
    done = 0
    for index, weight in enumerate(weights):
        # An item goes to the slice its middle falls in.
        group = min(groups - 1, int((done + weight / 2) * groups / total))
        if group > len(bounds) - 1 and index > bounds[-1]:
            bounds.append(index)
        done += weight
    bounds.append(len(weights))
    return [slice(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def default_workers() -> int:
    """Worker processes for one PDF: SEURANTA_PDF_WORKERS, else the CPUs this process may use
    (at most MAX_WORKERS either way)."""
    configured = os.environ.get("SEURANTA_PDF_WORKERS", "").strip()
    if configured:
        try:
            return min(MAX_WORKERS, max(1, int(configured)))
        except ValueError:
            log.warning(
                "SEURANTA_PDF_WORKERS=%r is not a whole number; using the number of CPUs.", configured
            )
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return min(MAX_WORKERS, cpus)


def render_pdf(
    report: Report, *, charts: bool = True, workers: int | None = None, min_weight: int = PARALLEL_MIN_WEIGHT
) -> bytes:
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        # A worker is importing the main module of a script that renders a PDF at import time.
        raise RuntimeError(
            "render_pdf() ran while a PDF worker imported the main module: "
            "guard the calling script's code with `if __name__ == '__main__':`"
        )
    identifier = report.title.encode("utf-8") or None
    runs = plan_runs(report)
    if len(runs) < 2 or sum(weight for _, weight in runs) < min_weight:
        return _write(render_html(report, charts=charts), identifier)
    workers = default_workers() if workers is None else workers
    if workers > 1:
        groups = split_parts([weight for _, weight in runs], workers)
        htmls = [
            render_html(report, charts=charts, runs=[run for run, _ in runs[group]], front=index == 0)
            for index, group in enumerate(groups)
        ]
        try:
            return _render_in_parallel(htmls, identifier, headings=heading_levels(report))
        except Exception as exc:  # noqa: BLE001 - any failure falls back to the same PDF made in one process
            log.warning("PDF in %d processes failed (%s); rendering it in one.", len(htmls), exc)
    return _write(render_html(report, charts=charts, runs=[run for run, _ in runs]), identifier)


# --- worker processes -----------------------------------------------------------------------------


def _numbered_margin_boxes(conn: Connection, original: Callable[..., Any]) -> Callable[..., Any]:
    """WeasyPrint's make_margin_boxes, numbering pages as pages of the whole report.

    WeasyPrint calls it for each page once the layout is done, with the page's
    counters; on the first call the worker reports its page count and waits for
    its first page number and the report's total."""
    numbering: list[int] = []

    def make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        quote_depth, counters, scopes, page_groups = state
        if not numbering:
            conn.send(("pages", counters["pages"][-1]))
            numbering.extend(conn.recv())
        offset, total = numbering
        counters = {**counters, "page": [counters["page"][-1] + offset], "pages": [total]}
        return original(context, page, (quote_depth, counters, scopes, page_groups))

    return make_margin_boxes


def _render_part(conn: Connection, html: str, identifier: bytes | None) -> None:
    """A worker process: lay out one part, number its pages as the parent says, send its PDF."""
    try:
        import weasyprint.layout

        weasyprint.layout.make_margin_boxes = _numbered_margin_boxes(
            conn, weasyprint.layout.make_margin_boxes
        )
        conn.send(("pdf", _write(html, identifier)))
    except (EOFError, BrokenPipeError):
        pass  # the parent has gone (it gave up or failed): nobody to tell
    except BaseException as exc:  # noqa: BLE001 - the parent must hear of every failure
        with suppress(OSError):  # the parent may have gone too
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _receive(
    conn: Connection, process: multiprocessing.process.BaseProcess, kind: str, deadline: float
) -> Any:
    if not conn.poll(max(0.0, deadline - time.monotonic())):
        raise RuntimeError(f"the PDF workers took more than {WORKER_TIMEOUT} s")
    try:
        message, value = conn.recv()
    except EOFError:
        raise RuntimeError(f"a PDF worker ended (exit code {process.exitcode})") from None
    if message == "error":
        raise RuntimeError(value)
    if message != kind:  # e.g. a PDF before any page count: the numbering hook was never called
        raise RuntimeError(f"a PDF worker sent {message!r} where {kind!r} was expected")
    return value


def _context() -> Any:  # a forkserver or spawn context
    # forkserver: workers fork from a clean single-threaded server (a web server's threads
    # make plain fork unsafe); the server imports WeasyPrint once, not each worker.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, "weasyprint", "weasyprint.layout"])
        return context
    return multiprocessing.get_context("spawn")


def _render_in_parallel(
    htmls: list[str], identifier: bytes | None, *, headings: list[tuple[str, int]]
) -> bytes:
    from seuranta.core.reports.pdf_merge import merge_tagged_pdfs

    context = _context()
    deadline = time.monotonic() + WORKER_TIMEOUT
    workers = []
    try:
        for html in htmls:
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_render_part, args=(child_end, html, identifier), daemon=True)
            process.start()
            child_end.close()
            workers.append((parent_end, process))
        counts = [_receive(conn, process, "pages", deadline) for conn, process in workers]
        first = 0
        for (conn, _), count in zip(workers, counts, strict=True):
            conn.send((first, sum(counts)))
            first += count
        pdfs = [_receive(conn, process, "pdf", deadline) for conn, process in workers]
    finally:
        for conn, process in workers:
            conn.close()
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    return merge_tagged_pdfs(pdfs, headings=headings)
