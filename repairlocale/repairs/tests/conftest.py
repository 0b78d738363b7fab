"""Fixtures for Repair Café logging: two cafés with their own people.

The root ``personas`` belong to no Repair Café; these do. Repair Café Brugge has a
host (editor), a viewer and a manager; Repair Café Leuven has its own host, the
outsider here.
"""

import datetime
from types import SimpleNamespace

import pytest

from repairlocale.accounts.models import GlobalRole
from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.network.models import Membership, Organisation
from repairlocale.network.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PostalCodeFactory,
    SiteFactory,
)
from repairlocale.repairs.models import ProductCategory
from repairlocale.repairs.services import repair_event_create


@pytest.fixture
def cafes(db):
    brugge_municipality = MunicipalityFactory(nis_code="31005", name_nl="Brugge")
    PostalCodeFactory(code="8200", municipality=brugge_municipality)
    PostalCodeFactory(code="3000", municipality=MunicipalityFactory(nis_code="24062"))
    brugge = OrganisationFactory(
        name="Repair Café Brugge", type=Organisation.Type.REPAIR_CAFE
    )
    leuven = OrganisationFactory(
        name="Repair Café Leuven", type=Organisation.Type.REPAIR_CAFE
    )
    people = {}
    for username, first_name, cafe, role in [
        ("host", "Hanne", brugge, Membership.Role.EDITOR),
        ("viewer", "Vic", brugge, Membership.Role.VIEWER),
        ("manager", "Mona", brugge, Membership.Role.MANAGER),
        ("outsider", "Olav", leuven, Membership.Role.EDITOR),
    ]:
        people[username] = UserFactory(
            username=username, first_name=first_name, last_name="Peeters"
        )
        MembershipFactory(user=people[username], organisation=cafe, role=role)
    people["coordinator"] = UserFactory(
        username="coordinator",
        first_name="Cor",
        last_name="Dinator",
        global_role=GlobalRole.NETWORK_COORDINATOR,
    )
    return SimpleNamespace(
        **people,
        brugge=brugge,
        leuven=leuven,
        brugge_site=SiteFactory(
            organisation=brugge, name="Buurthuis De Zandberg", postcode="8200"
        ),
        leuven_site=SiteFactory(
            organisation=leuven, name="Wijkcentrum Leuven", postcode="3000"
        ),
    )


@pytest.fixture
def event(cafes):
    """Repair Café Brugge's evening of 15 March 2025."""
    return repair_event_create(
        organisation=cafes.brugge,
        data={
            "date": datetime.date(2025, 3, 15),
            "site": cafes.brugge_site,
            "place": "",
            "volunteers": 8,
            "visitors": 31,
            "notes": "",
        },
        by=cafes.host,
    )


@pytest.fixture
def category():
    """An ORDS category by its standard name: ``category("Toaster")``."""
    return lambda ords_name: ProductCategory.objects.get(ords_name=ords_name)
