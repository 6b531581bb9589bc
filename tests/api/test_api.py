import pytest
from django.urls import reverse

from seuranta.plans.models import Plan
from tests.factories import make_plan
from tests.web.helpers import ROLES, client_for

MEMBERS = ("viewer", "responsible", "coordinator", "admin")


@pytest.mark.parametrize("role", ROLES)
def test_plan_list_shows_drafts_only_to_members(client, personas, role):
    make_plan(1, title="Julkinen")
    make_plan(1, title="Luonnos", state=Plan.State.DRAFT)
    titles = {
        p["title"] for p in client_for(client, personas, role).get(reverse("api:plans")).json()["plans"]
    }
    assert "Julkinen" in titles
    assert ("Luonnos" in titles) == (role in MEMBERS)


@pytest.mark.parametrize("role", ROLES)
def test_draft_plan_document_is_missing_for_non_members(client, personas, role):
    plan = make_plan(1, state=Plan.State.DRAFT)
    response = client_for(client, personas, role).get(reverse("api:plan", args=[plan.pk]))
    assert response.status_code == (200 if role in MEMBERS else 404)
    if role in MEMBERS:
        assert response.json()["title"] == plan.title


@pytest.mark.parametrize("role", ROLES)
def test_draft_plan_statuses_are_missing_for_non_members(client, personas, role):
    plan = make_plan(1, state=Plan.State.DRAFT)
    response = client_for(client, personas, role).get(reverse("api:statuses", args=[plan.pk]))
    assert response.status_code == (200 if role in MEMBERS else 404)
    if role in MEMBERS:
        assert response.json()["indicators"]


def test_published_plan_is_open_data_in_the_interchange_format(client, db):
    plan = make_plan(2)
    response = client.get(reverse("api:plan", args=[plan.pk]))
    assert response.json()["format"] == "seuranta-plan/1"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_plan_statuses_list_every_node_and_indicator(client, db):
    plan = make_plan(2)
    data = client.get(reverse("api:statuses", args=[plan.pk]), {"on": "2026-06-30"}).json()
    assert data["on"] == "2026-06-30"
    assert len(data["nodes"]) == 4 and len(data["indicators"]) == 2
    assert {n["status"] for n in data["nodes"]} <= {
        "achieved",
        "on_track",
        "behind",
        "off_track",
        "no_data",
        "no_target",
    }


def test_bad_date_in_statuses_gives_a_clear_error(client, db):
    plan = make_plan(1)
    response = client.get(reverse("api:statuses", args=[plan.pk]), {"on": "30.6.2026"})
    assert response.status_code == 400 and "error" in response.json()


def test_api_refuses_writes(client, personas):
    client.force_login(personas.admin)
    assert client.post(reverse("api:plans")).status_code == 405


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_non_finite_value_stored_another_way_still_gives_valid_json(client, db, value):
    import json

    from seuranta.plans.models import Measure

    plan = make_plan(2)
    Measure.objects.filter(indicator__node__plan=plan).update(value=value)  # as the admin or SQL could
    for name in ("api:plan", "api:statuses"):
        response = client.get(
            reverse(name, args=[plan.pk]), {"on": "2026-06-30"} if name == "api:statuses" else {}
        )
        assert response.status_code == 200
        text = response.content.decode()
        json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in the API's JSON"))
