"""Bounding what one client may do: its address, the login lockout page and a per-address rate limit.

The client's address, also behind trusted reverse proxies: with
TRUSTED_PROXY_COUNT = N, the N proxies in front of Seuranta each appended the
address they saw to X-Forwarded-For, so the client is the N-th entry from the
right; anything further left was written by the client and is not trusted.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

TOO_MANY_REQUESTS = 429


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address; None when the server gives none (a fake request, a Unix socket)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return _address(forwarded[-proxies]) or remote


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out login: a page in the user's language, 429 with Retry-After.

    The lock lasts AXES_COOLOFF_TIME from the last counted failure; the page says how much of it is left."""
    from axes.models import AccessAttempt

    cool_off = settings.AXES_COOLOFF_TIME
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or request.POST.get(
        settings.AXES_USERNAME_FORM_FIELD, ""
    )
    last_failure = (
        AccessAttempt.objects.filter(username=username, ip_address=client_ip(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    left = cool_off - (timezone.now() - last_failure) if last_failure else cool_off
    seconds = max(1, min(int(cool_off.total_seconds()), math.ceil(left.total_seconds())))
    response = render(
        request, "web/locked_out.html", {"lockout_minutes": math.ceil(seconds / 60)}, status=TOO_MANY_REQUESTS
    )
    response["Retry-After"] = str(seconds)
    return response


def rate_limited(request: HttpRequest, scope: str, limit: int, *, window: int = 60) -> int:
    """Count one request of this client in `scope`; the seconds to wait when over `limit` a window, else 0.

    Fixed windows in the shared cache, so every app process counts together."""
    if limit <= 0:
        return 0
    now = time.time()
    window_start = int(now // window) * window
    key = f"rate:{scope}:{client_ip(request) or 'unknown'}:{window_start}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count <= limit:
        return 0
    return max(1, math.ceil(window_start + window - now))


_slots: dict[str, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


@contextmanager
def concurrency_slot(scope: str, limit: int) -> Iterator[bool]:
    """Take one of `limit` slots of `scope` in this server process; yields False when all are taken.

    What it protects is the process's own request threads, so the count is the process's own: exact,
    and freed even when a request fails."""
    if limit <= 0:
        yield True
        return
    with _slots_lock:
        semaphore = _slots.setdefault(f"{scope}:{limit}", threading.BoundedSemaphore(limit))
    granted = semaphore.acquire(blocking=False)
    try:
        yield granted
    finally:
        if granted:
            semaphore.release()


def too_many_requests(request: HttpRequest, retry_after: int, *, busy: bool = False) -> HttpResponse:
    """429 with Retry-After: this address asked too often, or (`busy`) all visitors together ask too much."""
    response = render(
        request, "web/429.html", {"retry_after": retry_after, "busy": busy}, status=TOO_MANY_REQUESTS
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
