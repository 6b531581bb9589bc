"""API v1 reads: visibility per role, filters that work or are refused, paging, ids."""

import pytest

from seuranta.core.interchange import validate_document
from seuranta.plans.models import Indicator, Node, OrganizationUnit, Plan
from tests.factories import make_plan, make_rounds
from tests.web.helpers import ROLES, client_for

MEMBERS = ("viewer", "responsible", "coordinator", "admin")
V1 = "/api/v1"


@pytest.mark.parametrize("role", ROLES)
def test_plan_list_shows_drafts_only_to_members(client, personas, role):
    make_plan(1, title="Julkinen")
    make_plan(1, title="Luonnos", state=Plan.State.DRAFT)
    data = client_for(client, personas, role).get(f"{V1}/plans").json()
    titles = {p["title"] for p in data["results"]}
    assert "Julkinen" in titles
    assert ("Luonnos" in titles) == (role in MEMBERS)


@pytest.mark.parametrize("role", ROLES)
def test_draft_indicators_are_missing_for_non_members(client, personas, role):
    plan = make_plan(1, state=Plan.State.DRAFT)
    response = client_for(client, personas, role).get(f"{V1}/plans/{plan.pk}/indicators")
    assert response.status_code == (200 if role in MEMBERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_draft_node_is_missing_for_non_members(client, personas, role):
    plan = make_plan(1, state=Plan.State.DRAFT)
    node = Node.objects.filter(plan=plan).first()
    response = client_for(client, personas, role).get(f"{V1}/nodes/{node.pk}")
    assert response.status_code == (200 if role in MEMBERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_rounds_are_shown_to_coordinators_and_admins_only(client, personas, role):
    plan = make_plan(2)
    make_rounds(plan, personas)
    response = client_for(client, personas, role).get(f"{V1}/plans/{plan.pk}/rounds")
    assert response.status_code == (200 if role in ("coordinator", "admin") else 403)


def test_rounds_give_their_completion(client, personas):
    plan = make_plan(2)
    make_rounds(plan, personas)
    client.force_login(personas.coordinator)
    data = client.get(f"{V1}/plans/{plan.pk}/rounds", {"state": "closed"}).json()
    assert [r["title"] for r in data["results"]] == ["T1/2026"]
    assert data["results"][0]["completion"] == {"total": 2, "submitted": 0, "share": 0.0}


def test_organisation_with_only_drafts_is_hidden_from_anonymous(client, personas):
    make_plan(1, state=Plan.State.DRAFT)
    response = client.get(f"{V1}/organizations/{personas.organization.pk}")
    assert response.status_code == 404


def test_organisation_lists_its_unit_tree(client, personas):
    make_plan(1)
    sector = OrganizationUnit.objects.create(organization=personas.organization, name="Konsernipalvelut")
    OrganizationUnit.objects.create(organization=personas.organization, name="Talous", parent=sector)
    data = client.get(f"{V1}/organizations/{personas.organization.pk}").json()
    assert data["name"] == "Testikaupunki"
    assert {"Konsernipalvelut", "Talous"} <= {u["name"] for u in data["units"]}


def test_plans_filter_by_state_kind_year_and_organisation(client, personas):
    make_plan(1, title="Nykyinen")
    old = make_plan(1, title="Vanha")
    Plan.objects.filter(pk=old.pk).update(start_year=2020, end_year=2021, kind=Plan.Kind.STRATEGY)
    client.force_login(personas.viewer)

    def titles(**query):
        return [p["title"] for p in client.get(f"{V1}/plans", query).json()["results"]]

    assert titles(year=2026) == ["Nykyinen"]
    assert titles(kind="strategy") == ["Vanha"]
    assert titles(state="draft") == []
    assert titles(organization=personas.other_organization.pk) == []


@pytest.mark.parametrize(
    "query",
    [{"colour": "red"}, {"state": "valmis"}, {"year": "ensi vuonna"}, {"limit": 0}, {"kind": "x"}],
    ids=["unknown", "state", "year", "limit", "kind"],
)
def test_a_filter_it_cannot_apply_is_refused_with_400(client, db, query):
    make_plan(1)
    response = client.get(f"{V1}/plans", query)
    assert response.status_code == 400
    assert response.json()["error"]


def test_organisation_is_the_same_filter_as_organization(client, personas):
    make_plan(1)
    assert client.get(f"{V1}/plans", {"organisation": personas.organization.pk}).json()["count"] == 1
    assert client.get(f"{V1}/plans", {"organisation": personas.other_organization.pk}).json()["count"] == 0


def test_unknown_filter_is_refused_in_finnish(client, db):
    response = client.get(f"{V1}/plans", {"colour": 1})
    assert "Tuntematon" in response.json()["error"]


def test_plans_are_paged_with_links(client, db):
    for i in range(3):
        make_plan(1, title=f"Suunnitelma {i}")
    first = client.get(f"{V1}/plans", {"limit": 2}).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert [p["title"] for p in second["results"]] == ["Suunnitelma 2"] and second["next"] is None


def test_indicators_come_with_measures_status_and_ids(client, db):
    plan = make_plan(2)
    data = client.get(f"{V1}/plans/{plan.pk}/indicators", {"on": "2026-06-30"}).json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["id"] == Indicator.objects.filter(node__plan=plan).order_by("node__order", "pk").first().pk
    assert first["baseline"]["value"] == 10 and first["targets"][0]["period"] == "2027"
    assert first["status"] and first["reason"]


def test_indicators_filter_by_status_and_unit(client, db):
    plan = make_plan(2)
    url = f"{V1}/plans/{plan.pk}/indicators"
    assert client.get(url, {"status": "no_data", "on": "2026-06-30"}).json()["count"] == 2
    assert client.get(url, {"status": "achieved", "on": "2026-06-30"}).json()["count"] == 0
    assert client.get(url, {"unit": "Konsernipalvelut"}).json()["count"] == 2
    assert client.get(url, {"unit": "Sivistystoimiala"}).json()["count"] == 0


def test_nodes_filter_by_level_and_parent(client, db):
    plan = make_plan(3)
    goal = Node.objects.get(plan=plan, level="Tavoite")
    url = f"{V1}/plans/{plan.pk}/nodes"
    assert client.get(url, {"level": "Toimenpide"}).json()["count"] == 3
    children = client.get(url, {"parent": goal.pk}).json()["results"]
    assert {c["parent_id"] for c in children} == {goal.pk}


def test_listing_indicators_takes_the_same_queries_for_small_and_large_plans(
    client, db, django_assert_max_num_queries
):
    small, large = make_plan(2), make_plan(40)
    client.get(f"{V1}/plans/{small.pk}/indicators")
    with django_assert_max_num_queries(12):
        client.get(f"{V1}/plans/{large.pk}/indicators")


def test_document_carries_ids_and_stays_a_valid_plan_document(client, db):
    plan = make_plan(1)
    document = client.get(f"{V1}/plans/{plan.pk}/document").json()
    assert validate_document(document) == []
    assert document["id"] == plan.pk
    indicator = document["nodes"][0]["children"][0]["children"][0]["indicators"][0]
    assert indicator["id"] == Indicator.objects.get(node__plan=plan).pk


def test_old_endpoints_keep_working(client, db):
    plan = make_plan(1)
    assert client.get(f"/api/plans/{plan.pk}/").json()["format"] == "seuranta-plan/1"


def test_schema_is_openapi_3_1(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/plans/{plan_id}/indicators" in schema["paths"]


@pytest.mark.parametrize("role", ROLES)
def test_draft_document_is_missing_for_non_members(client, personas, role):
    plan = make_plan(1, state=Plan.State.DRAFT)
    response = client_for(client, personas, role).get(f"{V1}/plans/{plan.pk}/document")
    assert response.status_code == (200 if role in MEMBERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_organisation_of_drafts_only_is_shown_to_its_members(client, personas, role):
    make_plan(1, state=Plan.State.DRAFT)
    names = {
        o["name"] for o in client_for(client, personas, role).get(f"{V1}/organizations").json()["results"]
    }
    assert ("Testikaupunki" in names) == (role in MEMBERS)


@pytest.mark.parametrize("role", ROLES)
def test_documentation_page_is_open_to_everyone_and_read_only(client, personas, role):
    client = client_for(client, personas, role)
    assert client.get("/api/").status_code == 200
    assert client.post("/api/").status_code == 405
