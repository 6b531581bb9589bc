"""Survey results into survey-fed indicators: groups under the anonymity threshold are never stored or shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seuranta.values.models import OpenDataSettings, SurveyFeed
from tests.factories import make_plan
from tests.values.helpers import actuals, csv_file, indicators

QUESTION = "Suosittelisin työpaikkaani"


@pytest.fixture
def plan(personas):
    plan = make_plan(1, organization=personas.organization)
    SurveyFeed.objects.create(indicator=indicators(plan)[0], question=QUESTION)
    return plan


def send(client, plan, rows, period="2026"):
    lines = ["yksikkö;kysymys;vastaajia;keskiarvo;osuus", *rows]
    url = reverse("values:survey_upload", args=[plan.pk])
    return client.post(url, {"file": csv_file(lines, "kysely.csv"), "period": period})


def confirm(client, plan):
    return client.post(reverse("values:upload_confirm", args=[plan.pk]), {"action": "confirm"})


def test_a_group_of_four_respondents_is_never_stored_or_shown(client, personas, plan):
    client.force_login(personas.coordinator)
    page = send(
        client, plan, [f"Kirjasto;{QUESTION};4;;81", f"Nuorisopalvelut;{QUESTION};12;;64"]
    ).content.decode()
    assert "Kirjasto" not in page
    assert "Nuorisopalvelut" in page
    assert 'id="suppressed"' in page and "1 ryhmässä" in page
    assert "Kirjasto" not in str(client.session.get("values_pending"))
    confirm(client, plan)
    assert [(m.label, m.value) for m in actuals(plan)] == [("Nuorisopalvelut", 64.0)]
    assert "Kirjasto" not in client.get(reverse("plan", args=[plan.pk])).content.decode()


def test_the_threshold_is_the_organisations_own(client, personas, plan):
    OpenDataSettings.objects.create(organization=personas.organization, survey_threshold=10)
    client.force_login(personas.coordinator)
    send(client, plan, [f"Kirjasto;{QUESTION};9;3,8;", f"Koulut;{QUESTION};10;4,1;"])
    confirm(client, plan)
    assert [(m.label, m.value) for m in actuals(plan)] == [("Koulut", 4.1)]


def test_a_question_no_indicator_asks_is_a_row_error(client, personas, plan):
    client.force_login(personas.coordinator)
    page = send(client, plan, ["Koulut;Jokin muu kysymys;30;4;"]).content.decode()
    assert "Millään suunnitelman kyselymittarilla ei ole tätä kysymystä." in page
    confirm(client, plan)
    assert actuals(plan) == []


def test_a_survey_feed_is_set_on_the_indicator_page(client, personas, plan):
    other = make_plan(1, organization=personas.organization, title="Toinen")
    indicator = indicators(other)[0]
    client.force_login(personas.coordinator)
    url = reverse("values:indicator_sources", args=[indicator.pk])
    client.post(url, {"part": "survey", "question": "  Viihdyn työssäni "})
    assert SurveyFeed.objects.get(indicator=indicator).question == "Viihdyn työssäni"
    client.post(url, {"part": "survey", "question": ""})
    assert not SurveyFeed.objects.filter(indicator=indicator).exists()
