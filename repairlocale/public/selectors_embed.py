"""Figures for the embeddable widgets: per organisation, hub region and pilot region.

Only aggregates leave the platform: counts and kg, the name of the organisation, hub
or pilot region, and the methodology they were computed with. Never people, e-mail
addresses, phone numbers, single repairs or the municipalities a hub covers.

Which organisations are public. The registry has no "published" flag; an
organisation is public when it shows itself to the world already: it has an active
site citizens can visit (see ``selectors_map.PUBLIC_SITE_KINDS``) or it leads a hub.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from repairlocale.impact.selectors import impact_summary, reuse_impact
from repairlocale.network.models import Hub, Organisation, PilotRegion, Site
from repairlocale.public.selectors_map import PUBLIC_SITE_KINDS

# Figures change when records are logged or imported: a partner's page may show
# them up to this many seconds late, and we answer from the cache meanwhile.
CACHE_SECONDS = 15 * 60
CACHE_VERSION = 1
SCOPES = ("organisation", "hub", "pilot_region")


def public_organisations() -> QuerySet[Organisation]:
    """Organisations with an active visitable site or a hub they lead (one query)."""
    visitable = Site.objects.filter(
        organisation=OuterRef("pk"), is_active=True, kind__in=PUBLIC_SITE_KINDS
    )
    leads = Hub.objects.filter(organisation=OuterRef("pk"))
    return Organisation.objects.filter(Q(Exists(visitable)) | Q(Exists(leads)))


@dataclass(frozen=True)
class EmbedSubject:
    scope: str
    key: str
    name: str
    organisation_ids: list[int]


def embed_subject(scope: str, key: str) -> EmbedSubject:
    """Resolve what a widget is about, or 404 for anything that is not public.

    Hub region: the hub's own organisation, its partners in an active partnership
    and the public organisations with an active site in the hub's municipalities.
    """
    if scope == "organisation":
        if not key.isdigit():
            raise Http404
        org = public_organisations().filter(pk=int(key)).first()
        if org is None:
            raise Http404
        return EmbedSubject(scope, key, org.name, [org.pk])
    if scope == "hub":
        hub = Hub.objects.filter(pk=int(key)).first() if key.isdigit() else None
        if hub is None:
            raise Http404
        partners = hub.partnerships.active().values("organisation_id")
        ids = set(
            public_organisations()
            .filter(
                Q(pk=hub.organisation_id)
                | Q(pk__in=partners)
                | Q(
                    sites__is_active=True,
                    sites__municipality__in=hub.municipalities.all(),
                )
            )
            .values_list("pk", flat=True)
        )
        return EmbedSubject(scope, key, hub.name, sorted(ids))
    if scope == "pilot_region":
        if key not in PilotRegion.values or not key:
            raise Http404
        ids = list(
            public_organisations()
            .filter(pilot_region=key)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return EmbedSubject(scope, key, str(PilotRegion(key).label), ids)
    raise Http404


def _number(value: Decimal) -> float:
    return float(value)


def embed_figures(subject: EmbedSubject) -> dict[str, Any]:
    """The widget's figures, cached for CACHE_SECONDS per subject.

    Two aggregate queries when not cached (see ``impact_summary`` and
    ``reuse_impact``), none when cached.
    """
    cache_key = f"public:embed:{subject.scope}:{subject.key}"
    cached = cache.get(cache_key, version=CACHE_VERSION)
    if cached is not None:
        return cached
    repairs = impact_summary(organisation_ids=subject.organisation_ids)
    reuse = reuse_impact(organisation_ids=subject.organisation_ids)
    data = {
        "scope": subject.scope,
        "key": subject.key,
        "name": subject.name,
        "organisations": len(subject.organisation_ids),
        "repairs": {
            "records": repairs.records,
            "fixed": repairs.fixed,
            "waste_prevented_kg": _number(repairs.waste_kg),
            "co2e_prevented_kg": _number(repairs.co2e_kg),
        },
        "reuse": {
            "appliances_sold": reuse.appliances,
            "waste_prevented_kg": _number(reuse.waste_kg),
            "co2e_prevented_kg": _number(reuse.co2e_kg),
        },
        "methodology": {
            "name": repairs.methodology_name,
            "version": repairs.methodology_version,
            "slug": repairs.methodology_slug,
            "url": reverse(
                "impact:methodology_version",
                args=[repairs.methodology_slug, repairs.methodology_version],
            ),
        },
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "cache_seconds": CACHE_SECONDS,
    }
    cache.set(cache_key, data, CACHE_SECONDS, version=CACHE_VERSION)
    return data
