"""A plan is read and evaluated once per version: after any kind of write the next page shows it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from seuranta.plans.models import Node
from seuranta.plans.saving import save_with_version
from seuranta.reports import freshness
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _shown(client, url: str) -> str:
    """A page's HTML above its change history (which names a change even when the rest is stale)."""
    response = client.get(url)
    assert response.status_code == 200
    shown = response.content.decode().split('id="changes-heading"')[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", shown)  # a new token each time


def _tree(client, plan) -> str:
    """What the plan page shows above its recent changes: the tree of the plan, with its statuses."""
    return _shown(client, reverse("plan", args=[plan.pk]))


def _page(client, plan) -> str:
    """What the plan page (its tree) and the pages of its nodes (their progress) show."""
    nodes = Node.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True)
    return " ".join([_tree(client, plan)] + [_shown(client, reverse("node", args=[pk])) for pk in nodes])


def _action(plan) -> Node:
    return Node.objects.filter(plan=plan, children__isnull=True).order_by("order", "id").first()


def test_the_second_page_reads_the_plan_from_the_cache(client, django_assert_max_num_queries):
    plan = make_plan(3)
    _tree(client, plan)
    with django_assert_max_num_queries(12) as first:
        _tree(client, plan)
    assert "Toimenpide 3" in _tree(client, plan)
    assert len(first.captured_queries) <= 12


def test_a_web_edit_shows_on_the_next_tree(client, personas):
    plan = make_plan(2, organization=personas.organization)
    assert "Toimenpide 1" in _tree(client, plan)
    action = _action(plan)
    save_with_version(action, action.version, {"title": "Uusi nimi"}, personas.admin)
    assert "Uusi nimi" in _tree(client, plan)


def test_a_report_submission_shows_on_the_next_page(client, personas):
    from seuranta.monitoring.reporting import EntryValues, save_entry
    from tests.monitoring.conftest import open_test_round

    plan = make_plan(1, organization=personas.organization)
    action = _action(plan)
    action.responsible_users.add(personas.responsible)
    entry = open_test_round(plan, personas.coordinator).entries.get()
    _page(client, plan)
    values = EntryValues(values={}, text="Raportoitu edistyminen", phase="done", verdict="")
    save_entry(entry, values, user=personas.responsible, version=entry.version, submit=True)
    assert "Raportoitu edistyminen" in _page(client, plan)


def test_an_admin_save_without_history_shows_on_the_next_tree(client):
    plan = make_plan(2)
    _tree(client, plan)
    action = _action(plan)
    action.title = "Ylläpidon nimi"
    action.save()  # as the Django admin does: no history record, the freshness signal moves
    assert "Ylläpidon nimi" in _tree(client, plan)


def test_a_restore_retires_the_cached_reads(client):
    plan = make_plan(2)
    _tree(client, plan)
    Node.objects.filter(pk=_action(plan).pk).update(title="Palautettu nimi")  # as a restore writes rows
    freshness.bump()  # what seuranta.backup.restore calls when it has written them
    assert "Palautettu nimi" in _tree(client, plan)


def test_an_import_shows_its_plan_on_its_tree(client):
    first = make_plan(1)
    _tree(client, first)
    second = make_plan(2, title="Tuotu suunnitelma")
    assert "Toimenpide 2" in _tree(client, second)
