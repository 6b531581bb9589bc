"""Transport, cookies, Content Security Policy, login throttling, caching and sessions; part of seuranta.settings.

Everything comes from the environment (the README's configuration table lists each variable):

    SECURE_COOKIES            session, CSRF and language cookies only over HTTPS (default: on unless DEBUG)
    SECURE_HSTS_SECONDS       Strict-Transport-Security max-age (default: one year unless DEBUG, then 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD   (default: off)
    SECURE_SSL_REDIRECT       redirect plain HTTP to HTTPS (default: off; the proxy usually does it)
    SECURE_PROXY_SSL_HEADER   the header a TLS-terminating proxy sets to "https", e.g. X-Forwarded-Proto
    USE_X_FORWARDED_HOST      take the host from X-Forwarded-Host (default: off)
    TRUSTED_PROXY_COUNT       proxies in front of Seuranta that append to X-Forwarded-For (default: 0)
    LOGIN_FAILURE_LIMIT       failed logins before a username is locked from one address (default: 20)
    LOGIN_LOCKOUT_MINUTES     how long the lockout lasts (default: 30)
    LOGIN_THROTTLING          "0" turns the lockout off (default: on)
    CACHE_URL                 redis://host:6379/1 for a shared Redis cache (default: files in the data dir)
    REPORT_RATE_LIMIT         report downloads per minute an anonymous address may make (default: 20)
    REPORT_CONCURRENCY        report requests of anonymous visitors one server process serves at once (default: 4)
"""

from __future__ import annotations

import os
from datetime import timedelta

# Private name: `from seuranta.settings_security import *` exports every public name, and CSP is not a setting.
from django.utils.csp import CSP as _CSP

from seuranta.paths import data_dir


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


_DEBUG = _env_bool("DEBUG")

# Cookies and HSTS are strict unless DEBUG: a production server is reached over HTTPS.
SECURE_COOKIES = _env_bool("SECURE_COOKIES", default=not _DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or (0 if _DEBUG else 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
USE_X_FORWARDED_HOST = _env_bool("USE_X_FORWARDED_HOST")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)


def _proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """ "X-Forwarded-Proto" (or "X-Forwarded-Proto: https") as Django's ("HTTP_X_FORWARDED_PROTO", "https")."""
    if not value.strip():
        return None
    name, _, expected = value.partition(":")
    return "HTTP_" + name.strip().upper().replace("-", "_"), expected.strip() or "https"


SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER", ""))

# No inline script or style anywhere but where a page carries the request's nonce; the report pages
# send their own policy with the hash of their one stylesheet (seuranta.reports.views).
SECURE_CSP = {
    "default-src": [_CSP.SELF],
    "script-src": [_CSP.SELF, _CSP.NONCE],
    "style-src": [_CSP.SELF, _CSP.NONCE],
    "img-src": [_CSP.SELF, "data:"],
    "object-src": [_CSP.NONE],
    "base-uri": [_CSP.NONE],
    "form-action": [_CSP.SELF],
    "frame-ancestors": [_CSP.NONE],
}

# Login throttling (django-axes): a username is locked from one address after LOGIN_FAILURE_LIMIT failures.
AXES_ENABLED = _env_bool("LOGIN_THROTTLING", default=True)
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT") or 20)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES") or 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # trying on while locked does not extend the lockout
AXES_CLIENT_IP_CALLABLE = "seuranta.common.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "seuranta.common.throttling.lockout_response"
AXES_VERBOSE = False
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]


def _caches() -> dict:
    url = os.environ.get("CACHE_URL", "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    # Files, so that every app process (and the worker) shares the cached reports and the rate limits.
    location = url.removeprefix("file://") if url.startswith("file://") else str(data_dir() / "cache")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }


CACHES = _caches()
# A signed-in request reads its session from the cache, not from a database row; a session is written to both,
# and a miss (a new process, an evicted entry) reads the database. Signing out removes it from both.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
REPORT_CACHE_SECONDS = 24 * 3600  # keys change with every edit; this only bounds how long old ones linger
REPORT_RATE_LIMIT = int(os.environ.get("REPORT_RATE_LIMIT") or 20)
REPORT_CONCURRENCY = int(os.environ.get("REPORT_CONCURRENCY") or 4)


def install(installed_apps: list[str], middleware: list[str], templates: list[dict]) -> None:
    """Add the apps, middleware and context processor these settings need to the main settings' lists."""
    installed_apps.append("axes")
    middleware.insert(
        middleware.index("django.middleware.security.SecurityMiddleware") + 1,
        "django.middleware.csp.ContentSecurityPolicyMiddleware",
    )
    middleware.insert(
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "seuranta.web.middleware.PrivateForMembersMiddleware",
    )
    middleware.append("axes.middleware.AxesMiddleware")  # last, as django-axes asks
    templates[0]["OPTIONS"]["context_processors"].append("django.template.context_processors.csp")
