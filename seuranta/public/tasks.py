"""Background e-mail of the public site: subscription confirmations, round-closed news, feedback receipts.

Enqueued by the views and, for a closed round, by `follow_hooks` after the close is committed.
Every message to a subscriber carries its unsubscribe link (in the body and as List-Unsubscribe).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from seuranta.public.models import Feedback, Subscription


def one_line(text: str) -> str:
    return " ".join((text or "").split())


def _send(messages: list[EmailMessage]) -> int:
    return (mailers.default.send_messages(messages) or 0) if messages else 0


def _subject_name(subscription: Subscription) -> str:
    return one_line(subscription.node.title if subscription.node_id else str(subscription.plan))


@task
def send_confirmation(subscription_id: int, confirm_url: str, unsubscribe_url: str) -> int:
    subscription = Subscription.objects.select_related("plan", "node").filter(pk=subscription_id).first()
    if subscription is None or subscription.confirmed_at is not None:
        return 0
    with translation.override(subscription.lang):
        name = _subject_name(subscription)
        body = "\n".join(
            [
                _("Hello,"),
                "",
                _("Someone (hopefully you) asked to follow “%(name)s” in Seuranta by e-mail.")
                % {"name": name},
                _("Confirm the subscription by opening this link:"),
                confirm_url,
                "",
                _("If you did not ask for this, ignore this message: nothing will be sent to you."),
                _("Cancel: %(url)s") % {"url": unsubscribe_url},
            ]
        )
        message = EmailMessage(
            subject=_("Confirm following: %(name)s") % {"name": name[:120]},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
        )
    return _send([message])


@task
def notify_round_closed(round_id: int) -> int:
    """One message per confirmed subscription on the round's plan: the plan's or the goal's new status."""
    from seuranta.public.notifications import round_messages

    return _send(round_messages(round_id))


@task
def acknowledge_feedback(feedback_id: int, lang: str = "fi") -> int:
    feedback = Feedback.objects.select_related("organization").filter(pk=feedback_id).first()
    if feedback is None or not feedback.email:
        return 0
    with translation.override(lang):
        body = "\n".join(
            [
                _("Hello,"),
                "",
                _("Thank you for your feedback to %(organization)s. We have received it:")
                % {"organization": feedback.organization.name},
                "",
                feedback.message,
                "",
                _("We answer accessibility feedback within two weeks."),
            ]
        )
        message = EmailMessage(
            subject=_("Your feedback has been received"),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[feedback.email],
        )
    return _send([message])
