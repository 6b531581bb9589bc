"""The unit tree: add, rename, move (no cycles), take out of use; and choosing a node's unit from it."""

from django.urls import reverse

from seuranta.plans.models import ChangeRecord, Node, OrganizationUnit
from tests.factories import make_plan
from tests.organizations.conftest import log_in


def units_url(org):
    return reverse("organizations:units", args=[org.organization.pk])


def version(unit) -> int:
    return OrganizationUnit.objects.get(pk=unit.pk).version


def edit(client, org, unit, **data):
    """Post the unit's edit form as loaded now (its current version), with `data` changed."""
    values = {
        "name": unit.name,
        "parent": unit.parent_id or "",
        "order": unit.order,
        "version": version(unit),
    }
    return client.post(reverse("organizations:unit_edit", args=[org.organization.pk, unit.pk]), values | data)


def set_active(client, org, unit, active: str, **data):
    url = reverse("organizations:unit_active", args=[org.organization.pk, unit.pk])
    return client.post(url, {"active": active, "version": version(unit), **data})


def test_units_page_shows_the_tree_in_order(client, org):
    log_in(client, org.personas, "admin")
    page = client.get(units_url(org)).content.decode()
    assert page.index("Sivistystoimiala") < page.index("Perusopetus") < page.index("Koulu A")
    assert "unit-depth-2" in page


def test_adding_a_unit_under_a_service_area_makes_it_a_unit(client, org):
    log_in(client, org.personas, "admin")
    response = client.post(units_url(org), {"name": "  Koulu   B ", "parent": org.area.pk, "order": ""})
    assert response.status_code == 302
    added = OrganizationUnit.objects.get(name="Koulu B")
    assert (added.parent, added.kind, added.active) == (org.area, "unit", True)


def test_a_second_unit_with_the_same_name_is_refused_with_a_message(client, org):
    log_in(client, org.personas, "admin")
    response = client.post(units_url(org), {"name": "koulu a", "parent": ""})
    assert response.status_code == 400
    assert "on jo yksikkö nimeltä" in response.content.decode()
    assert OrganizationUnit.objects.filter(name__iexact="koulu a").count() == 1


def test_the_same_name_is_fine_in_another_organisation(client, org):
    log_in(client, org.personas, "outsider")
    other = org.personas.other_organization
    client.post(reverse("organizations:units", args=[other.pk]), {"name": "Koulu A", "parent": ""})
    assert OrganizationUnit.objects.filter(name="Koulu A").count() == 2


def test_renaming_a_unit_keeps_its_nodes(client, org):
    plan = make_plan(organization=org.organization)
    node = Node.objects.filter(plan=plan).first()
    Node.objects.filter(pk=node.pk).update(org_unit=org.unit)
    log_in(client, org.personas, "admin")
    edit(client, org, org.unit, name="Koulu Aurinko")
    node.refresh_from_db()
    assert node.org_unit.name == "Koulu Aurinko"


def test_moving_a_service_area_to_the_top_moves_its_units_and_their_levels(client, org):
    log_in(client, org.personas, "admin")
    assert edit(client, org, org.area, parent="").status_code == 302
    org.area.refresh_from_db()
    org.unit.refresh_from_db()
    assert org.area.parent_id is None and org.area.kind == "sector"
    assert org.unit.parent == org.area and org.unit.kind == "service_area"


def test_a_unit_cannot_be_moved_under_itself_or_its_own_units(client, org):
    log_in(client, org.personas, "admin")
    for target in (org.sector, org.unit):
        response = edit(client, org, org.sector, parent=target.pk)
        assert response.status_code == 400
        assert "ei voi sijoittaa" in response.content.decode()
    org.sector.refresh_from_db()
    assert org.sector.parent_id is None


def test_a_unit_cannot_be_moved_under_another_organisations_unit(client, org):
    foreign = OrganizationUnit.objects.create(organization=org.personas.other_organization, name="Vieras")
    log_in(client, org.personas, "admin")
    assert edit(client, org, org.unit, parent=foreign.pk).status_code == 400
    org.unit.refresh_from_db()
    assert org.unit.parent == org.area


def test_taking_a_unit_out_of_use_takes_its_units_too_and_nodes_keep_it(client, org):
    plan = make_plan(organization=org.organization)
    node = Node.objects.filter(plan=plan).first()
    Node.objects.filter(pk=node.pk).update(org_unit=org.unit)
    log_in(client, org.personas, "admin")
    set_active(client, org, org.area, "0")
    assert not OrganizationUnit.objects.get(pk=org.area.pk).active
    assert not OrganizationUnit.objects.get(pk=org.unit.pk).active
    assert OrganizationUnit.objects.get(pk=org.sector.pk).active
    node.refresh_from_db()
    assert node.org_unit_id == org.unit.pk
    set_active(client, org, org.unit, "1")
    assert OrganizationUnit.objects.get(pk=org.unit.pk).active
    assert OrganizationUnit.objects.get(pk=org.area.pk).active  # the way to it is in use again


def test_the_node_edit_page_offers_the_active_units_as_paths(client, org):
    plan = make_plan(organization=org.organization)
    node = Node.objects.filter(plan=plan, level="Toimenpide").first()
    OrganizationUnit.objects.create(organization=org.organization, name="Lakkautettu", active=False)
    log_in(client, org.personas, "coordinator")
    page = client.get(reverse("node_edit", args=[node.pk])).content.decode()
    assert "Sivistystoimiala › Perusopetus › Koulu A" in page
    assert "Lakkautettu" not in page


def test_choosing_a_unit_on_the_node_page_keeps_the_text_and_shows_the_unit(client, org):
    from tests.web.test_editing import node_data

    plan = make_plan(organization=org.organization)
    node = Node.objects.filter(plan=plan, level="Toimenpide").first()
    log_in(client, org.personas, "coordinator")
    response = client.post(reverse("node_edit", args=[node.pk]), node_data(node, org_unit=org.unit.pk))
    assert response.status_code == 302
    node.refresh_from_db()
    assert node.org_unit == org.unit and node.unit_name == "Konsernipalvelut"
    change = ChangeRecord.objects.get(node=node, action="changed")
    # The plan was stored without a review: "Konsernipalvelut" stayed a name as written, no unit.
    assert change.changes == {"org_unit": [None, "Sivistystoimiala › Perusopetus › Koulu A"]}
    page = client.get(reverse("node", args=[node.pk])).content.decode()
    assert "Koulu A" in page and "asiakirjassa:" in page
    tree = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "Koulu A" in tree


def test_a_unit_of_another_organisation_cannot_be_chosen_for_a_node(client, org):
    from tests.web.test_editing import node_data

    foreign = OrganizationUnit.objects.create(organization=org.personas.other_organization, name="Vieras")
    plan = make_plan(organization=org.organization)
    node = Node.objects.filter(plan=plan, level="Toimenpide").first()
    before = node.org_unit_id
    log_in(client, org.personas, "coordinator")
    response = client.post(reverse("node_edit", args=[node.pk]), node_data(node, org_unit=foreign.pk))
    assert response.status_code == 200 and "Valitse yksikkö" in response.content.decode()
    node.refresh_from_db()
    assert node.org_unit_id == before
