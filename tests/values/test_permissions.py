"""Who may open and post the values pages: every role and anonymous, on GET and POST."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seuranta.values.models import SotkanetLink
from tests.factories import make_plan
from tests.values.helpers import actuals, csv_file, indicators
from tests.web.helpers import ROLES, client_for

EDITORS = ("coordinator", "admin")


@pytest.fixture
def plan(personas):
    return make_plan(1, organization=personas.organization)


def _pages(plan):
    indicator = indicators(plan)[0]
    return {
        "bulk": reverse("values:bulk_upload", args=[plan.pk]),
        "survey": reverse("values:survey_upload", args=[plan.pk]),
        "template": reverse("values:bulk_template", args=[plan.pk, "csv"]),
        "sources": reverse("values:indicator_sources", args=[indicator.pk]),
    }


def _expected(role: str, allowed) -> int:
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["bulk", "survey", "template", "sources"])
def test_values_pages_on_get(client, personas, plan, role, page):
    response = client_for(client, personas, role).get(_pages(plan)[page])
    assert response.status_code == _expected(role, EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_bulk_upload_post_writes_only_for_editors(client, personas, plan, role):
    client = client_for(client, personas, role)
    response = client.post(
        _pages(plan)["bulk"], {"file": csv_file(["mittari;kausi;arvo", f"{indicators(plan)[0].pk};2026;5"])}
    )
    assert response.status_code == _expected(role, EDITORS)
    confirmed = client.post(reverse("values:upload_confirm", args=[plan.pk]), {"action": "confirm"})
    assert confirmed.status_code in (302, 403)
    assert len(actuals(plan)) == (1 if role in EDITORS else 0)


@pytest.mark.parametrize("role", ROLES)
def test_sotkanet_link_post_only_for_editors(client, personas, plan, role):
    client = client_for(client, personas, role)
    data = {"part": "sotkanet", "sotkanet_id": 127, "region": 91, "first_year": 2020}
    response = client.post(_pages(plan)["sources"], data)
    assert response.status_code == (302 if role in EDITORS else _expected(role, EDITORS))
    assert SotkanetLink.objects.exists() == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_draft_plan_pages_are_missing_for_outsiders(client, personas, role):
    draft = make_plan(1, organization=personas.organization, state="draft")
    response = client_for(client, personas, role).get(reverse("values:bulk_upload", args=[draft.pk]))
    expected = {"anonymous": 404, "outsider": 404}.get(role, _expected(role, EDITORS))
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_organization_settings_only_for_its_administrators(client, personas, role):
    url = reverse("values:organization_settings", args=[personas.organization.pk])
    client = client_for(client, personas, role)
    assert client.get(url).status_code == _expected(role, ("admin",))
    response = client.post(url, {"licence": "CC0 1.0", "licence_url": "", "survey_threshold": 7})
    assert response.status_code == (302 if role == "admin" else _expected(role, ("admin",)))


@pytest.mark.parametrize("role", ROLES)
def test_sotkanet_fetch_and_unlink_only_for_editors(client, personas, plan, role, settings):
    settings.SEURANTA_SOTKANET_URL = "http://127.0.0.1:9/rest/1.1/json"  # nothing listens: a warning
    indicator = indicators(plan)[0]
    SotkanetLink.objects.create(indicator=indicator, sotkanet_id=127, region=91)
    client = client_for(client, personas, role)
    fetched = client.post(reverse("values:sotkanet_fetch", args=[indicator.pk]))
    assert fetched.status_code == (302 if role in EDITORS else _expected(role, EDITORS))
    unlinked = client.post(reverse("values:sotkanet_unlink", args=[indicator.pk]))
    assert unlinked.status_code == (302 if role in EDITORS else _expected(role, EDITORS))
    assert SotkanetLink.objects.exists() == (role not in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_downloads_are_open_to_everyone_for_a_published_plan_and_refuse_post(client, personas, plan, role):
    client = client_for(client, personas, role)
    urls = [reverse("values:plan_download", args=[plan.pk, fmt]) for fmt in ("csv", "xlsx", "json")]
    urls.append(reverse("values:organization_download", args=[personas.organization.pk]))
    for url in urls:
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 405


@pytest.mark.parametrize("role", ROLES)
def test_confirm_and_fetch_refuse_get(client, personas, plan, role):
    client = client_for(client, personas, role)
    indicator = indicators(plan)[0]
    for name, args in (
        ("upload_confirm", [plan.pk]),
        ("sotkanet_fetch", [indicator.pk]),
        ("sotkanet_unlink", [indicator.pk]),
    ):
        assert client.get(reverse(f"values:{name}", args=args)).status_code == 405
