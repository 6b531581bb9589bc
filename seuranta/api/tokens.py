"""Creating, finding and revoking API tokens (`seuranta.api.models.ApiToken`)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from seuranta.api.models import ApiToken

TOKEN_START = "seuranta_"
# last_used_at is written at most this often, so a busy job does not write a row per request.
USE_RESOLUTION = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(organization, name: str, *, created_by) -> tuple[ApiToken, str]:
    """A new token and its secret, which is shown once and never stored."""
    prefix = TOKEN_START + secrets.token_hex(4)
    secret = f"{prefix}_{secrets.token_urlsafe(32)}"
    user = get_user_model().objects.create_user(
        username=f"api-{prefix.removeprefix(TOKEN_START)}",
        first_name=name[:150],
        last_name="(API)",
        is_active=False,  # the token's user never logs in
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    token = ApiToken.objects.create(
        organization=organization,
        name=name,
        prefix=prefix,
        key_hash=digest(secret),
        user=user,
        created_by=created_by,
    )
    return token, secret


def find_token(secret: str) -> ApiToken | None:
    """The active token with this secret, or None; notes when it was used."""
    if not secret.startswith(TOKEN_START) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("organization", "user")
        .filter(key_hash=digest(secret))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def revoke(token: ApiToken, *, user) -> bool:
    """Revoke the token; False when it already was."""
    return bool(
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=user
        )
    )
