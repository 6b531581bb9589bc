"""What is closed stays closed: every write path against a closed round, its entries and its snapshot is refused.

Runs on SQLite and on PostgreSQL (DATABASE_URL); the database's triggers are tested through the ORM,
raw SQL and cascades, the app's own refusals through the pages and the admin.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from seuranta.monitoring.models import ClosedRoundError, ReportingRound, RoundEntry
from seuranta.monitoring.reporting import EntryValues, close_round, save_entry
from seuranta.plans import guard
from seuranta.plans.models import ChangeRecord, Node, Plan, ProgressEntry
from tests.factories import PASSWORD, make_user
from tests.monitoring.conftest import open_test_round


@pytest.fixture
def closed(reporting):
    """The reporting fixture's round with one submitted report, then closed."""
    entry = reporting.mine
    values = EntryValues(values={}, text="Edistyi hyvin", phase="in_progress")
    save_entry(entry, values, user=reporting.personas.responsible, version=entry.version, submit=True)
    assert close_round(reporting.round, user=reporting.personas.coordinator, on=date(2026, 4, 20))
    reporting.round.refresh_from_db()
    return reporting


def frozen(round_ids) -> tuple[list[dict], list[dict]]:
    """Every field of the rounds (snapshot included) and of their entries."""
    return (
        list(ReportingRound.objects.filter(pk__in=round_ids).order_by("pk").values()),
        list(RoundEntry.objects.filter(round_id__in=round_ids).order_by("pk").values()),
    )


def refused_by_database(write) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_the_guard_triggers_are_installed(db):
    expected = (
        {name for _table, name in guard.PG_TRIGGERS}
        if connection.vendor == "postgresql"
        else set(guard.SQLITE_TRIGGERS)
    )
    assert expected <= guard.installed_triggers(connection)


def test_queryset_updates_of_a_closed_round_are_refused(closed):
    before = frozen([closed.round.pk])
    rounds = ReportingRound.objects.filter(pk=closed.round.pk)
    refused_by_database(lambda: rounds.update(title="Muutettu"))
    refused_by_database(lambda: rounds.update(state=ReportingRound.State.OPEN))
    refused_by_database(lambda: rounds.update(snapshot={"forged": True}))
    refused_by_database(lambda: rounds.update(deadline=date(2030, 1, 1)))
    assert frozen([closed.round.pk]) == before


def test_deleting_a_closed_round_is_refused(closed):
    before = frozen([closed.round.pk])
    refused_by_database(lambda: ReportingRound.objects.filter(pk=closed.round.pk).delete())
    with pytest.raises(ClosedRoundError):
        ReportingRound.objects.get(pk=closed.round.pk).delete()
    assert frozen([closed.round.pk]) == before


def test_saving_a_closed_round_is_refused_with_a_message(closed):
    reporting_round = ReportingRound.objects.get(pk=closed.round.pk)
    reporting_round.state = ReportingRound.State.OPEN
    with (
        pytest.raises(ClosedRoundError, match="on suljettu"),
        transaction.atomic(),
        translation.override("fi"),
    ):
        reporting_round.save()
    assert ReportingRound.objects.get(pk=closed.round.pk).state == ReportingRound.State.CLOSED


def test_a_round_cannot_be_created_closed(closed):
    fields = {
        f: getattr(closed.round, f)
        for f in ["plan_id", "title", "period", "period_start", "period_end", "deadline"]
    }
    with pytest.raises(ClosedRoundError):
        ReportingRound(**fields, state=ReportingRound.State.CLOSED, snapshot={"forged": True}).save()
    refused_by_database(
        lambda: ReportingRound.objects.bulk_create(
            [ReportingRound(**fields, state=ReportingRound.State.CLOSED, snapshot={"forged": True})]
        )
    )


def test_entries_of_a_closed_round_cannot_change(closed):
    before = frozen([closed.round.pk])
    entries = RoundEntry.objects.filter(round=closed.round)
    refused_by_database(lambda: entries.update(state=RoundEntry.State.DRAFT))
    refused_by_database(lambda: entries.filter(pk=closed.mine.pk).update(draft={"text": "myöhässä"}))
    refused_by_database(lambda: entries.delete())
    other = open_test_round(closed.plan, closed.personas.coordinator, period="2026-Q2")
    refused_by_database(lambda: entries.filter(pk=closed.mine.pk).update(round=other))  # moved out
    refused_by_database(
        lambda: RoundEntry.objects.filter(pk=other.entries.first().pk).update(round=closed.round)
    )
    refused_by_database(
        lambda: RoundEntry.objects.bulk_create(
            [RoundEntry(round=closed.round, node=closed.plan.nodes.filter(parent=None).first())]
        )
    )
    entry = RoundEntry.objects.get(pk=closed.mine.pk)
    entry.return_note = "x"
    with pytest.raises(ClosedRoundError):
        entry.save()
    with pytest.raises(ClosedRoundError):
        entry.delete()
    assert frozen([closed.round.pk]) == before


def test_raw_sql_cannot_change_a_closed_round(closed):
    before = frozen([closed.round.pk])
    with connection.cursor() as cursor:
        refused_by_database(
            lambda: cursor.execute(
                "UPDATE monitoring_reportinground SET state = 'open' WHERE id = %s", [closed.round.pk]
            )
        )
        refused_by_database(
            lambda: cursor.execute("DELETE FROM monitoring_roundentry WHERE round_id = %s", [closed.round.pk])
        )
    assert frozen([closed.round.pk]) == before


def test_closing_writes_the_snapshot_once_and_an_open_round_stays_writable(reporting):
    entries = RoundEntry.objects.filter(round=reporting.round)
    assert entries.update(return_note="ok") == 3  # open: the guard does not get in the way
    close_round(reporting.round, user=reporting.personas.coordinator, on=date(2026, 4, 20))
    assert ReportingRound.objects.get(pk=reporting.round.pk).snapshot["total"] == 3
    assert not close_round(reporting.round, user=reporting.personas.coordinator)


def test_deleting_the_plan_of_a_closed_round_is_refused(closed):
    before = frozen([closed.round.pk])
    with pytest.raises(ProtectedError):
        Plan.objects.get(pk=closed.plan.pk).delete()
    with pytest.raises(ProtectedError):
        Plan.objects.filter(pk=closed.plan.pk).delete()
    assert frozen([closed.round.pk]) == before


def test_deleting_a_user_or_a_progress_text_keeps_a_closed_round_whole(closed):
    before = frozen([closed.round.pk])
    ProgressEntry.objects.filter(node=closed.mine.node).delete()
    get_user_model().objects.filter(
        pk__in=[closed.personas.responsible.pk, closed.personas.coordinator.pk]
    ).delete()
    assert frozen([closed.round.pk]) == before


# --- the pages ------------------------------------------------------------------------------------------


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_the_pages_refuse_every_change_to_a_closed_round(client, closed):
    before = frozen([closed.round.pk])
    login(client, closed.personas.responsible)
    for data in ({"version": 3, "text": "Myöhässä"}, {"version": 3, "text": "Myöhässä", "submit": "1"}):
        response = client.post(reverse("monitoring:entry", args=[closed.mine.pk]), data)
        assert response.status_code == 403
    login(client, closed.personas.coordinator)
    assert (
        client.post(reverse("monitoring:return_entry", args=[closed.mine.pk]), {"note": "x"}).status_code
        == 403
    )
    client.post(reverse("monitoring:close_round", args=[closed.round.pk]))
    client.post(reverse("monitoring:remind", args=[closed.round.pk]))
    assert frozen([closed.round.pk]) == before


# --- the admin ------------------------------------------------------------------------------------------


@pytest.fixture
def admin_site(client, personas):
    client.force_login(make_user("paakayttaja", is_superuser=True, is_staff=True))
    return client


def test_the_admin_shows_a_closed_round_read_only_and_cannot_reopen_or_delete_it(admin_site, closed):
    before = frozen([closed.round.pk])
    change = reverse("admin:monitoring_reportinground_change", args=[closed.round.pk])
    page = admin_site.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = admin_site.post(
        change,
        {
            "title": "Avattu",
            "state": "open",
            "deadline": "2030-01-01",
            "entries-TOTAL_FORMS": "0",
            "entries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 403
    delete = reverse("admin:monitoring_reportinground_delete", args=[closed.round.pk])
    assert admin_site.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:monitoring_reportinground_changelist")
    admin_site.post(
        changelist, {"action": "delete_selected", "_selected_action": [closed.round.pk], "post": "yes"}
    )
    assert frozen([closed.round.pk]) == before


def test_the_admin_cannot_change_the_state_of_an_open_round(admin_site, reporting):
    change = reverse("admin:monitoring_reportinground_change", args=[reporting.round.pk])
    response = admin_site.post(
        change,
        {
            "title": "Uusi nimi",
            "deadline": "2026-05-01",
            "state": "closed",
            "entries-TOTAL_FORMS": "0",
            "entries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    reporting_round = ReportingRound.objects.get(pk=reporting.round.pk)
    assert (reporting_round.title, reporting_round.state) == ("Uusi nimi", ReportingRound.State.OPEN)
    record = ChangeRecord.objects.get(plan=reporting.plan, object_type="round")
    assert record.changes["title"] == ["Q1/2026", "Uusi nimi"]
    assert record.user.is_superuser


def test_deleting_a_node_in_the_admin_keeps_a_closed_round_whole(admin_site, closed):
    before = frozen([closed.round.pk])
    node = closed.mine.node
    response = admin_site.post(reverse("admin:plans_node_delete", args=[node.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Node.objects.filter(pk=node.pk).exists()
    assert frozen([closed.round.pk]) == before


# --- the command line and the API -------------------------------------------------------------------------


def test_flushing_the_database_from_the_command_line_keeps_a_closed_round(closed):
    from django.core.management import CommandError, call_command

    before = frozen([closed.round.pk])
    with pytest.raises(CommandError), transaction.atomic():
        call_command("flush", interactive=False, verbosity=0)
    assert frozen([closed.round.pk]) == before


def test_the_api_takes_no_writes(client, closed):
    login(client, closed.personas.admin)
    for url in (reverse("api:plans"), reverse("api:plan", args=[closed.plan.pk])):
        assert client.post(url, {}).status_code == 405
        assert client.delete(url).status_code == 405


def test_the_guard_is_lifted_for_maintenance_only_inside_the_block(closed):
    with guard.guard_lifted():
        assert RoundEntry.objects.filter(round=closed.round).update(return_note="huolto") == 3
    refused_by_database(lambda: RoundEntry.objects.filter(round=closed.round).update(return_note="x"))


def test_installing_the_triggers_again_changes_nothing(closed):
    guard.install_triggers(connection)
    test_the_guard_triggers_are_installed(None)
    refused_by_database(lambda: ReportingRound.objects.filter(pk=closed.round.pk).update(title="x"))
