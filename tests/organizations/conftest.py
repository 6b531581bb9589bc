from types import SimpleNamespace

import pytest

from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership, OrganizationUnit
from tests.factories import PASSWORD

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Tasks (the invitation e-mail) run at once in tests, whatever backend the deployment uses."""
    settings.TASKS = IMMEDIATE


def log_in(client, personas, role):
    if role != "anonymous":
        assert client.login(username=getattr(personas, role).username, password=PASSWORD)
    return client


@pytest.fixture
def org(personas):
    """The personas' organisation with a small unit tree, an open invitation and the memberships by persona."""
    organization = personas.organization
    sector = OrganizationUnit.objects.create(
        organization=organization, name="Sivistystoimiala", kind="sector"
    )
    area = OrganizationUnit.objects.create(
        organization=organization, name="Perusopetus", parent=sector, kind="service_area"
    )
    unit = OrganizationUnit.objects.create(
        organization=organization, name="Koulu A", parent=area, kind="unit"
    )
    invitation = Invitation.objects.create(
        organization=organization,
        email="uusi@example.invalid",
        role=Membership.Role.VIEWER,
        invited_by=personas.admin,
    )
    memberships = {
        m.user.username: m
        for m in Membership.objects.filter(organization=organization).select_related("user")
    }
    return SimpleNamespace(
        personas=personas,
        organization=organization,
        sector=sector,
        area=area,
        unit=unit,
        invitation=invitation,
        memberships=memberships,
    )
