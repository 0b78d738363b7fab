"""Fixtures for the needs-mapping tests (personas come from the root conftest)."""

from types import SimpleNamespace

import pytest

from repairlocale.needs.tests.factories import (
    CampaignFactory,
    CampaignHubFactory,
    CatalogueActivityFactory,
)


@pytest.fixture
def campaign(personas):
    """An open campaign asking two activities of the personas' two hubs."""
    activities = [
        CatalogueActivityFactory(name_nl="Herstelcafé op de markt", order=1),
        CatalogueActivityFactory(name_nl="Bewarend inzamelen", theme="training"),
    ]
    campaign = CampaignFactory(name="Behoeftenmapping 2025")
    campaign.activities.set(activities)
    brugge = CampaignHubFactory(campaign=campaign, hub=personas.hub)
    loops = CampaignHubFactory(campaign=campaign, hub=personas.other_hub)
    return SimpleNamespace(
        campaign=campaign, activities=activities, brugge=brugge, loops=loops
    )
