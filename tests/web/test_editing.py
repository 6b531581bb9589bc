import pytest
from django.urls import reverse

from seuranta.plans.models import ChangeRecord, Indicator, Measure, Milestone, Node, Plan
from tests.factories import make_plan
from tests.web.helpers import EDITORS, ROLES, client_for


def action(plan) -> Node:
    return Node.objects.filter(plan=plan, level="Toimenpide").order_by("order").first()


def node_data(node: Node, **changes) -> dict:
    data = {
        "title": node.title,
        "level": node.level,
        "description": node.description or "",
        "org_unit": node.org_unit_id or "",
        "unit_name": node.unit_name or "",
        "responsible": "\n".join(node.responsible),
        "schedule": node.schedule or "",
        "phase": node.phase,
        "version": node.version,
    }
    data.update(changes)
    return data


def edit_urls(plan):
    node = action(plan)
    indicator = node.indicators.first()
    milestone = node.milestones.first()
    return {
        "node_edit": reverse("node_edit", args=[node.pk]),
        "node_add_child": reverse("node_add_child", args=[node.pk]),
        "node_add": reverse("node_add", args=[plan.pk]),
        "node_delete": reverse("node_delete", args=[node.pk]),
        "indicator_add": reverse("indicator_add", args=[node.pk]),
        "indicator_edit": reverse("indicator_edit", args=[indicator.pk]),
        "milestone_add": reverse("milestone_add", args=[node.pk]),
        "milestone_edit": reverse("milestone_edit", args=[milestone.pk]),
        "plan_settings": reverse("plan_settings", args=[plan.pk]),
    }


EDIT_PAGES = [
    "node_edit",
    "node_add_child",
    "node_add",
    "node_delete",
    "indicator_add",
    "indicator_edit",
    "milestone_add",
    "milestone_edit",
    "plan_settings",
]


@pytest.mark.parametrize("page", EDIT_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_edit_pages_open_only_for_coordinators_and_admins(client, personas, role, page):
    plan = make_plan(2)
    response = client_for(client, personas, role).get(edit_urls(plan)[page])
    expected = {"anonymous": 302, "outsider": 403, "viewer": 403, "responsible": 403}.get(role, 200)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_edit_pages_of_a_draft_are_missing_for_non_members(client, personas, role):
    plan = make_plan(2, state=Plan.State.DRAFT)
    response = client_for(client, personas, role).get(edit_urls(plan)["node_edit"])
    expected = {"anonymous": 404, "outsider": 404, "viewer": 403, "responsible": 403}.get(role, 200)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_can_save_a_node(client, personas, role):
    plan = make_plan(1)
    node = action(plan)
    client_for(client, personas, role).post(
        reverse("node_edit", args=[node.pk]), node_data(node, title="Muutettu")
    )
    node.refresh_from_db()
    assert (node.title == "Muutettu") == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_can_remove_an_indicator(client, personas, role):
    plan = make_plan(1)
    indicator = action(plan).indicators.first()
    client_for(client, personas, role).post(reverse("indicator_delete", args=[indicator.pk]))
    assert Indicator.objects.filter(pk=indicator.pk).exists() == (role not in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_can_remove_a_milestone(client, personas, role):
    plan = make_plan(1)
    milestone = action(plan).milestones.first()
    client_for(client, personas, role).post(reverse("milestone_delete", args=[milestone.pk]))
    assert Milestone.objects.filter(pk=milestone.pk).exists() == (role not in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_can_reorder_items(client, personas, role):
    plan = make_plan(2)
    second = Node.objects.get(plan=plan, title="Toimenpide 2")
    client_for(client, personas, role).post(reverse("node_move", args=[second.pk]), {"direction": "up"})
    second.refresh_from_db()
    assert (second.order == 0) == (role in EDITORS)


def test_saving_a_node_records_who_changed_what(client, personas):
    node = action(make_plan(1))
    client.force_login(personas.coordinator)
    client.post(reverse("node_edit", args=[node.pk]), node_data(node, title="Uusi", schedule="kevät 2027"))
    change = ChangeRecord.objects.get(node=node, action="changed")
    assert change.user == personas.coordinator
    assert change.changes["title"] == ["Toimenpide 1", "Uusi"]
    assert change.changes["schedule"] == ["2026", "kevät 2027"]


def test_saving_a_node_moves_its_version_on(client, personas):
    node = action(make_plan(1))
    client.force_login(personas.admin)
    client.post(reverse("node_edit", args=[node.pk]), node_data(node, title="Uusi"))
    node.refresh_from_db()
    assert node.version == 2


def test_second_saver_keeps_their_input_and_sees_the_current_values(client, personas):
    node = action(make_plan(1))
    stale = node_data(node, title="Toisen otsikko")
    client.force_login(personas.admin)
    client.post(reverse("node_edit", args=[node.pk]), node_data(node, title="Ensimmäisen otsikko"))
    client.force_login(personas.coordinator)
    response = client.post(reverse("node_edit", args=[node.pk]), stale)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Toisen otsikko" in content  # their input, kept in the form
    assert 'class="current-value"' in content and "Ensimmäisen otsikko" in content  # the other person's
    node.refresh_from_db()
    assert node.title == "Ensimmäisen otsikko"


def test_second_saver_can_save_again_after_seeing_the_conflict(client, personas):
    node = action(make_plan(1))
    stale = node_data(node, title="Toisen otsikko")
    client.force_login(personas.admin)
    client.post(reverse("node_edit", args=[node.pk]), node_data(node, title="Ensimmäisen otsikko"))
    client.force_login(personas.coordinator)
    response = client.post(reverse("node_edit", args=[node.pk]), stale)
    resubmit = {**stale, "version": response.context["version"]}
    assert client.post(reverse("node_edit", args=[node.pk]), resubmit).status_code == 302
    node.refresh_from_db()
    assert node.title == "Toisen otsikko"


def test_conflicting_indicator_save_changes_nothing(client, personas):
    indicator = action(make_plan(1)).indicators.first()
    data = {
        "name": "A",
        "unit": "kpl",
        "baseline": "10 (2025)",
        "targets": "20 vuonna 2027",
        "version": indicator.version,
    }
    client.force_login(personas.admin)
    client.post(reverse("indicator_edit", args=[indicator.pk]), data)
    response = client.post(reverse("indicator_edit", args=[indicator.pk]), {**data, "name": "B"})
    assert response.status_code == 200 and 'class="current-value"' in response.content.decode()
    assert Indicator.objects.get(pk=indicator.pk).name == "A"


def test_conflicting_milestone_save_changes_nothing(client, personas):
    milestone = action(make_plan(1)).milestones.first()
    client.force_login(personas.admin)
    token = client.get(reverse("milestone_edit", args=[milestone.pk])).context["version"]
    client.post(reverse("milestone_edit", args=[milestone.pk]), {"title": "A", "due": "", "version": token})
    response = client.post(reverse("milestone_edit", args=[milestone.pk]), {"title": "B", "version": token})
    assert response.status_code == 200 and 'class="current-value"' in response.content.decode()
    assert Milestone.objects.get(pk=milestone.pk).title == "A"


def test_half_filled_node_form_keeps_the_input(client, personas):
    node = action(make_plan(1))
    client.force_login(personas.admin)
    response = client.post(
        reverse("node_edit", args=[node.pk]), node_data(node, title="", description="Kirjoitettu kuvaus")
    )
    assert response.status_code == 200
    assert "Kirjoitettu kuvaus" in response.content.decode()
    assert response.context["form"].errors["title"]


def test_wrong_number_format_in_plan_settings_is_refused_with_the_input_kept(client, personas):
    plan = make_plan(1)
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("plan_settings", args=[plan.pk]),
        {
            "title": "Uusi nimi",
            "state": "published",
            "tolerance": "kymmenen",
            "version": plan.version,
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["tolerance"]
    assert "Uusi nimi" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).title == "Testisuunnitelma"


def test_plan_settings_read_finnish_decimal_commas(client, personas):
    plan = make_plan(1)
    client.force_login(personas.coordinator)
    client.post(
        reverse("plan_settings", args=[plan.pk]),
        {
            "title": "T",
            "state": "draft",
            "tolerance": "0,15",
            "levels": "Tavoite\nToimenpide",
            "state_scale": "Ei\nKyllä",
            "version": plan.version,
        },
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    plan.refresh_from_db()
    assert (plan.tolerance, plan.state, plan.levels, plan.state_scale) == (
        0.15,
        "draft",
        ["Tavoite", "Toimenpide"],
        ["Ei", "Kyllä"],
    )


def test_indicator_targets_are_parsed_and_stored_as_measures(client, personas):
    node = action(make_plan(1))
    client.force_login(personas.coordinator)
    client.post(
        reverse("indicator_add", args=[node.pk]),
        {
            "name": "Sairauspoissaolot",
            "unit": "pv",
            "baseline": "8 860 pv (2024)",
            "targets": "enintään 8 000 pv vuonna 2026",
            "version": 0,
        },
    )
    indicator = Indicator.objects.get(name="Sairauspoissaolot")
    target = indicator.measures.get(role=Measure.Role.TARGET)
    baseline = indicator.measures.get(role=Measure.Role.BASELINE)
    assert (target.kind, target.value, target.period) == ("max", 8000, "2026")
    assert baseline.value == 8860


def test_indicator_form_shows_how_the_levels_were_understood(client, personas):
    indicator = action(make_plan(1)).indicators.first()
    client.force_login(personas.coordinator)
    content = client.get(reverse("indicator_edit", args=[indicator.pk])).content.decode()
    assert 'id="measure-preview"' in content and "2027" in content


def test_measure_preview_parses_as_the_person_types(client, personas):
    client.force_login(personas.coordinator)
    content = client.get(reverse("measure_preview"), {"targets": "vähintään 3 vuonna 2026"}).content.decode()
    assert "2026" in content and "3" in content


def test_adding_a_child_records_the_change(client, personas):
    node = action(make_plan(1))
    client.force_login(personas.coordinator)
    client.post(reverse("node_add_child", args=[node.pk]), {"title": "Alatoimenpide", "level": "Tehtävä"})
    child = Node.objects.get(title="Alatoimenpide")
    assert child.parent == node
    assert ChangeRecord.objects.filter(node=child, action="created").exists()


def test_moving_an_item_up_swaps_it_with_the_one_before(client, personas):
    plan = make_plan(3)
    third = Node.objects.get(plan=plan, title="Toimenpide 3")
    client.force_login(personas.coordinator)
    client.post(reverse("node_move", args=[third.pk]), {"direction": "up"})
    titles = list(
        Node.objects.filter(plan=plan, parent=third.parent).order_by("order").values_list("title", flat=True)
    )
    assert titles == ["Toimenpide 1", "Toimenpide 3", "Toimenpide 2"]


def test_removing_an_item_removes_it_and_records_the_change(client, personas):
    node = action(make_plan(2))
    client.force_login(personas.admin)
    client.post(reverse("node_delete", args=[node.pk]))
    assert not Node.objects.filter(pk=node.pk).exists()
    assert ChangeRecord.objects.filter(action="deleted", object_type="node", object_id=node.pk).exists()


def test_milestone_can_be_marked_done(client, personas):
    milestone = action(make_plan(1)).milestones.first()
    client.force_login(personas.coordinator)
    token = client.get(reverse("milestone_edit", args=[milestone.pk])).context["version"]
    client.post(
        reverse("milestone_edit", args=[milestone.pk]),
        {"title": milestone.title, "due": milestone.due, "done": "on", "version": token},
    )
    assert Milestone.objects.get(pk=milestone.pk).done is True


def test_archived_plan_content_cannot_be_edited(client, personas):
    plan = make_plan(1, state=Plan.State.ARCHIVED)
    client.force_login(personas.coordinator)
    assert client.get(reverse("node_edit", args=[action(plan).pk])).status_code == 403


def test_archived_plan_settings_can_still_be_changed_to_bring_it_back(client, personas):
    plan = make_plan(1, state=Plan.State.ARCHIVED)
    client.force_login(personas.coordinator)
    assert client.get(reverse("plan_settings", args=[plan.pk])).status_code == 200
    response = client.post(
        reverse("plan_settings", args=[plan.pk]),
        {
            "title": plan.title,
            "state": "draft",  # published again on the publish page (tests/web/test_settings_do_not_publish.py)
            "levels": "\n".join(plan.levels),
            "version": plan.version,
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT
    assert client.get(reverse("node_edit", args=[action(plan).pk])).status_code == 200


def test_conflicting_plan_settings_save_shows_the_stored_title_and_changes_nothing(client, personas):
    plan = make_plan(1)
    data = {"title": "Ensimmäinen", "state": "published", "levels": "\n".join(plan.levels), "version": 1}
    client.force_login(personas.coordinator)
    client.post(reverse("plan_settings", args=[plan.pk]), data)
    response = client.post(reverse("plan_settings", args=[plan.pk]), {**data, "title": "Toinen"})
    assert response.status_code == 200 and response.context["conflicts"] == {"title": "Ensimmäinen"}
    assert Plan.objects.get(pk=plan.pk).title == "Ensimmäinen"


def test_a_milestone_form_loaded_before_another_save_is_a_conflict(client, personas):
    milestone = action(make_plan(1)).milestones.first()
    client.force_login(personas.admin)
    version = client.get(reverse("milestone_edit", args=[milestone.pk])).context["version"]
    Milestone.objects.filter(pk=milestone.pk).update(title="Ylläpidon otsikko", version=version + 1)
    response = client.post(reverse("milestone_edit", args=[milestone.pk]), {"title": "B", "version": version})
    assert response.context["conflicts"]["title"] == "Ylläpidon otsikko"
    assert Milestone.objects.get(pk=milestone.pk).title == "Ylläpidon otsikko"


def test_saving_a_node_deleted_meanwhile_is_not_found(client, personas, monkeypatch):
    from seuranta.web import views_edit

    node = action(make_plan(1))
    client.force_login(personas.admin)
    people = views_edit.responsible_people

    def deleted_after_loading(plan, loaded):  # the page has loaded the node; someone deletes it now
        found = people(plan, loaded)
        Node.objects.filter(pk=loaded.pk).delete()
        return found

    monkeypatch.setattr(views_edit, "responsible_people", deleted_after_loading)
    response = client.post(reverse("node_edit", args=[node.pk]), node_data(node, title="Uusi"))
    assert response.status_code == 404
