"""Report-shaped reads: the lessons side by side, the review queue, hub overview."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from repairlocale.cases.models import Activity, Case, Factor, PublicationStatus
from repairlocale.needs.models import Theme
from repairlocale.network.models import Hub, PilotRegion

COMPARED_REGIONS = (PilotRegion.BRUGGE, PilotRegion.VLAAMS_BRABANT)


def lessons_by_theme(*, user, theme: str = "") -> list[dict]:
    """Every factor the user may see, by theme, then pilot region, then kind.

    Returns one row per theme that has factors: ``{"theme", "label", "regions":
    [{"region", "label", "success": [...], "failure": [...]}]}`` for Brugge and
    Vlaams-Brabant, in that order. Two queries whatever the number of factors.
    """
    cases = Case.objects.visible_to(user)
    factors = (
        Factor.objects.filter(case__in=cases.values("pk"))
        .filter(
            Q(case__hub__pilot_region__in=COMPARED_REGIONS)
            | Q(
                case__hub__isnull=True,
                case__organisation__pilot_region__in=COMPARED_REGIONS,
            )
        )
        .select_related("case__hub", "case__organisation")
        .order_by("theme", "kind", "factor")
    )
    if theme:
        factors = factors.filter(theme=theme)
    grouped: dict[str, dict[str, dict[str, list]]] = defaultdict(
        lambda: {r: {"success": [], "failure": []} for r in COMPARED_REGIONS}
    )
    for factor in factors:
        grouped[factor.theme][factor.case.pilot_region][factor.kind].append(factor)
    return [
        {
            "theme": value,
            "label": label,
            "regions": [
                {"region": r, "label": r.label, **grouped[value][r]}
                for r in COMPARED_REGIONS
            ],
        }
        for value, label in Theme.choices
        if value in grouped
    ]


def review_queue() -> dict[str, list]:
    waiting = PublicationStatus.IN_REVIEW
    return {
        "activities": list(
            Activity.objects.filter(status=waiting).for_list().order_by("submitted_at")
        ),
        "cases": list(
            Case.objects.filter(status=waiting).for_list().order_by("submitted_at")
        ),
    }


def showcase_hubs():
    """Hubs with their counts of published activities and cases (one query)."""
    published = PublicationStatus.PUBLISHED
    return Hub.objects.select_related("organisation").annotate(
        published_activities=Count(
            "cases_activity_set",
            filter=Q(cases_activity_set__status=published),
            distinct=True,
        ),
        published_cases=Count(
            "cases_case_set", filter=Q(cases_case_set__status=published), distinct=True
        ),
    )
