"""Background work of the organisation settings: the invitation e-mail.

Enqueued by the people page; the backend in settings.TASKS runs it in the worker
(or at once with the ImmediateBackend, as in tests). Arguments are plain JSON values.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from seuranta.organizations.models import Invitation


@task
def send_invitation(invitation_id: int, accept_url: str, inviter: str, lang: str = "fi") -> int:
    """E-mail the invitation link; 0 when the invitation was cancelled or used before the worker got to it."""
    invitation = Invitation.objects.select_related("organization").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_pending:
        return 0
    with translation.override(lang):
        organization = invitation.organization.name
        body = "\n".join(
            [
                _("Hello,"),
                "",
                _(
                    "%(inviter)s has invited you to Seuranta, the planning and monitoring service of %(organization)s, "
                    "as %(role)s."
                )
                % {"inviter": inviter, "organization": organization, "role": invitation.get_role_display()},
                "",
                _(
                    "Accept the invitation and choose your password here (the link is valid for seven days and can "
                    "be used once):"
                ),
                accept_url,
                "",
                _("If you did not expect this invitation, you can ignore this message."),
            ]
        )
        message = EmailMessage(
            subject=_("Invitation to Seuranta: %(organization)s")
            % {"organization": " ".join(organization.split())},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[invitation.email],
        )
    return mailers.default.send_messages([message]) or 0
