"""Reports where people look: the choices on the plan and round pages, file names, a closed round's
report built from its frozen snapshot, and large PDFs made by the task worker."""

import io
from datetime import date

import pytest
from django.urls import reverse

from seuranta.monitoring.reporting import close_round, open_round
from seuranta.plans.models import Measure, Node
from seuranta.reports.building import build_for, parse_request, report_cache_key
from seuranta.reports.models import ReportFile
from tests.factories import make_plan

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _closed_round(plan, personas):
    for action in Node.objects.filter(plan=plan, level="Toimenpide"):
        action.responsible_users.add(personas.responsible)
    reporting_round = open_round(
        plan,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2026, 4, 15),
        root=None,
        user=personas.coordinator,
    )
    close_round(reporting_round, user=personas.coordinator, on=date(2026, 4, 20))
    return reporting_round


def _report_url(plan, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("reports:plan_report", args=[plan.pk]) + f"?{query}"


def test_plan_page_offers_the_report_with_variant_format_and_language(client, personas):
    plan = make_plan(2, organization=personas.organization)
    html = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert f'action="{reverse("reports:plan_report", args=[plan.pk])}"' in html
    for name, values in {
        "variant": ("council", "annual"),
        "format": ("pdf", "docx", "xlsx", "html"),
        "lang": ("fi", "sv", "en"),
    }.items():
        assert f'name="{name}"' in html
        for value in values:
            assert f'value="{value}"' in html


def test_closed_round_page_offers_its_report_as_of_its_close(client, personas):
    plan = make_plan(2, organization=personas.organization)
    reporting_round = _closed_round(plan, personas)
    client.force_login(personas.coordinator)
    html = client.get(reverse("monitoring:round", args=[reporting_round.pk])).content.decode()
    assert f'<input type="hidden" name="round" value="{reporting_round.pk}">' in html
    assert 'id="report-choices-frozen"' in html


def test_download_is_named_after_the_plan_and_the_rounds_period(client, personas):
    plan = make_plan(2, title="Porin konsernipalvelut", organization=personas.organization)
    reporting_round = _closed_round(plan, personas)
    response = client.get(_report_url(plan, format="docx", round=reporting_round.pk))
    assert response["Content-Disposition"] == 'attachment; filename="porin-konsernipalvelut-2026-Q1.docx"'
    response = client.get(_report_url(plan, format="xlsx", on="2026-06-30", variant="annual", lang="sv"))
    assert response["Content-Disposition"] == (
        'attachment; filename="porin-konsernipalvelut-2026-06-30-toimintakertomus-sv.xlsx"'
    )


def _text(fmt: str, content: bytes) -> str:
    if fmt == "html":
        return content.decode()
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content))
        return "\n".join(str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row)
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(content))


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", pytest.param("pdf", marks=pytest.mark.pdf)])
def test_closed_rounds_report_does_not_change_when_a_target_changes_after_closing(client, personas, fmt):
    plan = make_plan(2, organization=personas.organization)
    reporting_round = _closed_round(plan, personas)
    url = _report_url(plan, format=fmt, round=reporting_round.pk)
    wanted = parse_request(fmt, "council", "fi", None, None, str(reporting_round.pk))
    model_before = build_for(plan, wanted)
    key_before = report_cache_key(plan, wanted)
    before = _text(fmt, client.get(url).content)
    target = Measure.objects.filter(indicator__node__plan=plan, role=Measure.Role.TARGET).first()
    target.text, target.value = "99", 99
    target.save()
    Node.objects.filter(plan=plan, level="Toimenpide").update(title="Uusi nimi")
    assert "Uusi nimi" in _text(fmt, client.get(_report_url(plan, format=fmt, on="2026-04-20")).content)
    assert report_cache_key(plan, wanted) != key_before  # rendered again, not served from the cache
    assert build_for(plan, wanted) == model_before
    assert _text(fmt, client.get(url).content) == before
    assert "Uusi nimi" not in before


def test_round_closed_before_snapshots_held_the_plan_is_reported_from_the_live_plan(personas):
    from seuranta.monitoring.models import ReportingRound
    from seuranta.plans.guard import guard_lifted

    plan = make_plan(2, organization=personas.organization)
    reporting_round = _closed_round(plan, personas)
    old = dict(reporting_round.snapshot)
    del old["plan"]
    with guard_lifted():
        ReportingRound.objects.filter(pk=reporting_round.pk).update(snapshot=old)
    Node.objects.filter(plan=plan, level="Toimenpide").update(title="Uusi nimi")
    report = build_for(plan, parse_request("html", None, "fi", None, None, str(reporting_round.pk)))
    assert report.on == date(2026, 4, 20)
    assert "Uusi nimi" in [n.title for n in report.walk()]


@pytest.mark.pdf
def test_large_pdf_is_made_by_the_task_worker_with_a_download_link(client, personas, settings):
    settings.TASKS = IMMEDIATE
    settings.SEURANTA_REPORT_BACKGROUND_ITEMS = 3
    plan = make_plan(3, title="Iso suunnitelma", organization=personas.organization)
    response = client.get(_report_url(plan, format="pdf", on="2026-06-30"))
    row = ReportFile.objects.get(plan=plan)
    assert response.status_code == 302 and response["Location"] == reverse("reports:file", args=[row.pk])
    page = client.get(response["Location"]).content.decode()
    assert reverse("reports:file_download", args=[row.pk]) in page
    download = client.get(reverse("reports:file_download", args=[row.pk]))
    assert download.content.startswith(b"%PDF")
    assert download["Content-Disposition"] == 'attachment; filename="iso-suunnitelma-2026-06-30.pdf"'


def test_large_pdf_request_only_queues_it_and_shows_progress(client, personas, settings, monkeypatch):
    from seuranta.reports import views

    monkeypatch.setattr(views, "render_for", lambda *a, **k: pytest.fail("rendered in the request"))
    settings.SEURANTA_REPORT_BACKGROUND_ITEMS = 3
    plan = make_plan(3, organization=personas.organization)
    response = client.get(_report_url(plan, format="pdf"), follow=True)
    row = ReportFile.objects.get(plan=plan)
    assert row.state == ReportFile.State.QUEUED
    html = response.content.decode()
    assert "<progress" in html and 'hx-get="' in html
    assert client.get(_report_url(plan, format="pdf"))["Location"].endswith(
        f"/{row.pk}/"
    )  # asked again: the same
    assert client.get(reverse("reports:file_download", args=[row.pk])).status_code == 404


def test_small_pdf_is_served_in_the_request(client, personas, settings):
    settings.SEURANTA_REPORT_BACKGROUND_ITEMS = 1000
    plan = make_plan(2, organization=personas.organization)
    assert client.get(_report_url(plan, format="docx")).status_code == 200
    assert not ReportFile.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("outsider", 404), ("viewer", 200), ("responsible", 200), ("coordinator", 200)],
)
def test_report_file_of_a_draft_plan_is_for_members_only(client, personas, role, status):
    from seuranta.plans.models import Plan

    plan = make_plan(2, organization=personas.organization, state=Plan.State.DRAFT)
    row = ReportFile.objects.create(
        plan=plan, key="k", params={}, state=ReportFile.State.DONE, content=b"%PDF"
    )
    if role != "anonymous":
        client.force_login(getattr(personas, role))
    assert client.get(reverse("reports:file", args=[row.pk])).status_code == status
    assert client.get(reverse("reports:file_download", args=[row.pk])).status_code == status
    assert client.post(reverse("reports:file", args=[row.pk])).status_code in (405, 404)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_report_choices_and_file_pages_show_no_english(client, personas, lang):
    from tests.test_translations import english_on_pages

    plan = make_plan(2, organization=personas.organization)
    reporting_round = _closed_round(plan, personas)
    making = ReportFile.objects.create(plan=plan, key="a", params={}, progress=40, step="building")
    made = ReportFile.objects.create(
        plan=plan, key="b", params={}, state=ReportFile.State.DONE, file_name="r.pdf"
    )
    failed = ReportFile.objects.create(plan=plan, key="c", params={}, state=ReportFile.State.FAILED)
    pages = {
        "plan": reverse("plan", args=[plan.pk]),
        "round": reverse("monitoring:round", args=[reporting_round.pk]),
        "making": reverse("reports:file", args=[making.pk]),
        "made": reverse("reports:file", args=[made.pk]),
        "failed": reverse("reports:file", args=[failed.pk]),
    }
    leaks = english_on_pages(client, personas, pages, lang, "coordinator")
    assert not leaks, f"English on {lang} pages: {leaks}"


def test_report_file_page_in_english(client, personas):
    plan = make_plan(2, organization=personas.organization)
    made = ReportFile.objects.create(
        plan=plan, key="b", params={}, state=ReportFile.State.DONE, file_name="r.pdf"
    )
    client.cookies["django_language"] = "en"
    html = client.get(reverse("reports:file", args=[made.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Making the report" in html and "The report is ready." in html


def test_report_file_page_takes_the_same_queries_for_small_and_large_plans(client, personas):
    from tests.web.helpers import count_queries

    counts = []
    for size in (2, 40):
        plan = make_plan(size, organization=personas.organization)
        row = ReportFile.objects.create(plan=plan, key="k", params={}, progress=40, step="building")
        counts.append(count_queries(client, reverse("reports:file", args=[row.pk])))
    assert counts[0] == counts[1]
