"""Provinces, municipalities and the postcode lookup (reference data, read-only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from repairlocale.core.pagination import paginate
from repairlocale.network.filters import MunicipalityFilter
from repairlocale.network.models import Municipality, PostalCode, Site
from repairlocale.network.selectors import provinces_overview


@login_required
def municipality_list(request: HttpRequest) -> HttpResponse:
    base = (
        Municipality.objects.flemish()
        .select_related("province")
        .prefetch_related("postal_codes", "hubs")
    )
    filterset = MunicipalityFilter(request.GET, queryset=base)
    page = paginate(request, filterset.qs.distinct().order_by("name_nl"), per_page=50)
    return render(
        request,
        "network/municipality_list.html",
        {"filter": filterset, "page": page, "provinces": provinces_overview()},
    )


@login_required
def municipality_detail(request: HttpRequest, nis_code: str) -> HttpResponse:
    municipality = get_object_or_404(
        Municipality.objects.select_related("province"), nis_code=nis_code
    )
    return render(
        request,
        "network/municipality_detail.html",
        {
            "municipality": municipality,
            "postal_codes": municipality.postal_codes.order_by("code"),
            "hubs": municipality.hubs.order_by("name"),
            "sites": Site.objects.visible_to(request.user)
            .filter(municipality=municipality)
            .for_list(),
        },
    )


@login_required
@require_GET
def postcode_lookup(request: HttpRequest) -> HttpResponse:
    """Municipalities for a postcode: JSON, or an HTML fragment for the site form."""
    code = (request.GET.get("postcode") or "").strip()
    municipalities = PostalCode.objects.municipalities_for(code) if code else []
    if request.htmx:
        return render(
            request,
            "network/_postcode_result.html",
            {"postcode": code, "municipalities": municipalities},
        )
    return JsonResponse(
        {
            "postcode": code,
            "municipalities": [
                {
                    "nis_code": m.nis_code,
                    "name_nl": m.name_nl,
                    "name_fr": m.name_fr,
                    "province": m.province.name_nl if m.province else None,
                }
                for m in municipalities
            ],
        },
        status=200 if municipalities else 404,
    )
