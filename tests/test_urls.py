"""Addresses published before the paths were Finnish throughout still lead to their pages."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/plans/5/", "/suunnitelmat/5/"),
        ("/nodes/12/", "/kohdat/12/"),
        ("/raportit/5/?format=pdf&variant=annual", "/raportit/suunnitelmat/5/?format=pdf&variant=annual"),
        ("/seuranta/raportit/7/", "/seuranta/vastaukset/7/"),
        ("/import/", "/tuonti/"),
    ],
)
def test_old_address_redirects_permanently_to_the_new_one(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.django_db
def test_plan_report_and_reporting_answer_live_in_their_own_areas():
    from django.urls import reverse

    report = reverse("reports:plan_report", args=[1])
    answer = reverse("monitoring:entry", args=[1])
    assert report == "/raportit/suunnitelmat/1/"
    assert answer == "/seuranta/vastaukset/1/"
