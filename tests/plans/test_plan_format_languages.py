"""seuranta-plan/1 carries a plan's languages: `primary_language`, `required_languages` and each
object's `translations` (docs/plan-format.md, "Languages"); documents without them stay valid."""

from __future__ import annotations

import copy
import json

import pytest

from seuranta.core.interchange import dump_plan, load_plan, validate_document
from tests.conftest import GOLD_DIR


def bilingual() -> dict:
    return {
        "format": "seuranta-plan/1",
        "title": "Hyvinvointiohjelma",
        "organization": "Kaksikielinen kaupunki",
        "levels": ["Painopiste", "Tavoite"],
        "primary_language": "fi",
        "required_languages": ["sv"],
        "translations": {"sv": {"title": "Välfärdsprogram", "level_names": ["Fokusområde", "Mål"]}},
        "sections": [],
        "nodes": [
            {
                "level": "Painopiste",
                "title": "Lapset",
                "translations": {"sv": {"title": "Barn", "description": None}},
                "children": [
                    {
                        "level": "Tavoite",
                        "title": "Harrastus kaikille",
                        "description": "Jokaisella lapsella on harrastus.",
                        "translations": {
                            "sv": {"title": "En hobby för alla", "description": "Varje barn har en hobby."},
                            "en": {"title": "A hobby for everyone"},
                        },
                        "indicators": [
                            {
                                "name": "Harrastavien osuus",
                                "targets": [{"text": "75 %", "kind": "value", "value": 75}],
                                "translations": {"sv": {"name": "Andelen som har en hobby"}},
                            }
                        ],
                        "milestones": [
                            {
                                "title": "Kysely tehty",
                                "due": "2026",
                                "translations": {"sv": {"title": "Enkät gjord"}},
                            }
                        ],
                        "progress": [
                            {
                                "period": "2026",
                                "text": "Edistyy",
                                "translations": {"sv": {"text": "Framskrider"}},
                            }
                        ],
                    }
                ],
            }
        ],
    }


@pytest.mark.parametrize("path", sorted(GOLD_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_a_document_without_languages_stays_valid(path):
    assert validate_document(json.loads(path.read_text(encoding="utf-8"))) == []


def test_a_bilingual_document_is_valid_and_converts_losslessly():
    document = bilingual()
    assert validate_document(document) == []
    exported = json.loads(dump_plan(load_plan(json.dumps(document))))
    for key in ("primary_language", "required_languages", "translations"):
        assert exported[key] == document[key]
    goal, original = exported["nodes"][0]["children"][0], document["nodes"][0]["children"][0]
    assert goal["translations"] == original["translations"]
    assert goal["indicators"][0]["translations"] == original["indicators"][0]["translations"]
    assert goal["milestones"][0]["translations"] == original["milestones"][0]["translations"]
    assert goal["progress"][0]["translations"] == original["progress"][0]["translations"]
    assert (
        dump_plan(load_plan(json.dumps(exported)))
        == json.dumps(exported, ensure_ascii=False, indent=2) + "\n"
    )


@pytest.mark.django_db
def test_a_round_trip_through_the_database_keeps_every_language():
    from seuranta.plans.storage import load_core_plan, store_plan

    first = dump_plan(load_plan(json.dumps(bilingual())))
    stored = store_plan(load_plan(first))
    assert stored.primary_language == "fi" and stored.required_languages == ["sv"]
    second = dump_plan(load_core_plan(stored))
    # Finnish, the default primary language, is left unstated on export; everything else is the same.
    assert json.loads(second) == {k: v for k, v in json.loads(first).items() if k != "primary_language"}
    assert dump_plan(load_core_plan(store_plan(load_plan(second)))) == second


@pytest.mark.django_db
def test_a_swedish_primary_language_is_exported():
    from seuranta.plans.storage import load_core_plan, store_plan

    document = bilingual() | {"primary_language": "sv", "required_languages": ["fi"]}
    document["translations"] = {"fi": {"title": "Hyvinvointiohjelma"}}
    exported = load_core_plan(store_plan(load_plan(json.dumps(document)))).to_dict()
    assert exported["primary_language"] == "sv" and exported["required_languages"] == ["fi"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(GOLD_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_an_old_document_imports_and_exports_without_language_keys(path):
    from seuranta.plans.storage import load_core_plan, store_plan

    stored = store_plan(load_plan(path.read_text(encoding="utf-8")))
    assert stored.primary_language == "fi" and stored.translations == {}
    exported = load_core_plan(stored).to_dict()
    assert not {"primary_language", "required_languages", "translations"} & set(exported)
    assert all("translations" not in node.to_dict() for node, _ in load_core_plan(stored).walk())


def test_translations_are_not_kept_as_unknown_keys():
    plan = load_plan(json.dumps(bilingual()))
    goal = plan.nodes[0].children[0]
    assert goal.translations["sv"]["title"] == "En hobby för alla"
    assert goal.indicators[0].translations == {"sv": {"name": "Andelen som har en hobby"}}
    assert "translations" not in goal.extra and "translations" not in plan.extra


def _broken(path: list, value) -> dict:
    document = copy.deepcopy(bilingual())
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


GOAL = ["nodes", 0, "children", 0]
MALFORMED = {
    "unknown_primary_language": (
        ["primary_language"],
        "de",
        'primary_language: "de" is not a language a plan can be written in (fi, sv, en)',
    ),
    "required_not_a_list": (["required_languages"], "sv", "required_languages: expected a list"),
    "unknown_required_language": (
        ["required_languages"],
        ["sv", "ru"],
        'required_languages[1]: "ru" is not a language a plan can be written in (fi, sv, en)',
    ),
    "translations_not_an_object": (
        [*GOAL, "translations"],
        ["sv"],
        "nodes[0].children[0].translations: expected an object",
    ),
    "unknown_translation_language": (
        [*GOAL, "translations"],
        {"se": {"title": "x"}},
        'nodes[0].children[0].translations.se: "se" is not a language a plan can be written in (fi, sv, en)',
    ),
    "texts_not_an_object": (
        [*GOAL, "translations"],
        {"sv": "En hobby"},
        "nodes[0].children[0].translations.sv: expected an object",
    ),
    "title_a_number": (
        [*GOAL, "translations"],
        {"sv": {"title": 7}},
        "nodes[0].children[0].translations.sv.title: expected a string or null",
    ),
    "indicator_name_a_list": (
        [*GOAL, "indicators", 0, "translations"],
        {"sv": {"name": ["a"]}},
        "nodes[0].children[0].indicators[0].translations.sv.name: expected a string or null",
    ),
    "milestone_title_a_number": (
        [*GOAL, "milestones", 0, "translations"],
        {"sv": {"title": 1}},
        "nodes[0].children[0].milestones[0].translations.sv.title: expected a string or null",
    ),
    "progress_text_a_boolean": (
        [*GOAL, "progress", 0, "translations"],
        {"sv": {"text": True}},
        "nodes[0].children[0].progress[0].translations.sv.text: expected a string or null",
    ),
    "level_names_not_strings": (
        ["translations"],
        {"sv": {"level_names": ["Mål", 2]}},
        "translations.sv.level_names[1]: expected a string",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_language_field_is_named(case):
    path, value, expected = MALFORMED[case]
    assert expected in [p.message("en") for p in validate_document(_broken(path, value))]


def test_null_translations_are_the_same_as_none():
    document = _broken([*GOAL, "translations"], None)
    assert validate_document(document) == []
    assert load_plan(json.dumps(document)).nodes[0].children[0].translations == {}
