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
    assert json.loads(dump_plan(load_plan(json.dumps(document)))) == document


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
