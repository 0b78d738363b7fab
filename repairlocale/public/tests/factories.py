"""Rows for the public map and embed tests, written here, not read from shared data."""

from decimal import Decimal

from repairlocale.network.models import Organisation, Site
from repairlocale.network.tests.factories import OrganisationFactory, SiteFactory


def repair_cafe_site(name: str, postcode: str, lat: str | None, lon: str | None, **kw):
    """A Repair Café with one site at the given position (None: no coordinates)."""
    org = OrganisationFactory(name=name, type=Organisation.Type.REPAIR_CAFE, **kw)
    return SiteFactory(
        organisation=org,
        name=name,
        kind=Site.Kind.WORKSHOP,
        street="Dorpsstraat 1",
        postcode=postcode,
        latitude=Decimal(lat) if lat else None,
        longitude=Decimal(lon) if lon else None,
    )
