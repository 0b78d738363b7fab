"""Report-shaped reads: the lessons side by side, the review queue, hub overview."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

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


# --- Activities in a period (dashboards and the funder report) -------------------


@dataclass
class ActivityCount:
    """Published activities of one group (a type of activity, a month)."""

    key: object
    label: str
    activities: int = 0
    participants: int = 0


@dataclass
class ActivitySummary:
    activities: int
    participants: int
    owners: int
    by_type: list[ActivityCount]
    by_month: list[ActivityCount]


def published_activities(
    *,
    date_from=None,
    date_to=None,
    pilot_region: str = "",
    organisation_ids: tuple[int, ...] | None = None,
    hub_ids: tuple[int, ...] | None = None,
):
    """Published activities carried out in the period (either bound may be None).

    The scope: a pilot region (the hub's region, else the organisation's, as
    ``in_region``); else the activities of the given organisations or hubs; with
    neither, every activity.
    """
    qs = Activity.objects.published()
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    if pilot_region:
        qs = qs.in_region(pilot_region)
    elif organisation_ids is not None or hub_ids is not None:
        qs = qs.filter(
            Q(organisation_id__in=organisation_ids or ()) | Q(hub_id__in=hub_ids or ())
        )
    return qs


def activity_summary(**scope) -> ActivitySummary:
    """Published activities of a scope (see ``published_activities``) counted per
    type of activity and per month, with the participants reached (two queries)."""
    from django.utils.formats import date_format
    from django.utils.translation import get_language

    from repairlocale.needs.models import CatalogueActivity

    rows = list(
        published_activities(**scope).values_list(
            "date", "activity_type_id", "participants", "hub_id", "organisation_id"
        )
    )
    by_type: dict[int, ActivityCount] = {}
    by_month: dict[object, ActivityCount] = {}
    for day, type_id, participants, _hub, _organisation in rows:
        month = day.replace(day=1)
        for groups, key in ((by_type, type_id), (by_month, month)):
            count = groups.setdefault(key, ActivityCount(key=key, label=""))
            count.activities += 1
            count.participants += participants or 0
    english = (get_language() or "nl").startswith("en")
    for pk, name_nl, name_en in CatalogueActivity.objects.filter(
        pk__in=list(by_type)
    ).values_list("pk", "name_nl", "name_en"):
        by_type[pk].label = name_en if english and name_en else name_nl
    for month, count in by_month.items():
        count.label = date_format(month, "YEAR_MONTH_FORMAT")
    return ActivitySummary(
        activities=len(rows),
        participants=sum(r[2] or 0 for r in rows),
        owners=len({(r[3], None if r[3] else r[4]) for r in rows}),
        by_type=sorted(
            by_type.values(), key=lambda c: (-c.activities, c.label.casefold())
        ),
        by_month=[by_month[k] for k in sorted(by_month)],
    )
