"""A saved draft stays private: the plan's pages, API and export show it only once submitted."""

import json

import pytest
from django.urls import reverse

from seuranta.core.interchange import dump_plan
from seuranta.monitoring.models import RoundEntry
from seuranta.plans.models import Indicator
from seuranta.plans.storage import load_core_plan
from tests.factories import PASSWORD

TEXT = "Salainen luonnosteksti"
VALUE = "27,77"


def _post(client, entry, action):
    client.login(username="responsible", password=PASSWORD)
    data = {
        "version": RoundEntry.objects.get(pk=entry.pk).version,
        "text": TEXT,
        "phase": "in_progress",
        "verdict": "",
        action: "1",
    }
    for indicator in Indicator.objects.filter(node=entry.node):
        data[f"value_{indicator.pk}"] = VALUE
    assert client.post(reverse("monitoring:entry", args=[entry.pk]), data).status_code == 302
    client.logout()


def _plan_pages(client, reporting, role="viewer") -> str:
    client.login(username=role, password=PASSWORD)
    pages = [
        client.get(reverse("plan", args=[reporting.plan.pk])).content.decode(),
        client.get(reverse("node", args=[reporting.mine.node_id])).content.decode(),
    ]
    client.logout()
    return "".join(pages)


def _api(client, reporting, name) -> str:
    response = client.get(reverse(f"api:{name}", args=[reporting.plan.pk]))
    assert response.status_code == 200
    return json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.parametrize("role", ["viewer", "coordinator"])
def test_a_saved_draft_is_not_on_the_plan_and_node_pages(client, reporting, role):
    _post(client, reporting.mine, "save")
    content = _plan_pages(client, reporting, role)
    assert TEXT not in content and VALUE not in content


def test_a_submitted_report_is_on_the_node_page(client, reporting):
    _post(client, reporting.mine, "submit")
    content = _plan_pages(client, reporting)
    assert TEXT in content and VALUE in content


def test_a_saved_draft_is_not_in_the_api_plan_document(client, reporting):
    _post(client, reporting.mine, "save")
    document = _api(client, reporting, "plan")
    assert TEXT not in document and VALUE not in document


def test_a_submitted_report_is_in_the_api_plan_document(client, reporting):
    _post(client, reporting.mine, "submit")
    document = _api(client, reporting, "plan")
    assert TEXT in document and VALUE in document


def test_a_saved_draft_does_not_change_the_api_statuses(client, reporting):
    before = client.get(reverse("api:statuses", args=[reporting.plan.pk]), {"on": "2026-04-20"}).json()
    _post(client, reporting.mine, "save")
    assert (
        client.get(reverse("api:statuses", args=[reporting.plan.pk]), {"on": "2026-04-20"}).json() == before
    )
    _post(client, reporting.mine, "submit")
    assert (
        client.get(reverse("api:statuses", args=[reporting.plan.pk]), {"on": "2026-04-20"}).json() != before
    )


def test_a_saved_draft_is_not_in_the_exported_json(client, reporting):
    _post(client, reporting.mine, "save")
    exported = dump_plan(load_core_plan(reporting.plan))
    assert TEXT not in exported and VALUE not in exported


def test_a_submitted_report_is_in_the_exported_json(client, reporting):
    _post(client, reporting.mine, "submit")
    exported = dump_plan(load_core_plan(reporting.plan))
    assert TEXT in exported and VALUE in exported
