"""A fixed-window rate limiter on the Django cache, shared by the public pages.

``repairlocale.public.ratelimit`` (the embeds and the map search) counts with it too.
The client address is found exactly as django-axes finds it: through
python-ipware with ``AXES_IPWARE_PROXY_COUNT`` and
``AXES_IPWARE_META_PRECEDENCE_ORDER`` (``TRUSTED_PROXY_COUNT`` in the environment).
A client talking to the app directly cannot pick its own address with an
``X-Forwarded-For`` header, and one set-up variable serves both the login lockout
and these limits. Pages get an HTML 429 answer in the reader's language with
``Retry-After``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """The client's address as django-axes (and so the login lockout) sees it."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "unknown")


def hit(key: str, *, limit: int, window: int) -> int | None:
    """Count one request; None when allowed, else the seconds until the next window.

    ``cache.add`` creates the counter only if absent and ``incr`` is atomic on Redis
    and memcached (per process on the local-memory cache), so two simultaneous
    requests cannot both slip past the limit.
    """
    now = int(time.time())
    start = now - now % window
    bucket = f"ratelimit:{key}:{start}"
    cache.add(bucket, 0, timeout=window + 1)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr: start again
        cache.add(bucket, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return max(1, start + window - now)
    return None


def is_limited(key: str, *, limit: int, window: int) -> int | None:
    """Seconds until the window ends if ``key`` is already past ``limit``; no count."""
    now = int(time.time())
    start = now - now % window
    count = cache.get(f"ratelimit:{key}:{start}", 0)
    if count >= limit:
        return max(1, start + window - now)
    return None


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The 429 page: what happened and when to try again, in the reader's language."""
    response = render(
        request,
        "core/rate_limited.html",
        {"retry_after": retry_after, "minutes": max(1, round(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(
    group: str, *, setting: str, default: int = 120, window: int = 60
) -> Callable:
    """Answer the 429 page past ``settings.<setting>`` requests per client and window.

    The limit is read on each request, so tests and operators can change it.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            limit = getattr(settings, setting, default)
            retry = hit(
                f"{group}:{client_address(request)}", limit=limit, window=window
            )
            if retry is not None:
                return too_many_requests(request, retry)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
