"""Signing in through the tests' real OpenID provider with an HTTP client (requests) instead of a browser.

The steps are a browser's: start at Seuranta's /oidc/authenticate/, log in on the provider's login
page, follow the provider back to Seuranta's callback. Each step can be stopped at to tamper with
what the provider sends back (a state of another sign-in, a callback from another browser).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

import pytest
import requests

from tests.factories import make_personas


@pytest.fixture
def sso_site(transactional_db, oidc_sso, live_server, settings):
    """The live server with single sign-on through the tests' provider; cookies over plain HTTP, since
    requests (unlike Chromium on localhost) sends no Secure cookie there."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = False
    return live_server.url, oidc_sso, make_personas()


def new_browser() -> requests.Session:
    session = requests.Session()
    session.headers["Accept-Language"] = "fi"
    return session


def start(session: requests.Session, base: str) -> str:
    """The provider's authorisation URL that Seuranta redirects to (it stored a state and nonce first)."""
    response = session.get(f"{base}/oidc/authenticate/", allow_redirects=False, timeout=20)
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def authorize(session: requests.Session, authorization_url: str, username: str, password: str) -> str:
    """Log in on the provider's page if needed; the callback URL (with code and state) it sends back to."""
    response = session.get(authorization_url, allow_redirects=False, timeout=20)
    if response.status_code == 302 and "/login/" in response.headers["Location"]:
        login_page = session.get(urljoin(authorization_url, response.headers["Location"]), timeout=20)
        form = {
            name: html.unescape(value)
            for name, value in re.findall(
                r'name="(csrfmiddlewaretoken|next)" value="([^"]*)"', login_page.text
            )
        }
        response = session.post(
            login_page.url,
            data={**form, "username": username, "password": password},
            allow_redirects=False,
            timeout=20,
        )
        assert response.status_code == 302, f"the provider refused the login: {response.status_code}"
        response = session.get(
            urljoin(authorization_url, response.headers["Location"]), allow_redirects=False
        )
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def finish(session: requests.Session, callback_url: str) -> requests.Response:
    """Seuranta's answer to the callback, redirects followed: home when signed in, else the login page."""
    return session.get(callback_url, timeout=30)


def sign_in(base: str, provider, username: str, password: str) -> requests.Response:
    session = new_browser()
    return finish(session, authorize(session, start(session, base), username, password))


def signed_in(response: requests.Response) -> bool:
    return 'class="logout-form"' in response.text


def message(response: requests.Response) -> str:
    found = re.search(r'<p class="message message--error">(.*?)</p>', response.text, re.S)
    return html.unescape(found[1]) if found else ""
