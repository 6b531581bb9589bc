"""The plan page's rendered tree and the home page's statuses are kept once per version of the plan:
never stale after a write, never one viewer's page for another, one tree a language and a search."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from seuranta.plans.access import plan_access
from seuranta.plans.models import Indicator, Node, Plan
from seuranta.values.writing import ValueItem, store_values
from seuranta.web.plan_page import viewer_class
from tests.factories import make_plan

pytestmark = pytest.mark.django_db

TREE = "web/includes/plan_tree.html"


def _tree(client, plan, **query) -> str:
    response = client.get(reverse("plan", args=[plan.pk]), query)
    assert response.status_code == 200
    return response.content.decode().split('id="tree-heading"')[1].split('id="changes-heading"')[0]


def _rendered_templates(client, url: str) -> list[str]:
    return [t.name for t in client.get(url).templates]


def test_the_tree_is_rendered_once_per_version(client, personas):
    plan = make_plan(3, organization=personas.organization)
    url = reverse("plan", args=[plan.pk])
    assert TREE in _rendered_templates(client, url)
    assert TREE not in _rendered_templates(client, url)
    action = Node.objects.filter(plan=plan, children__isnull=True).order_by("pk").first()
    action.title = "Uusi nimi"
    action.save()
    assert TREE in _rendered_templates(client, url)


def test_a_value_write_shows_in_the_next_tree(client, personas):
    plan = make_plan(1, organization=personas.organization)
    indicator = Indicator.objects.filter(node__plan=plan).order_by("pk").first()
    before = _tree(client, plan)
    store_values(personas.admin, personas.organization.pk, [ValueItem(indicator.pk, "2026", 99.0)])
    after = _tree(client, plan)
    assert after != before
    cache.clear()
    assert after == _tree(client, plan)


def test_a_coordinators_draft_is_not_served_to_others(client, personas):
    plan = make_plan(2, organization=personas.organization, state=Plan.State.DRAFT)
    client.force_login(personas.coordinator)
    assert "Toimenpide 1" in _tree(client, plan)
    client.logout()
    assert client.get(reverse("plan", args=[plan.pk])).status_code == 404
    client.force_login(personas.outsider)
    assert client.get(reverse("plan", args=[plan.pk])).status_code == 404


def test_an_anonymous_visitor_gets_no_coordinators_page(client, personas):
    plan = make_plan(2, organization=personas.organization)
    settings_url = reverse("plan_settings", args=[plan.pk])
    client.force_login(personas.coordinator)
    assert settings_url in client.get(reverse("plan", args=[plan.pk])).content.decode()
    client.logout()
    page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert settings_url not in page
    assert "Toimenpide 2" in page


def test_each_permission_class_has_its_own_cached_tree(personas):
    plan = make_plan(1, organization=personas.organization)
    classes = {
        viewer_class(plan_access(user, plan))
        for user in (
            personas.admin,
            personas.coordinator,
            personas.responsible,
            personas.viewer,
            personas.outsider,
        )
    }
    assert len(classes) == 5


def test_a_language_has_its_own_tree(client, personas):
    plan = make_plan(1, organization=personas.organization)
    finnish = _tree(client, plan)
    client.cookies["django_language"] = "sv"
    swedish = _tree(client, plan)
    assert swedish != finnish
    cache.clear()
    assert swedish == _tree(client, plan)


def test_a_search_has_its_own_tree(client, personas):
    plan = make_plan(3, organization=personas.organization)
    assert "Toimenpide 1" in _tree(client, plan)
    found = _tree(client, plan, q="Toimenpide 2")
    assert "Toimenpide 2" in found
    assert "Toimenpide 1<" not in found and "Toimenpide 3" not in found


def _cards(client) -> str:
    """The home page's plan cards (the language form's CSRF token aside: it changes every time)."""
    page = client.get(reverse("home")).content.decode()
    return "".join(re.findall(r'<li class="plan-card">.*?</li>', page, re.DOTALL))


def test_a_value_write_shows_on_the_next_home_page(client, personas):
    plan = make_plan(1, organization=personas.organization)
    indicator = Indicator.objects.filter(node__plan=plan).order_by("pk").first()
    before = _cards(client)
    assert "badge--off_track" not in before
    # Below the baseline: the action and so the plan will not reach the target.
    store_values(personas.admin, personas.organization.pk, [ValueItem(indicator.pk, "2026", 5.0)])
    after = _cards(client)
    assert "badge--off_track" in after
    cache.clear()
    assert after == _cards(client)


def test_the_trees_texts_are_escaped(client, personas):
    plan = make_plan(1, organization=personas.organization)
    action = Node.objects.filter(plan=plan, children__isnull=True).get()
    action.title = '<script>alert("x")</script> & muuta'
    action.save()
    tree = _tree(client, plan)
    assert "<script>" not in tree
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; muuta" in tree
