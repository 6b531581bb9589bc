"""The provider's endpoints from its discovery document; whether single sign-on is on is
seuranta.single_sign_on (re-exported here)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests
from django.conf import settings

from seuranta.single_sign_on import SsoSettings, sso_only, sso_settings

__all__ = [
    "DISCOVERY_TTL",
    "Endpoints",
    "ProviderUnavailable",
    "SsoSettings",
    "endpoints",
    "sso_only",
    "sso_settings",
]

DISCOVERY_TTL = 3600.0  # seconds a fetched discovery document is used before it is fetched again


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be fetched or lacks an endpoint."""


@dataclass(frozen=True)
class Endpoints:
    issuer: str  # as the discovery document names it (Entra writes the tenant's id even when asked by domain)
    authorization: str
    token: str
    jwks: str
    userinfo: str | None


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
