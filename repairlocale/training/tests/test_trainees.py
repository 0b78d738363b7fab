"""Trainees: creation by managers, status and outflow, export and erasure."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from repairlocale.repairs.models import RepairRecord
from repairlocale.training import selectors
from repairlocale.training.models import Trainee
from repairlocale.training.tests.factories import (
    AssessmentFactory,
    AttestationFactory,
    PlanActionFactory,
    workshop_repair,
)

pytestmark = pytest.mark.django_db


def test_a_manager_adds_a_trainee_with_a_coach_and_a_login(personas, tp, login):
    response = login(personas.manager).post(
        reverse("training:trainee_create", args=[personas.rad.pk]),
        {
            "first_name": "Sara",
            "last_name": "Peeters",
            "programme": "Art. 60",
            "start_date": "2026-02-01",
            "coaches": [tp.coach.pk],
            "status": "in_training",
            "login_email": personas.viewer.email,
        },
    )
    trainee = Trainee.objects.get(first_name="Sara")
    assert response.url == trainee.get_absolute_url()
    assert list(trainee.coaches.all()) == [tp.coach]
    assert trainee.user == personas.viewer


def test_outflow_needs_a_kind_and_a_date(personas, tp, login):
    client = login(personas.manager)
    data = {
        "first_name": "Jonas",
        "last_name": "Leerling",
        "programme": "IBO",
        "start_date": "2026-01-05",
        "status": "moved_on",
        "outflow_kind": "",
        "outflow_date": "2025-12-01",
    }
    url = reverse("training:trainee_edit", args=[tp.trainee.pk])
    response = client.post(url, data)
    form = response.context["form"]
    assert form.has_error("outflow_kind") and form.has_error("outflow_date")
    data.update(outflow_kind="regular_job", outflow_date="2026-03-01")
    assert client.post(url, data).status_code == 302
    tp.trainee.refresh_from_db()
    assert (tp.trainee.status, tp.trainee.outflow_kind) == ("moved_on", "regular_job")


def test_a_coach_must_belong_to_the_employer(personas, tp, login):
    response = login(personas.manager).post(
        reverse("training:trainee_edit", args=[tp.trainee.pk]),
        {
            "first_name": "Jonas",
            "programme": "IBO",
            "start_date": "2026-01-05",
            "status": "in_training",
            "coaches": [personas.outsider.pk],
        },
    )
    assert response.context["form"].has_error("coaches")


def test_the_export_holds_the_persons_data(personas, tp, today, login):
    AssessmentFactory(trainee=tp.trainee, comment="Meet nauwkeurig")
    PlanActionFactory(goal__trainee=tp.trainee)
    workshop_repair(trainee=tp.trainee, by=tp.coach)
    client = login(tp.trainee_user)
    data = json.loads(
        client.get(reverse("training:export_json", args=[tp.trainee.pk])).content
    )
    assert data["trainee"]["first_name"] == "Jonas"
    assert data["assessments"][0]["comment"] == "Meet nauwkeurig"
    assert data["assessments"][0]["framework_version"] == 1
    assert len(data["development_plan"]["goals"][0]["actions"]) == 1
    assert data["evidence_summary"]["repairs"] == 1
    pdf = client.get(reverse("training:export_pdf", args=[tp.trainee.pk])).content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Jonas" in text and "Meet nauwkeurig" in text


def test_erasure_anonymises_but_keeps_the_counted_repairs(personas, tp, today, login):
    AssessmentFactory(trainee=tp.trainee, comment="Persoonlijke opmerking")
    AttestationFactory(trainee=tp.trainee)
    PlanActionFactory(goal__trainee=tp.trainee)
    for _ in range(2):
        workshop_repair(trainee=tp.trainee, by=tp.coach)
    before = selectors.training_overview()
    by_org_before = selectors.overview_by_organisation()

    client = login(personas.manager)
    url = reverse("training:erase", args=[tp.trainee.pk])
    client.post(url, {})  # not confirmed: nothing happens
    assert Trainee.objects.get(pk=tp.trainee.pk).erased_at is None
    assert client.post(url, {"confirm": "yes"}).status_code == 302

    trainee = Trainee.objects.get(pk=tp.trainee.pk)
    assert trainee.is_erased and trainee.first_name == trainee.last_name == ""
    assert trainee.user is None and not trainee.coaches.exists()
    assert not trainee.goals.exists() and not trainee.attestations.exists()
    assert trainee.assessments.get().comment == ""
    assert RepairRecord.objects.filter(trainee=trainee).count() == 2
    assert selectors.training_overview() == before
    assert selectors.overview_by_organisation() == by_org_before
    # The former login no longer opens the profile; the manager sees no name.
    assert login(tp.trainee_user).get(trainee.get_absolute_url()).status_code == 404
    body = login(personas.manager).get(trainee.get_absolute_url()).content.decode()
    assert "Jonas" not in body
