"""Writing values through API v1 with an organisation's token."""

import json

import pytest

from seuranta.api.models import ApiToken
from seuranta.api.tokens import create_token, revoke
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Plan
from tests.factories import make_plan, make_rounds, make_user

URL = "/api/v1/values"


@pytest.fixture
def token(personas):
    return create_token(personas.organization, "Henkilöstöjärjestelmä", created_by=personas.admin)


def post(client, secret, values):
    return client.post(
        URL,
        json.dumps({"values": values}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


def first_indicator(plan):
    return Indicator.objects.filter(node__plan=plan).order_by("node__order", "pk").first()


def actuals(indicator):
    return list(Measure.objects.filter(indicator=indicator, role=Measure.Role.ACTUAL))


def test_the_same_payload_twice_gives_one_value(client, personas, token):
    indicator = first_indicator(make_plan(1))
    values = [{"indicator": indicator.pk, "period": "2026-03", "value": 12.5, "source": "HR"}]
    assert post(client, token[1], values).json()["created"] == 1
    assert post(client, token[1], values).json()["unchanged"] == 1
    stored = actuals(indicator)
    assert len(stored) == 1 and stored[0].value == 12.5 and stored[0].text == "12,5"


def test_a_changed_value_updates_the_stored_one(client, personas, token):
    indicator = first_indicator(make_plan(1))
    post(client, token[1], [{"indicator": indicator.pk, "period": "2026", "value": 1}])
    assert (
        post(client, token[1], [{"indicator": indicator.pk, "period": "2026", "value": 2}]).json()["updated"]
        == 1
    )
    assert [m.value for m in actuals(indicator)] == [2]


def test_sub_series_are_separate_values(client, personas, token):
    indicator = first_indicator(make_plan(1))
    values = [
        {"indicator": indicator.pk, "period": "2026", "value": 1, "label": "Sivistys"},
        {"indicator": indicator.pk, "period": "2026", "value": 2, "label": "Tekninen"},
    ]
    post(client, token[1], values)
    assert sorted(m.label for m in actuals(indicator)) == ["Sivistys", "Tekninen"]


def test_every_write_is_in_the_history_with_the_tokens_name(client, personas, token):
    indicator = first_indicator(make_plan(1))
    post(client, token[1], [{"indicator": indicator.pk, "period": "2026", "value": 3}])
    record = ChangeRecord.objects.get(object_type="measure")
    assert record.user.get_full_name().startswith("Henkilöstöjärjestelmä")


def test_the_node_page_names_the_token_in_its_history(client, personas, token):
    indicator = first_indicator(make_plan(1))
    post(client, token[1], [{"indicator": indicator.pk, "period": "2026", "value": 3}])
    from django.urls import reverse

    page = client.get(reverse("node", args=[indicator.node_id])).content.decode()
    assert "Henkilöstöjärjestelmä (API)" in page


def test_another_organisations_indicator_is_refused_with_403(client, personas, token):
    other = make_plan(1, organization=personas.other_organization)
    response = post(
        client, token[1], [{"indicator": first_indicator(other).pk, "period": "2026", "value": 1}]
    )
    assert response.status_code == 403
    assert not actuals(first_indicator(other))


def test_one_refused_value_writes_nothing(client, personas, token):
    own, other = make_plan(1), make_plan(1, organization=personas.other_organization)
    values = [
        {"indicator": first_indicator(own).pk, "period": "2026", "value": 1},
        {"indicator": first_indicator(other).pk, "period": "2026", "value": 1},
    ]
    response = post(client, token[1], values)
    assert response.status_code == 403 and response.json()["detail"][0]["index"] == 1
    assert not Measure.objects.filter(role=Measure.Role.ACTUAL).exists()


def test_the_error_is_the_first_message_with_the_batchs_status(client, personas, token):
    other = make_plan(1, organization=personas.other_organization)
    values = [
        {"indicator": 10**9, "period": "2026", "value": 1},
        {"indicator": first_indicator(other).pk, "period": "2026", "value": 1},
    ]
    body = post(client, token[1], values).json()
    assert [d["status"] for d in body["detail"]] == [404, 403]
    assert body["error"] == body["detail"][1]["error"]


def test_an_unknown_and_another_organisations_indicator_are_told_apart(client, personas, token):
    other = make_plan(1, organization=personas.other_organization)
    foreign = post(client, token[1], [{"indicator": first_indicator(other).pk, "period": "2026", "value": 1}])
    unknown = post(client, token[1], [{"indicator": 10**9, "period": "2026", "value": 1}])
    assert unknown.status_code == 404 and foreign.status_code == 403
    assert unknown.json()["error"].replace(str(10**9), "") != foreign.json()["error"].replace(
        str(first_indicator(other).pk), ""
    )


def test_a_revoked_token_is_refused_with_401(client, personas, token):
    indicator = first_indicator(make_plan(1))
    revoke(token[0], user=personas.admin)
    response = post(client, token[1], [{"indicator": indicator.pk, "period": "2026", "value": 1}])
    assert response.status_code == 401
    assert not actuals(indicator)


def test_writing_without_a_token_is_refused_with_401(client, db):
    response = client.post(URL, "{}", content_type="application/json")
    assert response.status_code == 401


def test_a_closed_rounds_period_cannot_be_changed(client, personas, token):
    plan = make_plan(1)
    make_rounds(plan, personas)  # T1/2026 is closed
    indicator = first_indicator(plan)
    response = post(client, token[1], [{"indicator": indicator.pk, "period": "2026-T1", "value": 5}])
    assert response.status_code == 409
    assert not actuals(indicator)


def test_an_open_rounds_period_can_be_written(client, personas, token):
    plan = make_plan(1)
    make_rounds(plan, personas)  # Q1/2026 is open
    indicator = first_indicator(plan)
    assert (
        post(client, token[1], [{"indicator": indicator.pk, "period": "2026-Q1", "value": 5}]).status_code
        == 200
    )


def test_an_unknown_period_is_refused_with_400_naming_the_field_in_finnish(client, personas, token):
    indicator = first_indicator(make_plan(1))
    response = post(client, token[1], [{"indicator": indicator.pk, "period": "ensi keväänä", "value": 1}])
    assert response.status_code == 400
    assert response.json()["error"] == "Virheellinen syöte: values.0.period."


def test_a_token_reads_its_organisations_drafts(client, personas, token):
    plan = make_plan(1, state=Plan.State.DRAFT)
    response = client.get(f"/api/v1/plans/{plan.pk}", headers={"Authorization": f"Bearer {token[1]}"})
    assert response.status_code == 200


def test_the_token_is_stored_only_as_a_digest(personas, token):
    stored = ApiToken.objects.get()
    assert token[1] not in {stored.key_hash, stored.prefix} and len(stored.key_hash) == 64


def test_the_admin_shows_tokens_without_their_digest(client, personas, token):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    page = client.get(f"/admin/api/apitoken/{token[0].pk}/change/").content.decode()
    assert "Henkilöstöjärjestelmä" in page and token[0].key_hash not in page
