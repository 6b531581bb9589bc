"""The messages a closed round sends to the residents who follow its plan or one of its goals.

The status is the one the round froze: the plan evaluated on the closing day (the snapshot's
`on`), in each subscriber's language. One read of the plan and one of the subscriptions.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from seuranta.core.evaluation import evaluate_plan
from seuranta.monitoring.models import ReportingRound
from seuranta.plans.models import Plan
from seuranta.plans.storage import load_core_plan
from seuranta.public.models import Subscription
from seuranta.public.tasks import one_line
from seuranta.web.statuses import STATUS_LABELS


def round_messages(round_id: int) -> list[EmailMessage]:
    reporting_round = (
        ReportingRound.objects.select_related("plan__organization")
        .filter(pk=round_id, state=ReportingRound.State.CLOSED)
        .first()
    )
    if reporting_round is None or reporting_round.plan.state != Plan.State.PUBLISHED:
        return []
    subscriptions = list(
        Subscription.objects.filter(plan=reporting_round.plan, confirmed_at__isnull=False).order_by("pk")
    )
    if not subscriptions:
        return []
    plan = reporting_round.plan
    core_plan = load_core_plan(plan)
    nodes = {node.key: node for node, _path in core_plan.walk()}
    on = date.fromisoformat(
        (reporting_round.snapshot or {}).get("on") or reporting_round.closed_at.date().isoformat()
    )
    evaluations: dict = {}
    messages = []
    for subscription in subscriptions:
        node = nodes.get(subscription.node_id) if subscription.node_id else None
        if subscription.node_id and node is None:
            continue  # the goal was removed from the plan
        lang = subscription.lang if subscription.lang in ("fi", "sv", "en") else "fi"
        if lang not in evaluations:
            evaluations[lang] = evaluate_plan(core_plan, on, lang)
        evaluation = evaluations[lang]
        result = evaluation.node(node) if node is not None else evaluation
        messages.append(_message(subscription, reporting_round, node, result, lang))
    return messages


def _message(subscription: Subscription, reporting_round, node, result, lang: str) -> EmailMessage:
    plan = reporting_round.plan
    slug = plan.organization.slug
    base = subscription.base_url.rstrip("/")
    if node is not None:
        page = base + reverse("public:node", args=[slug, node.key])
    else:
        page = base + reverse("public:plan", args=[slug, plan.pk])
    unsubscribe = base + reverse("public:unsubscribe", args=[subscription.token])
    with translation.override(lang):
        name = one_line(node.title if node is not None else str(plan))
        status = str(STATUS_LABELS.get(result.status, result.status))
        body = "\n".join(
            [
                _("Hello,"),
                "",
                _("The reporting round “%(round)s” of the plan “%(plan)s” has been closed.")
                % {"round": one_line(reporting_round.title), "plan": one_line(str(plan))},
                _("The status of “%(name)s” is now: %(status)s.") % {"name": name, "status": status},
                one_line(getattr(result, "reason", "") or ""),
                "",
                _("More on the public site: %(url)s") % {"url": page},
                "",
                _("You receive this because you follow it. Stop following with one click: %(url)s")
                % {"url": unsubscribe},
            ]
        )
        return EmailMessage(
            subject=_("%(name)s: %(status)s") % {"name": name[:120], "status": status},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
