"""Background work of the reporting rounds: reminder and correction emails.

Views enqueue these with `.enqueue(...)`; the backend in settings.TASKS
decides whether they run at once (ImmediateBackend) or in a worker
(django-tasks-db: `django-admin db_worker`). Arguments are plain JSON values.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
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


@task
def send_round_reminders(round_id: int, my_reports_url: str, lang: str = "fi") -> int:
    """Email every responsible person who still has unsubmitted reports in the round; the number of emails."""
    reporting_round = (
        ReportingRound.objects.select_related("plan")
        .filter(pk=round_id, state=ReportingRound.State.OPEN)
        .first()
    )
    if reporting_round is None:
        return 0
    due: dict[int, list[RoundEntry]] = defaultdict(list)
    people = {}
    entries = list(
        RoundEntry.objects.filter(round=reporting_round, state__in=DUE_STATES)
        .select_related("node")
        .prefetch_related("node__responsible_users")
        .order_by("order", "id")
    )
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
        for user_id, user_entries in due.items():
            user = people[user_id]
            lines = [
                _("Hello %(name)s,") % {"name": person_name(user)},
                "",
                _(
                    'Reporting round "%(round)s" of %(plan)s is open until %(deadline)s. '
                    "These reports are still waiting for you:"
                )
                % {
                    "round": reporting_round.title,
                    "plan": plan_name(reporting_round.plan),
                    "deadline": reporting_round.deadline.strftime("%d.%m.%Y"),
                },
                "",
                *(f"- {e.node.title} ({e.get_state_display()})" for e in user_entries),
                "",
                _("Report here: %(url)s") % {"url": my_reports_url},
            ]
            messages.append(
                EmailMessage(
                    subject=_("Reminder: %(round)s reports are due %(deadline)s")
                    % {
                        "round": one_line(reporting_round.title),
                        "deadline": reporting_round.deadline.strftime("%d.%m.%Y"),
                    },
                    body="\n".join(lines),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[user.email],
                )
            )
    sent = _send(messages)
    # A round closed meanwhile stays as it was closed.
    ReportingRound.objects.filter(pk=round_id, state=ReportingRound.State.OPEN).update(
        reminded_at=timezone.now()
    )
    return sent


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
