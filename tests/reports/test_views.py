"""The report page and downloads: who may read them, what they return, and a fixed number of queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seuranta.plans.models import Plan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _login(client, personas, role):
    if role != "anonymous":
        client.force_login(getattr(personas, role))
    return client


def _url(plan, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("reports:plan_report", args=[plan.pk]) + (f"?{query}" if query else "")


@pytest.mark.parametrize("role", ["anonymous", "outsider", "viewer", "responsible", "coordinator", "admin"])
def test_everyone_may_read_the_report_of_a_published_plan(client, personas, role):
    plan = make_plan(2, organization=personas.organization)
    response = _login(client, personas, role).get(_url(plan))
    assert response.status_code == 200
    assert "Mittari" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("viewer", 200),
        ("responsible", 200),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_only_members_may_read_the_report_of_a_draft_plan(client, personas, role, status):
    plan = make_plan(2, organization=personas.organization, state=Plan.State.DRAFT)
    response = _login(client, personas, role).get(_url(plan))
    assert response.status_code == status
    assert ("Mittari" in response.content.decode()) == (status == 200)


def test_missing_plan_is_not_found(client, personas):
    assert client.get(reverse("reports:plan_report", args=[99999])).status_code == 404


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        pytest.param("pdf", "application/pdf", b"%PDF", marks=pytest.mark.pdf),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_report_downloads_come_as_attachments(client, personas, fmt, content_type, magic):
    plan = make_plan(2, organization=personas.organization)
    response = _login(client, personas, "viewer").get(_url(plan, format=fmt, on="2026-06-30"))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(magic)


def test_report_of_one_unit_and_date_and_language(client, personas):
    import openpyxl

    plan = make_plan(2, organization=personas.organization)
    response = _login(client, personas, "viewer").get(
        _url(plan, format="xlsx", unit="Konsernipalvelut", on="2026-06-30", lang="sv")
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    assert "Indikator" in [c.value for c in sheet[1]]


def test_bad_parameters_get_one_clear_sentence(client, personas):
    plan = make_plan(1, organization=personas.organization)
    response = client.get(_url(plan, format="odt"))
    assert response.status_code == 400
    assert "Raporttimuotoa odt ei ole" in response.content.decode()
    assert client.get(_url(plan, on="31.12.2026")).status_code == 400


def test_annual_variant_is_served(client, personas):
    plan = make_plan(2, organization=personas.organization)
    html = client.get(_url(plan, variant="annual", on="2026-12-31")).content.decode()
    assert "Toimintakertomus" in html and "115 §" in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.slow
def test_report_page_uses_the_same_number_of_queries_for_small_and_large_plans(client, personas):
    small = make_plan(10, organization=personas.organization)
    large = make_plan(1000, organization=personas.organization)
    _login(client, personas, "viewer")
    assert _queries(client, _url(small)) == _queries(client, _url(large))


def test_plan_title_cannot_inject_markup_into_the_html_report(client, personas):
    plan = make_plan(2, organization=personas.organization)
    plan.title = "Strategia </style><script>alert(document.cookie)</script>"
    plan.save()
    response = client.get(reverse("reports:plan_report", args=[plan.pk]))  # anonymous, published plan
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert "<script>alert" not in response.content.decode()
