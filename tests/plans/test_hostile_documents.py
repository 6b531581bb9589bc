"""Hostile seuranta-plan/1 documents: over-long fields, non-finite and huge numbers, deep nesting.

Each is refused with a sentence naming what is wrong, before anything is written,
on SQLite and PostgreSQL alike.
"""

import json

import pytest
from django.apps import apps

from seuranta.core.interchange import FIELD_LIMITS, MAX_DEPTH, InvalidDocument, load_plan, validate_document
from seuranta.plans.models import Plan
from seuranta.plans.storage import store_plan

# Each limited field of the interchange format and the model fields that store it.
STORED_AS = {
    "plan.organization": [("plans.Organization", "name")],
    "plan.period": [("plans.Plan", "period")],
    "plan.kind": [("plans.Plan", "kind")],
    "node.level": [("plans.Node", "level")],
    "node.unit": [("plans.Node", "unit_name"), ("plans.OrganizationUnit", "name")],
    "node.schedule": [("plans.Node", "schedule")],
    "indicator.unit": [("plans.Indicator", "unit")],
    "indicator.source": [("plans.Indicator", "source")],
    "measure.text": [("plans.Measure", "text")],
    "measure.period": [("plans.Measure", "period")],
    "measure.label": [("plans.Measure", "label")],
    "milestone.due": [("plans.Milestone", "due")],
    "progress.period": [("plans.ProgressEntry", "period")],
}


def document(**node_fields) -> dict:
    node = {"level": "Tavoite", "title": "Tavoite", **node_fields}
    return {"format": "seuranta-plan/1", "title": "T", "levels": ["Tavoite"], "nodes": [node]}


def test_field_limits_are_the_models_max_lengths():
    assert set(STORED_AS) == set(FIELD_LIMITS)
    for field, columns in STORED_AS.items():
        for model, name in columns:
            assert apps.get_model(model)._meta.get_field(name).max_length == FIELD_LIMITS[field], (
                field,
                model,
            )


def test_every_char_column_a_plan_document_fills_has_a_limit():
    covered = {(model, name) for columns in STORED_AS.values() for model, name in columns}
    ignored = {
        ("plans.Node", "phase"),
        ("plans.ProgressEntry", "phase"),
        ("plans.ProgressEntry", "verdict"),
        ("plans.Measure", "kind"),
        ("plans.Measure", "role"),
        ("plans.Plan", "state"),
        ("plans.OrganizationUnit", "kind"),
        ("plans.Plan", "primary_language"),  # stored through core.translations.primary_of: fi/sv/en
    }  # choices the validator checks, or set by Seuranta
    for model in ("Plan", "Node", "Indicator", "Measure", "Milestone", "ProgressEntry"):
        for field in apps.get_model("plans", model)._meta.get_fields():
            if getattr(field, "max_length", None) and field.get_internal_type() == "CharField":
                assert (f"plans.{model}", field.name) in covered | ignored, field


def test_an_over_long_field_is_named_with_its_limit_in_finnish():
    doc = document(indicators=[{"name": "M", "unit": "x" * 51}])
    problems = validate_document(doc)
    assert [p.message("fi") for p in problems] == [
        "Mittarin yksikkö on liian pitkä (enintään 50 merkkiä): nodes[0].indicators[0].unit"
    ]
    assert problems[0].message("sv").startswith("Indikatorns enhet är för lång (högst 50 tecken)")


@pytest.mark.django_db
def test_an_over_long_field_is_refused_before_anything_is_written():
    doc = document(unit="y" * 201)
    with pytest.raises(InvalidDocument) as caught:
        store_plan(load_plan(json.dumps(doc), limits={}))  # the reader let it through; the store does not
    assert "nodes[0].unit" in caught.value.messages("fi")[0]
    assert not Plan.objects.exists()


def test_infinity_and_nan_are_refused_at_decoding():
    for constant in ("Infinity", "-Infinity", "NaN", "1e999"):
        text = '{"format": "seuranta-plan/1", "nodes": [], "tolerance": ' + constant + "}"
        with pytest.raises(InvalidDocument) as caught:
            load_plan(text)
        assert "NaN ja Infinity" in caught.value.messages("fi")[0]


def test_a_non_finite_value_given_as_data_is_refused():
    doc = document(indicators=[{"name": "M", "targets": [{"text": "x", "value": float("inf")}]}])
    assert [p.code for p in validate_document(doc)] == ["not_finite"]


def test_deep_nesting_is_refused_with_a_sentence():
    with pytest.raises(InvalidDocument) as caught:
        load_plan("[" * 100_000 + "]" * 100_000)
    assert caught.value.problems[0].code == "too_deep"
    assert str(MAX_DEPTH) in caught.value.messages("fi")[0]


def test_brackets_inside_strings_do_not_count_as_nesting():
    doc = document(description="[" * 1000)
    assert load_plan(json.dumps(doc)).nodes[0].description == "[" * 1000


def test_deep_node_trees_are_refused_by_the_validator():
    node = {"level": "Tavoite", "title": "x"}
    doc = {"format": "seuranta-plan/1", "nodes": [node]}
    for _ in range(25):
        child = {"level": "Tavoite", "title": "x"}
        node["children"] = [child]
        node = child
    assert "too_deep" in [p.code for p in validate_document(doc)]


def test_a_huge_number_is_refused_with_a_sentence():
    with pytest.raises(InvalidDocument) as caught:
        load_plan('{"format": "seuranta-plan/1", "nodes": [], "tolerance": ' + "9" * 100_000 + "}")
    assert caught.value.problems[0].code == "number_too_long"
    assert "numeroa" in caught.value.messages("fi")[0]
