"""Who may manage an organisation's units and people: its administrators, and the superuser."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from seuranta.plans.access import administered_organizations
from seuranta.plans.models import Organization


def get_organization_to_administer(user, organization_id: int) -> Organization:
    """The organisation, if the user administers it; 404 when it does not exist, 403 for anyone else."""
    organization = administered_organizations(user).filter(pk=organization_id).first()
    if organization is not None:
        return organization
    if not Organization.objects.filter(pk=organization_id).exists():
        raise Http404
    raise PermissionDenied


def administers(view):
    """Calls `view(request, organization, ...)` for the organisation's administrators; anonymous visitors log in."""

    @wraps(view)
    def wrapper(request, organization_id: int, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organization = get_organization_to_administer(request.user, organization_id)
        return view(request, organization, *args, **kwargs)

    return wrapper
