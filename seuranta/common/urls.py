"""Links to many pages of one kind without a `reverse()` each."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_SENTINEL = "8" * 9


def url_pattern(name: str, *fixed: object) -> Callable[[object], str]:
    """The URL of `name` for any last argument: reversed once, then filled in (a long document or a
    plan of a thousand actions links to every line or item)."""
    pattern = reverse(name, args=[*fixed, _SENTINEL])
    return lambda value: pattern.replace(_SENTINEL, str(value))
