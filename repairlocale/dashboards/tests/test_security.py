"""Security review of dashboards and the funder report (docs/security-review.md,
H5-3).

Before the fix every signed-in person saw, on a hub's or an organisation's
dashboard, the outflow and assessments of a group of one trainee; the funder
report, which leaves the platform, did the same for a region.
"""

import datetime

import pytest
from django.urls import reverse

from repairlocale.dashboards.report import _training
from repairlocale.network.models import PilotRegion
from repairlocale.training.selectors import MIN_GROUP_SIZE
from repairlocale.training.tests.factories import AssessmentFactory, TraineeFactory

pytestmark = pytest.mark.django_db
Q1 = {"date_from": "2026-01-01", "date_to": "2026-03-31"}


@pytest.fixture
def leaver(personas):
    trainee = TraineeFactory(
        organisation=personas.rad,
        status="moved_on",
        outflow_kind="regular_job",
        outflow_date=datetime.date(2026, 2, 1),
    )
    AssessmentFactory(trainee=trainee, level=1, assessed_on=datetime.date(2026, 2, 1))
    return trainee


def test_a_hub_dashboard_shows_no_breakdown_of_one_trainee(client, personas, leaver):
    personas.hub.organisation = personas.rad
    personas.hub.save()
    client.force_login(personas.outsider)  # another organisation altogether
    response = client.get(reverse("dashboards:hub", args=[personas.hub.pk]), Q1)
    [panel] = response.context["panels"]
    assert panel["training"]["trainees"] == 1
    assert panel["training"]["suppressed"]
    assert panel["training"]["by_status"]["moved_on"] is None
    assert panel["training"]["assessed_trainees"] is None
    assert "Te weinig deelnemers om meer te tonen" in response.content.decode()


def _rows(section):
    [table] = section["tables"]
    return dict(table["rows"])


def test_the_funder_report_gives_only_the_head_count_of_a_small_group(personas, leaver):
    section = _training(
        datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), PilotRegion.BRUGGE
    )
    values = list(_rows(section).values())
    assert values[0] == 1
    assert set(values[1:]) == {None}
    assert len(section["notes"]) == 2


def test_the_funder_report_keeps_the_figures_of_a_large_group(personas, leaver):
    TraineeFactory.create_batch(MIN_GROUP_SIZE, organisation=personas.rad)
    section = _training(
        datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), PilotRegion.BRUGGE
    )
    values = list(_rows(section).values())
    assert values[0] == MIN_GROUP_SIZE + 1
    assert None not in values
