"""Embeddable figures for partners' websites: an iframe widget and a JSON endpoint.

Only these views may be framed by any site (X-Frame-Options off, CSP
``frame-ancestors *``) and only the JSON answers cross-origin requests (CORS); every
other page of the platform keeps ``frame-ancestors 'none'``.
"""

from __future__ import annotations

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from repairlocale.public.ratelimit import rate_limited
from repairlocale.public.selectors_embed import (
    CACHE_SECONDS,
    EmbedSubject,
    embed_figures,
    embed_subject,
)

# URL words (Dutch, as the site's other URLs) → scope.
SCOPE_SLUGS = {
    "organisatie": "organisation",
    "hub": "hub",
    "pilootregio": "pilot_region",
}


def _subject(scope_slug: str, key: str) -> EmbedSubject:
    scope = SCOPE_SLUGS.get(scope_slug)
    if scope is None:
        raise Http404
    return embed_subject(scope, key)


@require_GET
@rate_limited("embed", setting="EMBED_RATE_LIMIT", default=120)
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@cache_control(public=True, max_age=CACHE_SECONDS)
def embed_widget(request: HttpRequest, scope: str, key: str) -> HttpResponse:
    """A small card with the figures, to put in an iframe. ``?lang=en`` for English."""
    subject = _subject(scope, key)
    data = embed_figures(subject)
    language = "en" if request.GET.get("lang") == "en" else "nl-be"
    with translation.override(language):
        response = render(
            request,
            "public/embed/widget.html",
            {"data": data, "site_url": settings.SITE_URL, "language": language},
        )
    response["Content-Language"] = language
    return response


@require_GET
@rate_limited("embed", setting="EMBED_RATE_LIMIT", default=120)
@cache_control(public=True, max_age=CACHE_SECONDS)
def embed_json(request: HttpRequest, scope: str, key: str) -> JsonResponse:
    """The same figures as JSON, readable from any origin."""
    data = dict(embed_figures(_subject(scope, key)))
    data["methodology"] = {
        **data["methodology"],
        "url": settings.SITE_URL + data["methodology"]["url"],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
