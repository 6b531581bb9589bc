"""Rounds opened with care, deleted when unused, corrected after closing, and reminders on their own."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.reporting import EntryValues, close_round, save_entry
from seuranta.monitoring.tasks import reminder_times, send_scheduled_reminder
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Node
from tests.factories import PASSWORD

ROLES = ["anonymous", "outsider", "viewer", "responsible", "coordinator", "admin"]
COORDINATORS = {"coordinator", "admin"}
LATER = (timezone.localdate() + timedelta(days=60)).isoformat()


def _as(client, personas, role):
    if role != "anonymous":
        client.login(username=getattr(personas, role).username, password=PASSWORD)
    return client


def _open(client, plan, **extra):
    data = {
        "title": "Syksy 2026",
        "period": "2026-T3",
        "deadline": LATER,
        "root": "",
        "announce": "on",
        "reminder_days": ["-7", "-1", "1"],
    }  # the boxes the form has ticked
    return client.post(reverse("monitoring:open_round", args=[plan.pk]), data | extra)


def _fresh_plan_round(reporting):
    ReportingRound.objects.filter(pk=reporting.round.pk).delete()


def test_a_round_over_a_part_with_nobody_to_report_is_refused_naming_the_part(client, reporting):
    _fresh_plan_round(reporting)
    area = Node.objects.get(plan=reporting.plan, level="Painopiste")
    lonely = Node.objects.create(
        plan=reporting.plan, level="Tavoite", title="Yksinäinen tavoite", parent=area, order=5
    )
    Node.objects.create(plan=reporting.plan, level="Toimenpide", title="Kenenkään toimenpide", parent=lonely)
    response = _open(_as(client, reporting.personas, "coordinator"), reporting.plan, root=str(lonely.pk))
    assert response.status_code == 200
    assert "Yksinäinen tavoite" in response.content.decode() and "vastuuhenkilöä" in response.content.decode()
    assert not ReportingRound.objects.exists()


def test_a_deadline_in_the_past_needs_confirmation(client, reporting):
    _fresh_plan_round(reporting)
    client = _as(client, reporting.personas, "coordinator")
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = _open(client, reporting.plan, deadline=past)
    assert response.status_code == 200 and 'name="confirm_past_deadline"' in response.content.decode()
    assert not ReportingRound.objects.exists()
    assert _open(client, reporting.plan, deadline=past, confirm_past_deadline="on").status_code == 302
    assert ReportingRound.objects.count() == 1


def test_the_past_deadline_confirmation_is_not_shown_before_it_is_needed(client, reporting):
    page = _as(client, reporting.personas, "coordinator").get(
        reverse("monitoring:open_round", args=[reporting.plan.pk])
    )
    assert 'name="confirm_past_deadline"' not in page.content.decode()


def test_opening_a_round_emails_the_responsible_persons(client, reporting, mailoutbox):
    _fresh_plan_round(reporting)
    _open(_as(client, reporting.personas, "coordinator"), reporting.plan)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "other_responsible@example.invalid",
        "responsible@example.invalid",
    ]
    assert "on avattu" in mailoutbox[0].subject or "is open" in mailoutbox[0].subject


def test_no_email_when_the_coordinator_unticks_it(client, reporting, mailoutbox):
    _fresh_plan_round(reporting)
    _open(_as(client, reporting.personas, "coordinator"), reporting.plan, announce="")
    assert mailoutbox == []


def test_the_reminder_days_are_kept_per_round(client, reporting):
    _fresh_plan_round(reporting)
    _open(_as(client, reporting.personas, "coordinator"), reporting.plan, reminder_days=["-14", "1"])
    assert ReportingRound.objects.get().reminder_days == [-14, 1]


def test_a_round_reminds_by_default_a_week_and_a_day_before_and_the_day_after(reporting):
    deadline = reporting.round.deadline
    days = [
        when.date()
        for _day, when in reminder_times(reporting.round, now=timezone.now() - timedelta(days=3650))
    ]
    assert days == [deadline - timedelta(days=7), deadline - timedelta(days=1), deadline + timedelta(days=1)]


def test_a_scheduled_reminder_no_longer_asked_for_sends_nothing(reporting, mailoutbox):
    ReportingRound.objects.filter(pk=reporting.round.pk).update(reminder_days=[-1])
    assert send_scheduled_reminder.call(reporting.round.pk, -7, "https://x/") == 0
    assert send_scheduled_reminder.call(reporting.round.pk, -1, "https://x/") == 2
    assert len(mailoutbox) == 2


def test_reminders_are_scheduled_on_the_worker_when_the_round_opens(
    transactional_db, client, reporting, settings
):
    pytest.importorskip("django_tasks_db")
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    _fresh_plan_round(reporting)
    _open(_as(client, reporting.personas, "coordinator"), reporting.plan)
    deadline = date.fromisoformat(LATER)
    scheduled = DBTaskResult.objects.filter(task_path__endswith="send_scheduled_reminder")
    later = sorted(r.run_after.date() for r in scheduled)
    assert later == [deadline - timedelta(days=7), deadline - timedelta(days=1), deadline + timedelta(days=1)]
    assert (
        DBTaskResult.objects.filter(task_path__endswith="send_round_reminders").count() == 1
    )  # the opening e-mail


def test_the_round_page_names_who_has_no_email_address(client, reporting):
    reporting.other.email = ""
    reporting.other.save()
    page = _as(client, reporting.personas, "coordinator").get(
        reverse("monitoring:round", args=[reporting.round.pk])
    )
    content = page.content.decode()
    assert 'id="without-email"' in content and reporting.other.username in content


def test_an_unused_round_is_deleted_after_asking(client, reporting):
    client = _as(client, reporting.personas, "coordinator")
    url = reverse("monitoring:delete_round", args=[reporting.round.pk])
    assert url in client.get(reverse("monitoring:round", args=[reporting.round.pk])).content.decode()
    assert "Poistetaanko kierros" in client.get(url).content.decode()
    assert ReportingRound.objects.filter(pk=reporting.round.pk).exists()
    assert client.post(url).status_code == 302
    assert not ReportingRound.objects.filter(pk=reporting.round.pk).exists()
    assert ChangeRecord.objects.filter(object_type="round", action="deleted").exists()


def test_a_round_with_a_submitted_report_cannot_be_deleted(client, reporting):
    entry = reporting.mine
    save_entry(
        entry,
        EntryValues(text="Valmis"),
        user=reporting.personas.responsible,
        version=entry.version,
        submit=True,
    )
    client = _as(client, reporting.personas, "coordinator")
    url = reverse("monitoring:delete_round", args=[reporting.round.pk])
    assert url not in client.get(reverse("monitoring:round", args=[reporting.round.pk])).content.decode()
    client.post(url)
    assert ReportingRound.objects.filter(pk=reporting.round.pk).exists()


def _closed_with_value(reporting, text="15"):
    entry = reporting.mine
    first = Indicator.objects.filter(node=entry.node).order_by("order", "id").first()
    values = EntryValues(values={first.pk: (text, "value", float(text))}, text="Tehty")
    save_entry(entry, values, user=reporting.personas.responsible, version=entry.version, submit=True)
    close_round(reporting.round, user=reporting.personas.coordinator)
    return Measure.objects.get(indicator=first, role="actual")


def _correction_url(reporting):
    return reverse("monitoring:correct_actuals", args=[reporting.round.pk, reporting.mine.node_id])


def test_a_coordinator_corrects_a_reported_value_after_closing(client, reporting):
    actual = _closed_with_value(reporting)
    client = _as(client, reporting.personas, "coordinator")
    assert (
        _correction_url(reporting)
        in client.get(reverse("monitoring:round", args=[reporting.round.pk])).content.decode()
    )
    response = client.post(
        _correction_url(reporting), {f"m{actual.pk}-text": "16,5", f"m{actual.pk}-version": actual.version}
    )
    assert response.status_code == 302
    actual.refresh_from_db()
    assert (actual.text, actual.value) == ("16,5", 16.5)
    record = ChangeRecord.objects.filter(object_type="measure", object_id=actual.pk, action="changed").get()
    assert record.changes["text"] == ["15", "16,5"]


def test_a_correction_leaves_the_closed_rounds_snapshot_as_reported(client, reporting):
    actual = _closed_with_value(reporting)
    _as(client, reporting.personas, "coordinator").post(
        _correction_url(reporting), {f"m{actual.pk}-text": "16,5", f"m{actual.pk}-version": actual.version}
    )
    snapshot = ReportingRound.objects.get(pk=reporting.round.pk).snapshot
    row = next(r for r in snapshot["entries"] if r["node_id"] == reporting.mine.node_id)
    assert row["indicators"][0]["value_text"] == "15"
    assert RoundEntry.objects.get(pk=reporting.mine.pk).state == "submitted"


def test_a_correction_refuses_text_for_a_number(client, reporting):
    actual = _closed_with_value(reporting)
    response = _as(client, reporting.personas, "coordinator").post(
        _correction_url(reporting), {f"m{actual.pk}-text": "paljon", f"m{actual.pk}-version": actual.version}
    )
    assert response.status_code == 400 and "ei ole luku" in response.content.decode()
    actual.refresh_from_db()
    assert actual.text == "15"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_delete_rounds(client, reporting, role, method):
    response = getattr(_as(client, reporting.personas, role), method)(
        reverse("monitoring:delete_round", args=[reporting.round.pk])
    )
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role in COORDINATORS:
        assert response.status_code == (200 if method == "get" else 302)
    else:
        assert response.status_code in (403, 404)
    assert ReportingRound.objects.filter(pk=reporting.round.pk).exists() == (
        method == "get" or role not in COORDINATORS
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_correct_values(client, reporting, role, method):
    actual = _closed_with_value(reporting)
    response = getattr(_as(client, reporting.personas, role), method)(
        _correction_url(reporting), {f"m{actual.pk}-text": "18", f"m{actual.pk}-version": actual.version}
    )
    actual.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role in COORDINATORS:
        assert response.status_code == (200 if method == "get" else 302)
    else:
        assert response.status_code in (403, 404)
    assert actual.text == ("18" if method == "post" and role in COORDINATORS else "15")
