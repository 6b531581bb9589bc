"""Small factory functions for tests, and the named personas.

Personas (all in the organisation "Testikaupunki" except the outsider):
admin, coordinator, responsible, viewer, and outsider (a member of another
organisation). Anonymous is simply no login.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from seuranta.core import model as core
from seuranta.plans.models import Membership, Organization, Plan
from seuranta.plans.slugs import unique_slug
from seuranta.plans.storage import store_plan

PASSWORD = "salasana-testi-123"


def make_user(username: str, **fields):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.invalid", **fields
    )
    return user


def make_member(username: str, organization: Organization, role: str):
    user = make_user(username)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def make_organization(name: str = "Testikaupunki") -> Organization:
    return Organization.objects.get_or_create(name=name)[0]


def core_plan(
    actions: int = 2,
    *,
    title: str = "Testisuunnitelma",
    organization: str = "Testikaupunki",
    indicators_per_action: int = 1,
) -> core.Plan:
    """A plan: one focus area, one goal, `actions` actions each with indicators."""
    children = []
    for i in range(actions):
        indicators = [
            core.Indicator(
                name=f"Mittari {i + 1}.{j + 1}",
                unit="kpl",
                baseline=core.Measure(text="10", kind="value", value=10, period="2025"),
                targets=[core.Measure(text="20", kind="value", value=20, period="2027")],
            )
            for j in range(indicators_per_action)
        ]
        children.append(
            core.Node(
                level="Toimenpide",
                title=f"Toimenpide {i + 1}",
                unit="Konsernipalvelut",
                responsible=["johtaja"],
                schedule="2026",
                indicators=indicators,
                milestones=[core.Milestone(title=f"Osatavoite {i + 1}", due="kevät 2026")],
            )
        )
    goal = core.Node(level="Tavoite", title="Tavoite 1", children=children)
    area = core.Node(level="Painopiste", title="Painopiste 1", children=[goal])
    return core.Plan(
        title=title,
        organization=organization,
        period="2026–2027",
        levels=["Painopiste", "Tavoite", "Toimenpide"],
        nodes=[area],
    )


def make_plan(
    actions: int = 2, *, state: str = Plan.State.PUBLISHED, organization: Organization | None = None, **kwargs
) -> Plan:
    organization = organization or make_organization()
    return store_plan(
        core_plan(actions, organization=organization.name, **kwargs), organization=organization, state=state
    )


PERSONAS = {  # name: (in the other organisation?, role)
    "admin": (False, Membership.Role.ADMIN),
    "coordinator": (False, Membership.Role.COORDINATOR),
    "responsible": (False, Membership.Role.RESPONSIBLE),
    "viewer": (False, Membership.Role.VIEWER),
    "outsider": (True, Membership.Role.ADMIN),
}


def make_personas() -> SimpleNamespace:
    """The personas as `make_member` would make them, users and memberships inserted five at a time:
    most database tests start here."""
    org, other = _organizations("Testikaupunki", "Muukaupunki")
    User = get_user_model()
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        User(username=name, email=f"{name}@example.invalid", password=password) for name in PERSONAS
    )
    Membership.objects.bulk_create(
        Membership(user=user, organization=other if elsewhere else org, role=role)
        for user, (elsewhere, role) in zip(users, PERSONAS.values(), strict=True)
    )
    return SimpleNamespace(
        organization=org, other_organization=other, **{user.username: user for user in users}
    )


def _organizations(*names: str) -> list[Organization]:
    """The organisations by these names as `make_organization` gives them, the missing ones inserted at once."""
    found = {organization.name: organization for organization in Organization.objects.filter(name__in=names)}
    missing = [
        Organization(name=name, slug=unique_slug(name, Organization.objects))
        for name in names
        if name not in found
    ]
    found.update(
        (organization.name, organization) for organization in Organization.objects.bulk_create(missing)
    )
    return [found[name] for name in names]


def make_rounds(plan: Plan, personas: SimpleNamespace) -> tuple:
    """The responsible persona on every action, an open round Q1/2026 and a closed round T1/2026."""
    from datetime import date

    from seuranta.monitoring.reporting import close_round, open_round
    from seuranta.plans.models import Node

    Responsible = Node.responsible_users.through  # what .add() writes, for all the actions at once
    Responsible.objects.bulk_create(
        Responsible(node_id=action, user_id=personas.responsible.pk)
        for action in Node.objects.filter(plan=plan, level="Toimenpide").values_list("pk", flat=True)
    )
    open_one = open_round(
        plan,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2026, 4, 15),
        root=None,
        user=personas.coordinator,
    )
    closed_one = open_round(
        plan,
        title="T1/2026",
        period="2026-T1",
        deadline=date(2026, 5, 15),
        root=None,
        user=personas.coordinator,
    )
    close_round(closed_one, user=personas.coordinator, on=date(2026, 5, 20))
    return open_one, closed_one
