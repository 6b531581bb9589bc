"""A large report's PDF is rendered part by part in worker processes and joined (pdf.py, pdf_merge.py).

The joined PDF must be the one a single process makes: the same pages with the
same text and page numbers, one structure tree, every heading bookmarked and
nested as before.
"""

import io
import logging
from datetime import date

import pytest

from seuranta.core import model as core
from seuranta.core.reports import ReportOptions, report_for
from seuranta.core.reports import pdf as pdf_module
from seuranta.core.reports.pdf import render_pdf, split_parts

pytestmark = pytest.mark.pdf  # renders PDFs; left out by ./dev test --fast


@pytest.fixture(scope="module")
def whole_and_in_parts(pori_report):
    whole = render_pdf(pori_report, workers=1, min_weight=1)
    in_parts = render_pdf(pori_report, workers=2, min_weight=1)
    return whole, in_parts


def _plan(
    actions_per_area: list[int], title: str = "Jaettu raportti", units: list[str] | None = None
) -> core.Plan:
    """Focus areas with the given numbers of actions, each action with two indicators."""
    areas = []
    for a, count in enumerate(actions_per_area, 1):
        actions = [
            core.Node(
                level="Toimenpide",
                title=f"Toimenpide {a}.{i}",
                indicators=[
                    core.Indicator(
                        name=f"Mittari {a}.{i}.{j}",
                        baseline=core.Measure("10", "value", 10, "2025"),
                        targets=[core.Measure("20", "value", 20, "2027")],
                    )
                    for j in (1, 2)
                ],
            )
            for i in range(1, count + 1)
        ]
        unit = units[a - 1] if units else f"Lautakunta {a}"
        areas.append(core.Node(level="Painopiste", title=f"Painopiste {a}", unit=unit, children=actions))
    return core.Plan(
        title=title,
        organization="Testikaupunki",
        period="2026–2027",
        levels=["Painopiste", "Toimenpide"],
        nodes=areas,
    )


def _page_texts(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _outline(data: bytes) -> list[tuple[int, str]]:
    import pikepdf

    titles: list[tuple[int, str]] = []

    def walk(items, depth):
        for item in items:
            titles.append((depth, item.title))
            walk(item.children, depth + 1)

    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:
        walk(outline.root, 0)
    return titles


def test_report_in_parts_has_the_pages_of_the_report_rendered_whole(whole_and_in_parts):
    whole, in_parts = whole_and_in_parts
    assert whole != in_parts  # really made in parts: the files differ, their pages do not
    assert _page_texts(in_parts) == _page_texts(whole)


def test_report_in_parts_numbers_pages_across_the_parts(whole_and_in_parts):
    pages = _page_texts(whole_and_in_parts[1])
    assert len(pages) > 3
    for number, text in enumerate(pages, 1):
        assert f"Sivu {number} / {len(pages)}" in text


def test_report_in_parts_keeps_the_bookmarks_of_the_report_rendered_whole(whole_and_in_parts):
    whole, in_parts = whole_and_in_parts
    assert _outline(in_parts) == _outline(whole)
    assert len(_outline(whole)) > 10


def test_report_in_parts_has_one_structure_tree_reaching_every_page(whole_and_in_parts):
    import pikepdf

    with pikepdf.open(io.BytesIO(whole_and_in_parts[1])) as pdf:
        root = pdf.Root.StructTreeRoot
        tree = dict(pikepdf.NumberTree(root.ParentTree).items())
        assert [int(page.obj.StructParents) for page in pdf.pages] == list(range(len(pdf.pages)))
        assert sorted(tree) == list(range(len(pdf.pages)))
        documents = [
            o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Document"
        ]
        assert len(documents) == 1 and len(documents[0].K) == len(pdf.pages)  # one /Part per page
        for value in tree.values():
            for element in value:
                for _ in range(60):
                    if element.get("/Type") == "/StructTreeRoot":
                        break
                    element = element.P
                assert element.objgen == root.objgen
        assert str(pdf.Root.Lang) == "fi" and pdf.Root.MarkInfo.Marked


def test_report_in_parts_keeps_a_named_destination_for_every_heading(pori_report, whole_and_in_parts):
    import pikepdf

    with pikepdf.open(io.BytesIO(whole_and_in_parts[1])) as pdf:
        names = set(pikepdf.NameTree(pdf.Root.Names.Dests).keys())
    assert {f"n{node.number}" for node in pori_report.walk()} <= names


def test_large_report_starts_each_top_level_part_on_a_new_page(pori_report, whole_and_in_parts):
    # The page's first line is the running header; the next one is where its content starts.
    first_lines = [" ".join(text.split("\n")[1:3]) for text in _page_texts(whole_and_in_parts[0])]
    for part in pori_report.nodes[1:]:
        heading = f"{part.number} {part.level}: {part.title}"[:40]
        assert any(line.startswith(heading) for line in first_lines), heading


def test_small_report_flows_on_without_a_page_per_part(pori_report):
    from seuranta.core.reports.html import Run, render_html

    assert ' top"' not in render_html(pori_report)
    assert 'class="item top"' in render_html(pori_report, runs=[Run(0), Run(1)])


def test_heavy_top_level_part_is_cut_between_its_children_into_runs():
    from seuranta.core.reports.pdf import plan_runs

    report = report_for(_plan([12, 2, 2]), ReportOptions(on=date(2026, 6, 1)))
    runs = [run for run, _ in plan_runs(report, pieces=8)]
    first_part = [run for run in runs if run.part == 0]
    assert len(first_part) > 1 and first_part[0].first and not any(run.first for run in first_part[1:])
    assert [run.children.start for run in first_part] == sorted(run.children.start for run in first_part)
    assert first_part[-1].children.stop == 12 and [run.part for run in runs[len(first_part) :]] == [1, 2]


def test_cut_report_in_parts_nests_bookmarks_and_pages_as_the_report_rendered_whole():
    report = report_for(_plan([12, 2, 2]), ReportOptions(on=date(2026, 6, 1)))
    whole = render_pdf(report, workers=1, min_weight=1)
    in_parts = render_pdf(report, workers=3, min_weight=1)
    assert in_parts != whole  # made in parts (one process makes the same bytes each time)
    assert _page_texts(in_parts) == _page_texts(whole)
    assert _outline(in_parts) == _outline(whole)
    assert {(2, "1 Painopiste: Painopiste 1"), (3, "1.12 Toimenpide: Toimenpide 1.12")} <= set(
        _outline(whole)
    )


def test_annual_report_in_parts_has_the_pages_and_bookmarks_of_the_report_rendered_whole():
    report = report_for(_plan([3, 3, 3]), ReportOptions(on=date(2026, 6, 1), variant="annual"))
    assert len(report.annual_groups) == 3
    whole = render_pdf(report, workers=1, min_weight=1)
    in_parts = render_pdf(report, workers=2, min_weight=1)
    assert in_parts != whole
    assert _page_texts(in_parts) == _page_texts(whole) and len(_page_texts(whole)) >= 3
    assert _outline(in_parts) == _outline(whole)
    assert (2, "Lautakunta 2") in _outline(whole)


def test_repeated_heading_texts_keep_the_bookmarks_of_the_report_rendered_whole():
    # No title (the annual heading stands in for it), and a committee named like the summary heading.
    plan = _plan([3, 3, 3], title="", units=["Yhteenveto", "Lautakunta 2", "Yhteenveto 2"])
    report = report_for(plan, ReportOptions(on=date(2026, 6, 1), variant="annual"))
    whole = render_pdf(report, workers=1, min_weight=1)
    in_parts = render_pdf(report, workers=2, min_weight=1)
    assert in_parts != whole
    assert _outline(in_parts) == _outline(whole)


def test_worker_reports_a_weasyprint_without_the_numbering_hook(monkeypatch):
    import multiprocessing

    import weasyprint.layout

    from seuranta.core.reports.pdf import _render_part

    monkeypatch.delattr(weasyprint.layout, "make_margin_boxes")
    parent_end, child_end = multiprocessing.Pipe()
    _render_part(child_end, "<p>Hei</p>", None)
    message, text = parent_end.recv()
    assert message == "error" and "make_margin_boxes" in text


@pytest.mark.parametrize(("configured", "expected"), [("3", 3), ("0", 1), ("99", 8), ("-2", 1)])
def test_pdf_workers_can_be_set_in_the_environment(monkeypatch, configured, expected):
    monkeypatch.setenv("SEURANTA_PDF_WORKERS", configured)
    assert pdf_module.default_workers() == expected


def test_pdf_workers_setting_that_is_not_a_number_falls_back_to_the_cpus(monkeypatch, caplog):
    import os

    monkeypatch.setenv("SEURANTA_PDF_WORKERS", "kaksi")
    with caplog.at_level(logging.WARNING, logger="seuranta.core.reports.pdf"):
        assert pdf_module.default_workers() == min(8, len(os.sched_getaffinity(0)))
    assert "SEURANTA_PDF_WORKERS" in caplog.text


def test_render_pdf_refuses_to_run_while_a_worker_imports_the_main_module(pori_report, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing.current_process(), "_inheriting", True, raising=False)
    with pytest.raises(RuntimeError, match="__main__"):
        render_pdf(pori_report)


def test_small_report_is_rendered_in_one_process(pori_report, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("a small report started worker processes")

    monkeypatch.setattr(pdf_module, "_render_in_parallel", fail)
    assert render_pdf(pori_report, workers=4, min_weight=10**9).startswith(b"%PDF")


def test_report_falls_back_to_one_process_when_the_workers_fail(pori_report, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("a PDF worker ended (exit code -9)")

    monkeypatch.setattr(pdf_module, "_render_in_parallel", broken)
    with caplog.at_level(logging.WARNING, logger="seuranta.core.reports.pdf"):
        data = render_pdf(pori_report, workers=2, min_weight=1)
    assert data.startswith(b"%PDF") and "rendering it in one" in caplog.text


@pytest.mark.parametrize(
    ("weights", "groups", "expected"),
    [
        ([5, 5, 5, 5], 2, [(0, 2), (2, 4)]),
        ([1, 1, 1, 1, 1], 2, [(0, 2), (2, 5)]),
        ([10, 1, 1, 1], 2, [(0, 1), (1, 4)]),
        ([3, 3, 3], 8, [(0, 1), (1, 2), (2, 3)]),
        ([4, 4], 1, [(0, 2)]),
        ([7], 4, [(0, 1)]),
        ([], 2, [(0, 0)]),
    ],
)
def test_split_parts_makes_contiguous_runs_of_about_equal_weight(weights, groups, expected):
    assert [(s.start, s.stop) for s in split_parts(weights, groups)] == expected
