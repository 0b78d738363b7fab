"""Live indicators: values from the hergebruikfiche, shown against the targets."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from repairlocale.pilots import indicators
from repairlocale.pilots.selectors import goal_progress
from repairlocale.pilots.tests.factories import PilotGoalFactory
from repairlocale.reuse.models import ApplianceStatus
from repairlocale.reuse.tests.factories import ApplianceFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 30)


@pytest.fixture
def appliances(personas, pilot):
    """'t Rad (Brugge): 3 of 4 preserving-collection appliances sold, 0 of 1 home
    pickup. Hageland (Vlaams-Brabant) sells one that must not count; one of 't Rad's
    came in before the pilot started."""
    sold, waiting = ApplianceStatus.SOLD, ApplianceStatus.AWAITING_TRIAGE
    for status in (sold, sold, sold, waiting):
        ApplianceFactory(
            organisation=personas.rad, channel="preserving_collection", status=status
        )
    ApplianceFactory(organisation=personas.rad, channel="home_pickup", status=waiting)
    ApplianceFactory(organisation=personas.other, status=sold)
    ApplianceFactory(
        organisation=personas.rad,
        status=sold,
        intake_date=datetime.date(2025, 12, 1),
    )


def test_the_registry_has_the_inflow_and_training_indicators():
    keys = set(indicators.REGISTRY)
    assert {"appliances_in", "sold_percent", "trainees_assessed"} <= keys
    assert "sold_percent:preserving_collection" in keys
    with pytest.raises(ValueError):
        indicators.register("sold_percent", "x", "%", lambda p, q: 1)


def test_inflow_indicators_count_the_pilot_regions_centres(pilot, appliances):
    period = indicators.pilot_period(pilot, TODAY)
    assert period == (datetime.date(2026, 1, 1), TODAY)
    assert indicators.compute("appliances_in", pilot, period) == 5
    assert indicators.compute("sold_percent", pilot, period) == 60.0
    assert (
        indicators.compute("sold_percent:preserving_collection", pilot, period) == 75.0
    )
    assert indicators.compute("sold_percent:home_pickup", pilot, period) == 0.0
    assert indicators.compute("sold_percent:donation", pilot, period) is None
    assert indicators.compute("unknown", pilot, period) is None


def test_goal_progress_against_the_target(pilot, appliances):
    PilotGoalFactory(
        pilot=pilot,
        description="Verkocht via bewarend inzamelen",
        indicator="sold_percent:preserving_collection",
        baseline=Decimal("50"),
        target=Decimal("60"),
        unit="%",
    )
    PilotGoalFactory(
        pilot=pilot,
        description="Parkwachters opgeleid",
        target=Decimal("20"),
        manual_value=Decimal("5"),
        order=2,
    )
    live, manual = goal_progress(pilot, today=TODAY)
    assert (live.value, live.live, live.percent_of_target, live.reached) == (
        75.0,
        True,
        100.0,
        True,
    )
    assert (manual.value, manual.live, manual.percent_of_target) == (
        Decimal("5"),
        False,
        25.0,
    )


def test_training_indicators_read_the_training_module(pilot):
    period = (datetime.date(2026, 1, 1), TODAY)
    assert indicators.compute("trainees", pilot, period) == 0
    assert indicators.compute("trainees_assessed", pilot, period) == 0


def test_the_pilot_page_shows_live_values(login, personas, pilot, appliances):
    PilotGoalFactory(pilot=pilot, indicator="appliances_in", target=Decimal("10"))
    response = login(personas.viewer).get(
        reverse("pilots:pilot_detail", args=[pilot.pk])
    )
    assert response.status_code == 200
    assert 'data-goal-value="5"' in response.text


def test_the_pilot_page_costs_a_fixed_number_of_queries(
    login, personas, pilot, appliances, django_assert_max_num_queries
):
    for key in ("appliances_in", "sold_percent", "sold_percent:home_pickup"):
        PilotGoalFactory(pilot=pilot, indicator=key, target=Decimal("10"))
    client = login(personas.coordinator)
    url = reverse("pilots:pilot_detail", args=[pilot.pk])
    client.get(url)
    # One inflow report (two queries) serves every inflow indicator.
    with django_assert_max_num_queries(12):
        client.get(url)
