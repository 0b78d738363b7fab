"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from repairlocale.core.navigation import navigation_sections

DEMO_CACHE_KEY = "core:has-demo-data:v1"


def has_demo_data() -> bool:
    """Whether seed_demo data is present; cached, as every page asks."""
    value = cache.get(DEMO_CACHE_KEY)
    if value is None:
        from repairlocale.network.models import Organisation

        value = Organisation.objects.filter(is_demo=True).exists()
        cache.set(DEMO_CACHE_KEY, value, 300)
    return value


def platform(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "navigation": navigation_sections(),
        "current_namespace": match.namespace if match else "",
        "demo_mode": has_demo_data(),
    }
