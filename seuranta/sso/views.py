"""The login page (password form and/or the single sign-on button) and the OpenID Connect views.

The two OpenID Connect views are mozilla-django-oidc's: the library creates and checks the state,
the nonce and the PKCE verifier. Seuranta's subclasses take the endpoints from the discovery
document and turn every failure into a sentence on the login page instead of an error page.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from seuranta.sso.backends import REFUSAL
from seuranta.sso.config import ProviderUnavailable, endpoints, sso_settings

log = logging.getLogger(__name__)
FAILURES = (
    SuspiciousOperation,
    ProviderUnavailable,
    requests.RequestException,
    jwt.InvalidTokenError,
    ValueError,
)


def login_page(request):
    """Django's login view, with the single sign-on button when configured; in SSO-only mode without
    the password form, and a password sent anyway is refused (seuranta.sso.backends.PasswordGate)."""
    config = sso_settings()
    view = auth_views.LoginView.as_view(
        template_name="web/login.html",
        redirect_authenticated_user=True,
        extra_context={"sso": config, "sso_only": bool(config and config.only)},
    )
    response = view(request)
    if config and config.only and request.method == "POST" and response.status_code == 200:
        response.status_code = 403  # the form came back: refused
    return response


def _unavailable(request, config):
    messages.error(
        request,
        _(
            "Signing in with your %(provider)s account did not succeed. Try again in a moment; if it "
            "keeps failing, tell your organisation's administrator."
        )
        % {"provider": config.provider_name if config else ""},
    )
    return redirect("login")


class StartSignIn(OIDCAuthenticationRequestView):
    """Redirects to the provider's login page (GET /oidc/authenticate/?next=...)."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)  # the endpoint comes in get()

    def get(self, request):
        config = sso_settings()
        if config is None:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = endpoints(config.issuer).authorization
        except ProviderUnavailable as error:
            log.warning("single sign-on: provider unavailable: %s", error)
            return _unavailable(request, config)
        self.OIDC_RP_CLIENT_ID = config.client_id
        return super().get(request)


class FinishSignIn(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back (GET /oidc/callback/?code=...&state=...)."""

    def get(self, request):
        self.config = sso_settings()
        if self.config is None:
            raise Http404
        try:
            return super().get(request)
        except FAILURES as error:  # a state the session does not know, the provider refusing the code, ...
            log.warning("single sign-on failed: %r", error)
            return self.login_failure()

    def login_failure(self):
        refusal = getattr(self.request, REFUSAL, "")
        if not refusal:
            return _unavailable(self.request, self.config)
        messages.error(self.request, refusal)
        return redirect("login")
