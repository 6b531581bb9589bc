"""The cascade in the interchange format and the database: a node contributes to another plan's goal."""

from __future__ import annotations

import copy
import json

import pytest

from seuranta.core.interchange import dump_plan, load_plan, validate_document
from seuranta.plans.models import Node
from seuranta.plans.storage import load_core_plan, store_plan

STRATEGY = {
    "format": "seuranta-plan/1",
    "title": "Kaupunkistrategia 2026–2029",
    "organization": "Testikaupunki",
    "levels": ["Tavoite"],
    "sections": [],
    "nodes": [{"level": "Tavoite", "title": "Osaava henkilöstö"}],
}

PROGRAMME = {
    "format": "seuranta-plan/1",
    "title": "Henkilöstöohjelma",
    "organization": "Testikaupunki",
    "levels": ["Tavoite"],
    "sections": [],
    "nodes": [
        {
            "level": "Tavoite",
            "title": "Koulutuspäivät lisääntyvät",
            "contributes_to": {"plan": "Kaupunkistrategia 2026–2029", "goal": "Osaava henkilöstö"},
        }
    ],
}


def text(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False)


def test_a_document_with_a_contribution_is_valid():
    assert validate_document(PROGRAMME) == []


def test_a_document_without_the_key_stays_valid():
    assert validate_document(STRATEGY) == []


def test_a_contribution_without_a_goal_is_named():
    bad = copy.deepcopy(PROGRAMME)
    del bad["nodes"][0]["contributes_to"]["goal"]
    assert [p.path for p in validate_document(bad)] == ["nodes[0].contributes_to.goal"]


def test_a_contribution_that_is_not_an_object_is_named():
    bad = copy.deepcopy(PROGRAMME)
    bad["nodes"][0]["contributes_to"] = "Osaava henkilöstö"
    assert [p.code for p in validate_document(bad)] == ["expected_object"]


@pytest.mark.django_db
def test_importing_links_the_node_to_the_named_goal():
    strategy = store_plan(load_plan(text(STRATEGY)))
    programme = store_plan(load_plan(text(PROGRAMME)))
    goal = Node.objects.get(plan=strategy)
    assert Node.objects.get(plan=programme).contributes_to == goal


@pytest.mark.django_db
def test_a_linked_contribution_exports_as_imported():
    store_plan(load_plan(text(STRATEGY)))
    programme = store_plan(load_plan(text(PROGRAMME)))
    assert json.loads(dump_plan(load_core_plan(programme)))["nodes"][0]["contributes_to"] == {
        "plan": "Kaupunkistrategia 2026–2029",
        "goal": "Osaava henkilöstö",
    }


@pytest.mark.django_db
def test_an_unknown_goal_is_kept_as_written_and_exported_unchanged():
    programme = store_plan(load_plan(text(PROGRAMME)))
    node = Node.objects.get(plan=programme)
    assert node.contributes_to is None
    exported = json.loads(dump_plan(load_core_plan(programme)))
    assert exported["nodes"][0]["contributes_to"] == PROGRAMME["nodes"][0]["contributes_to"]


@pytest.mark.django_db
def test_export_import_export_with_a_contribution_is_identical():
    store_plan(load_plan(text(STRATEGY)))
    first = dump_plan(load_core_plan(store_plan(load_plan(text(PROGRAMME)))))
    second = dump_plan(load_core_plan(store_plan(load_plan(first))))
    assert first == second


@pytest.mark.django_db
def test_an_old_document_exports_without_the_key():
    strategy = store_plan(load_plan(text(STRATEGY)))
    assert "contributes_to" not in json.loads(dump_plan(load_core_plan(strategy)))["nodes"][0]


@pytest.mark.django_db
def test_the_api_document_carries_the_contribution(client):
    from django.urls import reverse

    from seuranta.plans.models import Plan

    store_plan(load_plan(text(STRATEGY)), state=Plan.State.PUBLISHED)
    programme = store_plan(load_plan(text(PROGRAMME)), state=Plan.State.PUBLISHED)
    document = client.get(reverse("api:plan", args=[programme.pk])).json()
    assert document["nodes"][0]["contributes_to"] == PROGRAMME["nodes"][0]["contributes_to"]


@pytest.mark.django_db
def test_a_published_document_does_not_name_a_goal_of_a_draft_plan(client):
    from django.urls import reverse

    from seuranta.plans.models import Plan

    store_plan(load_plan(text(STRATEGY)), state=Plan.State.DRAFT)
    programme = store_plan(load_plan(text(PROGRAMME)), state=Plan.State.PUBLISHED)
    assert Node.objects.get(plan=programme).contributes_to_id is not None
    document = client.get(reverse("api:plan", args=[programme.pk])).json()
    assert "contributes_to" not in document["nodes"][0]
    assert "Osaava henkilöstö" not in json.dumps(document, ensure_ascii=False)
