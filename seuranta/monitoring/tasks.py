"""Background work of the reporting rounds: reminder and correction emails.

Views enqueue these with `.enqueue(...)`; the backend in settings.TASKS
decides whether they run at once (ImmediateBackend) or in a worker
(django-tasks-db: `django-admin db_worker`). Arguments are plain JSON values.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from seuranta.common.people import person_name
from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.templatetags.monitoring_tags import plan_name
from seuranta.plans.access import may_report

DUE_STATES = (RoundEntry.State.NOT_STARTED, RoundEntry.State.DRAFT, RoundEntry.State.RETURNED)


def one_line(text: str) -> str:
    """Text fit for an email header: a node title may hold line breaks, which a header must not."""
    return " ".join(text.split())


def _send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0


def _wording(reporting_round: ReportingRound, opening: bool) -> tuple[str, str]:
    """The subject and first sentence of a reminder, or of the e-mail telling that the round has opened."""
    names = {
        "round": reporting_round.title,
        "plan": plan_name(reporting_round.plan),
        "deadline": reporting_round.deadline.strftime("%d.%m.%Y"),
    }
    if opening:
        subject = _("Reporting round %(round)s is open: reports are due %(deadline)s")
        intro = _('Reporting round "%(round)s" of %(plan)s has opened. Please report by %(deadline)s on:')
    else:
        subject = _("Reminder: %(round)s reports are due %(deadline)s")
        intro = _(
            'Reporting round "%(round)s" of %(plan)s is open until %(deadline)s. '
            "These reports are still waiting for you:"
        )
    return subject % {**names, "round": one_line(reporting_round.title)}, intro % names


def _reminder(
    user: Any, entries: list[RoundEntry], subject: str, intro: str, my_reports_url: str
) -> EmailMessage:
    """The e-mail to one person, listing the reports still waiting for them."""
    lines = [
        _("Hello %(name)s,") % {"name": person_name(user)},
        "",
        intro,
        "",
        *(f"- {e.node.title} ({e.get_state_display()})" for e in entries),
        "",
        _("Report here: %(url)s") % {"url": my_reports_url},
    ]
    return EmailMessage(
        subject=subject, body="\n".join(lines), from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )


@task
def send_round_reminders(round_id: int, my_reports_url: str, lang: str = "fi", opening: bool = False) -> int:
    """Email every responsible person who still has unsubmitted reports in the round; the number of emails.

    `opening`: the e-mail sent when the round opens, worded so."""
    reporting_round = (
        ReportingRound.objects.select_related("plan")
        .filter(pk=round_id, state=ReportingRound.State.OPEN)
        .first()
    )
    if reporting_round is None:
        return 0
    due: dict[int, list[RoundEntry]] = defaultdict(list)
    people = {}
    entries = (
        RoundEntry.objects.filter(round=reporting_round, state__in=DUE_STATES)
        .select_related("node")
        .prefetch_related("node__responsible_users")
        .order_by("order", "id")
    )
    entries = list(entries)
    # Only those who may open the reports: someone later made a viewer, or who left, gets no reminder.
    allowed = {
        user.pk
        for user in may_report(
            {u.pk: u for entry in entries for u in entry.node.responsible_users.all()}.values(),
            reporting_round.plan,
        )
    }
    for entry in entries:
        for user in entry.node.responsible_users.all():
            if user.email and user.is_active and user.pk in allowed:
                people[user.pk] = user
                due[user.pk].append(entry)
    messages = []
    with translation.override(lang):
        subject, intro = _wording(reporting_round, opening)
        for user_id, user_entries in due.items():
            messages.append(_reminder(people[user_id], user_entries, subject, intro, my_reports_url))
    sent = _send(messages)
    if not opening:  # A round closed meanwhile stays as it was closed.
        ReportingRound.objects.filter(pk=round_id, state=ReportingRound.State.OPEN).update(
            reminded_at=timezone.now()
        )
    return sent


@task
def send_scheduled_reminder(round_id: int, day: int, my_reports_url: str, lang: str = "fi") -> int:
    """A reminder scheduled when the round opened (`day`: days from the deadline); nothing when the
    round has closed or no longer asks for a reminder on that day."""
    reporting_round = ReportingRound.objects.filter(pk=round_id, state=ReportingRound.State.OPEN).first()
    if reporting_round is None or day not in (reporting_round.reminder_days or []):
        return 0
    return send_round_reminders.call(round_id, my_reports_url, lang)


REMIND_AT = time(8, 0)  # local time of the day of an automatic reminder


def reminder_times(
    reporting_round: ReportingRound, now: datetime | None = None
) -> list[tuple[int, datetime]]:
    """(day, when) of the round's automatic reminders still to come, in time order."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    times = []
    for day in sorted(set(reporting_round.reminder_days or [])):
        when = datetime.combine(reporting_round.deadline + timedelta(days=day), REMIND_AT, tzinfo=zone)
        if when > now:
            times.append((day, when))
    return times


def schedule_reminders(reporting_round: ReportingRound, my_reports_url: str, lang: str) -> int:
    """Put the round's automatic reminders on the task worker's queue; how many were scheduled.

    A backend that cannot run tasks later (the immediate one of the tests and of `--no-worker`
    set-ups) gets none: reminders are then sent from the round page."""
    if not send_scheduled_reminder.get_backend().supports_defer:
        return 0
    times = reminder_times(reporting_round)
    for day, when in times:
        send_scheduled_reminder.using(run_after=when).enqueue(reporting_round.pk, day, my_reports_url, lang)
    return len(times)


def people_without_email(reporting_round: ReportingRound) -> list:
    """The active responsible persons of the round's reports who have no e-mail address (no reminders)."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, responsible_nodes__round_entries__round=reporting_round, email="")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@task
def send_return_notice(entry_id: int, entry_url: str, lang: str = "fi") -> int:
    """Tell the node's responsible users that their report came back for correction."""
    entry = RoundEntry.objects.select_related("round__plan", "node").filter(pk=entry_id).first()
    if entry is None:
        return 0
    recipients = [
        u.email
        for u in may_report(entry.node.responsible_users.all(), entry.round.plan)
        if u.email and u.is_active
    ]
    if not recipients:
        return 0
    with translation.override(lang):
        body = "\n".join(
            [
                _('Your report "%(node)s" in round "%(round)s" was returned for correction.')
                % {"node": entry.node.title, "round": entry.round.title},
                "",
                entry.return_note,
                "",
                _("Correct it here: %(url)s") % {"url": entry_url},
            ]
        )
        message = EmailMessage(
            subject=_("Report returned for correction: %(node)s") % {"node": one_line(entry.node.title)[:80]},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
    return _send([message])
