"""Responses to signed-in users are private and not stored.

Drafts (unpublished plans, saved but unsubmitted reports, import drafts) are
visible only to signed-in members, and their pages also carry personal data
(my reports, who has reported). No shared proxy or browser history may keep
them, so every response to a signed-in user that does not set its own
Cache-Control says `private, no-store`. Pages for anonymous visitors show only
published plans and stay cacheable.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control


class PrivateForMembersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
