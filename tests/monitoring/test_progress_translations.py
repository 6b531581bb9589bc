"""The progress text in the plan's other languages: written beside the Finnish one on the report form,
kept in the draft, submitted into the progress entry's translations and shown on the Swedish pages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from seuranta.monitoring.models import RoundEntry
from seuranta.plans.models import ProgressEntry
from tests.web.helpers import client_for

pytestmark = pytest.mark.django_db


def requires_swedish(plan) -> None:
    plan.required_languages = ["sv"]
    plan.save()


def post(entry, action: str = "submit", **fields) -> dict:
    version = RoundEntry.objects.get(pk=entry.pk).version
    return {"version": version, "text": "Edistyy hyvin.", "phase": "", "verdict": "", action: "1"} | fields


def submit_swedish(client, reporting, text: str = "Framskrider väl."):
    requires_swedish(reporting.plan)
    client.force_login(reporting.personas.responsible)
    url = reverse("monitoring:entry", args=[reporting.mine.pk])
    return client.post(url, post(reporting.mine, text__sv=text))


def test_the_report_form_shows_no_swedish_field_when_the_plan_does_not_require_swedish(client, reporting):
    client.force_login(reporting.personas.responsible)
    page = client.get(reverse("monitoring:entry", args=[reporting.mine.pk])).content.decode()
    assert 'name="text"' in page and 'name="text__sv"' not in page and "lang-columns" not in page


def test_the_report_form_shows_the_swedish_field_beside_the_finnish_one(client, reporting):
    requires_swedish(reporting.plan)
    client.force_login(reporting.personas.responsible)
    page = client.get(reverse("monitoring:entry", args=[reporting.mine.pk])).content.decode()
    assert 'class="lang-columns"' in page
    assert 'name="text__sv"' in page and 'lang="sv"' in page and 'lang="fi"' in page
    assert "Tilannekuvaus (ruotsi)</label>" in page and "Tilannekuvaus (suomi)</label>" in page


def test_submitting_saves_the_swedish_text_in_the_progress_entry(client, reporting):
    response = submit_swedish(client, reporting)
    assert response.status_code == 302
    progress = ProgressEntry.objects.get(node=reporting.mine.node, period=reporting.round.period)
    assert progress.text == "Edistyy hyvin."
    assert progress.translations == {"sv": {"text": "Framskrider väl."}}


def test_a_draft_keeps_the_swedish_text_and_the_form_shows_it_again(client, reporting):
    requires_swedish(reporting.plan)
    client.force_login(reporting.personas.responsible)
    url = reverse("monitoring:entry", args=[reporting.mine.pk])
    client.post(url, post(reporting.mine, action="save", text__sv="Utkast på svenska."))
    assert not ProgressEntry.objects.filter(node=reporting.mine.node).exists()  # drafts stay private
    assert "Utkast på svenska.</textarea>" in client.get(url).content.decode()


def test_a_language_no_longer_required_keeps_its_text_on_the_form(client, reporting):
    submit_swedish(client, reporting)
    reporting.plan.required_languages = []
    reporting.plan.save()
    page = client.get(reverse("monitoring:entry", args=[reporting.mine.pk])).content.decode()
    assert 'name="text__sv"' in page and "Framskrider väl.</textarea>" in page


def test_a_form_sent_without_the_swedish_field_keeps_the_swedish_text(client, reporting):
    submit_swedish(client, reporting)
    client.post(reverse("monitoring:entry", args=[reporting.mine.pk]), post(reporting.mine, text="Uusi."))
    progress = ProgressEntry.objects.get(node=reporting.mine.node, period=reporting.round.period)
    assert (progress.text, progress.translations) == ("Uusi.", {"sv": {"text": "Framskrider väl."}})


def test_the_swedish_public_node_page_shows_the_swedish_progress_text(client, reporting):
    submit_swedish(client, reporting)
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    organization = reporting.personas.organization
    page = client.get(reverse("public:node", args=[organization.slug, reporting.mine.node_id])).content
    assert "Framskrider väl." in page.decode() and "Edistyy hyvin." not in page.decode()


def test_the_swedish_staff_node_page_shows_the_swedish_progress_text(client, reporting):
    submit_swedish(client, reporting)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(reverse("node", args=[reporting.mine.node_id])).content.decode()
    assert "Framskrider väl." in page


@pytest.mark.parametrize("role", ["anonymous", "outsider", "viewer"])
def test_who_may_not_report_cannot_write_a_swedish_progress_text(client, reporting, role):
    requires_swedish(reporting.plan)
    url = reverse("monitoring:entry", args=[reporting.mine.pk])
    response = client_for(client, reporting.personas, role).post(
        url, post(reporting.mine, text__sv="Intrång.")
    )
    assert response.status_code in (302, 403, 404)
    assert not ProgressEntry.objects.filter(node=reporting.mine.node).exists()
    assert RoundEntry.objects.get(pk=reporting.mine.pk).draft is None


def test_the_round_page_counts_the_submitted_progress_texts_without_swedish(client, reporting):
    requires_swedish(reporting.plan)
    client.force_login(reporting.personas.responsible)
    for entry in (reporting.mine, reporting.also_mine):
        client.post(reverse("monitoring:entry", args=[entry.pk]), post(entry))
    client.force_login(reporting.personas.coordinator)
    url = reverse("monitoring:round", args=[reporting.round.pk])
    assert (
        "2 lähetetystä tilannekuvauksesta puuttuu vielä teksti kielellä ruotsi."
        in client.get(url).content.decode()
    )
    client.force_login(reporting.personas.responsible)
    submit_swedish(client, reporting)
    client.force_login(reporting.personas.coordinator)
    assert "1 lähetetystä tilannekuvauksesta puuttuu" in client.get(url).content.decode()


def test_the_round_page_of_a_finnish_only_plan_counts_no_missing_translations(client, reporting):
    client.force_login(reporting.personas.responsible)
    client.post(reverse("monitoring:entry", args=[reporting.mine.pk]), post(reporting.mine))
    client.force_login(reporting.personas.coordinator)
    page = client.get(reverse("monitoring:round", args=[reporting.round.pk])).content.decode()
    assert "untranslated-progress" not in page


def test_the_swedish_council_report_shows_the_swedish_progress_text(client, reporting):
    submit_swedish(client, reporting)
    url = reverse("reports:plan_report", args=[reporting.plan.pk]) + "?lang=sv&variant=council&format=html"
    page = client.get(url).content.decode()
    assert "Framskrider väl." in page and "Edistyy hyvin." not in page


def test_a_conflict_shows_the_swedish_text_saved_meanwhile_and_keeps_what_was_typed(client, reporting):
    requires_swedish(reporting.plan)
    stale = post(reporting.mine, text__sv="Min version.")
    client.force_login(reporting.personas.coordinator)
    url = reverse("monitoring:entry", args=[reporting.mine.pk])
    client.post(url, post(reporting.mine, text__sv="Samordnarens version."))
    client.force_login(reporting.personas.responsible)
    response = client.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Min version.</textarea>" in page and "Samordnarens version." in page
