from datetime import date

import pytest

from seuranta.monitoring.forms import normalise_period
from seuranta.monitoring.models import ReportingRound, RoundEntry, reportable_node_ids
from seuranta.monitoring.reporting import (
    EntryConflict,
    EntryLocked,
    EntryValues,
    close_round,
    return_entry,
    save_entry,
)
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Node, ProgressEntry
from tests.factories import make_plan
from tests.monitoring.conftest import actions_of, open_test_round


def _values(entry, *numbers, text="Edistyy hyvin.", phase="in_progress", verdict=""):
    indicators = list(Indicator.objects.filter(node=entry.node).order_by("order", "id"))
    return EntryValues(
        values={i.pk: (str(n), "value", float(n)) for i, n in zip(indicators, numbers, strict=False)},
        text=text, phase=phase, verdict=verdict,
    )


def test_a_round_has_one_entry_per_action_with_responsible_users(reporting):
    assert {e.node_id for e in reporting.round.entries.all()} == {a.pk for a in reporting.actions}


@pytest.mark.django_db
def test_actions_without_responsible_users_get_no_entry(personas):
    plan = make_plan(3, organization=personas.organization)
    actions = actions_of(plan)
    actions[1].responsible_users.add(personas.responsible)
    reporting_round = open_test_round(plan, personas.coordinator)
    assert [e.node_id for e in reporting_round.entries.all()] == [actions[1].pk]


@pytest.mark.django_db
def test_a_goal_with_indicators_is_reportable_too(personas):
    plan = make_plan(1, organization=personas.organization)
    goal = Node.objects.get(plan=plan, title="Tavoite 1")
    Indicator.objects.create(node=goal, name="Tavoitteen mittari")
    goal.responsible_users.add(personas.responsible)
    assert goal.pk in reportable_node_ids(plan)


@pytest.mark.django_db
def test_a_round_over_a_subtree_covers_only_its_descendants(personas):
    plan = make_plan(2, organization=personas.organization)
    extra_goal = Node.objects.create(plan=plan, parent=None, order=5, level="Tavoite", title="Toinen")
    outside = Node.objects.create(plan=plan, parent=extra_goal, level="Toimenpide", title="Ulkopuolella")
    for node in [*actions_of(plan)]:
        node.responsible_users.add(personas.responsible)
    goal = Node.objects.get(plan=plan, title="Tavoite 1")
    reporting_round = open_test_round(plan, personas.coordinator, root=goal)
    node_ids = {e.node_id for e in reporting_round.entries.all()}
    assert outside.pk not in node_ids
    assert node_ids == {n.pk for n in actions_of(plan) if n.parent_id == goal.pk}


def test_the_round_period_is_normalised_to_dates(reporting):
    assert (reporting.round.period_start, reporting.round.period_end) == (date(2026, 1, 1), date(2026, 3, 31))


@pytest.mark.parametrize(("written", "period"), [
    ("2026-Q1", "2026-Q1"), ("Q1/2026", "2026-Q1"), ("q1/2026", "2026-Q1"), ("T2/2026", "2026-T2"),
    ("Tertiaali 2/2026", "2026-T2"), ("9/2026", "2026-09"), ("2026-09", "2026-09"), ("2026", "2026"),
    ("syksy", None), ("13/2026", None),
])
def test_written_periods_are_normalised(written, period):
    assert normalise_period(written) == period


def test_saving_stores_actuals_for_the_round_period(reporting):
    entry = reporting.mine
    save_entry(entry, _values(entry, 12, 3.4), user=reporting.personas.responsible, version=1, submit=False)
    actuals = Measure.objects.filter(indicator__node=entry.node, role=Measure.Role.ACTUAL).order_by("indicator_id")
    assert [(m.value, m.period, m.created_by) for m in actuals] == [
        (12.0, "2026-Q1", reporting.personas.responsible), (3.4, "2026-Q1", reporting.personas.responsible)]
    assert actuals[0].period_end == date(2026, 3, 31)


def test_saving_stores_the_progress_text_phase_and_verdict(reporting):
    entry = reporting.mine
    save_entry(entry, _values(entry, 1, text="Valmis.", phase="done", verdict="achieved"),
               user=reporting.personas.responsible, version=1, submit=False)
    progress = ProgressEntry.objects.get(node=entry.node, period="2026-Q1")
    assert (progress.text, progress.phase, progress.verdict, progress.author) == (
        "Valmis.", "done", "achieved", reporting.personas.responsible)
    assert Node.objects.get(pk=entry.node_id).phase == "done"


def test_saving_again_updates_instead_of_duplicating(reporting):
    entry = reporting.mine
    user = reporting.personas.responsible
    save_entry(entry, _values(entry, 12, 13, text="Eka"), user=user, version=1, submit=False)
    save_entry(entry, _values(entry, 14, 15, text="Toka"), user=user, version=2, submit=True)
    actuals = Measure.objects.filter(indicator__node=entry.node, role=Measure.Role.ACTUAL)
    assert sorted(m.value for m in actuals) == [14.0, 15.0]
    assert list(ProgressEntry.objects.filter(node=entry.node, period="2026-Q1").values_list("text", flat=True)) == [
        "Toka"]


def test_submitting_marks_the_entry_submitted(reporting):
    entry = save_entry(reporting.mine, _values(reporting.mine, 1), user=reporting.personas.responsible, version=1,
                       submit=True)
    assert entry.state == RoundEntry.State.SUBMITTED and entry.submitted_at is not None


def test_clearing_a_value_removes_the_rounds_actual(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 1, 2), user=user, version=1, submit=False)
    save_entry(entry, _values(entry, 1), user=user, version=2, submit=False)
    assert Measure.objects.filter(indicator__node=entry.node, role=Measure.Role.ACTUAL).count() == 1


def test_changes_are_recorded(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 1), user=user, version=1, submit=False)
    save_entry(entry, _values(entry, 2), user=user, version=2, submit=False)
    assert ChangeRecord.objects.filter(node=entry.node, object_type="measure", action="changed", user=user).exists()


def test_a_stale_version_is_refused_and_writes_nothing(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 1, text="Ensimmäinen"), user=user, version=1, submit=False)
    with pytest.raises(EntryConflict):
        save_entry(entry, _values(entry, 99, text="Toinen"), user=reporting.personas.coordinator, version=1,
                   submit=False)
    assert ProgressEntry.objects.get(node=entry.node, period="2026-Q1").text == "Ensimmäinen"
    assert not Measure.objects.filter(indicator__node=entry.node, value=99).exists()


def test_returning_an_entry_sets_the_note_and_state(reporting):
    assert return_entry(reporting.mine, "Lisää luku", user=reporting.personas.coordinator)
    entry = RoundEntry.objects.get(pk=reporting.mine.pk)
    assert (entry.state, entry.return_note, entry.version) == (RoundEntry.State.RETURNED, "Lisää luku", 2)


def test_closing_locks_the_entries(reporting):
    assert close_round(reporting.round, user=reporting.personas.coordinator, on=date(2026, 4, 20))
    with pytest.raises(EntryLocked):
        save_entry(reporting.mine, _values(reporting.mine, 5), user=reporting.personas.responsible, version=1,
                   submit=True)
    assert not Measure.objects.filter(indicator__node=reporting.mine.node, role=Measure.Role.ACTUAL).exists()


def test_closing_twice_does_nothing_the_second_time(reporting):
    assert close_round(reporting.round, user=reporting.personas.coordinator)
    assert not close_round(reporting.round, user=reporting.personas.coordinator)


def test_the_snapshot_holds_values_texts_and_statuses(reporting):
    entry = reporting.mine
    save_entry(entry, _values(entry, 20, 20, text="Tavoite saavutettu"), user=reporting.personas.responsible,
               version=1, submit=True)
    close_round(reporting.round, user=reporting.personas.coordinator, on=date(2026, 4, 20))
    snapshot = ReportingRound.objects.get(pk=reporting.round.pk).snapshot
    row = next(r for r in snapshot["entries"] if r["node_id"] == entry.node_id)
    assert row["text"] == "Tavoite saavutettu" and row["state"] == "submitted"
    assert [i["value"] for i in row["indicators"]] == [20, 20]
    assert all(i["status"] and i["reason"] for i in row["indicators"])
    assert row["status"] and row["reason"]
    assert (snapshot["submitted"], snapshot["total"]) == (1, 3)


def test_later_edits_do_not_change_the_snapshot(reporting):
    entry = reporting.mine
    save_entry(entry, _values(entry, 20, text="Ennen"), user=reporting.personas.responsible, version=1, submit=True)
    close_round(reporting.round, user=reporting.personas.coordinator)
    before = ReportingRound.objects.get(pk=reporting.round.pk).snapshot
    ProgressEntry.objects.filter(node=entry.node).update(text="Jälkeen")
    Measure.objects.filter(indicator__node=entry.node, role=Measure.Role.ACTUAL).update(value=1, text="1")
    assert ReportingRound.objects.get(pk=reporting.round.pk).snapshot == before
