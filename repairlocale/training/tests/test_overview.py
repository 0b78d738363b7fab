"""The anonymised overview: per organisation and per pilot region."""

import datetime

import pytest
from django.urls import reverse

from repairlocale.training import selectors
from repairlocale.training.tests.factories import (
    AssessmentFactory,
    TraineeFactory,
    workshop_repair,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(personas, tp, today):
    TraineeFactory(
        organisation=personas.rad,
        status="moved_on",
        outflow_kind="regular_job",
        outflow_date=datetime.date(2026, 3, 1),
    )
    TraineeFactory(
        organisation=personas.other,
        status="employed",
        outflow_date=datetime.date(2026, 2, 1),
    )
    AssessmentFactory(trainee=tp.trainee, level=3)
    AssessmentFactory(trainee=tp.other_trainee, level=1)
    workshop_repair(trainee=tp.trainee, by=tp.coach)
    workshop_repair(
        trainee=tp.other_trainee, by=personas.outsider, outcome="Repairable"
    )
    return tp


def test_the_pilot_regions_are_compared(spread):
    brugge, vbr = selectors.overview_by_pilot_region()
    assert (brugge["region"], vbr["region"]) == ("brugge", "vlaams_brabant")
    assert brugge["trainees"] == 2 and vbr["trainees"] == 2
    assert brugge["by_status"] == {"in_training": 1, "employed": 0, "moved_on": 1}
    assert brugge["outflow"]["regular_job"] == 1
    assert vbr["by_status"]["employed"] == 1
    assert brugge["repairs"] == 1 and brugge["repairs_fixed"] == 1
    assert vbr["repairs"] == 1 and vbr["repairs_fixed"] == 0
    assert brugge["average_level"] == 3 and vbr["average_level"] == 1


def test_a_period_limits_the_figures(spread):
    march = selectors.training_overview(
        period=(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    )
    assert march["repairs"] == 2
    assert march["trainees"] == 3  # the one employed in February is out
    january = selectors.training_overview(
        period=(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    )
    assert january["repairs"] == 0 and january["assessments"] == 0


def test_a_manager_sees_only_their_organisation(personas, spread, login):
    response = login(personas.manager).get(reverse("training:overview"))
    rows = response.context["by_organisation"]
    assert [r["organisation"] for r in rows] == [personas.rad]


def test_the_overview_costs_a_bounded_number_of_queries(
    personas, spread, login, django_assert_max_num_queries
):
    client = login(personas.coordinator)
    with django_assert_max_num_queries(50):
        response = client.get(reverse("training:overview"))
    assert response.status_code == 200
    csv = client.get(reverse("training:overview_csv")).content.decode()
    assert "Kringwinkel Hageland" in csv and "Jonas" not in csv


def test_a_bad_period_is_explained(personas, spread, login):
    response = login(personas.coordinator).get(
        reverse("training:overview"),
        {"date_from": "2026-03-01", "date_to": "2026-02-01"},
    )
    assert response.context["form"].has_error("date_to")
