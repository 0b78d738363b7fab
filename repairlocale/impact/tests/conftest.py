"""Fixtures for the impact tests (personas come from the root conftest)."""

import pytest

from repairlocale.impact.models import Methodology


@pytest.fixture
def restart(db):
    """The default methodology, as the data migration loads it."""
    return Methodology.objects.get(slug="restart-2021-lca", version="2021.1")


@pytest.fixture
def anstiftung(db):
    return Methodology.objects.get(slug="anstiftung-displacement", version="2023.1")
