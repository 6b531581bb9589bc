"""Authentication backends: OpenID Connect sign-in of members, and the gate that closes password logins.

`OpenIDMemberBackend` is mozilla-django-oidc's backend: the library checks the state, the nonce,
the PKCE verifier and the ID token's signature and expiry. Seuranta adds what the library leaves
to its users: the endpoints from the provider's discovery document, the ID token's issuer and
audience, and who the person is (seuranta.sso.members). A refusal is left on the request for
the callback view to show.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from seuranta.sso.config import endpoints, sso_only, sso_settings
from seuranta.sso.members import email_from_claims, sign_in_member

log = logging.getLogger(__name__)
REFUSAL = "seuranta_sso_refusal"  # request attribute: why a sign-in was refused, for the person


class OpenIDMemberBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Django builds every backend for every login and request: nothing here may reach the provider.
        # The endpoints are looked up when an OpenID Connect callback arrives (authenticate).
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        config = sso_settings()
        if request is None or "nonce" not in kwargs or config is None:
            return None  # a password login, or single sign-on is off
        found = endpoints(config.issuer)
        self.config, self.endpoints = config, found
        self.OIDC_OP_TOKEN_ENDPOINT, self.OIDC_OP_JWKS_ENDPOINT = found.token, found.jwks
        self.OIDC_OP_USER_ENDPOINT = found.userinfo
        self.OIDC_RP_CLIENT_ID, self.OIDC_RP_CLIENT_SECRET = config.client_id, config.client_secret
        self.OIDC_RP_SIGN_ALGO = self.get_settings("OIDC_RP_SIGN_ALGO", "RS256")
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        check_audience_and_issuer(payload, self.endpoints.issuer, self.config.client_id)
        claims = self.claims(access_token, id_token, payload)
        email, problem = email_from_claims(claims, self.config.email_claim)
        if problem:
            setattr(self.request, REFUSAL, problem)
            return None
        result = sign_in_member(email, claims)
        if result.user is None:
            log.info("single sign-on refused for %s", email)
            setattr(self.request, REFUSAL, result.problem)
        return result.user

    def claims(self, access_token, id_token, payload) -> dict:
        """The ID token's claims, completed from the userinfo endpoint when the e-mail address is not among them."""
        if self.config.email_claim in payload or not self.OIDC_OP_USER_ENDPOINT:
            return dict(payload)
        info = self.get_userinfo(access_token, id_token, payload)
        if info.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo is about another subject than the ID token")
        return {**payload, **info}

    def get_user(self, user_id):
        # Django's own check: a deactivated account's open sessions end on its next request.
        return ModelBackend.get_user(self, user_id)


def check_audience_and_issuer(payload: dict, issuer: str, client_id: str) -> None:
    """OpenID Connect Core 3.1.3.7: the token is from our provider and meant for this client."""
    if payload.get("iss") != issuer:
        raise SuspiciousOperation(f"ID token issuer {payload.get('iss')!r} is not {issuer!r}")
    audience = payload.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise SuspiciousOperation("ID token is not meant for this client")
    if len(audiences) > 1 and payload.get("azp") != client_id:
        raise SuspiciousOperation("ID token has other audiences and another authorised party")


class PasswordGate:
    """With OIDC_ONLY, refuses every password login (the login page, /admin/login/, any form):
    raising PermissionDenied stops Django's authenticate() before the password backend. With
    OIDC_ONLY_SUPERUSER_PASSWORD a superuser's password login goes on to that backend (break glass).

    Only `authenticate`, like django-axes' backend: with a `get_user` Django's force_login() and
    session loading would take this backend for one that logs people in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is None or not sso_only():
            return None
        config = sso_settings()
        if config is not None and config.superuser_password and username:
            UserModel = get_user_model()
            if UserModel._default_manager.filter(
                **{UserModel.USERNAME_FIELD: username}, is_superuser=True
            ).exists():
                return None
        raise PermissionDenied


def is_single_sign_on_attempt(request, credentials: dict | None = None) -> bool:
    """django-axes' whitelist (AXES_WHITELIST_CALLABLE): a single sign-on is never counted towards the password
    lockout. A person the provider knows but Seuranta refuses is not guessing passwords, and counting them would
    lock everyone behind the same address (a whole city office) out of single sign-on."""
    return credentials is not None and "nonce" in credentials and "password" not in credentials
