"""Following a goal or a plan by e-mail: double opt-in, the message when a round closes, unsubscribing."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from seuranta.monitoring.reporting import close_round, open_round
from seuranta.plans.models import Node
from seuranta.public.models import Subscription

pytestmark = pytest.mark.django_db


def goal(plan) -> Node:
    return Node.objects.get(plan=plan, level="Tavoite")


def subscribe(client, plan, email="asukas@example.invalid") -> Subscription:
    url = reverse("public:follow_node", args=[plan.organization.slug, goal(plan).pk])
    assert client.post(url, {"email": email}).status_code == 200
    return Subscription.objects.get(email=email)


def link(message, name: str) -> str:
    return next(u for u in re.findall(r"https?://\S+", message.body) if f"/seuraa/{name}/" in u)


def test_subscribing_sends_a_confirmation_and_does_not_follow_yet(client, personas, published):
    subscription = subscribe(client, published)
    assert subscription.confirmed_at is None
    assert mail.outbox[-1].to == ["asukas@example.invalid"]
    assert "/seuraa/vahvista/" in mail.outbox[-1].body and "/seuraa/peru/" in mail.outbox[-1].body


def test_opening_the_confirmation_link_asks_before_confirming(client, personas, published):
    subscribe(client, published)
    page = client.get(link(mail.outbox[-1], "vahvista"))
    assert page.status_code == 200
    assert Subscription.objects.get().confirmed_at is None


def test_confirming_starts_following(client, personas, published):
    subscribe(client, published)
    client.post(link(mail.outbox[-1], "vahvista"))
    assert Subscription.objects.get().confirmed_at is not None


def test_a_bad_email_is_refused_with_a_message(client, personas, published):
    url = reverse("public:follow_plan", args=[published.organization.slug, published.pk])
    response = client.post(url, {"email": "ei-osoite"})
    assert response.status_code == 400 and not Subscription.objects.exists()


def test_closing_a_round_sends_the_goals_new_status_after_commit(
    client, personas, published, django_capture_on_commit_callbacks
):
    subscribe(client, published)
    client.post(link(mail.outbox[-1], "vahvista"))
    reporting_round = open_round(
        published,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2026, 4, 15),
        root=None,
        user=personas.coordinator,
    )
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        close_round(reporting_round, user=personas.coordinator)
    assert len(mail.outbox) == sent  # nothing inline: the task is enqueued when the close commits
    for callback in callbacks:
        callback()
    message = mail.outbox[-1]
    assert len(mail.outbox) == sent + 1
    assert "Tavoite 1" in message.body and "Q1/2026" in message.body
    assert "/seuraa/peru/" in message.body and message.extra_headers["List-Unsubscribe"]


def test_unconfirmed_subscriptions_get_no_round_message(
    client, personas, published, django_capture_on_commit_callbacks
):
    subscribe(client, published)
    reporting_round = open_round(
        published,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2026, 4, 15),
        root=None,
        user=personas.coordinator,
    )
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        close_round(reporting_round, user=personas.coordinator)
    assert len(mail.outbox) == sent


def test_unsubscribe_link_works_with_one_click(client, personas, published):
    subscribe(client, published)
    response = client.get(link(mail.outbox[-1], "peru"))
    assert response.status_code == 200 and not Subscription.objects.exists()


def test_an_unknown_token_gets_a_clear_page(client, db):
    response = client.get(reverse("public:unsubscribe", args=["ei-ole"]))
    assert response.status_code == 404 and "ei ole enää voimassa" in response.content.decode()
