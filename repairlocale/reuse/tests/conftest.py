"""Fixtures for the hergebruikfiche tests (personas come from the root conftest)."""

import pytest

from repairlocale.reuse.services import step_record
from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory


@pytest.fixture
def centre(personas):
    """Kringwinkel 't Rad's label settings (prefix RAD)."""
    return ReuseCentreFactory(organisation=personas.rad, code_prefix="RAD")


@pytest.fixture
def appliance(personas, centre):
    return ApplianceFactory(
        organisation=personas.rad, site=personas.rad_site, code="RAD-000001"
    )


@pytest.fixture
def record(personas):
    """Record a step as the editor: ``record(appliance, "triage", passed=...)``."""

    def _record(appliance, kind, by=None, corrects=None, **data):
        return step_record(
            appliance=appliance,
            kind=kind,
            performed_by=by or personas.editor,
            data=data,
            corrects=corrects,
        )

    return _record


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded photos go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
