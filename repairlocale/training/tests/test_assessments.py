"""Assessments: history kept, bad input refused with a clear error, nothing saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from repairlocale.training import selectors
from repairlocale.training.models import Assessment
from repairlocale.training.services import assessments_record
from repairlocale.training.tests.factories import current_competency

pytestmark = pytest.mark.django_db


def _post(client, trainee, **data):
    return client.post(reverse("training:assessment_create", args=[trainee.pk]), data)


def test_a_coach_assesses_and_the_history_stays(personas, tp, today, login):
    client = login(tp.coach)
    response = _post(
        client,
        tp.trainee,
        assessed_on="2026-02-02",
        evidence="RAD-000012 ontkalkt",
        level_multimeter="2",
        level_family_coffee="1",
    )
    assert response.status_code == 302
    response = _post(client, tp.trainee, assessed_on="2026-03-16", level_multimeter="3")
    assert response.status_code == 302
    assert tp.trainee.assessments.count() == 3
    latest = selectors.latest_assessments(tp.trainee)
    assert latest["multimeter"].level == 3
    assert latest["family_coffee"].level == 1
    history = client.get(reverse("training:assessment_history", args=[tp.trainee.pk]))
    assert history.content.decode().count("<tr>") == 4  # header + 3 rows
    progress = selectors.progress_over_time(tp.trainee)
    assert [p["average"] for p in progress] == [1.5, 2.0]


@pytest.mark.parametrize(
    "data,field,code",
    [
        ({"level_multimeter": "7"}, "level_multimeter", "invalid_choice"),
        ({"level_multimeter": "0"}, "level_multimeter", "invalid_choice"),
        ({"assessed_on": "2026-03-21", "level_multimeter": "2"}, "assessed_on", None),
        ({}, None, None),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    personas, tp, today, login, data, field, code
):
    payload = {"assessed_on": "2026-03-20", **data}
    response = _post(login(tp.coach), tp.trainee, **payload)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error(field or "__all__", code)
    assert not Assessment.objects.exists()
    # What was typed is kept, and the error is shown next to it.
    body = response.content.decode()
    assert 'value="' + payload["assessed_on"] + '"' in body
    assert "invalid-feedback" in body or "alert-danger" in body


def test_the_scale_error_names_the_level(personas, tp, today, login):
    response = _post(
        login(tp.coach), tp.trainee, assessed_on="2026-03-20", level_multimeter="7"
    )
    (error,) = response.context["form"].errors["level_multimeter"]
    assert "7" in error


@translation.override("en")
def test_the_service_refuses_levels_outside_the_scale(personas, tp, today):
    with pytest.raises(ValidationError, match="outside the scale"):
        assessments_record(
            trainee=tp.trainee,
            assessor=tp.coach,
            assessed_on=today,
            levels={current_competency("multimeter"): 5},
        )
    with pytest.raises(ValidationError, match="future"):
        assessments_record(
            trainee=tp.trainee,
            assessor=tp.coach,
            assessed_on=today + datetime.timedelta(days=1),
            levels={current_competency("multimeter"): 2},
        )
    assert not Assessment.objects.exists()


def test_the_database_refuses_a_level_outside_the_scale(tp):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            trainee=tp.trainee,
            competency=current_competency("multimeter"),
            level=9,
            assessed_on=datetime.date(2026, 3, 1),
        )


def test_a_trainee_of_another_organisation_cannot_be_assessed(
    personas, tp, today, login
):
    response = _post(
        login(tp.coach),
        tp.other_trainee,
        assessed_on="2026-03-20",
        level_multimeter="2",
    )
    assert response.status_code == 404
    assert not Assessment.objects.exists()
