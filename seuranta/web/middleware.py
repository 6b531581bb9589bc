"""The interface language people chose, and private responses for signed-in users.

Responses to signed-in users are private and not stored.

Drafts (unpublished plans, saved but unsubmitted reports, import drafts) are
visible only to signed-in members, and their pages also carry personal data
(my reports, who has reported). No shared proxy or browser history may keep
them, so every response to a signed-in user that does not set its own
Cache-Control says `private, no-store`. Pages for anonymous visitors show only
published plans and stay cacheable.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_supported_language_variant


class PrivateForMembersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """The interface is Finnish unless the person chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, and a browser
    installed in English (or a headless one, which always sends "en-US") would get
    English pages nobody asked for. Here only a choice counts: the language form
    (its cookie) or a language prefix; otherwise LANGUAGE_CODE (Finnish).
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary_headers(response, ("Cookie",))
        return response
