"""Organisation settings, people: members and their roles, invitations, ending and restoring access.

The people page takes the same number of queries for 2 members as for 200.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.common.editing import Conflict, changed_meanwhile
from seuranta.common.language import ui_lang
from seuranta.common.people import person_name
from seuranta.common.views import posted_version
from seuranta.organizations.access import administers
from seuranta.organizations.forms import InviteForm, RoleForm
from seuranta.organizations.invitations import invitation_token
from seuranta.organizations.models import Invitation, new_nonce
from seuranta.organizations.tasks import send_invitation
from seuranta.plans.access import administered_organizations
from seuranta.plans.models import Membership
from seuranta.plans.saving import save_with_version

ADMIN = Membership.Role.ADMIN


def organizations(request):
    """Where the navigation's "Organisation settings" leads: the one organisation, or a choice of them."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    administered = list(administered_organizations(request.user).order_by("name"))
    if not administered:
        raise PermissionDenied
    if len(administered) == 1:
        return redirect("organizations:people", administered[0].pk)
    return render(request, "organizations/organizations.html", {"organizations": administered})


def _people_page(request, organization, invite_form: InviteForm, status: int = 200):
    members = list(
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("-active", "user__last_name", "user__first_name", "user__username")
    )
    pending = list(
        Invitation.objects.filter(
            organization=organization, accepted_at=None, cancelled=False
        ).select_related("invited_by")
    )
    return render(
        request,
        "organizations/people.html",
        {
            "organization": organization,
            "members": [
                {"membership": m, "name": person_name(m.user), "is_me": m.user_id == request.user.pk}
                for m in members
            ],
            "pending": pending,
            "invite_form": invite_form,
            "roles": Membership.Role.choices,
            "tab": "people",
        },
        status=status,
    )


@administers
def people(request, organization):
    return _people_page(request, organization, InviteForm(organization=organization))


def _send(request, invitation: Invitation) -> None:
    url = request.build_absolute_uri(reverse("organizations:accept", args=[invitation_token(invitation)]))
    send_invitation.enqueue(invitation.pk, url, person_name(request.user), ui_lang())


@require_POST
@administers
def invite(request, organization):
    form = InviteForm(request.POST, organization=organization)
    if not form.is_valid():
        messages.error(request, _("The invitation was not sent: check the fields below."))
        return _people_page(request, organization, form, status=400)
    email, role = form.cleaned_data["email"], form.cleaned_data["role"]
    with transaction.atomic():
        # One open invitation per address: inviting again replaces the earlier one (and its link).
        Invitation.objects.filter(organization=organization, email__iexact=email, accepted_at=None).update(
            cancelled=True
        )
        invitation = Invitation.objects.create(
            organization=organization, email=email, role=role, invited_by=request.user
        )
    _send(request, invitation)
    messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
    return redirect("organizations:people", organization.pk)


@require_POST
@administers
def invitation_resend(request, organization, invitation_id: int):
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, organization=organization, accepted_at=None, cancelled=False
    )
    invitation.nonce, invitation.sent_at = new_nonce(), timezone.now()
    invitation.save(update_fields=["nonce", "sent_at"])
    _send(request, invitation)
    messages.success(
        request,
        _("Invitation sent again to %(email)s; the earlier link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("organizations:people", organization.pk)


@require_POST
@administers
def invitation_cancel(request, organization, invitation_id: int):
    invitation = get_object_or_404(Invitation, pk=invitation_id, organization=organization, accepted_at=None)
    Invitation.objects.filter(pk=invitation.pk).update(cancelled=True)
    messages.success(request, _("Invitation to %(email)s cancelled.") % {"email": invitation.email})
    return redirect("organizations:people", organization.pk)


def _last_admin(membership: Membership) -> bool:
    """Whether taking this membership's admin role away would leave the organisation without an administrator."""
    return (
        membership.role == ADMIN
        and membership.active
        and not Membership.objects.active()
        .filter(organization_id=membership.organization_id, role=ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


def _only_administrator(name: str) -> str:
    return _(
        "%(name)s is the organisation's only administrator. Make someone else an administrator first."
    ) % {"name": name}


@require_POST
@administers
def member_role(request, organization, membership_id: int):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organization=organization
    )
    form = RoleForm(request.POST)
    name = person_name(membership.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
    elif form.cleaned_data["role"] != ADMIN and _last_admin(membership):
        messages.error(request, _only_administrator(name))
    else:
        role = form.cleaned_data["role"]
        try:
            save_with_version(membership, posted_version(request), {"role": role}, request.user)
        except Conflict:
            chosen = Membership.Role(role).label
            messages.error(
                request, f"{changed_meanwhile(name)} " + _("Your choice: %(role)s.") % {"role": chosen}
            )
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.") % {"name": name, "role": membership.get_role_display()},
            )
    return _back(request, organization)


def _back(request, organization):
    """To the people page, or home for an administrator who just gave up their own rights here."""
    if administered_organizations(request.user).filter(pk=organization.pk).exists():
        return redirect("organizations:people", organization.pk)
    return redirect("home")


@require_POST
@administers
def member_active(request, organization, membership_id: int):
    """End someone's access (their history and reports stay) or restore it."""
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organization=organization
    )
    user, name = membership.user, person_name(membership.user)
    active = request.POST.get("active") == "1"
    if not active and _last_admin(membership):
        messages.error(request, _only_administrator(name))
        return _back(request, organization)
    try:
        with transaction.atomic():
            save_with_version(membership, posted_version(request), {"active": active}, request.user)
            # Without another organisation the account has no use left: it can no longer sign in at all.
            if active or (
                not user.is_superuser and not Membership.objects.active().filter(user=user).exists()
            ):
                get_user_model().objects.filter(pk=user.pk).update(is_active=active)
    except Conflict:
        messages.error(request, changed_meanwhile(name))
    else:
        messages.success(request, _member_active_message(name, organization, active))
    return _back(request, organization)


def _member_active_message(name: str, organization, active: bool) -> str:
    if active:
        return _("%(name)s has access again.") % {"name": name}
    return _(
        "%(name)s no longer has access to %(organization)s. Their reports and changes stay in the history."
    ) % {"name": name, "organization": organization}
