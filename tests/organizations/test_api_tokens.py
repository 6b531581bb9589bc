"""The API tokens page of the organisation settings: every persona, GET and POST; the token shown once."""

import pytest
from django.urls import reverse

from seuranta.api.models import ApiToken
from seuranta.api.tokens import create_token
from tests.organizations.conftest import log_in

ROLES = ["anonymous", "outsider", "viewer", "responsible", "coordinator", "admin"]


def expected(role: str, allowed: int) -> int:
    return {"anonymous": 302, "admin": allowed}.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_open_the_tokens_page(client, personas, role):
    url = reverse("organizations:tokens", args=[personas.organization.pk])
    response = log_in(client, personas, role).get(url)
    assert response.status_code == expected(role, 200)
    if role == "admin":
        assert "API-avaimet" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_create_tokens(client, personas, role):
    url = reverse("organizations:tokens", args=[personas.organization.pk])
    response = log_in(client, personas, role).post(url, {"name": "Talousjärjestelmä"})
    assert response.status_code == expected(role, 200)
    assert ApiToken.objects.exists() == (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_revoke_tokens(client, personas, role):
    token, _secret = create_token(personas.organization, "HR", created_by=personas.admin)
    url = reverse("organizations:token_revoke", args=[personas.organization.pk, token.pk])
    response = log_in(client, personas, role).post(url)
    assert response.status_code == expected(role, 302)
    token.refresh_from_db()
    assert token.is_active == (role != "admin")


def test_revoking_is_post_only(client, personas):
    token, _secret = create_token(personas.organization, "HR", created_by=personas.admin)
    url = reverse("organizations:token_revoke", args=[personas.organization.pk, token.pk])
    assert log_in(client, personas, "admin").get(url).status_code == 405


def test_the_secret_is_shown_once_and_never_again(client, personas):
    url = reverse("organizations:tokens", args=[personas.organization.pk])
    log_in(client, personas, "admin")
    created = client.post(url, {"name": "HR"})
    secret = created.context["secret"]
    assert secret.startswith("seuranta_") and secret in created.content.decode()
    assert created["Cache-Control"] == "private, no-store"
    assert secret not in client.get(url).content.decode()


def test_a_token_without_a_name_is_refused_with_a_message(client, personas):
    url = reverse("organizations:tokens", args=[personas.organization.pk])
    response = log_in(client, personas, "admin").post(url, {"name": " "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_settings_tabs_link_to_the_tokens_page(client, personas):
    page = log_in(client, personas, "admin").get(
        reverse("organizations:people", args=[personas.organization.pk])
    )
    assert reverse("organizations:tokens", args=[personas.organization.pk]) in page.content.decode()


def test_tokens_page_queries_do_not_grow_with_tokens(client, personas, django_assert_max_num_queries):
    url = reverse("organizations:tokens", args=[personas.organization.pk])
    log_in(client, personas, "admin")
    create_token(personas.organization, "A", created_by=personas.admin)
    client.get(url)
    for n in range(15):
        create_token(personas.organization, f"T{n}", created_by=personas.admin)
    with django_assert_max_num_queries(12):
        client.get(url)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_tokens_page_speaks_the_users_language(client, personas, lang):
    client.cookies["django_language"] = lang
    page = log_in(client, personas, "admin").get(
        reverse("organizations:tokens", args=[personas.organization.pk])
    )
    heading = {"fi": "API-avaimet", "sv": "API-nycklar", "en": "API tokens"}[lang]
    assert f">{heading}<" in page.content.decode()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_api_documentation_page_is_reachable_from_the_footer(client, db, lang):
    client.cookies["django_language"] = lang
    home = client.get("/").content.decode()
    assert 'href="/api/"' in home
    page = client.get("/api/").content.decode()
    heading = {"fi": "Seurannan rajapinta (API)", "sv": "Seurantas gränssnitt (API)", "en": "Seuranta API"}[
        lang
    ]
    assert f"<h1>{heading}</h1>" in page and "/api/v1/plans/{plan_id}/indicators" in page
