"""Organisation settings, API tokens: create (the secret is shown once), list and revoke.

A token lets a program write its organisation's indicator values through the API
(README: "API tokens"); `seuranta.api.tokens` creates and checks them.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.api.models import ApiToken
from seuranta.api.tokens import create_token, revoke
from seuranta.organizations.access import administers
from seuranta.organizations.forms import ApiTokenForm


def _tokens_page(request, organization, form, *, secret: str | None = None, status: int = 200):
    tokens = ApiToken.objects.filter(organization=organization).select_related("created_by", "revoked_by")
    response = render(
        request,
        "organizations/tokens.html",
        {"organization": organization, "tokens": tokens, "form": form, "secret": secret, "tab": "tokens"},
        status=status,
    )
    response["Cache-Control"] = "private, no-store"  # the secret must not stay in any cache
    return response


@administers
def tokens(request, organization):
    if request.method != "POST":
        return _tokens_page(request, organization, ApiTokenForm())
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The token was not created: check the fields below."))
        return _tokens_page(request, organization, form, status=400)
    token, secret = create_token(organization, form.cleaned_data["name"].strip(), created_by=request.user)
    messages.success(
        request, _("Token “%(name)s” created. Copy it now: it is shown only once.") % {"name": token.name}
    )
    return _tokens_page(request, organization, ApiTokenForm(), secret=secret)


@require_POST
@administers
def token_revoke(request, organization, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, organization=organization)
    if revoke(token, user=request.user):
        messages.success(request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name})
    else:
        messages.info(request, _("Token “%(name)s” was already revoked.") % {"name": token.name})
    return redirect("organizations:tokens", organization.pk)
