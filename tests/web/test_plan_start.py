"""Starting plans in the browser: what each new page does and shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seuranta.plans.models import ChangeRecord, Measure, Node, Plan
from tests.factories import make_plan
from tests.organizations.conftest import log_in


def new_plan_data(personas, **fields):
    return {
        "title": "Henkilöstöohjelma 2027",
        "organization": str(personas.organization.pk),
        "kind": "programme",
        "period": "2027–2029",
        "level_preset": "strategic_aims",
        "own_levels": "",
        "supports": "",
        **fields,
    }


def test_home_offers_a_new_plan_to_coordinators(client, personas):
    response = log_in(client, personas, "coordinator").get(reverse("home"))
    assert reverse("plan_new").encode() in response.content


@pytest.mark.parametrize("role", ["anonymous", "viewer", "responsible"])
def test_home_offers_no_new_plan_to_others(client, personas, role):
    response = log_in(client, personas, role).get(reverse("home"))
    assert reverse("plan_new").encode() not in response.content


def test_a_new_plan_is_a_draft_with_the_chosen_levels_and_period(client, personas):
    log_in(client, personas, "coordinator").post(reverse("plan_new"), new_plan_data(personas))
    plan = Plan.objects.get(title="Henkilöstöohjelma 2027")
    assert (plan.state, plan.levels, plan.start_year, plan.end_year, plan.kind) == (
        Plan.State.DRAFT,
        ["Strateginen päämäärä", "Tavoite", "Toimenpide"],
        2027,
        2029,
        "programme",
    )
    assert ChangeRecord.objects.filter(plan=plan, action="created").exists()


def test_a_new_plan_takes_the_organisations_own_level_names(client, personas):
    data = new_plan_data(personas, level_preset="own", own_levels="Teema\nTavoite\n")
    log_in(client, personas, "coordinator").post(reverse("plan_new"), data)
    assert Plan.objects.get(title="Henkilöstöohjelma 2027").levels == ["Teema", "Tavoite"]


def test_own_level_names_left_empty_are_refused_in_finnish(client, personas):
    data = new_plan_data(personas, level_preset="own")
    response = log_in(client, personas, "coordinator").post(reverse("plan_new"), data)
    assert "Kirjoita vähintään yksi tason nimi" in response.content.decode()
    assert not Plan.objects.filter(title="Henkilöstöohjelma 2027").exists()


def test_the_supported_plan_is_shown_on_the_plan_page(client, personas):
    strategy = make_plan(1, title="Kaupunkistrategia")
    data = new_plan_data(personas, supports=str(strategy.pk))
    response = log_in(client, personas, "coordinator").post(reverse("plan_new"), data, follow=True)
    plan = Plan.objects.get(title="Henkilöstöohjelma 2027")
    assert plan.supports == strategy
    assert reverse("plan", args=[strategy.pk]).encode() in response.content


def test_a_new_empty_plan_offers_its_first_goal_at_the_top_level(client, personas):
    log_in(client, personas, "coordinator").post(reverse("plan_new"), new_plan_data(personas))
    plan = Plan.objects.get(title="Henkilöstöohjelma 2027")
    response = client.get(reverse("node_add", args=[plan.pk]))
    assert 'value="Strateginen päämäärä"' in response.content.decode()
    client.post(
        reverse("node_add", args=[plan.pk]), {"title": "Osaava henkilöstö", "level": "Strateginen päämäärä"}
    )
    assert Node.objects.get(plan=plan).title == "Osaava henkilöstö"


def test_the_copy_page_proposes_next_years_period(client, personas):
    plan = make_plan(1)
    response = log_in(client, personas, "coordinator").get(reverse("plan_copy", args=[plan.pk]))
    assert 'value="2027–2028"' in response.content.decode()


def test_the_copy_page_proposes_the_title_a_year_on(client, personas):
    plan = make_plan(1, title="Toimintasuunnitelma 2026")
    response = log_in(client, personas, "coordinator").get(reverse("plan_copy", args=[plan.pk]))
    assert 'value="Toimintasuunnitelma 2027"' in response.content.decode()


def test_a_title_without_a_year_gets_the_new_period(client, personas):
    plan = make_plan(1, title="Henkilöstöohjelma")
    response = log_in(client, personas, "coordinator").get(reverse("plan_copy", args=[plan.pk]))
    assert 'value="Henkilöstöohjelma 2027–2028"' in response.content.decode()


def test_the_goals_to_choose_are_indented_under_their_parents(client, personas):
    target, source = linked(personas)
    page = log_in(client, personas, "coordinator").get(reverse("node_contribution", args=[source.pk]))
    assert "\u00a0" * 4 + "Tavoite: Tavoite 1" in page.content.decode()


def test_viewers_see_neither_import_nor_rounds_in_the_navigation(client, personas):
    page = log_in(client, personas, "viewer").get(reverse("home")).content.decode()
    assert "Tuo suunnitelma" not in page and "Raportointikierrokset" not in page


def test_copying_on_the_page_leaves_reported_values_behind(client, personas):
    plan = make_plan(1)
    indicator = Node.objects.get(plan=plan, level="Toimenpide").indicators.get()
    Measure.objects.create(indicator=indicator, role=Measure.Role.ACTUAL, text="12", kind="value", value=12)
    log_in(client, personas, "coordinator").post(
        reverse("plan_copy", args=[plan.pk]), {"title": "Ensi vuosi", "period": "2027"}
    )
    copy = Plan.objects.get(title="Ensi vuosi")
    assert copy.state == Plan.State.DRAFT
    assert not Measure.objects.filter(indicator__node__plan=copy, role=Measure.Role.ACTUAL).exists()
    assert Measure.objects.filter(indicator__node__plan=copy, role=Measure.Role.TARGET).count() == 1


def test_the_draft_plan_page_shows_the_quality_check_to_editors(client, personas):
    plan = make_plan(1, state=Plan.State.DRAFT)
    response = log_in(client, personas, "coordinator").get(reverse("plan", args=[plan.pk]))
    goal = Node.objects.get(plan=plan, level="Tavoite")
    assert "Laadun tarkistus" in response.content.decode()
    # The goal has no indicator: the finding links to the goal's edit page.
    assert reverse("node_edit", args=[goal.pk]).encode() in response.content


def test_viewers_do_not_see_the_quality_check(client, personas):
    plan = make_plan(1, state=Plan.State.DRAFT)
    response = log_in(client, personas, "viewer").get(reverse("plan", args=[plan.pk]))
    assert "Laadun tarkistus" not in response.content.decode()


def test_the_publish_step_lists_findings_and_publishes(client, personas):
    plan = make_plan(1, state=Plan.State.DRAFT)
    log_in(client, personas, "coordinator")
    page = client.get(reverse("plan_publish", args=[plan.pk])).content.decode()
    assert "ei ole mittaria" in page
    client.post(reverse("plan_publish", args=[plan.pk]), {"version": str(plan.version)})
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.PUBLISHED


def test_publishing_with_an_old_version_publishes_nothing(client, personas):
    plan = make_plan(1, state=Plan.State.DRAFT)
    log_in(client, personas, "coordinator").post(
        reverse("plan_publish", args=[plan.pk]), {"version": str(plan.version - 1)}
    )
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.DRAFT


def linked(personas):
    strategy = make_plan(1, title="Kaupunkistrategia")
    programme = make_plan(1, title="Henkilöstöohjelma")
    target = Node.objects.get(plan=strategy, level="Tavoite")
    source = Node.objects.get(plan=programme, level="Tavoite")
    return target, source


def test_choosing_the_goal_links_the_node_and_records_it(client, personas):
    target, source = linked(personas)
    log_in(client, personas, "coordinator").post(
        reverse("node_contribution", args=[source.pk]),
        {"goal": str(target.pk), "version": str(source.version)},
    )
    assert Node.objects.get(pk=source.pk).contributes_to == target
    assert ChangeRecord.objects.filter(node=source, changes__has_key="contributes_to").exists()


def test_the_contributing_node_page_links_to_the_supported_goal(client, personas):
    target, source = linked(personas)
    Node.objects.filter(pk=source.pk).update(contributes_to=target)
    response = client.get(reverse("node", args=[source.pk]))
    assert reverse("node", args=[target.pk]).encode() in response.content


def test_the_supported_goal_lists_what_contributes_with_its_status(client, personas):
    target, source = linked(personas)
    Node.objects.filter(pk=source.pk).update(contributes_to=target)
    page = client.get(reverse("node", args=[target.pk])).content.decode()
    section = page.split('id="cascade-heading"')[1]
    assert reverse("node", args=[source.pk]) in section and "Henkilöstöohjelma" in section
    assert 'class="badge' in section


def test_a_contribution_from_a_draft_of_another_organisation_stays_hidden(client, personas):
    from seuranta.plans.models import Organization

    target, _source = linked(personas)
    hidden = make_plan(
        1, title="Salainen", state=Plan.State.DRAFT, organization=Organization.objects.get(name="Muukaupunki")
    )
    Node.objects.filter(plan=hidden, level="Tavoite").update(contributes_to=target)
    page = log_in(client, personas, "viewer").get(reverse("node", args=[target.pk])).content.decode()
    assert "Salainen" not in page


def test_the_settings_of_a_draft_point_to_the_quality_check(client, personas):
    plan = make_plan(1, state=Plan.State.DRAFT)
    page = log_in(client, personas, "coordinator").get(reverse("plan_settings", args=[plan.pk]))
    assert reverse("plan_publish", args=[plan.pk]) in page.content.decode()


def test_choosing_the_supported_plan_later_records_it(client, personas):
    strategy = make_plan(1, title="Kaupunkistrategia")
    plan = make_plan(1, title="Tuotu ohjelma")
    log_in(client, personas, "coordinator").post(
        reverse("plan_supports", args=[plan.pk]), {"supports": str(strategy.pk), "version": str(plan.version)}
    )
    assert Plan.objects.get(pk=plan.pk).supports == strategy
    assert ChangeRecord.objects.filter(plan=plan, changes__has_key="supports").exists()


def test_a_plan_cannot_support_a_plan_that_supports_it(client, personas):
    strategy = make_plan(1, title="Kaupunkistrategia")
    programme = make_plan(1, title="Ohjelma")
    Plan.objects.filter(pk=programme.pk).update(supports=strategy)
    response = log_in(client, personas, "coordinator").post(
        reverse("plan_supports", args=[strategy.pk]),
        {"supports": str(programme.pk), "version": str(strategy.version)},
    )
    assert "tukee jo tätä" in response.content.decode()
    assert Plan.objects.get(pk=strategy.pk).supports is None


def test_the_supported_plan_lists_the_plans_supporting_it(client, personas):
    strategy = make_plan(1, title="Kaupunkistrategia")
    programme = make_plan(1, title="Ohjelma")
    Plan.objects.filter(pk=programme.pk).update(supports=strategy)
    page = client.get(reverse("plan", args=[strategy.pk])).content.decode()
    assert "Tätä tukevat suunnitelmat" in page and reverse("plan", args=[programme.pk]) in page


def test_a_new_goal_page_offers_its_children_indicators_and_milestones(client, personas):
    plan = make_plan(1, state=Plan.State.DRAFT)
    goal = Node.objects.get(plan=plan, level="Tavoite")
    page = log_in(client, personas, "coordinator").get(reverse("node", args=[goal.pk])).content.decode()
    for name in ("node_add_child", "indicator_add", "milestone_add"):
        assert reverse(name, args=[goal.pk]) in page, name


def test_viewers_get_no_add_buttons_on_a_node_page(client, personas):
    plan = make_plan(1)
    goal = Node.objects.get(plan=plan, level="Tavoite")
    page = log_in(client, personas, "viewer").get(reverse("node", args=[goal.pk])).content.decode()
    assert reverse("indicator_add", args=[goal.pk]) not in page
