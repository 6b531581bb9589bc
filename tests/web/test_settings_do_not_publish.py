"""Publishing goes through the publish page (quality check, tick for missing translations): the plan
settings can keep a plan published, unpublish or archive it, but not publish it."""

import pytest
from django.urls import reverse

from seuranta.plans.models import Plan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def settings_post(plan: Plan, **changes) -> dict:
    return {"title": plan.title, "state": plan.state, "version": plan.version} | changes


def test_the_settings_of_a_draft_plan_do_not_offer_publishing(client, personas):
    plan = make_plan(1, organization=personas.organization, state=Plan.State.DRAFT)
    client.force_login(personas.coordinator)
    page = client.get(reverse("plan_settings", args=[plan.pk])).content.decode()
    assert 'value="published"' not in page
    assert reverse("plan_publish", args=[plan.pk]) in page


def test_publishing_through_the_settings_is_refused_and_the_plan_stays_a_draft(client, personas):
    plan = make_plan(1, organization=personas.organization, state=Plan.State.DRAFT)
    plan.required_languages = ["sv"]  # a missing translation the publish page would ask to tick
    plan.save()
    client.force_login(personas.coordinator)
    response = client.post(reverse("plan_settings", args=[plan.pk]), settings_post(plan, state="published"))
    assert response.status_code == 200 and response.context["form"].errors["state"]
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT


def test_an_archived_plan_is_not_published_again_through_the_settings(client, personas):
    plan = make_plan(1, organization=personas.organization, state=Plan.State.ARCHIVED)
    client.force_login(personas.admin)
    client.post(reverse("plan_settings", args=[plan.pk]), settings_post(plan, state="published"))
    plan.refresh_from_db()
    assert plan.state == Plan.State.ARCHIVED


def test_a_published_plan_can_be_saved_as_published_or_unpublished_in_the_settings(client, personas):
    plan = make_plan(1, organization=personas.organization, state=Plan.State.PUBLISHED)
    client.force_login(personas.coordinator)
    url = reverse("plan_settings", args=[plan.pk])
    assert 'value="published"' in client.get(url).content.decode()
    client.post(url, settings_post(plan, title="Uusi nimi"))
    plan.refresh_from_db()
    assert (plan.title, plan.state) == ("Uusi nimi", Plan.State.PUBLISHED)
    client.post(url, settings_post(plan, state="draft"))
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT


def test_a_published_plan_can_be_archived_in_the_settings(client, personas):
    plan = make_plan(1, organization=personas.organization, state=Plan.State.PUBLISHED)
    client.force_login(personas.coordinator)
    client.post(reverse("plan_settings", args=[plan.pk]), settings_post(plan, state="archived"))
    plan.refresh_from_db()
    assert plan.state == Plan.State.ARCHIVED
