"""Report-shaped reads of the network registry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q

from repairlocale.network.models import (
    Hub,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    Province,
    Site,
)

if TYPE_CHECKING:
    from repairlocale.accounts.models import User


def home_summary(*, user: User) -> dict[str, Any]:
    """What the home page shows: the user's organisations and network counts."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    organisations = Organisation.objects.visible_to(user)
    return {
        "memberships": memberships,
        "counts": {
            "organisations": organisations.count(),
            "sites": Site.objects.visible_to(user).count(),
            "hubs": Hub.objects.count(),
            "partnerships": Partnership.objects.visible_to(user).count(),
        },
    }


def provinces_overview() -> list[Province]:
    """Flemish provinces with municipality and hub-coverage counts (one query)."""
    return list(
        Province.objects.flemish()
        .annotate(
            municipality_count=Count("municipalities", distinct=True),
            covered_count=Count(
                "municipalities",
                filter=Q(municipalities__hubs__isnull=False),
                distinct=True,
            ),
        )
        .order_by("name_nl")
    )


def hub_coverage_by_province(
    hub: Hub,
) -> list[tuple[Province | None, list[Municipality]]]:
    """The hub's municipalities grouped by province, for the hub page."""
    groups: dict[Province | None, list[Municipality]] = {}
    for municipality in hub.municipalities.select_related("province").order_by(
        "province__name_nl", "name_nl"
    ):
        groups.setdefault(municipality.province, []).append(municipality)
    return list(groups.items())
