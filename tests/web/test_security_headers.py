"""Transport security with DEBUG off: CSP, HSTS, Secure and HttpOnly cookies, and logging in behind an HTTPS proxy."""

import importlib

import pytest
from django.test import Client
from django.urls import reverse

import seuranta.settings_security as security
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_env(monkeypatch):
    """The security settings as a server with DEBUG off and nothing else configured computes them."""
    for name in ("DEBUG", "SECURE_COOKIES", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER", "CACHE_URL"):
        monkeypatch.delenv(name, raising=False)
    yield monkeypatch
    monkeypatch.undo()  # first the environment, then the module as the rest of the run knows it
    importlib.reload(security)


def test_with_debug_off_cookies_are_secure_and_hsts_lasts_a_year(production_env):
    module = importlib.reload(security)
    assert module.SESSION_COOKIE_SECURE and module.CSRF_COOKIE_SECURE and module.LANGUAGE_COOKIE_SECURE
    assert module.SESSION_COOKIE_HTTPONLY and module.CSRF_COOKIE_HTTPONLY
    assert module.SECURE_HSTS_SECONDS == 365 * 24 * 3600


def test_with_debug_on_cookies_work_over_plain_http(production_env):
    production_env.setenv("DEBUG", "1")
    module = importlib.reload(security)
    assert not module.SESSION_COOKIE_SECURE and module.SECURE_HSTS_SECONDS == 0


def test_the_proxy_header_is_named_as_the_proxy_sends_it(production_env):
    production_env.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert importlib.reload(security).SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    production_env.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Ssl: on")
    assert importlib.reload(security).SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_SSL", "on")


def test_pages_send_a_content_security_policy_without_unsafe_inline(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_https_responses_carry_hsts(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_login_cookies_are_secure_and_http_only(client, personas, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_HTTPONLY = settings.CSRF_COOKIE_HTTPONLY = True
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(reverse("login"), {"username": "viewer", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def _login_through_proxy(settings, header):
    settings.SECURE_PROXY_SSL_HEADER = header
    client = Client(enforce_csrf_checks=True)
    # The proxy passes the Host the browser asked for; the browser sends its https Origin and Referer.
    proxied = {
        "HTTP_HOST": "testserver",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ORIGIN": "https://testserver",
        "HTTP_REFERER": "https://testserver/login/",
    }
    client.get(reverse("login"), **proxied)
    token = client.cookies["csrftoken"].value
    return client.post(
        reverse("login"),
        {"username": "viewer", "password": PASSWORD, "csrfmiddlewaretoken": token},
        **proxied,
    )


def test_behind_an_https_proxy_login_works_once_the_proxy_header_is_set(personas, settings):
    assert _login_through_proxy(settings, ("HTTP_X_FORWARDED_PROTO", "https")).status_code == 302


def test_behind_an_https_proxy_without_the_proxy_header_login_is_refused(personas, settings):
    # What the README's proxy section prevents: Django sees http, the browser's Origin says https.
    assert _login_through_proxy(settings, None).status_code == 403


def test_no_template_has_inline_script_handlers_or_style_attributes():
    """What the CSP would block: found here without a browser, named by file."""
    import re
    from pathlib import Path

    inline = re.compile(
        r"""\son[a-z]+\s*=|\sstyle\s*=|<style(?![^>]*nonce)|<script(?![^>]*\b(?:src|nonce)=)|javascript:""",
        re.IGNORECASE,
    )
    package = Path(__file__).resolve().parents[2] / "seuranta"
    found = [
        f"{path.relative_to(package)}: {match.group(0).strip()}"
        for path in package.glob("*/templates/**/*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_the_cache_is_redis_when_cache_url_names_it_and_files_in_the_data_dir_otherwise(
    production_env, tmp_path
):
    production_env.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    assert importlib.reload(security).CACHES["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
    production_env.delenv("CACHE_URL")
    production_env.setenv("SEURANTA_DATA_DIR", str(tmp_path))
    cache = importlib.reload(security).CACHES["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"] == str(tmp_path / "cache")
