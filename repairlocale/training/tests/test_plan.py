"""The development plan (POP), its PDF, attestations and training sessions."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from repairlocale.training.models import Attendance, Attestation, PlanAction, PlanGoal
from repairlocale.training.tests.factories import (
    AttestationFactory,
    PlanActionFactory,
    PlanGoalFactory,
    ReviewMeetingFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db


def test_a_coach_keeps_the_plan_up_to_date(personas, tp, today, login):
    client = login(tp.coach)
    pk = tp.trainee.pk
    response = client.post(
        reverse("training:goal_add", args=[pk]),
        {
            "title": "Zelfstandig stofzuigers herstellen",
            "competency_code": "family_vacuum",
            "deadline": "2026-06-30",
        },
    )
    assert response.status_code == 302
    goal = PlanGoal.objects.get()
    client.post(
        reverse("training:action_add", args=[pk]),
        {
            "goal": goal.pk,
            "description": "Vijf stofzuigers samen met de coach",
            "owner": "trainee",
            "deadline": "2026-04-15",
        },
    )
    action = PlanAction.objects.get()
    client.post(
        reverse("training:plan_status", args=[pk]),
        {"item": "action", "id": action.pk, "status": "done"},
    )
    client.post(
        reverse("training:meeting_add", args=[pk]),
        {
            "held_on": "2026-03-20",
            "notes": "Loopt goed.",
            "next_review_on": "2026-04-20",
        },
    )
    action.refresh_from_db()
    assert action.status == "done"
    assert tp.trainee.review_meetings.get().recorded_by == tp.coach
    page = client.get(reverse("training:plan", args=[pk])).content.decode()
    assert "Zelfstandig stofzuigers herstellen" in page and "Loopt goed." in page


def test_bad_plan_input_shows_the_errors_and_keeps_what_was_typed(
    personas, tp, today, login
):
    client = login(tp.coach)
    response = client.post(
        reverse("training:meeting_add", args=[tp.trainee.pk]),
        {"held_on": "2026-04-01", "notes": "Te vroeg", "next_review_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert response.context["meeting_form"].has_error("held_on")
    assert "Te vroeg" in response.content.decode()
    assert not tp.trainee.review_meetings.exists()
    response = client.post(
        reverse("training:plan_status", args=[tp.trainee.pk]),
        {"item": "goal", "id": PlanGoalFactory(trainee=tp.trainee).pk, "status": "x"},
    )
    assert PlanGoal.objects.get().status == "open"


def test_the_plan_pdf_reads_back(personas, tp, today, login):
    goal = PlanGoalFactory(trainee=tp.trainee, title="Koffiemachines zelfstandig")
    PlanActionFactory(goal=goal, description="Tien machines ontkalken")
    ReviewMeetingFactory(trainee=tp.trainee, notes="Eerste evaluatie positief")
    response = login(tp.coach).get(reverse("training:plan_pdf", args=[tp.trainee.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    text = " ".join(text.split())
    for expected in (
        "Jonas Leerling",
        "Kringwinkel 't Rad",
        "Koffiemachines zelfstandig",
        "Tien machines ontkalken",
        "Eerste evaluatie positief",
    ):
        assert expected in text


def test_an_attestation_expiring_before_its_issue_is_refused(
    personas, tp, today, login
):
    response = login(tp.coach).post(
        reverse("training:attestation_create", args=[tp.trainee.pk]),
        {
            "kind": "ba4",
            "issued_by": "Kringwinkel 't Rad",
            "issued_on": "2026-03-01",
            "expires_on": "2025-03-01",
            "scope": "Werkplaats elektro",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("expires_on")
    assert "Werkplaats elektro" in response.content.decode()
    assert not Attestation.objects.exists()


def test_expiry_warnings_on_the_trainee_page(personas, tp, today, login):
    AttestationFactory(
        trainee=tp.trainee, kind="ba4", expires_on=today + datetime.timedelta(days=20)
    )
    AttestationFactory(
        trainee=tp.trainee,
        kind="course",
        title="Solderen",
        issued_on=datetime.date(2024, 1, 1),
        expires_on=datetime.date(2026, 1, 1),
    )
    AttestationFactory(
        trainee=tp.trainee, kind="ba5", expires_on=datetime.date(2029, 1, 1)
    )
    states = sorted(a.expiry_state(today) for a in tp.trainee.attestations.all())
    assert states == ["", "expired", "expiring"]
    body = login(tp.coach).get(tp.trainee.get_absolute_url()).content.decode()
    assert "text-bg-danger" in body and "text-bg-warning" in body


def test_attendance_is_recorded_by_the_coach(personas, tp, today, login):
    session = TrainingSessionFactory(date=datetime.date(2026, 3, 10))
    future = TrainingSessionFactory(date=datetime.date(2026, 4, 10))
    client = login(tp.coach)
    url = reverse("training:session_detail", args=[session.pk])
    assert (
        client.post(url, {"trainee": tp.trainee.pk, "status": "attended"}).status_code
        == 302
    )
    assert Attendance.objects.get().status == "attended"
    # Attended in the future: refused. Someone else's trainee: not a valid choice.
    response = client.post(
        reverse("training:session_detail", args=[future.pk]),
        {"trainee": tp.trainee.pk, "status": "attended"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url, {"trainee": tp.other_trainee.pk, "status": "attended"})
    assert response.context["form"].has_error("trainee")
    assert Attendance.objects.count() == 1
    # Without trainees of one's own, recording attendance is refused.
    assert login(personas.viewer).post(url, {}).status_code == 403


def test_a_manager_creates_a_session(personas, tp, login):
    response = login(personas.manager).post(
        reverse("training:session_create"),
        {
            "title": "Elektrocursus Brugge",
            "organiser": personas.rad.pk,
            "pilot_region": "brugge",
            "date": "2026-05-04",
            "place": "Brugge",
        },
    )
    assert response.status_code == 302
    response = login(personas.manager).post(
        reverse("training:session_create"),
        {"title": "Elders", "organiser": personas.other.pk, "date": "2026-05-04"},
    )
    assert response.context["form"].has_error("organiser")
