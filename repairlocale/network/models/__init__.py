"""The network registry: places, organisations, sites, hubs, partnerships, members."""

from repairlocale.network.models.hubs import Hub, Partnership
from repairlocale.network.models.memberships import Membership
from repairlocale.network.models.organisations import (
    Organisation,
    PilotRegion,
    Site,
)
from repairlocale.network.models.places import (
    BELGIUM_BOUNDS,
    POSTCODE_SHAPE,
    Municipality,
    PostalCode,
    Province,
    Region,
)

__all__ = [
    "BELGIUM_BOUNDS",
    "POSTCODE_SHAPE",
    "Hub",
    "Membership",
    "Municipality",
    "Organisation",
    "Partnership",
    "PilotRegion",
    "PostalCode",
    "Province",
    "Region",
    "Site",
]
