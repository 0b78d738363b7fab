"""Rate limits for the public JSON endpoints (embeds, map search).

Partners' pages call the embeds from every visitor's browser, so the limit is per
client address and generous; it only stops a script hammering the server. Counting
and the client address (proxy-aware through ``TRUSTED_PROXY_COUNT``, exactly as the
login lockout sees it) come from ``repairlocale.core.ratelimit``; this module only
answers in JSON, with CORS, instead of the HTML 429 page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from repairlocale.core.ratelimit import client_address, hit


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
