"""Who a person signing in with single sign-on is: a member found by e-mail, or an invitation accepted.

The provider vouches for the e-mail address. It is matched case-insensitively to an account's
address (as the invitation flow matches it). A pending invitation to that address is accepted on
the way in, and only an invitation creates an account; an address nobody invited is refused, and
so is someone whose access has been ended in every organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from seuranta.organizations.invitations import VALID_FOR, accept, existing_user
from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership


@dataclass(frozen=True)
class SignIn:
    user: object | None
    problem: str = ""  # a sentence for the person refused; "" when `user` may sign in


def email_from_claims(claims: dict, claim: str) -> tuple[str, str]:
    """(address, problem): the verified e-mail address the provider gave, or why there is none."""
    email = claims.get(claim)
    if not isinstance(email, str) or "@" not in email:
        return "", _(
            "The sign-in service did not tell Seuranta your e-mail address, so you cannot be "
            "recognised. Ask your organisation's administrator to check the single sign-on settings."
        )
    if claims.get("email_verified") is False:
        return "", _(
            "The sign-in service has not verified your e-mail address %(email)s, so Seuranta cannot "
            "use it to recognise you."
        ) % {"email": email}
    return email.strip(), ""


def pending_invitations(email: str):
    return Invitation.objects.filter(
        email__iexact=email,
        accepted_at__isnull=True,
        cancelled=False,
        sent_at__gte=timezone.now() - VALID_FOR,
    ).order_by("sent_at", "pk")


@transaction.atomic
def sign_in_member(email: str, claims: dict) -> SignIn:
    """The member with this e-mail address, after accepting what they were invited to; or a refusal."""
    user = existing_user(email)
    invitations = list(pending_invitations(email))
    if user is None and not invitations:
        return SignIn(None, not_invited(email))
    if user is None:
        user = get_user_model()(
            username=invitations[0].email,
            email=invitations[0].email,
            first_name=_claim(claims, "given_name", 150),
            last_name=_claim(claims, "family_name", 150),
        )
        user.set_unusable_password()  # signs in with single sign-on (or sets a password by a reset link)
        user.save()
    for invitation in invitations:
        accept(invitation, user)
    if user.is_superuser and user.is_active:
        return SignIn(user)
    if user.is_active and Membership.objects.active().filter(user=user).exists():
        return SignIn(user)
    if Membership.objects.filter(user=user).exists() or not user.is_active:
        return SignIn(None, access_ended(email))
    return SignIn(None, not_invited(email))


def _claim(claims: dict, name: str, limit: int) -> str:
    value = claims.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def not_invited(email: str) -> str:
    return _(
        "No one has invited %(email)s to Seuranta, so you cannot sign in. Ask your organisation's "
        "administrator to invite you with this address."
    ) % {"email": email}


def access_ended(email: str) -> str:
    return _(
        "Your access to Seuranta (%(email)s) has been ended. If you still need it, ask your "
        "organisation's administrator to restore it."
    ) % {"email": email}
