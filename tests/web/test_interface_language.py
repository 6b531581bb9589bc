"""The interface is Finnish unless the person chose another language."""

import pytest

from seuranta.plans.models import Plan


@pytest.mark.parametrize("header", [None, "en-US,en;q=0.9", "sv-SE", "de-DE", "*"])
def test_a_visitor_who_chose_no_language_gets_finnish_whatever_the_browser_says(client, db, header):
    extra = {} if header is None else {"HTTP_ACCEPT_LANGUAGE": header}
    response = client.get("/", **extra)
    assert response.headers["Content-Language"] == "fi"
    assert '<html lang="fi"' in response.content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_language_chosen_in_the_language_form_is_kept(client, db, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.headers["Content-Language"] == language


def test_an_unknown_language_in_the_cookie_falls_back_to_finnish(client, db):
    client.cookies["django_language"] = "xx"
    assert client.get("/").headers["Content-Language"] == "fi"


def test_the_language_form_is_on_every_page(client, db):
    assert Plan.objects.count() == 0
    content = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in content and 'value="sv"' in content
