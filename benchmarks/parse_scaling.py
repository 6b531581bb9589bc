"""Importer scaling: parse time of generated text, PDF and DOCX plans of 10, 100 and 300 pages.

    .venv/bin/python benchmarks/parse_scaling.py [--pages 10 100 300] [--formats txt pdf docx]
                                                 [--corpus FILE] [--no-hostile]

A document of N pages is a corpus document's body repeated, each copy's longer
lines given a numbered variation (so no copy is a duplicate of another), cut to
N pages of LINES_PER_PAGE lines. The table gives the seconds per document
(wall-clock, and CPU time: the steadier figure on a shared machine) and per page;
linear growth keeps the per-page column flat. Goal: 300 pages in under 10 s.

The hostile files (a tiny XLSX with its far cell filled, deep and huge-number
JSON, a DOCX of one enormous paragraph) are parsed through the bounded import
(`seuranta.importing.bounded`) in a child process with the default limits and
show how each ends. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seuranta.core.parsing import parse_bytes  # noqa: E402

LINES_PER_PAGE = 50
MIN_TAGGED = 20  # lines at least this long get the copy's number; shorter ones are headings and labels
DEFAULT_CORPUS = ROOT / "tests" / "data" / "corpus" / "pori-sivistystoimiala-toteutuminen-q1-2023.txt"


def _tag(copy: int) -> str:
    """A copy's mark: a word of twelve letters drawn from its number, so that copies differ by more than the
    few typing errors that `same_title` forgives, and no number is added for the measure parser to read."""
    rng = random.Random(copy)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(12))


def document_lines(corpus: Path, pages: int) -> list[str]:
    body = corpus.read_text(encoding="utf-8").split("\n")
    lines: list[str] = []
    copy = 0
    while len(lines) < pages * LINES_PER_PAGE:
        lines += [
            f"{line.rstrip()} {_tag(copy)} " if len(line.strip()) >= MIN_TAGGED else line for line in body
        ]
        copy += 1
    return lines[: pages * LINES_PER_PAGE]


def as_text(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8")


def as_docx(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(lines: list[str]) -> bytes:
    """An A4 PDF of plain Helvetica lines, LINES_PER_PAGE to a page (built directly with pydyf,
    WeasyPrint's PDF writer: fast at any size)."""
    import pydyf

    pdf = pydyf.PDF()
    font = pydyf.Dictionary(
        {"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/Helvetica", "Encoding": "/WinAnsiEncoding"}
    )
    pdf.add_object(font)
    for start in range(0, len(lines), LINES_PER_PAGE):
        ops = [b"BT /F1 10 Tf 14 TL 50 800 Td"]
        for line in lines[start : start + LINES_PER_PAGE]:
            text = line.encode("cp1252", errors="replace")
            text = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"(" + text + b") Tj T*")
        ops.append(b"ET")
        contents = pydyf.Stream([b"\n".join(ops)])
        pdf.add_object(contents)
        page = pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, 595, 842]),
                "Resources": pydyf.Dictionary({"Font": pydyf.Dictionary({"F1": font.reference})}),
                "Contents": contents.reference,
            }
        )
        pdf.add_page(page)
    out = io.BytesIO()
    pdf.write(out)
    return out.getvalue()


BUILDERS = {"txt": as_text, "pdf": as_pdf, "docx": as_docx}


def time_parse(data: bytes, name: str) -> tuple[float, float, str | None]:
    """Wall-clock and CPU seconds of reading and parsing, and the family that read it."""
    start, cpu_start = time.perf_counter(), time.process_time()
    result = parse_bytes(data, name)
    return time.perf_counter() - start, time.process_time() - cpu_start, result.family


GOAL_300_PAGES_SECONDS = 10.0


def scaling_table(corpus: Path, pages: list[int], formats: list[str]) -> dict[tuple[str, int], float]:
    print(f"Corpus: {corpus.name}, {LINES_PER_PAGE} lines a page\n")
    print(
        f"| format | pages | KB | family | seconds | CPU s | ms/page | per page vs {pages[0]} pages | load |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
    seconds_by: dict[tuple[str, int], float] = {}
    for fmt in formats:
        time_parse(BUILDERS[fmt](document_lines(corpus, 1)), f"warm-up.{fmt}")  # imports, compiled patterns
        first = None
        for count in pages:
            data = BUILDERS[fmt](document_lines(corpus, count))
            seconds, cpu_seconds, family = time_parse(data, f"scaling.{fmt}")
            per_page = seconds / count
            first = first or per_page
            print(
                f"| {fmt} | {count} | {len(data) // 1024} | {family} | {seconds:.2f} | {cpu_seconds:.2f} "
                f"| {per_page * 1000:.0f} | {per_page / first:.2f} | {os.getloadavg()[0]:.1f} |",
                flush=True,
            )
            seconds_by[fmt, count] = seconds
    return seconds_by


def hostile_files() -> dict[str, tuple[str, bytes]]:
    import docx
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Taso 1", "Mittari"])
    workbook.active["XFD1048576"] = "kaukana"
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    document = docx.Document()
    document.add_paragraph(" ".join(f"Tavoite {i} toteutuu hyvin." for i in range(200_000)))
    one_paragraph = io.BytesIO()
    document.save(one_paragraph)
    return {
        "PDF, 2 000 pages": ("long.pdf", as_pdf(document_lines(DEFAULT_CORPUS, 2000))),
        "DOCX, 150 MB of XML packed to 3 MB (passes the zip check)": ("bloated.docx", bloated_docx()),
        "XLSX, far cell XFD1048576 filled": ("far.xlsx", xlsx.getvalue()),
        "JSON, 100 000 nested arrays": ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        "JSON, a number of 100 000 digits": (
            "huge.json",
            b'{"format": "seuranta-plan/1", "tolerance": ' + b"9" * 100_000 + b', "nodes": []}',
        ),
        "JSON, Infinity": ("inf.json", b'{"format": "seuranta-plan/1", "tolerance": Infinity, "nodes": []}'),
        "DOCX, one paragraph of 200 000 sentences": ("long.docx", one_paragraph.getvalue()),
    }


def bloated_docx() -> bytes:
    """A DOCX whose document.xml unpacks to about 150 MB, packed loosely enough to pass the zip-bomb check."""
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("x")
    plain = io.BytesIO()
    document.save(plain)
    sentence = "Tavoite {} toteutuu hyvin ja mittari kasvaa vuosittain kaupungin palveluissa ja asukkaiden hyvinvoinnissa"
    body = "".join(f"<w:p><w:r><w:t>{sentence.format(i)}</w:t></w:r></w:p>" for i in range(1_050_000))
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                data = text.replace("<w:body>", "<w:body>" + body, 1).encode("utf-8")
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def hostile_table() -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuranta.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    from seuranta.importing.bounded import parse_bounded
    from seuranta.importing.tasks import limit_message

    print(
        f"\nHostile files, bounded import (limits: {settings.SEURANTA_IMPORT_TIMEOUT} s, "
        f"{settings.SEURANTA_IMPORT_MEMORY_MB} MB)\n"
    )
    print("| file | KB | seconds | peak MB | outcome |")
    print("|---|---:|---:|---:|---|")
    for label, (name, data) in hostile_files().items():
        start = time.perf_counter()
        outcome = parse_bounded(data, name)
        seconds = time.perf_counter() - start
        with translation.override("fi"):
            text = (
                limit_message(outcome.limit)
                if outcome.limit
                else outcome.problem or f"parsed: {outcome.family or 'no plan'}"
            )
        print(
            f"| {label} | {len(data) // 1024} | {seconds:.2f} | {outcome.peak_mb:.0f} | {text[:90]} |",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 300])
    parser.add_argument("--formats", nargs="+", choices=list(BUILDERS), default=list(BUILDERS))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-hostile", action="store_true")
    args = parser.parse_args(argv)
    seconds_by = scaling_table(args.corpus, args.pages, args.formats)
    if not args.no_hostile:
        hostile_table()
    for (fmt, count), seconds in seconds_by.items():
        if count == 300:
            print(f"BENCH parse_300_pages_{fmt}_s goal={GOAL_300_PAGES_SECONDS} value={seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
