"""Whether single sign-on is configured, and the provider's endpoints from its discovery document.

Everything is read from the settings at call time, so a deployment turns it on with environment
variables (seuranta/settings_sso.py) and tests with the `settings` fixture.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests
from django.conf import settings

DISCOVERY_TTL = 3600.0  # seconds a fetched discovery document is used before it is fetched again


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be fetched or lacks an endpoint."""


@dataclass(frozen=True)
class SsoSettings:
    issuer: str
    client_id: str
    client_secret: str
    email_claim: str
    provider_name: str
    only: bool  # password logins are refused
    superuser_password: bool  # ... except a superuser's (break glass)


@dataclass(frozen=True)
class Endpoints:
    issuer: str  # as the discovery document names it (Entra writes the tenant's id even when asked by domain)
    authorization: str
    token: str
    jwks: str
    userinfo: str | None


def sso_settings() -> SsoSettings | None:
    """The configuration, or None when single sign-on is off (issuer, client id or secret missing)."""
    issuer = getattr(settings, "OIDC_ISSUER", "")
    client_id = getattr(settings, "OIDC_RP_CLIENT_ID", "")
    secret = getattr(settings, "OIDC_RP_CLIENT_SECRET", "")
    if not (issuer and client_id and secret):
        return None
    return SsoSettings(
        issuer=issuer.rstrip("/"),
        client_id=client_id,
        client_secret=secret,
        email_claim=getattr(settings, "OIDC_EMAIL_CLAIM", "email"),
        provider_name=getattr(settings, "OIDC_PROVIDER_NAME", "Microsoft"),
        only=bool(getattr(settings, "OIDC_ONLY", False)),
        superuser_password=bool(getattr(settings, "OIDC_ONLY_SUPERUSER_PASSWORD", False)),
    )


def sso_only() -> bool:
    """Only single sign-on is allowed (and it is configured: otherwise nobody could log in)."""
    config = sso_settings()
    return config is not None and config.only


_cache: dict[str, tuple[float, Endpoints]] = {}
_lock = threading.Lock()


def endpoints(issuer: str) -> Endpoints:
    """The provider's endpoints, fetched from ISSUER/.well-known/openid-configuration and kept an hour."""
    with _lock:
        cached = _cache.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=getattr(settings, "OIDC_TIMEOUT", 15))
        response.raise_for_status()
        document = response.json()
        found = Endpoints(
            issuer=document["issuer"],
            authorization=document["authorization_endpoint"],
            token=document["token_endpoint"],
            jwks=document["jwks_uri"],
            userinfo=document.get("userinfo_endpoint"),
        )
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        raise ProviderUnavailable(f"{url}: {error!r}") from error
    with _lock:
        _cache[issuer] = (time.monotonic(), found)
    return found
