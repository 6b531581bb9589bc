import pytest
from django.urls import reverse

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.tasks import send_return_notice, send_round_reminders
from tests.factories import PASSWORD


def test_reminders_go_to_everyone_with_unsubmitted_reports(reporting, mailoutbox):
    sent = send_round_reminders.enqueue(reporting.round.pk, "https://seuranta.example/seuranta/").return_value
    assert sent == 2
    assert sorted(m.to[0] for m in mailoutbox) == [
        "other_responsible@example.invalid",
        "responsible@example.invalid",
    ]


def test_a_reminder_lists_the_persons_reports_and_links_to_my_reports(reporting, mailoutbox):
    send_round_reminders.enqueue(reporting.round.pk, "https://seuranta.example/seuranta/")
    mail = next(m for m in mailoutbox if m.to == ["responsible@example.invalid"])
    assert "Toimenpide 1" in mail.body and "Toimenpide 2" in mail.body and "Toimenpide 3" not in mail.body
    assert "https://seuranta.example/seuranta/" in mail.body
    assert "15.04.2026" in mail.subject and "Muistutus" in mail.subject


def test_people_who_submitted_everything_get_no_reminder(reporting, mailoutbox):
    RoundEntry.objects.filter(pk__in=[reporting.mine.pk, reporting.also_mine.pk]).update(state="submitted")
    send_round_reminders.enqueue(reporting.round.pk, "https://x/")
    assert [m.to for m in mailoutbox] == [["other_responsible@example.invalid"]]


def test_a_closed_round_sends_no_reminders(reporting, mailoutbox):
    ReportingRound.objects.filter(pk=reporting.round.pk).update(state=ReportingRound.State.CLOSED)
    assert send_round_reminders.enqueue(reporting.round.pk, "https://x/").return_value == 0
    assert mailoutbox == []


def test_sending_reminders_from_the_round_page_records_the_time(client, reporting, mailoutbox):
    client.login(username="coordinator", password=PASSWORD)
    response = client.post(reverse("monitoring:remind", args=[reporting.round.pk]), follow=True)
    assert "Muistutukset lähtevät" in response.content.decode()
    assert ReportingRound.objects.get(pk=reporting.round.pk).reminded_at is not None
    assert "http://testserver/seuranta/" in mailoutbox[0].body


def test_returning_a_report_notifies_its_responsible_users(client, reporting, mailoutbox):
    client.login(username="coordinator", password=PASSWORD)
    client.post(reverse("monitoring:return_entry", args=[reporting.mine.pk]), {"note": "Lisää luvut"})
    assert [m.to for m in mailoutbox] == [["responsible@example.invalid"]]
    assert "Lisää luvut" in mailoutbox[0].body
    assert f"/seuranta/vastaukset/{reporting.mine.pk}/" in mailoutbox[0].body


def test_a_return_notice_for_a_missing_entry_sends_nothing(db, mailoutbox):
    assert send_return_notice.enqueue(999999, "https://x/").return_value == 0


def test_with_the_database_backend_reminders_wait_for_the_worker(
    transactional_db, reporting, settings, mailoutbox
):
    # The worker closes its database connection when done, so no test transaction may wrap it.
    pytest.importorskip("django_tasks_db")
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        pytest.skip("django_tasks_db is not an installed app in these settings")
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    send_round_reminders.enqueue(reporting.round.pk, "https://x/")
    assert mailoutbox == [] and DBTaskResult.objects.count() == 1
    call_command("db_worker", batch=True, verbosity=0)
    assert len(mailoutbox) == 2


def test_a_responsible_person_made_a_viewer_gets_no_reminder(reporting, mailoutbox):
    from seuranta.plans.models import Membership

    Membership.objects.filter(user=reporting.other).update(role=Membership.Role.VIEWER)
    sent = send_round_reminders.enqueue(reporting.round.pk, "https://x/").return_value
    assert sent == 1
    assert [m.to for m in mailoutbox] == [["responsible@example.invalid"]]


def test_a_responsible_person_who_left_the_organisation_gets_no_reminder(reporting, mailoutbox):
    from seuranta.plans.models import Membership

    Membership.objects.filter(user=reporting.other).delete()
    send_round_reminders.enqueue(reporting.round.pk, "https://x/")
    assert [m.to for m in mailoutbox] == [["responsible@example.invalid"]]


def test_a_return_notice_skips_a_responsible_person_who_cannot_open_the_report(reporting, mailoutbox):
    from seuranta.plans.models import Membership

    reporting.actions[0].responsible_users.add(reporting.other)
    Membership.objects.filter(user=reporting.other).update(role=Membership.Role.VIEWER)
    sent = send_return_notice.enqueue(reporting.mine.pk, "https://x/").return_value
    assert sent == 1
    assert mailoutbox[0].to == ["responsible@example.invalid"]
