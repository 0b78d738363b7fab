"""The public map of repair places: no login, works without a tile server or internet.

Everything the page needs comes from our own server: Leaflet (vendored), the places
as GeoJSON, and the outline layer of Flemish provinces and cantons built from data
the app ships. A tile server is optional (``MAP_TILE_URL``). The search also works
without JavaScript: it is a plain GET form and the nearest places are a list.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from repairlocale.network.models import Municipality, Region
from repairlocale.public.outlines import outlines_bytes
from repairlocale.public.ratelimit import rate_limited
from repairlocale.public.selectors_map import (
    CATEGORIES,
    CATEGORY_ADVICE,
    municipality_point,
    municipality_search,
    nearest_places,
    places_geojson,
)

GEOJSON = "application/geo+json"
PLACES_CACHE_KEY = "public:places-geojson"
PLACES_CACHE_SECONDS = 5 * 60
NEAREST = 10


def _map_settings() -> dict[str, str]:
    return {
        "tile_url": getattr(settings, "MAP_TILE_URL", ""),
        "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
    }


@require_GET
@rate_limited("map", setting="MAP_RATE_LIMIT", default=120)
def map_page(request: HttpRequest) -> HttpResponse:
    """The map, a postcode or municipality search and the nearest places as a list."""
    query = request.GET.get("q", "").strip()
    search = municipality_search(query) if query else None
    places = []
    if search and search.lat is not None:
        places = nearest_places(lat=search.lat, lon=search.lon, limit=NEAREST)
    origin = (
        {"lat": search.lat, "lon": search.lon}
        if search and search.lat is not None
        else None
    )
    return render(
        request,
        "public/map/map.html",
        {
            "query": query,
            "search": search,
            "places": places,
            "origin": origin,
            "result_ids": [p.id for p in places],
            "categories": [
                (key, label, CATEGORY_ADVICE[key]) for key, label in CATEGORIES.items()
            ],
            **_map_settings(),
        },
    )


@require_GET
@cache_control(public=True, max_age=PLACES_CACHE_SECONDS)
def places_geojson_view(request: HttpRequest) -> JsonResponse:
    """Every public place as an RFC 7946 FeatureCollection (cached five minutes)."""
    category = request.GET.get("category") or None
    if category and category not in CATEGORIES:
        return JsonResponse({"error": "unknown category"}, status=400)
    key = f"{PLACES_CACHE_KEY}:{category or 'all'}"
    data = cache.get(key)
    if data is None:
        data = places_geojson(category=category)
        cache.set(key, data, PLACES_CACHE_SECONDS)
    return JsonResponse(
        data, content_type=GEOJSON, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def outlines_geojson_view(request: HttpRequest) -> HttpResponse:
    """The shipped outline layer (provinces and cantons of Flanders)."""
    return HttpResponse(outlines_bytes(), content_type=GEOJSON)


@require_GET
def municipality_page(request: HttpRequest, nis_code: str) -> HttpResponse:
    """Where to bring a broken appliance in a municipality so it stays repairable."""
    municipality = get_object_or_404(
        Municipality.objects.select_related("province"),
        nis_code=nis_code,
        region=Region.FLANDERS,
    )
    point = municipality_point(municipality)
    if point is None:
        raise Http404("No position for this municipality.")
    lat, lon, approximate = point
    places = nearest_places(lat=lat, lon=lon, limit=50)
    local = [p for p in places if p.municipality_nis == municipality.nis_code]
    nearby = [p for p in places if p.municipality_nis != municipality.nis_code][:8]
    groups = []
    for key, label in CATEGORIES.items():
        in_group = [p for p in local if p.category == key] or [
            p for p in nearby if p.category == key
        ][:2]
        groups.append(
            {
                "key": key,
                "label": label,
                "advice": CATEGORY_ADVICE[key],
                "places": in_group,
                "local": bool(in_group)
                and in_group[0].municipality_nis == municipality.nis_code,
            }
        )
    return render(
        request,
        "public/map/municipality.html",
        {
            "municipality": municipality,
            "groups": groups,
            "origin": {"lat": lat, "lon": lon},
            "approximate": approximate,
            "result_ids": [p.id for g in groups for p in g["places"]],
            **_map_settings(),
        },
    )
