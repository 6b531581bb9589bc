"""The review's unit step: each unit name an imported document writes is mapped to a unit of the
organisation's tree, to a new unit, or to none; the name as written stays on the nodes."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from seuranta.importing.models import ImportDraft
from seuranta.plans.models import Node, OrganizationUnit, Plan
from tests.test_translations import LANGS, english_on_pages
from tests.web.helpers import ROLES, client_for

IMPORTERS = ("coordinator", "admin")


def plan_writing_units(*units: str) -> dict:
    """A small plan whose goals write the given units, one goal each, with an action under the first."""
    nodes = [{"level": "Tavoite", "title": f"Tavoite {i + 1}", "unit": unit} for i, unit in enumerate(units)]
    nodes[0]["children"] = [{"level": "Toimenpide", "title": "Toimenpide 1", "unit": units[0]}]
    return {
        "format": "seuranta-plan/1",
        "title": "Tuotu yksiköillä",
        "organization": None,
        "levels": ["Tavoite", "Toimenpide"],
        "sections": [],
        "nodes": nodes,
    }


def make_draft(personas, *units: str) -> ImportDraft:
    return ImportDraft.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="yksikot.json",
        plan=plan_writing_units(*units),
    )


@pytest.fixture
def tree(personas):
    sector = OrganizationUnit.objects.create(organization=personas.organization, name="Sivistystoimiala")
    area = OrganizationUnit.objects.create(
        organization=personas.organization, name="Perusopetus", parent=sector
    )
    return sector, area


def review_page(client, draft) -> str:
    response = client.get(reverse("importing:review", args=[draft.pk]))
    assert response.status_code == 200
    return response.content.decode()


def save(client, draft, data: dict, url_name: str = "importing:save"):
    return client.post(reverse(url_name, args=[draft.pk]), data)


def test_each_unit_name_written_is_listed_once_with_the_tree_as_paths(client, personas, tree):
    draft = make_draft(personas, "perusopetus ", "Kulttuuripalvelut")
    page = review_page(client_for(client, personas, "coordinator"), draft)
    assert page.count('name="unit-0-name" value="perusopetus "') == 1
    assert page.count('name="unit-1-name" value="Kulttuuripalvelut"') == 1
    assert "unit-2-name" not in page
    assert "Sivistystoimiala › Perusopetus" in page
    assert "(2 kohtaa)" in page  # the goal and its action write "perusopetus "


def test_a_name_matching_a_unit_is_proposed_and_the_others_left_unmapped(client, personas, tree):
    _, area = tree
    draft = make_draft(personas, "perusopetus ", "Kulttuuripalvelut")
    page = review_page(client_for(client, personas, "coordinator"), draft)
    assert f'<option value="{area.pk}" selected>Sivistystoimiala › Perusopetus</option>' in page
    assert "Ehdotus: samanniminen yksikkö." in page
    assert "Tämännimistä yksikköä ei ole" in page
    assert '<option value="new" selected>' not in page


def test_without_units_the_proposal_is_a_new_unit_and_says_so(client, personas):
    draft = make_draft(personas, "Kulttuuripalvelut")
    page = review_page(client_for(client, personas, "coordinator"), draft)
    assert '<option value="new" selected>' in page
    assert "Ehdotus: uusi yksikkö" in page


def test_saving_maps_nodes_to_an_existing_unit_and_keeps_the_name_as_written(client, personas, tree):
    sector, area = tree
    draft = make_draft(personas, "Perusop.", "Kulttuuripalvelut")
    client_for(client, personas, "coordinator")
    data = {
        "unit-0-name": "Perusop.",
        "unit-0": str(area.pk),
        "unit-1-name": "Kulttuuripalvelut",
        "unit-1": "",
    }
    response = save(client, draft, data)
    plan = Plan.objects.get(title="Tuotu yksiköillä")
    assert response.url == reverse("plan", args=[plan.pk])
    nodes = {n.title: n for n in Node.objects.filter(plan=plan)}
    assert nodes["Tavoite 1"].org_unit == area and nodes["Tavoite 1"].unit_name == "Perusop."
    assert nodes["Toimenpide 1"].org_unit == area
    assert nodes["Tavoite 2"].org_unit is None and nodes["Tavoite 2"].unit_name == "Kulttuuripalvelut"
    assert OrganizationUnit.objects.count() == 2  # nothing created


def test_a_new_unit_is_created_only_when_chosen_under_the_chosen_parent(client, personas, tree):
    sector, _ = tree
    draft = make_draft(personas, "Kulttuuripalvelut", "Nuorisopalvelut")
    client_for(client, personas, "admin")
    data = {
        "unit-0-name": "Kulttuuripalvelut",
        "unit-0": "new",
        "unit-0-parent": str(sector.pk),
        "unit-1-name": "Nuorisopalvelut",
        "unit-1": "",
        "unit-1-parent": str(sector.pk),
    }
    save(client, draft, data)
    created = OrganizationUnit.objects.get(name="Kulttuuripalvelut")
    assert created.parent == sector and created.organization == personas.organization
    assert created.kind == OrganizationUnit.Kind.SERVICE_AREA  # one below a sector
    assert not OrganizationUnit.objects.filter(name="Nuorisopalvelut").exists()
    assert Node.objects.get(title="Tavoite 1").org_unit == created
    assert Node.objects.get(title="Tavoite 2").unit_name == "Nuorisopalvelut"


def test_saved_unit_choices_are_shown_again_and_used_by_the_save(client, personas, tree):
    _, area = tree
    draft = make_draft(personas, "Kulttuuripalvelut")
    client_for(client, personas, "coordinator")
    response = save(
        client, draft, {"unit-0-name": "Kulttuuripalvelut", "unit-0": str(area.pk)}, "importing:units"
    )
    assert response.url.endswith("#units-heading")
    draft.refresh_from_db()
    assert draft.unit_choices == {"Kulttuuripalvelut": {"unit": area.pk}}
    assert f'<option value="{area.pk}" selected>' in review_page(client, draft)
    save(client, draft, {})  # the save button of another page: the choices stored are used
    assert Node.objects.get(title="Tavoite 1").org_unit == area


def test_a_unit_taken_out_of_use_meanwhile_stops_the_save_with_its_name(client, personas, tree):
    _, area = tree
    draft = make_draft(personas, "Kulttuuripalvelut")
    client_for(client, personas, "coordinator")
    save(client, draft, {"unit-0-name": "Kulttuuripalvelut", "unit-0": str(area.pk)}, "importing:units")
    OrganizationUnit.objects.filter(pk=area.pk).update(active=False)
    response = save(client, draft, {})
    assert response.url.endswith("#units-heading")
    assert not Plan.objects.filter(title="Tuotu yksiköillä").exists()
    page = client.get(response.url).content.decode()
    assert "Nimelle “Kulttuuripalvelut” valittu yksikkö ei ole enää käytössä" in page
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_another_organisations_unit_cannot_be_chosen(client, personas, tree):
    foreign = OrganizationUnit.objects.create(organization=personas.other_organization, name="Vieras")
    draft = make_draft(personas, "Kulttuuripalvelut")
    client_for(client, personas, "coordinator")
    save(client, draft, {"unit-0-name": "Kulttuuripalvelut", "unit-0": str(foreign.pk)})
    assert not Plan.objects.exists()
    assert not Node.objects.filter(org_unit=foreign).exists()
    draft.refresh_from_db()
    assert draft.unit_choices == {}


def test_a_new_unit_of_a_name_out_of_use_is_refused_with_a_way_out(client, personas, tree):
    OrganizationUnit.objects.create(
        organization=personas.organization, name="Kulttuuripalvelut", active=False
    )
    draft = make_draft(personas, "kulttuuripalvelut")
    client_for(client, personas, "coordinator")
    page = review_page(client, draft)
    assert "Tämänniminen yksikkö on poistettu käytöstä" in page
    response = save(client, draft, {"unit-0-name": "kulttuuripalvelut", "unit-0": "new"})
    assert not Plan.objects.exists() and OrganizationUnit.objects.count() == 3
    assert "palauta se yksikköpuussa" in client.get(response.url).content.decode()


def test_the_page_and_the_save_cost_the_same_queries_for_3_and_60_units(client, personas):
    names = [f"Yksikkö {i}" for i in range(60)]
    draft = make_draft(personas, *names)
    client_for(client, personas, "coordinator")
    url = reverse("importing:review", args=[draft.pk])

    def grow(start: int, end: int) -> None:
        parent = None
        for i in range(start, end):
            parent = OrganizationUnit.objects.create(
                organization=personas.organization, name=f"Yksikkö {i}", parent=parent if i % 3 else None
            )

    grow(0, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(3, 60)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert len(large) <= len(small), [q["sql"] for q in large.captured_queries]
    assert "Yksikkö 59" in page.content.decode()
    OrganizationUnit.objects.filter(name__in=names[30:]).delete()
    ids = dict(OrganizationUnit.objects.values_list("name", "pk"))
    data = {f"unit-{i}-name": name for i, name in enumerate(names)}
    data.update({f"unit-{i}": str(ids[names[i]]) for i in range(30)})
    data.update({f"unit-{i}": "new" for i in range(30, 60)})
    with CaptureQueriesContext(connection) as saving:
        response = save(client, draft, data)
    assert response.status_code == 302 and Plan.objects.filter(title="Tuotu yksiköillä").exists()
    assert len(saving) <= 40, len(saving)
    assert Node.objects.filter(org_unit__isnull=False).count() == 61


@pytest.mark.parametrize("role", ROLES)
def test_the_unit_step_is_shown_only_to_the_organisations_importers(client, personas, tree, role):
    draft = make_draft(personas, "Perusopetus")
    response = client_for(client, personas, role).get(reverse("importing:review", args=[draft.pk]))
    assert response.status_code == (200 if role in IMPORTERS else 404)
    if role in IMPORTERS:
        assert 'id="units-heading"' in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_importers_can_choose_units(client, personas, tree, role):
    _, area = tree
    draft = make_draft(personas, "Kulttuuripalvelut")
    client_for(client, personas, role)
    url = reverse("importing:units", args=[draft.pk])
    assert client.get(url).status_code == 405
    data = {"unit-0-name": "Kulttuuripalvelut", "unit-0": "new", "unit-0-parent": str(area.pk)}
    response = client.post(url, data)
    draft.refresh_from_db()
    if role in IMPORTERS:
        assert response.status_code == 302
        assert draft.unit_choices == {"Kulttuuripalvelut": {"new": True, "parent": area.pk}}
    else:
        assert response.status_code == 404
        assert draft.unit_choices == {}
    save(client, draft, data)
    assert OrganizationUnit.objects.filter(name="Kulttuuripalvelut").exists() == (role in IMPORTERS)


def test_an_uploader_who_is_no_longer_an_importer_cannot_map_units(client, personas, tree):
    draft = make_draft(personas, "Kulttuuripalvelut")
    personas.coordinator.memberships.update(role="viewer")
    client_for(client, personas, "coordinator")
    response = client.post(
        reverse("importing:units", args=[draft.pk]), {"unit-0-name": "Kulttuuripalvelut", "unit-0": "new"}
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.unit_choices == {}


def test_a_document_without_units_has_no_unit_step(client, personas):
    draft = make_draft(personas, "x")
    draft.plan = json.loads(json.dumps(draft.plan).replace('"unit": "x"', '"unit": null'))
    draft.save()
    page = review_page(client_for(client, personas, "coordinator"), draft)
    assert 'id="units-heading"' not in page
    save(client, draft, {})
    assert Plan.objects.filter(title="Tuotu yksiköillä").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_the_unit_step_in_finnish_and_swedish_shows_no_english(client, personas, tree, lang):
    OrganizationUnit.objects.create(organization=personas.organization, name="Vanha", active=False)
    draft = make_draft(personas, "Perusopetus", "Kulttuuripalvelut", "vanha")
    url = reverse("importing:review", args=[draft.pk])
    leaks = english_on_pages(client, personas, {"review": url}, lang, "coordinator")
    assert not leaks, f"English on {lang} pages: {leaks}"
    assert {"fi": "Yksiköt", "sv": "Enheter"}[lang] in client.get(url).content.decode()


def test_the_unit_step_is_in_english_when_english_is_chosen(client, personas, tree):
    draft = make_draft(personas, "Kulttuuripalvelut")
    client_for(client, personas, "coordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    assert '<h2 id="units-heading">Units</h2>' in page
    assert "No unit of this name: choose one, or create a new unit." in page


def test_a_new_unit_under_another_organisations_unit_is_refused_and_nothing_is_saved(client, personas, tree):
    foreign = OrganizationUnit.objects.create(organization=personas.other_organization, name="Vieras")
    draft = make_draft(personas, "Kulttuuripalvelut")
    client_for(client, personas, "admin")
    data = {"unit-0-name": "Kulttuuripalvelut", "unit-0": "new", "unit-0-parent": str(foreign.pk)}
    response = save(client, draft, data)
    assert response.url.endswith("#units-heading")
    assert not Plan.objects.exists()
    assert not OrganizationUnit.objects.filter(name="Kulttuuripalvelut").exists()
    assert (
        "Yksikkö, jonka alle “Kulttuuripalvelut” oli määrä luoda" in client.get(response.url).content.decode()
    )


def test_a_line_naming_the_unit_of_the_items_is_shown_as_their_unit_not_as_a_miss(personas):
    from seuranta.importing.review_source import source_lines

    draft = make_draft(personas, "Kulttuuripalvelut")
    draft.trace = [
        {"source": 0, "text": "KULTTUURIPALVELUT", "role": "ignore", "rule": "unmatched"},
        {"source": 1, "text": "Tavoite 1", "role": "node", "rule": "match:node"},
        {"source": 2, "text": "Sivu 2", "role": "ignore", "rule": "unmatched"},
    ]
    with translation.override("fi"):  # outside a request: the language is the test's own choice
        lines = source_lines(draft, {"0": 1})
    assert [(line["role_label"], line["imported"]) for line in lines] == [
        ("Yksikkö", True),
        ("Kohta", True),
        ("Ei tuotu", False),
    ]
