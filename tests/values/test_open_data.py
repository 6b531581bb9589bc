"""Open data: the licence on public plan pages and in downloads; CSV, XLSX and JSON per plan; one
organisation dump; the same visibility as the pages."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seuranta.values.models import OpenDataSettings
from seuranta.values.writing import ValueItem, store_values
from tests.factories import make_plan
from tests.values.helpers import indicators


@pytest.fixture
def plan(personas):
    plan = make_plan(2, organization=personas.organization)
    store_values(
        personas.coordinator, personas.organization.pk, [ValueItem(indicators(plan)[0].pk, "2026", 15)]
    )
    return plan


def download(client, plan, fmt):
    return client.get(reverse("values:plan_download", args=[plan.pk, fmt]))


def test_public_plan_page_shows_the_licence_and_the_downloads(client, plan):
    page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert 'rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in page
    for fmt in ("csv", "xlsx", "json"):
        assert reverse("values:plan_download", args=[plan.pk, fmt]) in page
    assert reverse("values:organization_download", args=[plan.organization_id]) in page


def test_the_licence_is_the_organisations_own(client, personas, plan):
    OpenDataSettings.objects.create(organization=personas.organization, licence="CC0 1.0", licence_url="")
    assert "CC0 1.0" in client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert json.loads(download(client, plan, "json").content)["licence"] == {"name": "CC0 1.0", "url": None}


def test_json_has_baselines_targets_actuals_and_statuses(client, plan):
    document = json.loads(download(client, plan, "json").content)
    assert document["licence"]["name"] == "CC BY 4.0"
    first = document["plans"][0]["indicators"][0]
    assert first["indicator_id"] == indicators(plan)[0].pk
    assert first["status"] and first["reason"]
    assert {(m["role"], m["period"], m["value"]) for m in first["measures"]} == {
        ("baseline", "2025", 10.0),
        ("target", "2027", 20.0),
        ("actual", "2026", 15.0),
    }


def test_csv_has_one_row_per_measure_and_the_licence(client, plan):
    response = download(client, plan, "csv")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 5  # two indicators: baseline and target each, and one actual
    assert {row["licence"] for row in rows} == {"CC BY 4.0"}
    assert {row["role"] for row in rows} == {"baseline", "target", "actual"}


def test_xlsx_has_the_rows_and_a_licence_sheet(client, plan):
    book = openpyxl.load_workbook(io.BytesIO(download(client, plan, "xlsx").content))
    assert book["indicators"].max_row == 6
    assert book["licence"]["A2"].value == "CC BY 4.0"


def test_a_draft_plans_downloads_are_missing_for_the_public(client, personas):
    draft = make_plan(1, organization=personas.organization, state="draft")
    assert download(client, draft, "csv").status_code == 404
    client.force_login(personas.viewer)
    assert download(client, draft, "csv").status_code == 200


def test_organisation_dump_holds_the_plans_the_person_may_see(client, personas, plan):
    make_plan(1, organization=personas.organization, state="draft", title="Luonnos")
    url = reverse("values:organization_download", args=[personas.organization.pk])
    titles = [p["title"] for p in json.loads(client.get(url).content)["plans"]]
    assert titles == [plan.title]
    client.force_login(personas.viewer)
    assert len(json.loads(client.get(url).content)["plans"]) == 2


def test_organisation_dump_queries_do_not_grow_with_plans(client, personas, plan):
    url = reverse("values:organization_download", args=[personas.organization.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        make_plan(3, organization=personas.organization)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_title_that_looks_like_a_formula_stays_text(client, personas):
    plan = make_plan(1, organization=personas.organization, title='=HYPERLINK("http://x","y")')
    book = openpyxl.load_workbook(io.BytesIO(download(client, plan, "xlsx").content))
    cell = book["indicators"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    rows = download(client, plan, "csv").content.decode("utf-8-sig").splitlines()
    assert rows[1].split(";")[1].startswith("\"'=HYPERLINK")


def test_the_plan_in_the_api_carries_the_organisations_licence(client, personas, plan):
    from seuranta.plans.models import Plan

    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.PUBLISHED)
    OpenDataSettings.objects.create(organization=personas.organization, licence="CC0 1.0", licence_url="")
    answer = client.get(f"/api/v1/plans/{plan.pk}").json()
    assert answer["licence"] == {"name": "CC0 1.0", "url": None}


def test_the_public_site_shows_the_licence_on_a_plans_pages(client, plan):
    from seuranta.plans.models import Plan

    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.PUBLISHED)
    plan.organization.refresh_from_db()
    page = client.get(reverse("public:plan", args=[plan.organization.slug, plan.pk])).content.decode()
    assert 'rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in page
