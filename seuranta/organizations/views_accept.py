"""Accepting an invitation: the invitee chooses their name and password and becomes a member.

Public (the signed link is the credential). Someone who already has an account
with the invited address logs in and joins with one click instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from seuranta.organizations.forms import AcceptInvitationForm
from seuranta.organizations.invitations import accept, existing_user, open_invitation, used_problem
from seuranta.single_sign_on import sso_settings

BACKEND = "django.contrib.auth.backends.ModelBackend"


def accept_invitation(request, token: str):
    opened = open_invitation(token)
    if opened.invitation is None:
        return render(
            request, "organizations/invitation_invalid.html", {"problem": opened.problem}, status=410
        )
    invitation = opened.invitation
    account = existing_user(invitation.email)
    sso = sso_settings()
    context = {"invitation": invitation, "organization": invitation.organization, "sso": sso}
    if account is not None and account.is_active and account.has_usable_password():
        # The address already has an account: it joins as itself, never by a second account.
        if request.user.is_authenticated and request.user.pk == account.pk:
            if request.method == "POST":
                if not _accepted(invitation, account):
                    return _used(request)
                messages.success(
                    request,
                    _("You are now a member of %(organization)s.")
                    % {"organization": invitation.organization},
                )
                return redirect("home")
            return render(request, "organizations/accept_join.html", context)
        return render(request, "organizations/accept_login.html", {**context, "account": account})
    if sso is not None and sso.only:
        # Only single sign-on: no password is chosen; signing in accepts the invitation (seuranta.sso.members).
        status = 403 if request.method == "POST" else 200
        return render(request, "organizations/accept.html", context, status=status)
    user = account or get_user_model()(username=invitation.email, email=invitation.email)
    form = AcceptInvitationForm(
        request.POST or None, user=user, initial={"first_name": user.first_name, "last_name": user.last_name}
    )
    if request.method == "POST" and form.is_valid():
        return _create_account(request, invitation, user, form)
    return render(
        request,
        "organizations/accept.html",
        {**context, "form": form, "username": user.get_username()},
        status=400 if form.is_bound else 200,
    )


def _accepted(invitation, user) -> bool:
    try:
        accept(invitation, user)
    except ValueError:  # used or cancelled between opening the page and sending it
        return False
    return True


def _used(request):
    return render(request, "organizations/invitation_invalid.html", {"problem": used_problem()}, status=410)


def _create_account(request, invitation, user, form):
    with transaction.atomic():
        user.first_name, user.last_name = form.cleaned_data["first_name"], form.cleaned_data["last_name"]
        user.set_password(form.cleaned_data["password1"])
        user.is_active = True
        user.save()
        if not _accepted(invitation, user):
            transaction.set_rollback(True)
            return _used(request)
    login(request, user, backend=BACKEND)
    messages.success(
        request, _("Welcome to Seuranta. Your username is %(username)s.") % {"username": user.get_username()}
    )
    return redirect("home")
