"""The organisation settings, invitation and password pages show no English in Finnish and Swedish."""

import pytest
from django.urls import reverse

from seuranta.organizations.invitations import invitation_token
from tests.test_translations import LANGS, english_on_pages


@pytest.mark.parametrize("lang", LANGS)
def test_organisation_settings_pages_in_finnish_and_swedish_show_no_english(client, org, lang):
    o = org.organization.pk
    pages = {
        "people": reverse("organizations:people", args=[o]),
        "units": reverse("organizations:units", args=[o]),
        "unit_edit": reverse("organizations:unit_edit", args=[o, org.area.pk]),
    }
    leaks = english_on_pages(client, org.personas, pages, lang, "admin")
    assert not leaks, f"English on {lang} pages: {leaks}"


@pytest.mark.parametrize("lang", LANGS)
def test_invitation_and_password_pages_in_finnish_and_swedish_show_no_english(client, org, lang):
    pages = {
        "accept": reverse("organizations:accept", args=[invitation_token(org.invitation)]),
        "password_reset": reverse("password_reset"),
        "password_reset_done": reverse("password_reset_done"),
        "password_reset_complete": reverse("password_reset_complete"),
        "password_reset_bad_link": reverse("password_reset_confirm", args=["MQ", "bad-token"]),
    }
    leaks = english_on_pages(client, org.personas, pages, lang, "anonymous")
    assert not leaks, f"English on {lang} pages: {leaks}"
