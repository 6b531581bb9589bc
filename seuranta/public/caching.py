"""Cache headers of the public pages.

Anonymous visitors get `Cache-Control: public, max-age=...` so a proxy or the browser may keep the
page; it varies with the language (cookie and Accept-Language). Signed-in people get `private,
no-store`, since their pages may show staff names. Pages with forms are never cached (CSRF tokens).
"""

from __future__ import annotations

from functools import wraps

from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

PUBLIC_MAX_AGE = 300
# The forms anyone may send (feedback, following): this many posts per address in POST_WINDOW seconds.
POST_LIMIT, POST_WINDOW = 10, 600


def posted_too_often(request):
    """A 429 page when this address has sent the public forms too often, else None."""
    from seuranta.common.throttling import rate_limited, too_many_requests

    if request.method != "POST":
        return None
    wait = rate_limited(request, "public-forms", POST_LIMIT, window=POST_WINDOW)
    return too_many_requests(request, wait) if wait else None


def public_page(view):
    """A read-only public page (GET and HEAD only) with the cache headers above."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code not in (200, 404) or response.has_header("Cache-Control"):
            return response
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response

    return wrapper
