"""Fixtures of the API's tests: a DRF client that speaks as a persona."""

import pytest
from rest_framework.test import APIClient

from repairlocale.api.tests.factories import token_for


@pytest.fixture
def api():
    """``api(user)`` → an APIClient sending a read-write token of ``user``;
    ``api(None)`` → an anonymous client."""

    def _client(user=None, *, can_write=True):
        client = APIClient()
        if user is not None:
            client.credentials(
                HTTP_AUTHORIZATION=f"Bearer {token_for(user, can_write=can_write)}"
            )
        return client

    return _client


@pytest.fixture
def rad_appliance(personas):
    """An appliance of Kringwinkel 't Rad, accepted at triage."""
    from repairlocale.reuse.services import step_record
    from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory

    ReuseCentreFactory(organisation=personas.rad, code_prefix="RAD", next_number=2)
    appliance = ApplianceFactory(organisation=personas.rad, code="RAD-000001")
    step_record(
        appliance=appliance,
        kind="triage",
        performed_by=personas.editor,
        data={"rejection_reasons": []},
    )
    appliance.refresh_from_db()
    return appliance


@pytest.fixture(autouse=True)
def _reference_rows(request):
    """The ORDS categories and the default methodology, also after a transactional
    test (live server, browser) has flushed the rows data migrations load."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    transactional = marker is not None and marker.kwargs.get("transaction")
    request.getfixturevalue("transactional_db" if transactional else "db")
    import importlib

    from django.apps import apps

    from repairlocale.impact.models import Methodology
    from repairlocale.repairs.models import ProductCategory

    if not ProductCategory.objects.exists():
        importlib.import_module(
            "repairlocale.repairs.migrations.0002_ords_categories"
        ).load_categories(apps, None)
        importlib.import_module(
            "repairlocale.repairs.migrations.0004_typical_weights"
        ).load(apps, None)
    if not Methodology.objects.exists():
        importlib.import_module(
            "repairlocale.impact.migrations.0002_restart_2021_methodology"
        ).load_methodologies(apps, None)
