"""Demo trainees at the pilot reuse centres, with assessments, a plan and repairs.

Builds on the network and reuse demos: each pilot reuse centre gets three trainees
coached by its workshop staff; recent repair and safety-test steps of the centre
name them (as the workshop would have recorded), so evidence and suggestions show.
Idempotent: trainees are found again by employer and name; a centre whose trainees
already exist is left alone.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from repairlocale.network.models import Membership, Organisation
from repairlocale.repairs.models import RepairRecord
from repairlocale.training.models import (
    Assessment,
    Attendance,
    Attestation,
    FrameworkVersion,
    PlanAction,
    PlanGoal,
    ReviewMeeting,
    Trainee,
    TrainingSession,
)

# Fictitious names per centre (first, last, programme, months in training, status).
TRAINEES = {
    "Kringwinkel 't Rad": [
        ("Jonas", "Verstraete", "IBO", 7, "in_training"),
        ("Amina", "El Khatib", "Art. 60", 11, "in_training"),
        ("Dries", "Vanhoutte", "Maatwerk (LDE)", 20, "employed"),
    ],
    "Kringwinkel ViTeS": [
        ("Sofie", "Claes", "IBO", 5, "in_training"),
        ("Youssef", "Benali", "Art. 60", 13, "moved_on"),
        ("Lotte", "Wouters", "Maatwerk (LDE)", 9, "in_training"),
    ],
    "Kringwinkel Hageland": [
        ("Kevin", "Peeters", "IBO", 4, "in_training"),
        ("Nina", "Goossens", "Art. 60", 15, "employed"),
        ("Bram", "Jacobs", "Maatwerk (LDE)", 8, "in_training"),
    ],
}
DEMO_TRAINEE_LOGIN = "deelnemer"
ASSESSED = [
    "deenergised_work",
    "multimeter",
    "safety_tester",
    "fault_finding",
    "disassembly",
    "hergebruikfiche",
    "family_coffee",
    "family_vacuum",
    "family_small_kitchen",
]


def _coaches(organisation: Organisation) -> list:
    return list(
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation,
            memberships__role__gte=Membership.Role.EDITOR,
        )
        .order_by("memberships__role", "username")[:2]
    )


def _trainee_login():
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_TRAINEE_LOGIN,
        defaults={
            "email": f"{DEMO_TRAINEE_LOGIN}@demo.repairlocale.invalid",
            "first_name": "Jonas",
            "last_name": "Verstraete",
        },
    )
    if created:
        if settings.DEBUG:
            user.set_password(f"demo-{DEMO_TRAINEE_LOGIN}-2026")
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _centre(organisation, people, *, today, rng, version, login) -> int:
    coaches = _coaches(organisation)
    trainees = []
    for first, last, programme, months, status in people:
        start = today - timedelta(days=30 * months)
        outflow = {}
        if status == "employed":
            outflow = {"outflow_date": today - timedelta(days=40)}
        elif status == "moved_on":
            outflow = {
                "outflow_kind": "regular_job",
                "outflow_date": today - timedelta(days=60),
            }
        trainee = Trainee(
            organisation=organisation,
            first_name=first,
            last_name=last,
            programme=programme,
            start_date=start,
            status=status,
            user=login if (first, last) == ("Jonas", "Verstraete") else None,
            **outflow,
        )
        trainee.full_clean()
        trainee.save()
        trainee.coaches.set(coaches)
        trainees.append(trainee)

        competencies = {c.code: c for c in version.competencies.all()}
        assessor = coaches[0] if coaches else None
        for step, days_ago in enumerate((months * 25, months * 12, 14)):
            day = today - timedelta(days=days_ago)
            if day < start:
                continue
            for code in rng.sample(ASSESSED, 5):
                Assessment.objects.create(
                    trainee=trainee,
                    competency=competencies[code],
                    level=min(4, 1 + step + rng.randint(0, 1)),
                    assessed_on=day,
                    assessor=assessor,
                    evidence="Waargenomen in de werkplaats",
                )
        goal = PlanGoal.objects.create(
            trainee=trainee,
            title="Koffiemachines zelfstandig herstellen",
            competency_code="family_coffee",
            deadline=today + timedelta(days=90),
            status=PlanGoal.Status.IN_PROGRESS,
        )
        PlanAction.objects.create(
            goal=goal,
            description="Tien koffiemachines herstellen met de coach in de buurt",
            owner=PlanAction.Owner.TRAINEE,
            deadline=today + timedelta(days=30),
        )
        PlanAction.objects.create(
            goal=goal,
            description="Opleiding ontkalken en veilig meten plannen",
            owner=PlanAction.Owner.COACH,
            deadline=today + timedelta(days=14),
        )
        ReviewMeeting.objects.create(
            trainee=trainee,
            held_on=today - timedelta(days=14),
            notes="Evaluatie: goede vooruitgang bij het meten; nog hulp nodig bij "
            "foutzoeken.",
            next_review_on=today + timedelta(days=45),
            recorded_by=assessor,
        )
        Attestation.objects.create(
            trainee=trainee,
            kind=Attestation.Kind.BA4,
            scope="Werken aan spanningsloze toestellen in de werkplaats",
            issued_by=organisation.name,
            issued_on=start + timedelta(days=14),
            expires_on=today + timedelta(days=rng.choice([30, 400])),
        )

    # Recent workshop steps of the centre name the trainees still in training.
    from repairlocale.reuse.models import Step

    learners = [t for t in trainees if t.status == "in_training"]
    steps = list(
        Step.objects.effective()
        .filter(
            appliance__organisation=organisation,
            kind__in=["repair", "safety_test"],
            performed_at__date__gte=today - timedelta(days=120),
            trainee__isnull=True,
        )
        .order_by("performed_at")
        .values_list("pk", flat=True)
    )
    named = 0
    for index, pk in enumerate(steps):
        if index % 3 == 2 or not learners:
            continue  # staff did the others
        trainee = learners[index % len(learners)]
        Step.objects.filter(pk=pk).update(trainee=trainee)
        RepairRecord.objects.filter(workshop_step_id=pk).update(trainee=trainee)
        named += 1
    return named


def seed(*, today: date) -> str:
    """Trainees at the pilot reuse centres. Safe to run again."""
    version = FrameworkVersion.objects.current()
    if version is None:
        return "Training: no published competency framework; nothing seeded."
    rng = random.Random(f"training:{today.isoformat()[:7]}")
    created, named, skipped = 0, 0, []
    with transaction.atomic():
        login = _trainee_login()
        for name, people in TRAINEES.items():
            organisation = Organisation.objects.filter(name=name).first()
            if organisation is None:
                skipped.append(name)
                continue
            first, last = people[0][:2]
            if Trainee.objects.filter(
                organisation=organisation, first_name=first, last_name=last
            ).exists():
                skipped.append(name)
                continue
            named += _centre(
                organisation, people, today=today, rng=rng, version=version, login=login
            )
            created += len(people)
        session, made = TrainingSession.objects.get_or_create(
            title="Elektroherstelling: veilig meten en foutzoeken",
            defaults={
                "pilot_region": "brugge",
                "date": today - timedelta(days=21),
                "place": "Brugge",
                "organiser": Organisation.objects.filter(
                    name="Kringwinkel 't Rad"
                ).first(),
            },
        )
        if made:
            for trainee in Trainee.objects.filter(
                organisation__pilot_region="brugge", status="in_training"
            ):
                Attendance.objects.create(
                    session=session, trainee=trainee, status="attended"
                )
    login_note = (
        f" Trainee login: {DEMO_TRAINEE_LOGIN} / demo-{DEMO_TRAINEE_LOGIN}-2026."
        if settings.DEBUG
        else ""
    )
    left = f" Left alone: {', '.join(skipped)}." if skipped else ""
    return (
        f"Training: {created} trainees, {named} workshop steps naming them."
        f"{left}{login_note}"
    )
