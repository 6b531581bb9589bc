"""The change history in people's words: labels, phases, lists and dates in the page's language."""

import pytest
from django.urls import reverse

from seuranta.plans.models import ChangeRecord, Node
from tests.factories import make_plan


def record(plan, node, changes, user=None, object_type="node"):
    return ChangeRecord.objects.create(
        plan=plan,
        node=node,
        object_type=object_type,
        object_id=node.pk,
        action="changed",
        changes=changes,
        user=user,
    )


def node_page(client, node, language="fi") -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("node", args=[node.pk])).content.decode()


@pytest.fixture
def action(db):
    plan = make_plan(1)
    return Node.objects.get(plan=plan, level="Toimenpide")


def test_a_phase_is_shown_by_its_name_not_its_key(client, action):
    record(action.plan, action, {"phase": ["", "in_progress"]})
    page = node_page(client, action)
    assert "<strong>Vaihe</strong>: – → käynnissä" in page
    assert "in_progress" not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "<strong>Tavoitetasot</strong>: 4,5 → vähintään 4,6 vuonna 2026; 4,8 vuonna 2028"),
        ("sv", "4,5 → vähintään 4,6 vuonna 2026; 4,8 vuonna 2028"),
        ("en", "<strong>Targets</strong>: 4,5 → vähintään 4,6 vuonna 2026; 4,8 vuonna 2028"),
    ],
)
def test_targets_are_shown_as_lines_joined_not_as_a_python_list(client, action, language, expected):
    record(
        action.plan,
        action,
        {"targets": [["4,5"], ["vähintään 4,6 vuonna 2026", "4,8 vuonna 2028"]]},
        object_type="indicator",
    )
    page = node_page(client, action, language)
    assert expected in page and "['4,5']" not in page


@pytest.mark.parametrize(("language", "day"), [("fi", "1. maaliskuuta 2026"), ("sv", "1 mars 2026")])
def test_a_recorded_date_is_written_in_the_languages_own_format(client, action, language, day):
    record(action.plan, action, {"schedule_end": [None, "2026-03-01"]})
    assert day in node_page(client, action, language)


def test_a_recorded_yes_or_no_is_a_word(client, action):
    record(action.plan, action, {"done": [False, True]}, object_type="milestone")
    assert "<strong>Valmis</strong>: Ei → Kyllä" in node_page(client, action)


def test_anonymous_visitors_do_not_see_staff_names_by_default(client, action, personas):
    record(action.plan, action, {"title": ["a", "b"]}, user=personas.coordinator)
    page = node_page(client, action)
    assert "coordinator" not in page and "Henkilöstö" in page


def test_anonymous_visitors_see_staff_names_when_the_plan_allows_it(client, action, personas):
    from seuranta.public.models import PlanPublicity

    PlanPublicity.objects.create(plan=action.plan, show_people=True)
    record(action.plan, action, {"title": ["a", "b"]}, user=personas.coordinator)
    assert "coordinator" in node_page(client, action)


def test_signed_in_members_always_see_who_made_a_change(client, action, personas):
    record(action.plan, action, {"title": ["a", "b"]}, user=personas.coordinator)
    client.force_login(personas.viewer)
    assert "coordinator" in node_page(client, action)


def test_a_reported_value_in_the_history_names_its_indicator_and_sub_series(client, action):
    from seuranta.plans.models import Measure

    indicator = action.indicators.first()
    value = Measure.objects.create(
        indicator=indicator, role="actual", text="19,5", kind="value", value=19.5, label="yläaste"
    )
    ChangeRecord.objects.create(
        plan=action.plan,
        node=action,
        object_type="measure",
        object_id=value.pk,
        action="created",
        changes={"text": [None, "19,5"]},
    )
    page = node_page(client, action)
    assert f" · {indicator.name} – yläaste</td>" in page
