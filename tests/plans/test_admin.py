import pytest
from django.urls import reverse

from seuranta.plans import models
from tests.factories import make_plan

MODELS = [
    models.Organization,
    models.OrganizationUnit,
    models.Membership,
    models.Plan,
    models.Section,
    models.Node,
    models.Indicator,
    models.Measure,
    models.Milestone,
    models.ProgressEntry,
    models.ChangeRecord,
]


@pytest.fixture
def admin_client_fi(admin_client):
    admin_client.cookies["django_language"] = "fi"
    return admin_client


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m for m in MODELS if m is not models.Section], ids=lambda m: m.__name__)
def test_every_model_has_an_admin_list(admin_client_fi, model):
    make_plan(3)
    response = admin_client_fi.get(reverse(f"admin:plans_{model._meta.model_name}_changelist"))
    assert response.status_code == 200
    # The list counts the model's rows: a real changelist, not an error page.
    assert response.context["cl"].result_count == model.objects.count()


@pytest.mark.django_db
def test_node_admin_page_opens_with_its_indicators(admin_client_fi):
    plan = make_plan(2)
    node = plan.nodes.filter(indicators__isnull=False).first()
    response = admin_client_fi.get(reverse("admin:plans_node_change", args=[node.pk]))
    assert response.status_code == 200
    assert "Mittari 1.1" in response.content.decode() or "Mittari 2.1" in response.content.decode()


@pytest.mark.django_db
def test_admin_speaks_finnish(admin_client_fi):
    response = admin_client_fi.get(reverse("admin:index"))
    assert "Suunnitelmat" in response.content.decode()


@pytest.mark.django_db
def test_admin_is_closed_to_non_staff(client, personas):
    client.force_login(personas.coordinator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
