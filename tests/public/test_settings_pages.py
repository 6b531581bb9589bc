"""The public site's settings on the organisation settings pages: who may use them, what they check."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from seuranta.public.contrast import contrast_with_white
from seuranta.public.models import Feedback, PlanPublicity, PublicSite
from tests.web.helpers import ROLES, client_for

pytestmark = pytest.mark.django_db

PAGES = ("public_admin:site", "public_admin:statement", "public_admin:feedback")


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "#16325c").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_settings_pages_are_for_the_organisations_administrator_only(client, personas, role, name):
    url = reverse(name, args=[personas.organization.pk])
    response = client_for(client, personas, role).get(url)
    expected = {"admin": 200, "anonymous": 302}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_administrator_can_save_the_statement(client, personas, role):
    url = reverse("public_admin:statement", args=[personas.organization.pk])
    data = {"compliance": "full", "nonconformities": "", "supervisor": "Traficom", "feedback_email": ""}
    response = client_for(client, personas, role).post(url, data)
    assert response.status_code == {"admin": 302, "anonymous": 302}.get(role, 403)
    saved = PublicSite.objects.filter(organization=personas.organization, compliance="full").exists()
    assert saved == (role == "admin")


def test_contrast_of_white_on_white_is_one_and_black_on_white_twenty_one():
    assert contrast_with_white("#ffffff") == pytest.approx(1)
    assert contrast_with_white("#000000") == pytest.approx(21)


def test_accent_colour_with_too_little_contrast_is_refused_in_finnish(client, personas):
    client.force_login(personas.admin)
    url = reverse("public_admin:site", args=[personas.organization.pk])
    response = client.post(url, {"display_name": "", "accent": "#ffd600"})
    assert response.status_code == 400
    assert "vähintään 4,5:1" in response.content.decode()
    assert not PublicSite.objects.exists()


def test_accent_colour_and_logo_are_saved_and_served(client, personas):
    client.force_login(personas.admin)
    url = reverse("public_admin:site", args=[personas.organization.pk])
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    assert (
        client.post(
            url, {"display_name": "Testin kaupunki", "accent": "#0A4D8C", "logo_file": logo}
        ).status_code
        == 302
    )
    site = PublicSite.objects.get()
    assert site.accent == "#0a4d8c" and site.logo_type == "image/png"
    slug = personas.organization.slug
    assert "#0a4d8c" in client.get(reverse("public:theme", args=[slug])).content.decode()
    assert client.get(reverse("public:logo", args=[slug, site.logo_version])).content == png()


def test_a_file_that_is_not_an_image_is_refused_as_logo(client, personas):
    client.force_login(personas.admin)
    url = reverse("public_admin:site", args=[personas.organization.pk])
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(url, {"accent": "#16325c", "logo_file": fake})
    assert response.status_code == 400
    assert "ei ole näytettävä kuva" in response.content.decode()


def test_plan_setting_shows_staff_names_publicly(client, personas, published):
    client.force_login(personas.admin)
    url = reverse("public_admin:plan_people", args=[personas.organization.pk, published.pk])
    client.post(url, {"show_people": "1"})
    assert PlanPublicity.objects.get(plan=published).show_people


def test_feedback_is_stored_for_the_administrator_and_acknowledged_by_email(client, personas, published):
    url = reverse("public:feedback", args=[personas.organization.slug])
    response = client.post(
        url, {"message": "Kaavio ei toimi ruudunlukijalla.", "email": "asukas@example.invalid"}
    )
    assert response.status_code == 302
    assert "Kiitos palautteestasi" in client.get(response["Location"]).content.decode()
    assert Feedback.objects.get().organization == personas.organization
    assert mail.outbox[-1].to == ["asukas@example.invalid"]
    client.force_login(personas.admin)
    listing = client.get(reverse("public_admin:feedback", args=[personas.organization.pk])).content.decode()
    assert "Kaavio ei toimi ruudunlukijalla." in listing


def test_empty_feedback_is_refused_with_a_message(client, personas):
    response = client.post(reverse("public:feedback", args=[personas.organization.slug]), {"message": ""})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_statement_page_exists_for_every_organisation_with_a_published_plan(client, personas, published):
    from seuranta.plans.models import Organization, Plan

    with_plans = Organization.objects.filter(plans__state=Plan.State.PUBLISHED).distinct()
    assert with_plans.exists()
    for organization in with_plans:
        page = client.get(reverse("public:statement", args=[organization.slug]))
        text = page.content.decode()
        assert page.status_code == 200
        for part in ("Vaatimustenmukaisuuden tila", "Tunnetut puutteet", "Palaute", "Valvontaviranomainen"):
            assert part in text
        assert "Traficom" in text


def test_statement_shows_what_the_administrator_wrote(client, personas, published):
    PublicSite.objects.create(
        organization=personas.organization,
        compliance="none",
        nonconformities="PDF-raportit eivät ole saavutettavia.",
        supervisor="Etelä-Suomen aluehallintovirasto",
    )
    text = client.get(reverse("public:statement", args=[personas.organization.slug])).content.decode()
    assert "ei täytä WCAG 2.1" in text and "PDF-raportit" in text and "Etelä-Suomen" in text
