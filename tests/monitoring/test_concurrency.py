"""Reporting writes racing each other on real, separate database connections.

Each test runs its race 20 times (a loop, not a retry) and checks every
outcome: either order of the racing writes is fine, an inconsistent mix of
the two never is. Threads start together at a barrier, each on its own
connection, which it closes at the end so the test database drops cleanly.
SQLite serialises writers, so these races only exist (and run) on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.reporting import (
    EntryConflict,
    EntryLocked,
    EntryValues,
    add_new_entries,
    close_round,
    return_entry,
    save_entry,
)
from seuranta.plans.models import Indicator, Measure, ProgressEntry
from tests.factories import PASSWORD, make_member, make_plan
from tests.monitoring.conftest import actions_of, open_test_round

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers; these races need PostgreSQL's concurrent connections",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
]

TIMES = 20


def race(*actions: Callable[[], object]) -> list:
    """Run the actions at once, each in a thread with its own connection; each one's result or exception."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(i: int, action: Callable[[], object]) -> None:
        try:
            connection.ensure_connection()  # connect first, so that the race is between the writes
            barrier.wait(timeout=30)
            results[i] = action()
        except Exception as exc:  # the outcome under test, checked by the caller
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, action)) for i, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a racing write hung"
    return results


@pytest.fixture
def plan(personas):
    plan = make_plan(2, indicators_per_action=1, organization=personas.organization)
    for action in actions_of(plan):
        action.responsible_users.add(personas.responsible)
    return SimpleNamespace(
        plan=plan, personas=personas, responsible=personas.responsible, coordinator=personas.coordinator
    )


def fresh_entry(s, i: int) -> RoundEntry:
    """A new round (its own period, so plan values do not mix between iterations) and its first entry."""
    reporting_round = open_test_round(s.plan, s.coordinator, period=f"{2030 + i // 12}-{i % 12 + 1:02d}")
    return (
        RoundEntry.objects.select_related("round__plan", "node")
        .filter(round=reporting_round)
        .order_by("order")
        .first()
    )


def report(entry: RoundEntry, number: int) -> EntryValues:
    indicator = Indicator.objects.filter(node=entry.node).order_by("order", "id").first()
    return EntryValues(
        values={indicator.pk: (str(number), "value", float(number))},
        text=f"Raportti {number}",
        phase="in_progress",
    )


def submit(entry: RoundEntry, data: EntryValues, user, version: int) -> Callable[[], RoundEntry]:
    entry = RoundEntry.objects.select_related("round__plan", "node").get(pk=entry.pk)  # each its own copy
    return lambda: save_entry(entry, data, user=user, version=version, submit=True)


def closing(reporting_round: ReportingRound, user) -> Callable[[], bool]:
    reporting_round = ReportingRound.objects.get(pk=reporting_round.pk)  # each closer its own copy
    return lambda: close_round(reporting_round, user=user)


def actuals(entry: RoundEntry) -> list[str]:
    return list(
        Measure.objects.filter(
            indicator__node=entry.node_id, role=Measure.Role.ACTUAL, period=entry.round.period
        ).values_list("text", flat=True)
    )


def snapshot_row(reporting_round: ReportingRound, entry: RoundEntry) -> dict:
    reporting_round.refresh_from_db()
    return next(row for row in reporting_round.snapshot["entries"] if row["entry_id"] == entry.pk)


def test_of_submissions_from_the_same_version_exactly_one_is_accepted(plan):
    for i in range(TIMES):
        entry = fresh_entry(plan, i)
        numbers = [100 + k for k in range(4)]
        results = race(*(submit(entry, report(entry, n), plan.responsible, version=1) for n in numbers))
        accepted = [n for n, result in zip(numbers, results, strict=True) if isinstance(result, RoundEntry)]
        assert len(accepted) == 1, (i, results)
        assert sum(isinstance(result, EntryConflict) for result in results) == len(numbers) - 1, (i, results)
        stored = RoundEntry.objects.get(pk=entry.pk)
        assert (stored.state, stored.version) == (RoundEntry.State.SUBMITTED, 2), i
        assert actuals(entry) == [str(accepted[0])], i
        assert list(
            ProgressEntry.objects.filter(node=entry.node_id, period=entry.round.period).values_list(
                "text", flat=True
            )
        ) == [f"Raportti {accepted[0]}"], i


def test_a_submission_racing_the_close_is_either_in_the_snapshot_or_refused(plan):
    for i in range(TIMES):
        entry = fresh_entry(plan, i)
        reporting_round = entry.round
        submitted, closed = race(
            submit(entry, report(entry, 7), plan.responsible, version=1),
            closing(reporting_round, plan.coordinator),
        )
        assert closed is True, (i, closed)
        row = snapshot_row(reporting_round, entry)
        if isinstance(submitted, RoundEntry):  # the submission came first: the snapshot holds it
            assert row["submitted"] and row["state"] == RoundEntry.State.SUBMITTED, (i, row)
            assert [ind["value_text"] for ind in row["indicators"]] == ["7"] and row[
                "text"
            ] == "Raportti 7", i
            assert entry.pk not in reporting_round.snapshot["unsubmitted"], i
        else:  # the close came first: the submission was refused and changed nothing
            assert isinstance(submitted, EntryLocked), (i, submitted)
            assert not row["submitted"] and entry.pk in reporting_round.snapshot["unsubmitted"], (i, row)
            assert RoundEntry.objects.get(pk=entry.pk).state == RoundEntry.State.NOT_STARTED, i
            assert actuals(entry) == [], i


def test_a_return_racing_a_corrected_submission_never_loses_the_return(plan):
    for i in range(TIMES):
        entry = fresh_entry(plan, i)
        save_entry(entry, report(entry, 1), user=plan.responsible, version=1, submit=True)
        correction = submit(entry, report(entry, 2), plan.responsible, version=2)  # read before the return
        returned, submitted = race(
            lambda e=entry: return_entry(e, "Tarkista luku", user=plan.coordinator), correction
        )
        assert returned is True, (i, returned)
        stored = RoundEntry.objects.get(pk=entry.pk)
        # Either order leaves the entry returned with its note: a submission after the return
        # was made from the version before it and is refused as a conflict.
        assert (stored.state, stored.return_note) == (RoundEntry.State.RETURNED, "Tarkista luku"), (
            i,
            submitted,
        )
        if isinstance(submitted, RoundEntry):
            assert (stored.version, actuals(entry)) == (4, ["2"]), i
        else:
            assert isinstance(submitted, EntryConflict), (i, submitted)
            assert (stored.version, actuals(entry)) == (3, ["1"]), i


def test_of_coordinators_closing_at_once_one_closes_and_one_snapshot_is_kept(plan):
    other = make_member("other_coordinator", plan.personas.organization, "coordinator")
    closers = [plan.coordinator, other, plan.personas.admin]
    for i in range(TIMES):
        entry = fresh_entry(plan, i)
        save_entry(entry, report(entry, 5), user=plan.responsible, version=1, submit=True)
        reporting_round = entry.round
        results = race(*(closing(reporting_round, user) for user in closers))
        assert sorted(results, key=str) == [False, False, True], (i, results)
        reporting_round.refresh_from_db()
        assert reporting_round.state == ReportingRound.State.CLOSED, i
        assert reporting_round.closed_by == closers[results.index(True)], i
        assert reporting_round.snapshot["submitted"] == 1, i
        assert snapshot_row(reporting_round, entry)["indicators"][0]["value_text"] == "5", i


def test_a_newly_responsible_action_racing_the_close_is_in_the_round_only_if_in_its_snapshot(plan):
    newcomer = make_member("newcomer", plan.personas.organization, "responsible")
    for i in range(TIMES):
        new_plan = make_plan(
            2, indicators_per_action=1, organization=plan.personas.organization, title=f"Suunnitelma {i}"
        )
        first, second = actions_of(new_plan)
        first.responsible_users.add(plan.responsible)
        reporting_round = open_test_round(new_plan, plan.coordinator)

        def assign(node=second, p=new_plan):
            node.responsible_users.add(newcomer)
            return add_new_entries(p)

        added, closed = race(assign, closing(reporting_round, plan.coordinator))
        assert closed is True, (i, closed)
        reporting_round.refresh_from_db()
        in_round = set(RoundEntry.objects.filter(round=reporting_round).values_list("pk", flat=True))
        in_snapshot = {row["entry_id"] for row in reporting_round.snapshot["entries"]}
        assert in_round == in_snapshot, (i, added)
        assert added in (0, 1) and len(in_round) == 1 + added, (i, added)


def _client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _post(client: Client, url: str, data: dict, *, after: str = "") -> Callable[[], tuple[int | str, str]]:
    """Post (having first loaded the page `after`, as a person would) and follow; (status or final url, page)."""

    def post():
        if after:
            client.get(after)
        response = client.post(url, data, follow=True)
        close_old_connections()
        outcome = response.redirect_chain[-1][0] if response.redirect_chain else response.status_code
        return outcome, response.content.decode()

    return post


def _entry_form(entry: RoundEntry, number: int, version: int, action: str) -> dict:
    indicator = Indicator.objects.filter(node=entry.node).order_by("order", "id").first()
    return {
        "version": version,
        "text": f"Raportti {number}",
        "phase": "in_progress",
        "verdict": "",
        f"value_{indicator.pk}": str(number),
        action: "1",
    }


def test_deleting_an_indicator_racing_a_submission_on_its_node_leaves_no_error_and_no_orphan(plan):
    editor = _client(plan.coordinator)
    for i in range(TIMES):
        entry = fresh_entry(plan, i)
        kept = Indicator.objects.filter(node=entry.node).order_by("order", "id").first()
        doomed = Indicator.objects.create(node=entry.node, name=f"Poistuva mittari {i}", order=99)
        data = EntryValues(
            values={kept.pk: ("8", "value", 8.0), doomed.pk: ("9", "value", 9.0)},
            text="Raportti",
            phase="in_progress",
        )
        submitted, (deleted, _page) = race(
            submit(entry, data, plan.responsible, version=1),
            _post(editor, reverse("indicator_delete", args=[doomed.pk]), {}),
        )
        assert isinstance(submitted, RoundEntry), (i, submitted)
        assert deleted == reverse("node_edit", args=[entry.node_id]), (i, deleted)
        assert not Indicator.objects.filter(pk=doomed.pk).exists(), i
        # The kept indicator has its value; a value that reached the deleted one went to the recycle bin
        # with it (restored together), and no value points at an indicator that is gone.
        live = Measure.objects.filter(indicator__deleted_at__isnull=True)
        assert list(
            live.filter(
                indicator__node=entry.node_id, role=Measure.Role.ACTUAL, period=entry.round.period
            ).values_list("text", flat=True)
        ) == ["8"], i
        assert set(actuals(entry)) <= {"8", "9"}, i
        assert Indicator.all_objects.filter(pk=doomed.pk).exists(), i


def test_racing_submissions_on_the_page_get_the_finnish_conflict_message(plan):
    colleague = make_member("colleague", plan.personas.organization, "responsible")
    first, second = _client(plan.responsible), _client(plan.coordinator)
    for i in range(TIMES):
        entry = fresh_entry(plan, i)
        entry.node.responsible_users.add(colleague)
        url = reverse("monitoring:entry", args=[entry.pk])
        results = race(
            _post(first, url, _entry_form(entry, 1, 1, "submit")),
            _post(second, url, _entry_form(entry, 2, 1, "submit")),
        )
        outcomes = {outcome for outcome, _content in results}
        # The responsible person goes on to their reports, the coordinator to the round.
        assert outcomes in (
            {409, reverse("monitoring:my_reports")},
            {409, reverse("monitoring:round", args=[entry.round_id])},
        ), (i, outcomes)
        conflict_page = next(content for outcome, content in results if outcome == 409)
        assert "Joku muu tallensi tämän raportin" in conflict_page, i


def test_a_submission_on_the_page_racing_the_close_gets_the_finnish_locked_message(plan):
    responsible, coordinator = _client(plan.responsible), _client(plan.coordinator)
    for i in range(TIMES):
        entry = fresh_entry(plan, i)
        (submitted, page), (closed, _round_page) = race(
            _post(
                responsible,
                reverse("monitoring:entry", args=[entry.pk]),
                _entry_form(entry, 3, 1, "submit"),
                after=reverse("monitoring:entry", args=[entry.pk]),
            ),
            _post(
                coordinator,
                reverse("monitoring:close_round", args=[entry.round_id]),
                {},
                after=reverse("monitoring:round", args=[entry.round_id]),
            ),
        )
        assert closed == reverse("monitoring:round", args=[entry.round_id]), (i, closed)
        row = snapshot_row(entry.round, entry)
        if submitted == reverse("monitoring:my_reports"):
            assert row["submitted"] and row["indicators"][0]["value_text"] == "3", (i, row)
        else:
            assert submitted == 403 and not row["submitted"], (i, submitted, row)
            assert "Kierros suljettiin kirjoittaessasi" in page or "Kierros on suljettu" in page, i
            assert "Raportti 3" in page, i  # what they wrote is kept on the page


def test_a_return_on_the_page_racing_the_close_is_refused_in_finnish_or_done(plan, mailoutbox):
    coordinator, other = _client(plan.coordinator), _client(plan.personas.admin)
    for i in range(TIMES):
        entry = fresh_entry(plan, i)
        save_entry(entry, report(entry, 4), user=plan.responsible, version=1, submit=True)
        (returned, page), (closed, _round_page) = race(
            _post(coordinator, reverse("monitoring:return_entry", args=[entry.pk]), {"note": "Korjaa"}),
            _post(other, reverse("monitoring:close_round", args=[entry.round_id]), {}),
        )
        assert closed == reverse("monitoring:round", args=[entry.round_id]), (i, closed)
        stored = RoundEntry.objects.get(pk=entry.pk)
        row = snapshot_row(entry.round, entry)
        if returned == reverse("monitoring:round", args=[entry.round_id]):
            assert stored.state == RoundEntry.State.RETURNED and row["state"] == RoundEntry.State.RETURNED, i
        else:
            assert returned == 403 and "ei voi enää palauttaa" in page, (i, returned)
            assert stored.state == RoundEntry.State.SUBMITTED and row["submitted"], i
    assert len(mailoutbox) == RoundEntry.objects.filter(state=RoundEntry.State.RETURNED).count()
