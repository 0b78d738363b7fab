"""Fixtures for the public map and embeds; ``places`` comes from the root conftest."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from repairlocale.public.tests.factories import repair_cafe_site


@pytest.fixture
def map_rows(places):
    """Three Repair Cafés at known positions and municipality centres we set.

    From Brugge's centre: Brugge (0.6 km), Oostkamp (6 km), Leuven (109 km).
    """
    places.brugge.latitude, places.brugge.longitude = (
        Decimal("51.2089"),
        Decimal("3.2242"),
    )
    places.brugge.save()
    places.oostkamp.latitude, places.oostkamp.longitude = (
        Decimal("51.1535"),
        Decimal("3.2320"),
    )
    places.oostkamp.save()
    return SimpleNamespace(
        places=places,
        brugge=repair_cafe_site("Repair Café Brugge", "8000", "51.2050", "3.2300"),
        oostkamp=repair_cafe_site("Repair Café Oostkamp", "8020", "51.1540", "3.2330"),
        leuven=repair_cafe_site("Repair Café Leuven", "3000", "50.8798", "4.7005"),
    )
