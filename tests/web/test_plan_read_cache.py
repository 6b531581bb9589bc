"""A plan is read and evaluated once per version: after any kind of write the next page shows it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seuranta.plans.models import Node
from seuranta.plans.saving import save_with_version
from seuranta.reports import freshness
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _page(client, plan) -> str:
    """The titles and progress texts of the plan as the plan page read it (the change list aside)."""
    core_plan = client.get(reverse("plan", args=[plan.pk])).context["core_plan"]
    return " ".join(
        [node.title or "" for node, _up in core_plan.walk()]
        + [p.text or "" for node, _up in core_plan.walk() for p in node.progress]
    )


def _action(plan) -> Node:
    return Node.objects.filter(plan=plan, children__isnull=True).order_by("order", "id").first()


def test_the_second_page_reads_the_plan_from_the_cache(client, django_assert_max_num_queries):
    plan = make_plan(3)
    _page(client, plan)
    with django_assert_max_num_queries(12) as first:
        _page(client, plan)
    assert "Toimenpide 3" in _page(client, plan)
    assert len(first.captured_queries) <= 12


def test_a_web_edit_shows_on_the_next_page(client, personas):
    plan = make_plan(2, organization=personas.organization)
    assert "Toimenpide 1" in _page(client, plan)
    action = _action(plan)
    save_with_version(action, action.version, {"title": "Uusi nimi"}, personas.admin)
    assert "Uusi nimi" in _page(client, plan)


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


def test_an_admin_save_without_history_shows_on_the_next_page(client):
    plan = make_plan(2)
    _page(client, plan)
    action = _action(plan)
    action.title = "Ylläpidon nimi"
    action.save()  # as the Django admin does: no history record, the freshness signal moves
    assert "Ylläpidon nimi" in _page(client, plan)


def test_a_restore_retires_the_cached_reads(client):
    plan = make_plan(2)
    _page(client, plan)
    Node.objects.filter(pk=_action(plan).pk).update(title="Palautettu nimi")  # as a restore writes rows
    freshness.bump()  # what seuranta.backup.restore calls when it has written them
    assert "Palautettu nimi" in _page(client, plan)


def test_an_import_shows_its_plan_on_its_page(client):
    first = make_plan(1)
    _page(client, first)
    second = make_plan(2, title="Tuotu suunnitelma")
    assert "Toimenpide 2" in _page(client, second)
