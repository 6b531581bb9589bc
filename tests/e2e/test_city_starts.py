"""A city starts on its own, in a real browser, on a fresh database, without the Django admin.

The administrator creates two units and invites a coordinator and a responsible person (the
e-mails are captured and their links followed: the coordinator sets a password, the responsible
person signs in through the OpenID provider, which accepts the invitation); the coordinator
creates a plan from scratch (2 goals, 3 actions, 4 indicators with baselines and targets), fixes
what the quality check reports, links a goal to a goal of the city strategy, assigns the
responsible person and opens a round; the responsible person signs in through the provider again
and reports. Every request of every browser context is recorded: none is under /admin/.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from seuranta.monitoring.models import RoundEntry
from seuranta.plans.models import Indicator, Measure, Membership, Node, Organization, OrganizationUnit, Plan
from tests.e2e.signin import sign_in, sign_in_with_sso, sign_out
from tests.e2e.test_reporting_round import browser, pytestmark  # noqa: F401
from tests.factories import PASSWORD, make_plan, make_user

NEW_PASSWORD = "Kaupunki-aloittaa-2026!"
PROVIDER_PASSWORD = "tunnistus-palvelu-2026"


def invitation_link(email: str) -> str:
    message = next(m for m in mail.outbox if email in m.to)
    return re.search(r"https?://\S+/kutsu/\S+/", message.body).group(0)


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def add_unit(page, name: str, parent: str | None = None) -> None:
    page.fill("#id_name", name)
    if parent:
        page.select_option("#id_parent", label=parent)
    with page.expect_navigation():
        page.click("form.unit-form button[type=submit]")
    assert page.locator("text=" + name).count() >= 1


def invite(page, email: str, role: str) -> None:
    page.fill("#id_email", email)
    page.select_option("#id_role", role)
    submit(page, "Lähetä kutsu")


def accept(context, link: str, first: str, last: str):
    page = context.new_page()
    page.goto(link)
    page.fill("#id_first_name", first)
    page.fill("#id_last_name", last)
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".logout-form").count() == 1
    sign_out(page)
    page.close()


def add_child(page, title: str) -> None:
    """On a node's edit page: add an item below with the level Seuranta proposes."""
    page.fill("#new-title", title)
    submit(page, "Lisää")


def add_indicator(page, name: str, baseline: str, target: str) -> None:
    """From a node's edit page: add an indicator, and come back."""
    page.get_by_role("link", name="Lisää mittari").click()
    page.fill("#id_name", name)
    page.fill("#id_baseline", baseline)
    page.fill("#id_targets", target)
    submit(page, "Tallenna")


def edit_node(page, base: str, title: str):
    node = Node.objects.get(title=title)
    page.goto(f"{base}{reverse('node_edit', args=[node.pk])}")
    return node


def findings(page) -> list[str]:
    return page.locator(".quality-findings a").all_inner_texts()


def administrator_sets_up(context, base: str, provider, new_context) -> None:
    """Two units, one under the other, and two invitations whose links are followed."""
    admin = sign_in(context, base, "paakayttaja", PASSWORD)
    admin.get_by_role("link", name="Organisaation asetukset").click()
    admin.get_by_role("link", name="Yksiköt").first.click()
    add_unit(admin, "Hallintopalvelut")
    add_unit(admin, "Henkilöstöpalvelut", parent="Hallintopalvelut")
    assert OrganizationUnit.objects.get(name="Henkilöstöpalvelut").parent.name == "Hallintopalvelut"
    admin.get_by_role("link", name="Henkilöt").first.click()
    invite(admin, "koordinaattori@esimerkkila.invalid", "coordinator")
    invite(admin, "vastuu@esimerkkila.invalid", "responsible")
    sign_out(admin)
    assert len(mail.outbox) == 2
    accept(context, invitation_link("koordinaattori@esimerkkila.invalid"), "Kaisa", "Koordinaattori")
    # The responsible person opens the link and signs in with the organisation's account instead.
    invited = new_context().new_page()
    invited.goto(invitation_link("vastuu@esimerkkila.invalid"))
    assert invited.get_by_role("link", name="Kirjaudu Microsoft-tilillä").count() == 1
    invited.context.close()
    provider.create_user("ville", "vastuu@esimerkkila.invalid", PROVIDER_PASSWORD, "Ville", "Vastuu")
    page = sign_in_with_sso(new_context(), base, provider, "ville", PROVIDER_PASSWORD)
    assert (
        Membership.objects.get(user__email="vastuu@esimerkkila.invalid").role == Membership.Role.RESPONSIBLE
    )
    page.context.close()


def coordinator_creates_plan(page, base: str) -> Plan:
    """A plan from scratch: 2 goals, 3 actions, 4 indicators (two of them with a gap to fix)."""
    page.get_by_role("link", name="Uusi suunnitelma").click()
    page.fill("#id_title", "Henkilöstöohjelma 2026")
    page.select_option("#id_kind", "programme")
    page.fill("#id_period", "2026")
    page.select_option("#id_level_preset", "goals")
    page.select_option("#id_supports", label="Kaupunkistrategia 2026–2029 (Esimerkkilä)")
    submit(page, "Luo suunnitelma")
    plan = Plan.objects.get(title="Henkilöstöohjelma 2026")
    assert page.url == f"{base}{reverse('plan', args=[plan.pk])}"
    assert "Tukee suunnitelmaa" in page.content()
    for goal, actions in (
        ("Osaaminen vahvistuu", ["Koulutussuunnitelma", "Mentorointi"]),
        ("Työhyvinvointi paranee", ["Varhainen tuki"]),
    ):
        page.goto(f"{base}{reverse('plan', args=[plan.pk])}")
        page.get_by_role("link", name="Lisää ylimmän tason kohta").click()
        page.fill("#id_title", goal)
        submit(page, "Lisää")
        edit_node(page, base, goal)
        for action in actions:
            add_child(page, action)
    levels = sorted(Node.objects.filter(plan=plan).values_list("level", flat=True))
    assert levels == ["Tavoite"] * 2 + ["Toimenpide"] * 3
    edit_node(page, base, "Osaaminen vahvistuu")
    add_indicator(page, "Koulutuspäivät henkilöä kohden", "1,5 pv (2025)", "vähintään 3 pv vuonna 2026")
    edit_node(page, base, "Koulutussuunnitelma")
    add_indicator(page, "Yksiköt, joilla on koulutussuunnitelma", "40 % (2025)", "100 % vuonna 2026")
    edit_node(page, base, "Mentorointi")
    add_indicator(page, "Mentoroitavat", "5 (2025)", "vrt. 2024")  # cannot be evaluated
    edit_node(page, base, "Työhyvinvointi paranee")
    add_indicator(page, "Sairauspoissaolot", "", "enintään 12 pv vuonna 2026")  # no baseline
    return plan


def fix_through_link(page, base: str, plan: Plan, text: str) -> None:
    page.goto(f"{base}{reverse('plan', args=[plan.pk])}")
    page.locator(".quality-findings a", has_text=text).first.click()


def coordinator_fixes_findings(page, base: str, plan: Plan) -> None:
    """What the quality check reports on the plan page, each fixed through the finding's link."""
    page.goto(f"{base}{reverse('plan', args=[plan.pk])}")
    found = findings(page)
    assert any("Mentoroitavat" in f and "ei voi arvioida" in f for f in found), found
    assert any("Sairauspoissaolot" in f and "lähtötaso" in f for f in found), found
    assert any("Varhainen tuki" in f and "mittaria" in f for f in found), found
    assert sum("vastuutaho" in f for f in found) == 5, found
    fix_through_link(page, base, plan, "Mentoroitavat")
    page.fill("#id_targets", "vähintään 10 vuonna 2026")
    submit(page, "Tallenna")
    fix_through_link(page, base, plan, "Sairauspoissaolot")
    page.fill("#id_baseline", "14 pv (2025)")
    submit(page, "Tallenna")
    # An action followed by its milestones needs no indicator of its own.
    fix_through_link(page, base, plan, "Varhainen tuki")
    page.get_by_role("link", name="Lisää osatavoite").click()
    page.fill("#id_title", "Varhaisen tuen malli on otettu käyttöön kaikissa yksiköissä")
    page.fill("#id_due", "syksy 2026")
    submit(page, "Tallenna")
    # Goals get a unit from the organisation's tree; actions the responsible person.
    for _ in range(5):
        fix_through_link(page, base, plan, "vastuutaho")
        if Node.objects.get(pk=int(page.url.rstrip("/").split("/")[-2])).level == "Tavoite":
            page.select_option("#id_org_unit", label="Hallintopalvelut › Henkilöstöpalvelut")
        else:
            page.get_by_label("Ville Vastuu").check()
        submit(page, "Tallenna")
    page.goto(f"{base}{reverse('plan', args=[plan.pk])}")
    assert findings(page) == [] and page.locator(".quality-ok").count() == 1
    assert Indicator.objects.filter(node__plan=plan).count() == 4
    assert Measure.objects.filter(indicator__node__plan=plan, role="baseline").count() == 4
    assert Measure.objects.filter(indicator__node__plan=plan, role="target").count() == 4


def coordinator_links_goal(page, base: str, plan: Plan, strategy_goal: Node) -> None:
    """The cascade: a goal supports a goal of the city strategy; both pages show it."""
    goal = Node.objects.get(plan=plan, title="Osaaminen vahvistuu")
    page.goto(f"{base}{reverse('node', args=[goal.pk])}")
    page.get_by_role("link", name="Valitse tavoite, jota tämä edistää").click()
    page.select_option("#id_goal", value=str(strategy_goal.pk))
    submit(page, "Tallenna")
    assert page.get_by_role("link", name=strategy_goal.title).count() == 1
    page.get_by_role("link", name=strategy_goal.title).click()
    assert page.locator("h3", has_text="Tätä tavoitetta edistävät").count() == 1
    assert page.get_by_role("link", name="Osaaminen vahvistuu").count() == 1


def coordinator_publishes_and_opens_round(page, base: str, plan: Plan) -> None:
    page.goto(f"{base}{reverse('plan', args=[plan.pk])}")
    page.get_by_role("link", name="Tarkista ja julkaise").click()
    submit(page, "Julkaise suunnitelma")
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.PUBLISHED
    page.get_by_role("link", name="Raportointikierrokset").click()
    page.locator(f"a[href='{reverse('monitoring:open_round', args=[plan.pk])}']").click()
    page.fill("input[name=title]", "T1/2026")
    page.fill("input[name=period]", "T1/2026")
    page.fill("input[name=deadline]", "2099-05-15")
    submit(page, "Avaa kierros")
    assert "Kierros on avattu" in page.content()


def responsible_reports(context, base: str, provider) -> None:
    page = sign_in_with_sso(context, base, provider, "ville", PROVIDER_PASSWORD)
    page.get_by_role("link", name="Omat raportit").first.click()
    page.get_by_role("link", name="Mentorointi").click()
    page.get_by_label("Mentoroitavat").fill("7")
    page.get_by_label("Tilannekuvaus").fill("Mentorointi alkoi maaliskuussa.")
    submit(page, "Lähetä raportti")
    assert "Raportti lähetetty. Kiitos!" in page.content()
    assert Measure.objects.filter(indicator__name="Mentoroitavat", role="actual").get().value == 7
    assert RoundEntry.objects.filter(node__title="Mentorointi", state=RoundEntry.State.SUBMITTED).exists()


@pytest.mark.django_db(transaction=True)
def test_a_city_starts_without_the_django_admin(live_server, oidc_sso, browser, settings):  # noqa: F811
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    base = live_server.url
    city = Organization.objects.create(name="Esimerkkilä")
    Membership.objects.create(user=make_user("paakayttaja"), organization=city, role=Membership.Role.ADMIN)
    strategy = make_plan(1, title="Kaupunkistrategia 2026–2029", organization=city)
    visited: list[str] = []

    def new_context():
        context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
        context.on("request", lambda request: visited.append(request.url))
        return context

    context = new_context()
    administrator_sets_up(context, base, oidc_sso, new_context)
    page = sign_in(context, base, "koordinaattori@esimerkkila.invalid", NEW_PASSWORD)
    plan = coordinator_creates_plan(page, base)
    coordinator_fixes_findings(page, base, plan)
    coordinator_links_goal(page, base, plan, Node.objects.get(plan=strategy, level="Tavoite"))
    coordinator_publishes_and_opens_round(page, base, plan)
    sign_out(page)
    responsible_reports(new_context(), base, oidc_sso)

    assert len(visited) > 50 and any(url.startswith(oidc_sso.url) for url in visited)
    assert not [url for url in visited if "/admin/" in url]
    context.close()
