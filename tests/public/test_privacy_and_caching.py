"""Public pages hide staff names and the history from the public, are cacheable for anonymous visitors,
and take the same number of queries for a small plan as for a large one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seuranta.plans.models import ChangeRecord, Node
from seuranta.public.models import PlanPublicity
from tests.factories import make_plan
from tests.public.conftest import public_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(personas, published):
    node = Node.objects.filter(plan=published, level="Toimenpide").first()
    ChangeRecord.objects.create(
        plan=published,
        node=node,
        user=personas.coordinator,
        object_type="node",
        object_id=node.pk,
        action="changed",
        changes={"title": ["Vanha", node.title]},
    )
    personas.coordinator.first_name, personas.coordinator.last_name = "Kaisa", "Koordinaattori"
    personas.coordinator.save()
    return node


def node_url(plan, node) -> str:
    from django.urls import reverse

    return reverse("public:node", args=[plan.organization.slug, node.pk])


def test_anonymous_visitor_sees_no_staff_names_or_history(client, personas, published, action):
    page = client.get(node_url(published, action)).content.decode()
    assert "Kaisa Koordinaattori" not in page and "johtaja" not in page and "Muutoshistoria" not in page
    assert "Mittari" in page  # values and statuses are shown


def test_member_sees_staff_names_and_history(client, personas, published, action):
    client.force_login(personas.viewer)
    page = client.get(node_url(published, action)).content.decode()
    assert "Kaisa Koordinaattori" in page and "johtaja" in page


def test_outsider_is_treated_as_the_public(client, personas, published, action):
    client.force_login(personas.outsider)
    assert "Kaisa Koordinaattori" not in client.get(node_url(published, action)).content.decode()


def test_plan_setting_shows_names_to_the_public(client, personas, published, action):
    PlanPublicity.objects.create(plan=published, show_people=True)
    page = client.get(node_url(published, action)).content.decode()
    assert "Kaisa Koordinaattori" in page and "johtaja" in page


@pytest.mark.parametrize("page", ["organization", "plan", "tree", "node", "statement"])
def test_public_pages_are_cacheable_for_anonymous_visitors(client, personas, published, page):
    response = client.get(public_urls(published)[page])
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=" in cache_control
    assert {"cookie", "accept-language"} <= {v.strip().lower() for v in response["Vary"].split(",")}
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize("page", ["plan", "node"])
def test_public_pages_are_private_for_signed_in_people(client, personas, published, page):
    client.force_login(personas.viewer)
    cache_control = client.get(public_urls(published)[page])["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control


@pytest.mark.parametrize("page", ["feedback", "follow"])
def test_pages_with_forms_are_not_cached(client, personas, published, page):
    cache_control = client.get(public_urls(published)[page])["Cache-Control"]
    assert "no-store" in cache_control or "max-age=0" in cache_control


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["organization", "plan", "tree", "tree_search", "node", "statement"])
def test_public_page_queries_do_not_grow_with_the_plan(client, personas, page):
    from seuranta.plans.models import Organization

    small = make_plan(2)
    big_org = Organization.objects.create(name="Isokaupunki")
    big = make_plan(40, organization=big_org, indicators_per_action=3, title="Iso suunnitelma")
    assert queries(client, public_urls(small)[page]) == queries(client, public_urls(big)[page])
