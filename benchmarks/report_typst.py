"""The large report of report_large.py laid out by Typst instead of WeasyPrint: a timing comparison.

The same report model (report_for), the same content: title page, summary with its chart and
table, flagged items, every item's heading, status, fields, indicator table (5 columns, the
long reason in a full-width row), progress; running header, "Sivu n / m" footer; tagged PDF/UA-1.
Status icons and colours are left out. Typst is not a dependency of Seuranta: install it
(`pip install typst`) where you run this.

    .venv/bin/python benchmarks/report_typst.py [-o report.pdf]
"""

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from benchmarks.report_large import large_plan  # noqa: E402
from seuranta.core.reports import ReportOptions, report_for  # noqa: E402
from seuranta.core.reports.charts import summary_chart_svg  # noqa: E402

TEMPLATE = r"""
#let d = json("report.json")
#set document(title: d.title)
#set text(lang: d.lang, font: "DejaVu Sans", size: 10pt)
#set par(leading: 0.5em)
#set page(paper: "a4", margin: (top: 22mm, bottom: 20mm, x: 16mm),
  header: text(8pt, fill: luma(85))[#d.title #h(1fr) #d.kind],
  footer: context [#text(7pt, fill: luma(119), d.colophon) #h(1fr) #text(8pt)[#d.page #counter(page).display() / #counter(page).final().first()]])
#show heading.where(level: 1): set text(20pt)
#show heading.where(level: 2): set text(15pt)
#show heading.where(level: 3): set text(13pt)
#show heading.where(level: 4): set text(11.5pt)
#let field(label, value) = par[#strong(label + ":") #value]
#let ind(rows) = table(columns: (34%, 13%, 13%, 13%, 27%), stroke: 0.75pt + luma(136), inset: (x: 3pt, y: 2pt),
  table.header(..d.cols.map(c => table.cell(fill: rgb("#e8ecf0"), text(8.5pt, strong(c))))),
  ..rows.map(r => (
    text(8.5pt)[#strong(r.name) #if r.meta != "" { text(7.5pt, "(" + r.meta + ")") }],
    text(8.5pt, r.baseline.join("\n")), text(8.5pt, r.targets.join("\n")), text(8.5pt, r.actuals.join("\n")),
    text(7.5pt)[#text(8.5pt, strong(r.status)) \ #r.why],
    ..if r.long != "" { (table.cell(colspan: 5, text(7.5pt, r.long)),) } else { () },
  )).flatten())
#let node(n) = {
  heading(level: n.level, n.heading)
  field(d.labels.status, n.status + ". " + n.reason)
  for f in n.fields { field(f.at(0), f.at(1)) }
  if n.rows.len() > 0 { ind(n.rows) }
  for p in n.progress { field(p.at(0), p.at(1)) }
  for c in n.children { node(c) }
}
#text(12pt, upper(d.kind))
#heading(level: 1, d.title)
#grid(columns: 2, gutter: 0.4em, ..d.facts.map(f => (strong(f.at(0) + ":"), f.at(1))).flatten())
#text(8pt, d.colophon)
#pagebreak()
#heading(level: 2, d.summary_heading)
#field(d.labels.overall, d.overall)
#figure(image("summary.svg", alt: d.chart_alt, width: 100%), caption: d.chart_alt)
#table(columns: (46%, ..d.status_cols.map(_ => 1fr), 1fr), stroke: 0.75pt + luma(136),
  table.header(..d.summary_head.map(c => strong(c))), ..d.summary_rows.flatten())
#heading(level: 3, d.flagged_heading)
#list(..d.flagged)
#heading(level: 2, d.body_heading)
#for n in d.nodes { node(n) }
"""


def row(report, r):
    meta = "; ".join(
        x
        for x in (
            r.unit and f"{report.text('field.indicator_unit')}: {r.unit}",
            r.source and f"{report.text('field.indicator_source')}: {r.source}",
        )
        if x
    )
    long = len(r.reason) > 110
    return {
        "name": r.name,
        "meta": meta,
        "baseline": list(r.baseline),
        "targets": list(r.targets),
        "actuals": list(r.actuals),
        "status": r.status_label,
        "why": "" if long else r.reason,
        "long": f"{report.text('xlsx.reason')}: {r.reason}" if long else "",
    }


def node(report, n):
    fields = [
        (report.text(k), v)
        for k, v in (
            ("field.unit", n.unit),
            ("field.responsible", "; ".join(n.responsible)),
            ("field.schedule", n.schedule),
            ("field.description", n.description),
        )
        if v
    ]
    fields += (
        [(report.text("field.milestones"), "; ".join(m.display(report.lang) for m in n.milestones))]
        if n.milestones
        else []
    )
    progress = [
        (report.text("field.progress") + (f" ({p.period})" if p.period else ""), p.text) for p in n.progress
    ]
    return {
        "level": min(n.depth + 2, 6),
        "heading": f"{n.number} {n.level}: {n.title}",
        "status": n.status_label,
        "reason": n.reason,
        "fields": fields,
        "rows": [row(report, r) for r in n.indicators],
        "progress": progress + [(report.text("field.notes"), x) for x in n.notes],
        "children": [node(report, c) for c in n.children],
    }


def render_typst(report) -> bytes:
    keys = report.status_keys
    chart = summary_chart_svg(report)
    data = {
        "lang": report.lang,
        "title": report.title or report.heading,
        "kind": report.heading,
        "colophon": report.colophon,
        "page": report.text("page"),
        "facts": report.facts(),
        "labels": {"status": report.text("field.status"), "overall": report.text("summary.overall")},
        "overall": f"{report.overall_status_label}. {report.overall_reason}",
        "chart_alt": chart.alt,
        "summary_heading": report.text("summary"),
        "status_cols": list(keys),
        "summary_head": [
            report.text("summary.area"),
            *(report.text(f"status.{k}") for k in keys),
            report.text("summary.total"),
        ],
        "summary_rows": [
            [r.title, *(str(r.counts.get(k, 0)) for k in keys), str(r.total)] for r in report.summary
        ],
        "flagged_heading": report.text("flagged"),
        "flagged": [f"{i.title}: {i.reason}" for i in report.flagged] or [report.text("flagged.none")],
        "body_heading": report.text("body"),
        "cols": [
            report.text(k)
            for k in ("col.indicator", "col.baseline", "col.target", "col.actual", "col.status")
        ],
        "nodes": [node(report, n) for n in report.nodes],
    }
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "report.json").write_text(json.dumps(data, ensure_ascii=False))
        Path(tmp, "summary.svg").write_text(chart.svg)
        Path(tmp, "main.typ").write_text(TEMPLATE)
        import typst

        return typst.compile(str(Path(tmp, "main.typ")), root=tmp, pdf_standards=["ua-1"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-o", "--output", help="write the PDF here")
    args = parser.parse_args()
    try:
        import typst  # noqa: F401
    except ImportError:
        print("typst is not installed (pip install typst): comparison skipped")
        return
    plan = large_plan()
    started, cpu = time.perf_counter(), time.process_time()
    report = report_for(plan, ReportOptions(on=date(2025, 12, 31)))
    pdf = render_typst(report)
    print(
        f"typst pdf: {time.perf_counter() - started:.2f} s (CPU {time.process_time() - cpu:.2f} s), "
        f"{len(pdf) / 1e6:.1f} MB; peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    if args.output:
        Path(args.output).write_bytes(pdf)


if __name__ == "__main__":
    main()
