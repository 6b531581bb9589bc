"""Content in several languages: the reading rule, and translations kept through storage."""

import pytest
from django.utils import translation

from seuranta.core import model as core
from seuranta.core.translations import languages_of, level_name, localized, missing
from seuranta.plans.models import Indicator, Milestone, Node, Plan, ProgressEntry
from seuranta.plans.storage import load_core_plan, store_plan
from seuranta.plans.translations import plan_note, shown, with_texts
from tests.factories import core_plan

SV_NODE = {"title": "Tavoite", "translations": {"sv": {"title": "Mål"}}}


def test_a_translated_field_is_read_in_the_asked_language():
    assert localized(SV_NODE, "title", "sv", "fi") == ("Mål", "sv")


def test_a_missing_translation_falls_back_to_the_primary_language_and_says_so():
    assert localized(SV_NODE, "title", "en", "fi") == ("Tavoite", "fi")


def test_an_empty_translation_counts_as_missing():
    node = {"title": "Tavoite", "translations": {"sv": {"title": "  "}}}
    assert localized(node, "title", "sv", "fi") == ("Tavoite", "fi")


def test_the_primary_language_reads_the_plain_field_even_when_a_translation_says_otherwise():
    node = {"title": "Mål", "translations": {"fi": {"title": "Tavoite"}}}
    assert localized(node, "title", "sv", "sv") == ("Mål", "sv")


def test_objects_are_read_like_their_dicts():
    node = core.Node(level="Tavoite", title="Tavoite", translations={"sv": {"title": "Mål"}})
    assert localized(node, "title", "sv", "fi") == ("Mål", "sv")


def test_level_names_are_translated_by_their_place_in_the_plan_levels():
    plan = core.Plan(levels=["Painopiste", "Tavoite"], translations={"sv": {"level_names": ["Fokus", ""]}})
    assert level_name(plan, "Painopiste", "sv") == ("Fokus", "sv")
    assert level_name(plan, "Tavoite", "sv") == ("Tavoite", "fi")


def test_the_plan_languages_are_the_primary_then_the_required_ones():
    assert languages_of({"primary_language": "sv", "required_languages": ["en", "fi", "sv"]}) == [
        "sv",
        "fi",
        "en",
    ]
    assert languages_of({}) == ["fi"]


def test_missing_lists_only_texts_the_primary_language_has():
    node = {"title": "Tavoite", "description": "", "translations": {}}
    assert missing(node, ["title", "description"], ["fi", "sv"], "fi") == [("sv", "title")]


def test_with_texts_replaces_one_language_and_drops_empty_texts():
    before = {"sv": {"title": "Mål", "description": "Text"}, "en": {"title": "Goal"}}
    after = with_texts(before, "sv", {"title": "Nytt mål", "description": ""})
    assert after == {"sv": {"title": "Nytt mål"}, "en": {"title": "Goal"}}


def test_a_fallback_is_shown_with_its_language_and_a_marker():
    plan = {"primary_language": "fi", "required_languages": ["sv"]}
    node = {"title": "Tavoite", "translations": {}}
    with translation.override("sv"):
        value = shown(node, "title", plan, "sv")
        html = value.__html__()
    assert value.fallback
    assert '<span lang="fi">Tavoite</span>' in html
    assert "på finska" in html


def test_a_plan_not_written_in_the_page_language_sets_the_language_without_a_marker_on_each_text():
    plan = {"primary_language": "fi"}
    with translation.override("sv"):
        html = shown({"title": "Tavoite"}, "title", plan, "sv").__html__()
        note = plan_note(plan, "sv")
    assert html == '<span lang="fi">Tavoite</span>'
    assert note == "Planen är skriven på finska."
    assert plan_note({"primary_language": "fi", "required_languages": ["sv"]}, "sv") == ""


def test_a_text_in_the_page_language_is_shown_plain():
    value = shown(SV_NODE, "title", {"primary_language": "fi"}, "sv")
    assert value.__html__() == "Mål"


def _translated_plan() -> core.Plan:
    plan = core_plan(1)
    plan.primary_language = "fi"
    plan.required_languages = ["sv"]
    plan.translations = {"sv": {"title": "Testplan", "level_names": ["Fokusområde", "Mål", "Åtgärd"]}}
    area = plan.nodes[0]
    area.translations = {"sv": {"title": "Fokusområde 1"}}
    action = area.children[0].children[0]
    action.indicators[0].translations = {"sv": {"name": "Mätare"}}
    action.milestones[0].translations = {"en": {"title": "Milestone"}}
    action.progress = [
        core.Progress(text="Edistyy", period="2026", translations={"sv": {"text": "Framskrider"}})
    ]
    return plan


@pytest.mark.django_db
def test_translations_are_stored_in_the_rows_and_read_back():
    stored = store_plan(_translated_plan())
    assert (stored.primary_language, stored.required_languages) == ("fi", ["sv"])
    assert Node.objects.get(plan=stored, parent=None).translations == {"sv": {"title": "Fokusområde 1"}}
    assert Indicator.objects.get(node__plan=stored).translations == {"sv": {"name": "Mätare"}}
    assert Milestone.objects.get(node__plan=stored).translations == {"en": {"title": "Milestone"}}
    assert ProgressEntry.objects.get(node__plan=stored).translations == {"sv": {"text": "Framskrider"}}
    loaded = load_core_plan(Plan.objects.get(pk=stored.pk))
    expected = _translated_plan().to_dict()
    del expected["primary_language"]  # Finnish, the default, is left unstated
    assert loaded.to_dict() == expected


@pytest.mark.django_db
def test_a_plan_without_translations_exports_no_translation_keys():
    doc = load_core_plan(store_plan(core_plan(1))).to_dict()
    assert "translations" not in doc and "primary_language" not in doc and "required_languages" not in doc
    assert "translations" not in doc["nodes"][0]


def test_the_document_keys_round_trip_through_the_core_model():
    doc = _translated_plan().to_dict()
    assert core.Plan.from_dict(doc).to_dict() == doc


@pytest.mark.django_db
def test_next_years_copy_keeps_the_languages_and_translations():
    from seuranta.plans.copying import copy_plan

    stored = store_plan(_translated_plan())
    copy = copy_plan(stored, title="Seuraava", period="2028")
    assert (copy.primary_language, copy.required_languages) == ("fi", ["sv"])
    assert copy.translations == {"sv": {"level_names": ["Fokusområde", "Mål", "Åtgärd"]}}  # not the old title
    assert Node.objects.get(plan=copy, parent=None).translations == {"sv": {"title": "Fokusområde 1"}}
    assert Indicator.objects.get(node__plan=copy).translations == {"sv": {"name": "Mätare"}}
