"""The people and units pages cost the same number of queries for 2 and for 20 members, units and invitations."""

import pytest
from django.urls import reverse

from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership, OrganizationUnit
from tests.factories import make_member
from tests.organizations.conftest import log_in


def grow(organization, start: int, end: int) -> None:
    """Members, a unit tree three deep, and open invitations numbered start..end-1."""
    for i in range(start, end):
        make_member(f"member{i}", organization, Membership.Role.RESPONSIBLE)
        parent = OrganizationUnit.objects.filter(organization=organization, name=f"Yksikkö {i - 1}").first()
        OrganizationUnit.objects.create(
            organization=organization, name=f"Yksikkö {i}", parent=parent if i % 3 else None
        )
        Invitation.objects.create(organization=organization, email=f"kutsu{i}@example.invalid", role="viewer")


def page_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def unit_edit_url(organization) -> str:
    unit = OrganizationUnit.objects.get(organization=organization, name="Yksikkö 1")
    return reverse("organizations:unit_edit", args=[organization.pk, unit.pk])


def node_edit_url(organization) -> str:
    """The edit page of a node, where its unit is chosen from the tree."""
    from seuranta.plans.models import Node
    from tests.factories import make_plan

    plan = Node.objects.filter(plan__organization=organization).values_list("plan", flat=True).first()
    node = Node.objects.filter(plan=plan or make_plan(organization=organization), level="Toimenpide").first()
    return reverse("node_edit", args=[node.pk])


@pytest.mark.parametrize("url_for", [unit_edit_url, node_edit_url], ids=["unit_edit", "node_edit"])
def test_unit_choosing_pages_cost_the_same_for_2_and_20_units(
    client, personas, django_assert_max_num_queries, url_for
):
    grow(personas.organization, 0, 2)
    log_in(client, personas, "admin")
    url = url_for(personas.organization)
    client.get(url)
    small = page_queries(client, url)
    grow(personas.organization, 2, 20)
    with django_assert_max_num_queries(small):
        page = client.get(url)
    assert page.status_code == 200 and "Yksikkö 19" in page.content.decode()


@pytest.mark.parametrize("url_name", ["people", "units"])
def test_page_queries_do_not_grow_with_the_organisation(
    client, personas, django_assert_max_num_queries, url_name
):
    grow(personas.organization, 0, 2)
    log_in(client, personas, "admin")
    url = reverse(f"organizations:{url_name}", args=[personas.organization.pk])
    client.get(url)  # the first request after login settles the session
    small = page_queries(client, url)
    grow(personas.organization, 2, 20)
    assert Membership.objects.filter(organization=personas.organization).count() >= 20
    with django_assert_max_num_queries(small):
        page = client.get(url)
    assert page.status_code == 200
    assert ("Yksikkö 19" if url_name == "units" else "member19@example.invalid") in page.content.decode()
