"""Pages that show drafts (unpublished plans, saved reports, import drafts) say `private, no-store`."""

from datetime import date

import pytest
from django.urls import reverse

from seuranta.monitoring.reporting import open_round
from seuranta.plans.models import Node, Plan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db

PRIVATE = {"private", "no-store"}


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def draft(personas):
    plan = make_plan(2, organization=personas.organization, state=Plan.State.DRAFT, title="Luonnos")
    node = Node.objects.filter(plan=plan, level="Toimenpide").first()
    node.responsible_users.add(personas.responsible)
    reporting_round = open_round(
        plan,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2026, 4, 15),
        root=None,
        user=personas.coordinator,
    )
    return plan, node, reporting_round


def _import_draft(personas):
    from seuranta.importing.models import ImportDraft

    return ImportDraft.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="tuotu.txt",
        plan={
            "format": "seuranta-plan/1",
            "title": "Tuotu",
            "organization": None,
            "levels": ["Tavoite"],
            "sections": [],
            "nodes": [{"level": "Tavoite", "title": "A"}],
        },
        warnings=[],
    )


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("viewer", "home"),
        ("viewer", "plan"),
        ("viewer", "node"),
        ("viewer", "api_plans"),
        ("viewer", "api_plan"),
        ("viewer", "api_statuses"),
        ("viewer", "report"),
        ("coordinator", "node_edit"),
        ("coordinator", "round"),
        ("responsible", "my_reports"),
        ("responsible", "entry"),
        ("coordinator", "import_review"),
    ],
)
def test_pages_showing_drafts_are_private_and_not_stored(client, personas, draft, who, page):
    plan, node, reporting_round = draft
    urls = {
        "home": reverse("home"),
        "plan": reverse("plan", args=[plan.pk]),
        "node": reverse("node", args=[node.pk]),
        "api_plans": reverse("api:plans"),
        "api_plan": reverse("api:plan", args=[plan.pk]),
        "api_statuses": reverse("api:statuses", args=[plan.pk]),
        "report": reverse("reports:plan_report", args=[plan.pk]),
        "node_edit": reverse("node_edit", args=[node.pk]),
        "round": reverse("monitoring:round", args=[reporting_round.pk]),
        "my_reports": reverse("monitoring:my_reports"),
        "entry": reverse("monitoring:entry", args=[reporting_round.entries.get(node=node).pk]),
    }
    url = urls.get(page) or reverse("importing:review", args=[_import_draft(personas).pk])
    client.force_login(getattr(personas, who))
    response = client.get(url)
    assert response.status_code == 200
    assert directives(response) >= PRIVATE


@pytest.mark.parametrize("page", ["home", "plan", "api_plan"])
def test_published_pages_for_anonymous_visitors_may_be_cached(client, personas, page):
    plan = make_plan(1, organization=personas.organization)
    url = {
        "home": reverse("home"),
        "plan": reverse("plan", args=[plan.pk]),
        "api_plan": reverse("api:plan", args=[plan.pk]),
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert not PRIVATE & directives(response)
