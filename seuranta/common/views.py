"""Small helpers of the function views: the access answer and the posted version of a form."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def posted_version(request) -> int | None:
    """The `version` the form was loaded with, or None when it is missing or not a number."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def require(request, allowed: bool):
    """Anonymous users are sent to log in; members without the right get the 403 page."""
    if allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
