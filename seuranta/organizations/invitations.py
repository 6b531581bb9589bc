"""Invitation links: a signed token that names one invitation, valid seven days, used once.

The token signs the invitation's id and nonce with a timestamp (django.core.signing),
so it cannot be forged or altered, it expires by itself, and sending the invitation
again (a new nonce) retires the earlier link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership

VALID_FOR = timedelta(days=7)
SALT = "seuranta.organizations.invitation"


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, invitation.nonce], salt=SALT)


@dataclass(frozen=True)
class OpenedInvitation:
    invitation: Invitation | None
    problem: str = ""  # a sentence for the person who opened the link; "" when the invitation may be accepted


def open_invitation(token: str) -> OpenedInvitation:
    try:
        pk, nonce = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired:
        return OpenedInvitation(
            None,
            _(
                "This invitation has expired: an invitation link is valid for seven "
                "days. Ask the person who invited you to send a new one."
            ),
        )
    except (signing.BadSignature, ValueError, TypeError):
        return OpenedInvitation(
            None,
            _(
                "This invitation link is not valid. Check that you copied the whole "
                "link from the e-mail, or ask for a new invitation."
            ),
        )
    invitation = Invitation.objects.select_related("organization").filter(pk=pk).first()
    if invitation is None or invitation.cancelled:
        return OpenedInvitation(
            None, _("This invitation has been cancelled. Ask the organisation's administrator for a new one.")
        )
    if invitation.accepted_at is not None:
        return OpenedInvitation(None, used_problem())
    if invitation.nonce != nonce:
        return OpenedInvitation(
            None, _("A newer invitation has been sent to you: use the link in the latest e-mail.")
        )
    return OpenedInvitation(invitation)


def used_problem() -> str:
    return _(
        "This invitation has already been used. Log in with the username and password you chose, or reset "
        "your password if you forgot it."
    )


def existing_user(email: str):
    """The account that already uses this e-mail address (or has it as username), if any."""
    users = get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    return users.order_by("-is_active", "-last_login", "-pk").first()


@transaction.atomic
def accept(invitation: Invitation, user) -> Membership:
    """Make `user` a member with the invited role and mark the invitation used; once only."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None or locked.cancelled:
        raise ValueError("invitation already used")
    values = {"role": locked.role, "active": True}
    membership, created = Membership.objects.update_or_create(
        user=user,
        organization_id=locked.organization_id,
        defaults={**values, "version": F("version") + 1},  # a page showing the old membership sees a conflict
        create_defaults=values,
    )
    if not created:
        membership.refresh_from_db(fields=["version"])
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    locked.accepted_at, locked.accepted_by = timezone.now(), user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership
