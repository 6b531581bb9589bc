"""The values pages in Finnish, Swedish and English, and their query counts whatever the plan's size."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seuranta.values.models import SotkanetFetch, SotkanetLink, SurveyFeed
from tests.factories import make_plan
from tests.test_translations import english_on_pages
from tests.values.helpers import csv_file, indicators
from tests.web.helpers import count_queries


@pytest.fixture
def pages(personas):
    plan = make_plan(2, organization=personas.organization)
    indicator = indicators(plan)[0]
    link = SotkanetLink.objects.create(indicator=indicator, sotkanet_id=127, region=91)
    SotkanetFetch.objects.create(link=link, url="http://x/", ok=False, message="Sotkanet ei vastannut.")
    return {
        "bulk": reverse("values:bulk_upload", args=[plan.pk]),
        "survey": reverse("values:survey_upload", args=[plan.pk]),
        "sources": reverse("values:indicator_sources", args=[indicator.pk]),
    }


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_values_pages_in_finnish_and_swedish_show_no_english(client, personas, pages, lang):
    leaks = english_on_pages(client, personas, pages, lang, "coordinator")
    assert not leaks, leaks


def test_values_pages_in_english(client, personas, pages):
    client.force_login(personas.coordinator)
    client.cookies["django_language"] = "en"
    assert "Import values" in client.get(pages["bulk"]).content.decode()
    assert "Fetch from Sotkanet now" in client.get(pages["sources"]).content.decode()


def _preview_queries(client, plan) -> int:
    rows = ["mittari;kausi;arvo"] + [f"{i.pk};2026;{n}" for n, i in enumerate(indicators(plan))]
    url = reverse("values:bulk_upload", args=[plan.pk])
    return count_queries(client, url, "post", {"file": csv_file(rows)})


def test_bulk_preview_queries_do_not_grow_with_rows(client, personas):
    client.force_login(personas.coordinator)
    small = make_plan(1, organization=personas.organization)
    large = make_plan(8, organization=personas.organization, indicators_per_action=3, title="Iso")
    assert _preview_queries(client, large) == _preview_queries(client, small)


def _survey_queries(client, plan) -> int:
    feeds = [SurveyFeed.objects.create(indicator=i, question=f"Kysymys {i.pk}") for i in indicators(plan)]
    rows = ["yksikkö;kysymys;vastaajia;keskiarvo"] + [f"Yksikkö;{f.question};9;4" for f in feeds]
    url = reverse("values:survey_upload", args=[plan.pk])
    return count_queries(client, url, "post", {"file": csv_file(rows), "period": "2026"})


def test_survey_preview_queries_do_not_grow_with_rows(client, personas):
    client.force_login(personas.coordinator)
    small = make_plan(1, organization=personas.organization)
    large = make_plan(8, organization=personas.organization, indicators_per_action=3, title="Iso")
    assert _survey_queries(client, large) == _survey_queries(client, small)
