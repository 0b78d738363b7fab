"""Fixtures for the pilot tests (personas come from the root conftest)."""

import pytest

from repairlocale.pilots.tests.factories import PilotPartnerFactory, PilotProjectFactory


@pytest.fixture
def pilot(personas):
    """A Brugge pilot with Kringwinkel 't Rad as partner (its members read it)."""
    project = PilotProjectFactory(title="Bewarend inzamelen Brugge")
    PilotPartnerFactory(pilot=project, organisation=personas.rad, role="Trekker")
    return project
