"""A small fixed-window rate limiter on the Django cache, for the public endpoints.

Partners' pages call the embeds from every visitor's browser, so the limit is per
client address and generous; it only stops a script hammering the server. Behind a
proxy, set ``RATELIMIT_CLIENT_HEADER`` (e.g. ``HTTP_X_REAL_IP``) to the header the
proxy sets; the default is the socket address.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse


def client_address(request: HttpRequest) -> str:
    header = getattr(settings, "RATELIMIT_CLIENT_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(key: str, *, limit: int, window: int) -> int | None:
    """Count one request; None when allowed, else the seconds until the next window.

    ``cache.add`` creates the counter only if absent, and ``incr`` is atomic on
    Redis and memcached (and per process on the local-memory cache), so two
    simultaneous requests cannot both slip past the limit.
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


def rate_limited(
    group: str, *, setting: str, default: int = 120, window: int = 60
) -> Callable:
    """Answer 429 with Retry-After past ``settings.<setting>`` requests per window.

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
                response = JsonResponse(
                    {"error": "rate_limited", "retry_after": retry}, status=429
                )
                response["Retry-After"] = str(retry)
                response["Access-Control-Allow-Origin"] = "*"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
