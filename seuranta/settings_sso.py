"""Single sign-on with OpenID Connect (Microsoft Entra ID first); part of seuranta.settings.

Off unless an issuer (or an Entra tenant), a client id and a client secret are set. The README's
configuration table and its section "Microsoft Entra ID" describe each variable:

    OIDC_ENTRA_TENANT          the Entra tenant (directory) id; sets the issuer to Microsoft's v2.0 endpoint
    OIDC_ISSUER                any OpenID provider's issuer URL (discovery at ISSUER/.well-known/openid-configuration)
    OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   the app registration's client id and secret
    OIDC_SCOPES                (default: "openid email profile")
    OIDC_EMAIL_CLAIM           the claim that carries the e-mail address (default: "email")
    OIDC_PROVIDER_NAME         the name on the login button (default: "Microsoft")
    OIDC_ONLY                  only single sign-on: password logins are refused
    OIDC_ONLY_SUPERUSER_PASSWORD   with OIDC_ONLY, superusers may still log in with a password (break glass)
"""

from __future__ import annotations

import os


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


OIDC_ENTRA_TENANT = os.environ.get("OIDC_ENTRA_TENANT", "").strip()
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").strip().rstrip("/") or (
    f"https://login.microsoftonline.com/{OIDC_ENTRA_TENANT}/v2.0" if OIDC_ENTRA_TENANT else ""
)
# mozilla-django-oidc's names for the client's settings.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "").strip()
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "").strip() or "openid email profile"
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 15  # seconds for each request to the provider; a hanging provider never holds a thread longer
OIDC_CREATE_USER = False  # accounts are made only for invitations (seuranta.sso.members)
OIDC_EMAIL_CLAIM = os.environ.get("OIDC_EMAIL_CLAIM", "").strip() or "email"
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "").strip() or "Microsoft"
OIDC_ONLY = _env_bool("OIDC_ONLY")
OIDC_ONLY_SUPERUSER_PASSWORD = _env_bool("OIDC_ONLY_SUPERUSER_PASSWORD")

# django-axes counts failed password logins only: a refused single sign-on is no password guess.
AXES_WHITELIST_CALLABLE = "seuranta.sso.backends.is_single_sign_on_attempt"


def backends(authentication_backends: list[str]) -> list[str]:
    """The password gate goes before Django's password backend, the OpenID Connect backend after it."""
    result = list(authentication_backends)
    result.insert(
        result.index("django.contrib.auth.backends.ModelBackend"), "seuranta.sso.backends.PasswordGate"
    )
    result.append("seuranta.sso.backends.OpenIDMemberBackend")
    return result


__all__ = [name for name in dir() if name.startswith("OIDC_")] + ["AXES_WHITELIST_CALLABLE"]
