"""Content in several languages on the pages: editing side by side, the quality check and publishing,
the public and staff pages and the report in Swedish with the Finnish fallback marked."""

import pytest
from django.conf import settings
from django.urls import reverse

from seuranta.plans.models import Indicator, Milestone, Node, Plan
from tests.factories import make_plan
from tests.web.helpers import ROLES, client_for

pytestmark = pytest.mark.django_db

DENIED = {"anonymous": 302, "outsider": 403, "viewer": 403, "responsible": 403}


def bilingual_plan(personas, **kwargs) -> Plan:
    plan = make_plan(1, organization=personas.organization, **kwargs)
    plan.required_languages = ["sv"]
    plan.save()
    return plan


def action(plan) -> Node:
    return Node.objects.get(plan=plan, level="Toimenpide")


def node_post(node: Node, **changes) -> dict:
    data = {
        "title": node.title,
        "level": node.level,
        "description": node.description or "",
        "unit_name": node.unit_name or "",
        "responsible": "\n".join(node.responsible),
        "schedule": node.schedule or "",
        "phase": node.phase,
        "version": node.version,
    }
    return data | changes


def swedish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    return client


@pytest.mark.parametrize("role", ROLES)
def test_the_node_editor_shows_each_language_of_the_plan_to_editors_only(client, personas, role):
    node = action(bilingual_plan(personas))
    response = client_for(client, personas, role).get(reverse("node_edit", args=[node.pk]))
    assert response.status_code == DENIED.get(role, 200)
    if response.status_code == 200:
        page = response.content.decode()
        assert 'name="title" ' in page and 'name="title__sv"' in page
        assert 'lang="sv"' in page and 'lang="fi"' in page
        assert "Title (Swedish)" in page or "Otsikko (ruotsi)" in page


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_save_a_translation_of_a_node(client, personas, role):
    node = action(bilingual_plan(personas))
    url = reverse("node_edit", args=[node.pk])
    client_for(client, personas, role).post(url, node_post(node, title__sv="Åtgärd 1", description__sv=""))
    node.refresh_from_db()
    expected = {"sv": {"title": "Åtgärd 1"}} if role in ("coordinator", "admin") else {}
    assert node.translations == expected


def test_saving_a_translation_keeps_the_other_languages_and_is_in_the_history(client, personas):
    node = action(bilingual_plan(personas))
    Node.objects.filter(pk=node.pk).update(translations={"en": {"title": "Action 1"}})
    node.refresh_from_db()
    client.force_login(personas.coordinator)
    client.post(reverse("node_edit", args=[node.pk]), node_post(node, title__sv="Åtgärd 1"))
    node.refresh_from_db()
    assert node.translations == {"en": {"title": "Action 1"}, "sv": {"title": "Åtgärd 1"}}
    assert node.title == "Toimenpide 1"
    history = client.get(reverse("node", args=[node.pk])).content.decode()
    assert "Åtgärd 1" in history


def test_a_translation_saved_meanwhile_is_a_conflict_and_nothing_is_lost(client, personas):
    node = action(bilingual_plan(personas))
    stale = node_post(node, title__sv="Min översättning")
    client.force_login(personas.coordinator)
    client.post(reverse("node_edit", args=[node.pk]), node_post(node, title__sv="Den andras"))
    response = client.post(reverse("node_edit", args=[node.pk]), stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Min översättning" in page and "Den andras" in page
    node.refresh_from_db()
    assert node.translations == {"sv": {"title": "Den andras"}}


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_save_an_indicators_translation(client, personas, role):
    indicator = Indicator.objects.get(node=action(bilingual_plan(personas)))
    url = reverse("indicator_edit", args=[indicator.pk])
    data = {
        "name": indicator.name,
        "baseline": "10 (2025)",
        "targets": "20 (2027)",
        "version": indicator.version,
    }
    client_for(client, personas, role).post(url, data | {"name__sv": "Mätare 1", "description__sv": ""})
    indicator.refresh_from_db()
    assert indicator.translations == (
        {"sv": {"name": "Mätare 1"}} if role in ("coordinator", "admin") else {}
    )


def test_a_milestone_and_the_plan_settings_save_their_translations(client, personas):
    plan = bilingual_plan(personas)
    milestone = Milestone.objects.get(node__plan=plan)
    client.force_login(personas.coordinator)
    client.post(
        reverse("milestone_edit", args=[milestone.pk]),
        {
            "title": milestone.title,
            "due": milestone.due,
            "title__sv": "Delmål 1",
            "version": milestone.version,
        },
    )
    milestone.refresh_from_db()
    assert milestone.translations == {"sv": {"title": "Delmål 1"}}
    data = {
        "title": plan.title,
        "state": plan.state,
        "levels": "\n".join(plan.levels),
        "levels__sv": "Fokusområde\nMål\nÅtgärd",
        "title__sv": "Testplan",
        "primary_language": "fi",
        "required_languages": ["sv", "en"],
        "version": plan.version,
    }
    client.post(reverse("plan_settings", args=[plan.pk]), data)
    plan.refresh_from_db()
    assert plan.translations == {"sv": {"title": "Testplan", "level_names": ["Fokusområde", "Mål", "Åtgärd"]}}
    assert plan.required_languages == ["sv", "en"]


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_and_admins_set_the_plan_languages(client, personas, role):
    plan = make_plan(1, organization=personas.organization)
    data = {
        "title": plan.title,
        "state": plan.state,
        "levels": "\n".join(plan.levels),
        "primary_language": "sv",
        "required_languages": ["fi"],
        "version": plan.version,
    }
    client_for(client, personas, role).post(reverse("plan_settings", args=[plan.pk]), data)
    plan.refresh_from_db()
    changed = role in ("coordinator", "admin")
    assert (plan.primary_language, plan.required_languages) == (("sv", ["fi"]) if changed else ("fi", []))


def test_the_publish_step_lists_missing_translations_and_asks_before_publishing_without(client, personas):
    plan = bilingual_plan(personas, state=Plan.State.DRAFT)
    client.force_login(personas.coordinator)
    url = reverse("plan_publish", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Toimenpide 1" in page and "ruotsinkielinen teksti puuttuu" in page
    client.post(url, {"version": plan.version})
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT
    client.post(url, {"version": plan.version, "without_translations": "1"})
    plan.refresh_from_db()
    assert plan.state == Plan.State.PUBLISHED


def test_a_plan_with_every_required_translation_has_no_translation_finding(client, personas):
    plan = bilingual_plan(personas, state=Plan.State.DRAFT)
    plan.translations = {"sv": {"title": "Plan", "level_names": ["F", "M", "Å"]}}
    plan.save()
    for node in Node.objects.filter(plan=plan):
        Node.objects.filter(pk=node.pk).update(translations={"sv": {"title": f"sv {node.title}"}})
    Indicator.objects.filter(node__plan=plan).update(translations={"sv": {"name": "Mätare"}})
    Milestone.objects.filter(node__plan=plan).update(translations={"sv": {"title": "Delmål"}})
    client.force_login(personas.coordinator)
    page = client.get(reverse("plan_publish", args=[plan.pk])).content.decode()
    assert "teksti puuttuu" not in page


def _translated_action(personas) -> tuple[Plan, Node]:
    plan = bilingual_plan(personas)
    node = action(plan)
    Node.objects.filter(pk=node.pk).update(translations={"sv": {"title": "Åtgärd på svenska"}})
    Indicator.objects.filter(node=node).update(translations={"sv": {"name": "Mätare på svenska"}})
    return plan, node


def test_the_public_node_page_in_swedish_shows_swedish_and_marks_the_finnish_fallback(client, personas):
    plan, node = _translated_action(personas)
    url = reverse("public:node", args=[personas.organization.slug, node.pk])
    page = swedish(client).get(url).content.decode()
    assert "<h1>Åtgärd på svenska</h1>" in page
    assert "Mätare på svenska" in page
    goal = node.parent
    assert f'<span lang="fi">{goal.title}</span>' in page
    assert "på finska" in page


def test_the_public_node_page_in_finnish_shows_the_finnish_texts_unmarked(client, personas):
    _plan, node = _translated_action(personas)
    page = client.get(reverse("public:node", args=[personas.organization.slug, node.pk])).content.decode()
    assert "<h1>Toimenpide 1</h1>" in page and 'lang="fi">' not in page.split("<main", 1)[1]


def test_the_public_tree_in_swedish_marks_each_finnish_title(client, personas):
    plan, _node = _translated_action(personas)
    page = (
        swedish(client)
        .get(reverse("public:tree", args=[personas.organization.slug, plan.pk]))
        .content.decode()
    )
    assert "Åtgärd på svenska" in page
    assert '<span lang="fi">Tavoite 1</span>' in page


def test_the_staff_node_page_in_swedish_shows_swedish(client, personas):
    _plan, node = _translated_action(personas)
    client.force_login(personas.viewer)
    page = swedish(client).get(reverse("node", args=[node.pk])).content.decode()
    assert "<h1>Åtgärd på svenska</h1>" in page and "Mätare på svenska" in page


def test_the_council_report_in_swedish_uses_the_swedish_texts(client, personas):
    plan, _node = _translated_action(personas)
    url = reverse("reports:plan_report", args=[plan.pk]) + "?lang=sv&variant=council"
    page = client.get(url).content.decode()
    assert "Åtgärd på svenska" in page and "Mätare på svenska" in page
    assert "Tavoite 1" in page  # no Swedish text: the Finnish one


def test_the_public_tree_finds_a_node_by_its_swedish_title(client, personas):
    plan, node = _translated_action(personas)
    url = reverse("public:tree", args=[personas.organization.slug, plan.pk]) + "?q=svenska"
    page = swedish(client).get(url).content.decode()
    assert "Åtgärd på svenska" in page and "tree-item--match" in page


def test_the_swedish_report_marks_a_finnish_fallback_with_its_language(client, personas):
    plan, _node = _translated_action(personas)
    url = reverse("reports:plan_report", args=[plan.pk]) + "?lang=sv&variant=council&format=html"
    page = client.get(url).content.decode()
    assert '<span lang="fi">Tavoite 1</span>' in page
    assert '<span lang="fi">Åtgärd på svenska</span>' not in page


def test_a_plan_not_written_in_swedish_says_so_once_and_sets_each_texts_language(client, personas):
    plan = make_plan(1, organization=personas.organization)
    page = (
        swedish(client)
        .get(reverse("public:tree", args=[personas.organization.slug, plan.pk]))
        .content.decode()
    )
    assert "Planen är skriven på finska." in page
    assert '<span lang="fi">Tavoite 1</span>' in page and "(på finska)" not in page


def test_shortened_titles_in_the_breadcrumbs_follow_the_same_marking(client, personas):
    plan = make_plan(1, organization=personas.organization)
    node = action(plan)
    page = (
        swedish(client)
        .get(reverse("public:node", args=[personas.organization.slug, node.pk]))
        .content.decode()
    )
    assert '<span lang="fi">Tavoite 1</span></a>' in page and "(på finska)" not in page
