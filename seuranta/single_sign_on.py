"""Whether single sign-on is on, and how: read from the settings at call time.

A plain module, like seuranta.paths, so that any app may ask (the login page, the invitation page)
without depending on the sso app. A deployment sets the environment variables of
seuranta/settings_sso.py; tests change the settings with the `settings` fixture.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class SsoSettings:
    issuer: str
    client_id: str
    client_secret: str
    email_claim: str
    provider_name: str
    only: bool  # password logins are refused
    superuser_password: bool  # ... except a superuser's (break glass)


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
