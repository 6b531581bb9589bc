"""The organisation settings' first page for someone who administers several organisations: a choice of them.

An administrator of one organisation is sent straight to it (tests/organizations/test_permissions.py);
administering two, or being the superuser, gives this list, which reads the organisations in one
query however many there are and speaks the user's language.
"""

from __future__ import annotations

import json
import os

import pytest
from django.urls import reverse

from seuranta.plans.models import Membership, Organization
from tests.factories import PASSWORD, make_member, make_personas
from tests.test_translations import LANGS, english_on_pages
from tests.web.helpers import count_queries
from tests.web.test_accessibility import axe_violations, browser  # noqa: F401
from tests.web.test_accessibility import pytestmark as browser_marks


def in_browser(test):
    """The browser tests' marks (browser, slow, and the skip without Chromium) on this one test only."""
    for mark in browser_marks:
        test = mark(test)
    return test


def two_organisations_admin(personas):
    """The personas' administrator, also administering the outsider's organisation."""
    Membership.objects.create(
        user=personas.admin, organization=personas.other_organization, role=Membership.Role.ADMIN
    )
    return personas.admin


@pytest.mark.django_db
def test_an_administrator_of_two_organisations_chooses_between_them(client, personas):
    client.force_login(two_organisations_admin(personas))
    page = client.get(reverse("organizations:index")).content.decode()
    for organization in (personas.organization, personas.other_organization):
        assert reverse("organizations:people", args=[organization.pk]) in page
        assert reverse("organizations:units", args=[organization.pk]) in page
    assert "Kolmaskaupunki" not in page


@pytest.mark.django_db
def test_the_choice_is_not_offered_for_an_organisation_administered_no_longer(client, personas):
    two_organisations_admin(personas)
    Membership.objects.filter(user=personas.admin, organization=personas.other_organization).update(
        active=False
    )
    client.force_login(personas.admin)
    response = client.get(reverse("organizations:index"))
    assert response["Location"] == reverse("organizations:people", args=[personas.organization.pk])


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_2_and_20_organisations(client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.invalid", PASSWORD)
    client.login(username="root", password=PASSWORD)
    url = reverse("organizations:index")
    for i in range(2):
        Organization.objects.create(name=f"Kunta {i}")
    client.get(url)
    small = count_queries(client, url)
    for i in range(2, 20):
        make_member(f"jasen{i}", Organization.objects.create(name=f"Kunta {i}"), Membership.Role.ADMIN)
    assert count_queries(client, url) <= small
    assert "Kunta 19" in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_the_list_in_finnish_and_swedish_shows_no_english(client, personas, lang):
    two_organisations_admin(personas)
    leaks = english_on_pages(client, personas, {"index": reverse("organizations:index")}, lang, "admin")
    assert not leaks, f"English on {lang} pages: {leaks}"


@in_browser
def test_the_list_has_no_axe_violations(transactional_db, live_server, browser):  # noqa: F811
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    two_organisations_admin(make_personas())
    page = browser.new_page(locale="fi-FI")
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.goto(live_server.url + reverse("organizations:index"))
    assert page.locator("h1").inner_text() == "Organisaation asetukset"
    assert page.locator(".org-list li").count() == 2
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)
