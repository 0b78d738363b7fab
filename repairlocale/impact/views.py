"""The public methodology page: how every impact figure on the platform is made."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from repairlocale.impact.models import Methodology
from repairlocale.impact.selectors import (
    CAR_KM,
    TREE_YEARS,
    categories_without_factor,
    co2e_equivalents,
    methodology_factors,
)

# The worked example on the page: one repaired laptop (ORDS category 16).
EXAMPLE_ORDS_ID = 16


def _as_published(value: Decimal) -> Decimal:
    """Without the trailing zeros of the column's scale: 7.6000 -> 7.6, 3.00 -> 3."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@require_GET
def methodology_detail(
    request: HttpRequest, slug: str | None = None, version: str | None = None
) -> HttpResponse:
    """Formula, parameters, factors, sources and limitations of one version.

    Public (no login): funders and partners must be able to check every figure.
    Without a slug and version it shows the default methodology. Four queries.
    """
    if slug is None:
        try:
            methodology = Methodology.objects.default()
        except Methodology.DoesNotExist:
            raise Http404("No default impact methodology.") from None
    else:
        methodology = get_object_or_404(Methodology, slug=slug, version=version)
    displacement = methodology.displacement_factor
    rows = [
        {
            "factor": factor,
            "weight_kg": _as_published(factor.weight_kg),
            "footprint_kg_co2e": _as_published(factor.footprint_kg_co2e),
            "co2e_per_fixed": displacement * factor.footprint_kg_co2e,
        }
        for factor in methodology_factors(methodology=methodology)
    ]
    example = next(
        (
            row
            for row in rows
            if row["factor"].product_category.ords_id == EXAMPLE_ORDS_ID
            and row["factor"].has_value
        ),
        None,
    )
    context = {
        "methodology": methodology,
        "displacement": _as_published(displacement),
        "rows": rows,
        "missing_categories": categories_without_factor(methodology=methodology),
        "versions": list(Methodology.objects.all()),
        "car": CAR_KM,
        "tree": TREE_YEARS,
        "km_per_kg": (Decimal(1) / CAR_KM.kg_co2e_per_unit).quantize(Decimal("0.1")),
        "example": example,
        "example_equivalents": (
            co2e_equivalents(co2e_kg=example["co2e_per_fixed"]) if example else None
        ),
    }
    return render(request, "impact/methodology_detail.html", context)
