"""A resident follows a goal in a real browser: subscribe, confirm from the e-mail, a round closes,
the status message arrives, one click unsubscribes. No account is needed."""

import re
from datetime import date

from django.core import mail
from django.urls import reverse

from seuranta.monitoring.reporting import open_round
from seuranta.plans.models import Node
from seuranta.public.models import Subscription
from tests.e2e.test_reporting_round import _log_in, browser, pytestmark  # noqa: F401 (fixture, marks)
from tests.factories import make_personas, make_plan

RESIDENT = "asukas@example.invalid"


def _link(message, kind: str) -> str:
    return next(u for u in re.findall(r"https?://\S+", message.body) if f"/seuraa/{kind}/" in u)


def _mail_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_a_resident_follows_a_goal_from_subscribing_to_unsubscribing(transactional_db, live_server, browser):  # noqa: F811
    personas = make_personas()
    plan = make_plan(2, organization=personas.organization)
    goal = Node.objects.get(plan=plan, level="Tavoite")
    for action in Node.objects.filter(plan=plan, level="Toimenpide"):
        action.responsible_users.add(personas.responsible)
    reporting_round = open_round(
        plan,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2026, 4, 15),
        root=None,
        user=personas.coordinator,
    )

    # The resident subscribes on the goal's public page.
    resident = browser.new_context(locale="fi-FI").new_page()
    resident.set_default_timeout(15_000)
    resident.goto(live_server.url + reverse("public:node", args=[plan.organization.slug, goal.pk]))
    resident.get_by_role("link", name="Seuraa sähköpostilla").click()
    resident.get_by_label("Sähköpostisi").fill(RESIDENT)
    resident.get_by_role("button", name="Seuraa").click()
    resident.wait_for_load_state()
    assert "Tarkista sähköpostisi" in resident.locator("h1").inner_text()
    assert Subscription.objects.get().confirmed_at is None

    # The confirmation e-mail's link, then the button on its page.
    (confirmation,) = _mail_to(RESIDENT)
    resident.goto(_link(confirmation, "vahvista"))
    resident.get_by_role("button", name="Vahvista").click()
    resident.wait_for_load_state()
    assert "Seuraaminen vahvistettu" in resident.content()

    # The coordinator closes the round in the browser; the message is sent after the close commits.
    coordinator = _log_in(browser, live_server, "coordinator")
    coordinator.goto(live_server.url + reverse("monitoring:round", args=[reporting_round.pk]))
    coordinator.once("dialog", lambda dialog: dialog.accept())
    coordinator.get_by_role("button", name="Sulje kierros").click()
    coordinator.wait_for_load_state()
    assert coordinator.locator("#snapshot").is_visible()

    news = _mail_to(RESIDENT)[-1]
    assert news is not confirmation
    assert "Tavoite 1" in news.subject and "Q1/2026" in news.body
    assert re.search(
        r"tilanne on nyt: (Ei tietoa|Jäljessä|Aikataulussa|Ei toteudu|Saavutettu|Ei tavoitetta)\.", news.body
    )

    # One click on the unsubscribe link in the message ends it.
    resident.goto(_link(news, "peru"))
    assert "Et enää seuraa tätä" in resident.locator("h1").inner_text()
    assert not Subscription.objects.exists()
