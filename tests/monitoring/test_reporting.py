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
        text=text,
        phase=phase,
        verdict=verdict,
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


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("2026-Q1", "2026-Q1"),
        ("Q1/2026", "2026-Q1"),
        ("q1/2026", "2026-Q1"),
        ("T2/2026", "2026-T2"),
        ("Tertiaali 2/2026", "2026-T2"),
        ("9/2026", "2026-09"),
        ("2026-09", "2026-09"),
        ("2026", "2026"),
        ("syksy", None),
        ("13/2026", None),
    ],
)
def test_written_periods_are_normalised(written, period):
    assert normalise_period(written) == period


def _plan_actuals(entry):
    return Measure.objects.filter(indicator__node=entry.node, role=Measure.Role.ACTUAL)


def test_a_draft_stays_on_the_entry_and_out_of_the_plan(reporting):
    entry = reporting.mine
    saved = save_entry(
        entry,
        _values(entry, 12, 3.4, text="Luonnos", phase="done", verdict="partly"),
        user=reporting.personas.responsible,
        version=1,
        submit=False,
    )
    assert saved.state == RoundEntry.State.DRAFT
    assert EntryValues.from_draft(saved.draft) == _values(
        entry, 12, 3.4, text="Luonnos", phase="done", verdict="partly"
    )
    assert not _plan_actuals(entry).exists()
    assert not ProgressEntry.objects.filter(node=entry.node).exists()
    assert Node.objects.get(pk=entry.node_id).phase != "done"
    assert not ChangeRecord.objects.filter(node=entry.node).exists()


def test_submitting_stores_actuals_for_the_round_period(reporting):
    entry = reporting.mine
    save_entry(entry, _values(entry, 12, 3.4), user=reporting.personas.responsible, version=1, submit=True)
    actuals = _plan_actuals(entry).order_by("indicator_id")
    assert [(m.value, m.period, m.created_by) for m in actuals] == [
        (12.0, "2026-Q1", reporting.personas.responsible),
        (3.4, "2026-Q1", reporting.personas.responsible),
    ]
    assert actuals[0].period_end == date(2026, 3, 31)


def test_submitting_stores_the_progress_text_phase_and_verdict(reporting):
    entry = reporting.mine
    save_entry(
        entry,
        _values(entry, 1, text="Valmis.", phase="done", verdict="achieved"),
        user=reporting.personas.responsible,
        version=1,
        submit=True,
    )
    progress = ProgressEntry.objects.get(node=entry.node, period="2026-Q1")
    assert (progress.text, progress.phase, progress.verdict, progress.author) == (
        "Valmis.",
        "done",
        "achieved",
        reporting.personas.responsible,
    )
    assert Node.objects.get(pk=entry.node_id).phase == "done"


def test_submitting_a_draft_writes_it_into_the_plan_and_clears_it(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 12, 13, text="Eka"), user=user, version=1, submit=False)
    submitted = save_entry(entry, _values(entry, 14, 15, text="Toka"), user=user, version=2, submit=True)
    assert submitted.draft is None
    assert sorted(m.value for m in _plan_actuals(entry)) == [14.0, 15.0]
    assert list(
        ProgressEntry.objects.filter(node=entry.node, period="2026-Q1").values_list("text", flat=True)
    ) == ["Toka"]


def test_submitting_again_updates_instead_of_duplicating(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 12, 13, text="Eka"), user=user, version=1, submit=True)
    save_entry(entry, _values(entry, 14, 15, text="Toka"), user=user, version=2, submit=True)
    assert sorted(m.value for m in _plan_actuals(entry)) == [14.0, 15.0]
    assert list(
        ProgressEntry.objects.filter(node=entry.node, period="2026-Q1").values_list("text", flat=True)
    ) == ["Toka"]


def test_a_draft_over_a_submitted_report_keeps_the_submitted_values_in_the_plan(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 12, text="Lähetetty"), user=user, version=1, submit=True)
    saved = save_entry(entry, _values(entry, 99, text="Muutos"), user=user, version=2, submit=False)
    assert saved.state == RoundEntry.State.SUBMITTED and saved.draft["text"] == "Muutos"
    assert [m.value for m in _plan_actuals(entry)] == [12.0]
    assert ProgressEntry.objects.get(node=entry.node, period="2026-Q1").text == "Lähetetty"


def test_submitting_marks_the_entry_submitted(reporting):
    entry = save_entry(
        reporting.mine,
        _values(reporting.mine, 1),
        user=reporting.personas.responsible,
        version=1,
        submit=True,
    )
    assert entry.state == RoundEntry.State.SUBMITTED and entry.submitted_at is not None


def test_clearing_a_value_removes_the_rounds_actual(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 1, 2), user=user, version=1, submit=True)
    save_entry(entry, _values(entry, 1), user=user, version=2, submit=True)
    assert _plan_actuals(entry).count() == 1


def test_changes_are_recorded_on_submit(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 1), user=user, version=1, submit=True)
    save_entry(entry, _values(entry, 2), user=user, version=2, submit=True)
    assert ChangeRecord.objects.filter(
        node=entry.node, object_type="measure", action="created", user=user
    ).exists()
    assert ChangeRecord.objects.filter(
        node=entry.node, object_type="measure", action="changed", user=user
    ).exists()


def test_a_stale_version_is_refused_and_writes_nothing(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 1, text="Ensimmäinen"), user=user, version=1, submit=False)
    with pytest.raises(EntryConflict):
        save_entry(
            entry,
            _values(entry, 99, text="Toinen"),
            user=reporting.personas.coordinator,
            version=1,
            submit=True,
        )
    entry.refresh_from_db()
    assert entry.draft["text"] == "Ensimmäinen" and entry.state == RoundEntry.State.DRAFT
    assert not ProgressEntry.objects.filter(node=entry.node).exists()
    assert not Measure.objects.filter(indicator__node=entry.node, value=99).exists()


def test_returning_an_entry_sets_the_note_and_state(reporting):
    assert return_entry(reporting.mine, "Lisää luku", user=reporting.personas.coordinator)
    entry = RoundEntry.objects.get(pk=reporting.mine.pk)
    assert (entry.state, entry.return_note, entry.version) == (RoundEntry.State.RETURNED, "Lisää luku", 2)


def test_returning_keeps_the_submitted_values_until_submitted_again(reporting):
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 12, text="Lähetetty"), user=user, version=1, submit=True)
    return_entry(entry, "Korjaa luku", user=reporting.personas.coordinator)
    saved = save_entry(entry, _values(entry, 13, text="Korjattu"), user=user, version=3, submit=False)
    assert saved.state == RoundEntry.State.RETURNED and saved.return_note == "Korjaa luku"
    assert [m.value for m in _plan_actuals(entry)] == [12.0]
    submitted = save_entry(entry, _values(entry, 13, text="Korjattu"), user=user, version=4, submit=True)
    assert (submitted.state, submitted.return_note, submitted.draft) == (RoundEntry.State.SUBMITTED, "", None)
    assert [m.value for m in _plan_actuals(entry)] == [13.0]
    assert ProgressEntry.objects.get(node=entry.node, period="2026-Q1").text == "Korjattu"


def test_closing_locks_the_entries(reporting):
    assert close_round(reporting.round, user=reporting.personas.coordinator, on=date(2026, 4, 20))
    with pytest.raises(EntryLocked):
        save_entry(
            reporting.mine,
            _values(reporting.mine, 5),
            user=reporting.personas.responsible,
            version=1,
            submit=True,
        )
    assert not Measure.objects.filter(indicator__node=reporting.mine.node, role=Measure.Role.ACTUAL).exists()


def test_closing_twice_does_nothing_the_second_time(reporting):
    assert close_round(reporting.round, user=reporting.personas.coordinator)
    assert not close_round(reporting.round, user=reporting.personas.coordinator)


def test_the_snapshot_holds_values_texts_and_statuses(reporting):
    entry = reporting.mine
    save_entry(
        entry,
        _values(entry, 20, 20, text="Tavoite saavutettu"),
        user=reporting.personas.responsible,
        version=1,
        submit=True,
    )
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
    save_entry(
        entry, _values(entry, 20, text="Ennen"), user=reporting.personas.responsible, version=1, submit=True
    )
    close_round(reporting.round, user=reporting.personas.coordinator)
    before = ReportingRound.objects.get(pk=reporting.round.pk).snapshot
    ProgressEntry.objects.filter(node=entry.node).update(text="Jälkeen")
    Measure.objects.filter(indicator__node=entry.node, role=Measure.Role.ACTUAL).update(value=1, text="1")
    assert ReportingRound.objects.get(pk=reporting.round.pk).snapshot == before


def test_the_snapshot_leaves_drafts_out_and_names_the_unsubmitted_entries(reporting):
    user = reporting.personas.responsible
    save_entry(
        reporting.mine, _values(reporting.mine, 20, text="Lähetetty"), user=user, version=1, submit=True
    )
    save_entry(
        reporting.also_mine,
        _values(reporting.also_mine, 7, text="Keskeneräinen"),
        user=user,
        version=1,
        submit=False,
    )
    close_round(reporting.round, user=reporting.personas.coordinator, on=date(2026, 4, 20))
    snapshot = ReportingRound.objects.get(pk=reporting.round.pk).snapshot
    rows = {r["entry_id"]: r for r in snapshot["entries"]}
    draft_row = rows[reporting.also_mine.pk]
    assert draft_row["text"] == "" and [i["value"] for i in draft_row["indicators"]] == [None, None]
    assert (draft_row["submitted"], draft_row["draft_left_out"]) == (False, True)
    assert rows[reporting.mine.pk]["submitted"] is True
    assert sorted(snapshot["unsubmitted"]) == sorted([reporting.also_mine.pk, reporting.not_mine.pk])
    assert "Keskeneräinen" not in str(snapshot)


def test_drafts_written_into_the_plan_before_drafts_were_private_are_moved_onto_their_entries(reporting):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("seuranta.monitoring.migrations.0003_move_unsubmitted_drafts_out_of_the_plan")
    entry, user = reporting.mine, reporting.personas.responsible
    save_entry(entry, _values(entry, 12, text="Vanha luonnos"), user=user, version=1, submit=True)
    RoundEntry.objects.filter(pk=entry.pk).update(
        state=RoundEntry.State.DRAFT, submitted_at=None
    )  # as before
    imported = Measure.objects.create(
        indicator=Indicator.objects.filter(node=entry.node).last(),
        role="actual",
        text="5",
        value=5,
        period="2026-Q1",
    )
    migration.move_drafts(apps, None)
    entry.refresh_from_db()
    assert entry.draft["text"] == "Vanha luonnos" and list(entry.draft["values"].values())[0]["value"] == 12
    assert list(_plan_actuals(entry)) == [imported]
    assert not ProgressEntry.objects.filter(node=entry.node).exists()
