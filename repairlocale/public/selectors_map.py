"""Reads of the public map: which places are public, where they are, which are nearest.

What is public. The registry has no "published" flag, so the map shows only what an
organisation already shows the world: its active sites where citizens can go (shops,
workshops, collection points; never offices), with the organisation's name, type and
website. Never shown: people (members, repairers), e-mail addresses, phone numbers,
enterprise numbers, hub coverage.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from repairlocale.network.models import Municipality, Organisation, PostalCode, Site
from repairlocale.public.geometry import haversine_km
from repairlocale.public.outlines import municipality_points
from repairlocale.reuse.models import Appliance, CollectionChannel, ReuseCentre

T = Organisation.Type
PUBLIC_SITE_KINDS = (Site.Kind.SHOP, Site.Kind.WORKSHOP, Site.Kind.COLLECTION_POINT)
REPAIRER_TYPES = (T.SOCIAL_ENTERPRISE, T.COMPANY)

# The four kinds of place on the map, in the order the legend lists them.
CATEGORIES: dict[str, Any] = {
    "repair_cafe": _("Repair Café"),
    "reuse_centre": _("Reuse centre accepting electrical appliances"),
    "repairer": _("Repairer"),
    "collection_point": _("Collection point with preserving collection"),
}
CATEGORY_ADVICE: dict[str, Any] = {
    "repair_cafe": _(
        "Bring your broken appliance to a repair evening: volunteers help you "
        "repair it yourself, for free."
    ),
    "reuse_centre": _(
        "Hand in an appliance you no longer need at the shop: the workshop tests "
        "and repairs it and sells it again."
    ),
    "repairer": _("A professional workshop repairs your appliance for a fee."),
    "collection_point": _(
        "Ask for the preserving collection: your appliance is kept intact and "
        "goes to a reuse centre instead of the container."
    ),
}


@dataclass(frozen=True)
class Place:
    """A public repair place: only fields an organisation shows the world."""

    id: int
    name: str
    organisation: str
    category: str
    street: str
    postcode: str
    municipality: str
    municipality_nis: str
    lat: float
    lon: float
    approximate: bool
    opening_hours: str
    website: str
    is_demo: bool
    distance_km: float | None = None

    @property
    def category_label(self) -> str:
        return str(CATEGORIES[self.category])

    @property
    def advice(self) -> str:
        return str(CATEGORY_ADVICE[self.category])

    def as_feature(self) -> dict[str, Any]:
        """A GeoJSON Feature (RFC 7946: positions are [longitude, latitude])."""
        properties = asdict(self)
        lon, lat = properties.pop("lon"), properties.pop("lat")
        properties.pop("id")
        properties["category_label"] = self.category_label
        if self.distance_km is None:
            properties.pop("distance_km")
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties,
        }


def public_sites() -> QuerySet[Site]:
    """Active sites citizens can visit, annotated with what marks them as a place.

    One query: the reuse-centre and preserving-collection tests are EXISTS
    subqueries on indexed foreign keys.
    """
    preserving = Appliance.objects.filter(
        site=OuterRef("pk"), channel=CollectionChannel.PRESERVING_COLLECTION
    )
    return (
        Site.objects.filter(is_active=True, kind__in=PUBLIC_SITE_KINDS)
        .select_related("organisation", "municipality")
        .annotate(
            has_preserving=Exists(preserving),
            is_reuse_centre=Exists(
                ReuseCentre.objects.filter(organisation=OuterRef("organisation"))
            ),
        )
        .order_by("pk")
    )


def _category(site: Site) -> str | None:
    org_type = site.organisation.type
    if org_type == T.REPAIR_CAFE:
        return "repair_cafe"
    if site.kind == Site.Kind.COLLECTION_POINT:
        # A reuse centre's own collection point collects to preserve; another
        # organisation's counts once it has sent in a preserving-collection appliance.
        if site.has_preserving or org_type == T.REUSE_CENTRE:
            return "collection_point"
        return None
    if org_type == T.REUSE_CENTRE and site.is_reuse_centre:
        # Registered for the hergebruikfiche: it takes in electrical appliances.
        return "reuse_centre" if site.kind == Site.Kind.SHOP else None
    if org_type in REPAIRER_TYPES:
        return "repairer"
    return None


def municipality_point(municipality: Municipality) -> tuple[float, float, bool] | None:
    """(lat, lon, approximate): the registry's centre, else the canton centre."""
    if municipality.latitude is not None and municipality.longitude is not None:
        return float(municipality.latitude), float(municipality.longitude), False
    point = municipality_points().get(municipality.nis_code)
    if point is None:
        return None
    return point["lat"], point["lon"], True


def _place(site: Site, category: str) -> Place | None:
    if site.latitude is not None and site.longitude is not None:
        lat, lon, approximate = float(site.latitude), float(site.longitude), False
    else:
        point = municipality_point(site.municipality)
        if point is None:
            return None
        lat, lon, _ = point
        approximate = True  # the municipality's centre, not the site itself
    return Place(
        id=site.pk,
        name=site.name,
        organisation=site.organisation.name,
        category=category,
        street=site.street,
        postcode=site.postcode,
        municipality=site.municipality.name,
        municipality_nis=site.municipality.nis_code,
        lat=lat,
        lon=lon,
        approximate=approximate,
        opening_hours=site.opening_hours,
        website=site.organisation.website,
        is_demo=site.organisation.is_demo,
    )


def public_places(*, category: str | None = None) -> list[Place]:
    """Every public place with a position (one query), optionally of one category."""
    places = []
    for site in public_sites():
        kind = _category(site)
        if kind is None or (category and kind != category):
            continue
        place = _place(site, kind)
        if place is not None:
            places.append(place)
    return places


def places_geojson(*, category: str | None = None) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [p.as_feature() for p in public_places(category=category)],
    }


def nearest_places(
    *, lat: float, lon: float, limit: int = 10, category: str | None = None
) -> list[Place]:
    """The public places closest to a point, by great-circle distance.

    Flanders has hundreds of places, not millions: sorting them in Python after one
    query is simpler than a spatial index and takes well under a millisecond.
    """
    ranked = sorted(
        (
            Place(
                **{
                    **asdict(p),
                    "distance_km": round(haversine_km(lat, lon, p.lat, p.lon), 1),
                }
            )
            for p in public_places(category=category)
        ),
        key=lambda p: (p.distance_km, p.name),
    )
    return ranked[:limit]


@dataclass(frozen=True)
class SearchResult:
    query: str
    municipality: Municipality | None
    candidates: list[Municipality]
    lat: float | None = None
    lon: float | None = None
    approximate: bool = False


def municipality_search(query: str) -> SearchResult:
    """A postcode or a municipality name → the municipality to measure from.

    A postcode resolves through Statbel's postcode table (a few Brussels postcodes
    have two municipalities: the first is taken). A name matches exactly first,
    then by its beginning, then anywhere; several matches are offered as choices.
    """
    query = (query or "").strip()
    candidates: list[Municipality] = []
    if query.isdigit() and len(query) == 4:
        candidates = PostalCode.objects.municipalities_for(query)[:1]
    elif len(query) >= 2:
        qs = Municipality.objects.select_related("province")
        for lookup in ("iexact", "istartswith", "icontains"):
            found = list(
                qs.filter(
                    Q(**{f"name_nl__{lookup}": query})
                    | Q(**{f"name_fr__{lookup}": query})
                )[:10]
            )
            if found:
                candidates = found
                break
    if len(candidates) != 1:
        return SearchResult(query=query, municipality=None, candidates=candidates)
    municipality = candidates[0]
    point = municipality_point(municipality)
    if point is None:
        return SearchResult(query=query, municipality=municipality, candidates=[])
    lat, lon, approximate = point
    return SearchResult(
        query=query,
        municipality=municipality,
        candidates=[],
        lat=lat,
        lon=lon,
        approximate=approximate,
    )
