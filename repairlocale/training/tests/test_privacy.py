"""Network coordinators see no names: every page and export, as they receive it."""

import json

import pytest
from django.urls import reverse

from repairlocale.training import selectors
from repairlocale.training.models import Attendance
from repairlocale.training.tests.factories import (
    AssessmentFactory,
    TrainingSessionFactory,
    workshop_repair,
)
from repairlocale.training.tests.test_permissions import ROWS

pytestmark = pytest.mark.django_db

NAMES = ["Jonas", "Leerling", "Elif", "Hageland-trainee"]


@pytest.fixture
def rich(personas, tp):
    """Trainees with repairs, assessments and a session they attended."""
    tp.other_trainee.last_name = "Hageland-trainee"
    tp.other_trainee.save()
    workshop_repair(trainee=tp.trainee, by=tp.coach)
    AssessmentFactory(trainee=tp.trainee)
    AssessmentFactory(trainee=tp.other_trainee)
    session = TrainingSessionFactory(organiser=personas.rad)
    Attendance.objects.create(session=session, trainee=tp.trainee, status="attended")
    Attendance.objects.create(
        session=session, trainee=tp.other_trainee, status="attended"
    )
    tp.session = session
    return tp


@pytest.mark.parametrize("who", ["coordinator", "admin", "hubcoordinator"])
def test_coordinators_see_no_name_on_any_page_or_export(who, personas, rich, as_user):
    client = as_user(who)
    opened = 0
    for row in ROWS:
        name, args, method, _statuses = row.values
        if method != "get":
            continue
        url = reverse(name, args=args(personas, rich))
        response = client.get(url)
        if response.status_code != 200:
            continue
        opened += 1
        body = response.content.decode("utf-8", "replace")
        for person in NAMES:
            assert person not in body, (who, url, person)
    assert opened >= 6


def test_the_session_page_names_only_ones_own_trainees(personas, rich, as_user):
    url = reverse("training:session_detail", args=[rich.session.pk])
    body = as_user("coach").get(url).content.decode()
    assert "Jonas Leerling" in body
    assert "Elif" not in body
    body = as_user("outsider").get(url).content.decode()
    assert "Elif Hageland-trainee" in body
    assert "Jonas" not in body


def test_the_aggregates_for_other_modules_hold_no_names_or_ids(rich):
    overview = selectors.training_overview()
    text = json.dumps(overview)
    for person in NAMES:
        assert person not in text
    assert "id" not in {key.lower() for key in overview}
    assert overview["trainees"] == 2
    assert overview["repairs"] == 1
    rows = selectors.overview_by_organisation()
    assert {r["organisation"].name for r in rows} == {
        "Kringwinkel 't Rad",
        "Kringwinkel Hageland",
    }


def test_the_trainee_reads_but_does_not_change_their_own_data(rich, as_user):
    client = as_user("trainee")
    detail = client.get(reverse("training:trainee_detail", args=[rich.trainee.pk]))
    assert detail.status_code == 200
    assert b"assess-link" not in detail.content
    response = client.post(
        reverse("training:goal_add", args=[rich.trainee.pk]), {"title": "Sneaky"}
    )
    assert response.status_code == 403
    assert not rich.trainee.goals.exists()
    # Someone else's page does not exist for them.
    other = client.get(reverse("training:trainee_detail", args=[rich.other_trainee.pk]))
    assert other.status_code == 404


def test_a_coach_who_left_the_organisation_loses_access(personas, rich, as_user):
    rich.coach.memberships.all().delete()
    response = as_user("coach").get(
        reverse("training:trainee_detail", args=[rich.trainee.pk])
    )
    assert response.status_code == 404
