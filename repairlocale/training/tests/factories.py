"""Factories of the training module."""

import datetime

import factory

from repairlocale.training.models import (
    Assessment,
    Attestation,
    Competency,
    FrameworkVersion,
    PlanAction,
    PlanGoal,
    ReviewMeeting,
    Trainee,
    TrainingSession,
)


class TraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainee
        skip_postgeneration_save = True

    organisation = factory.SubFactory(
        "repairlocale.network.tests.factories.OrganisationFactory"
    )
    first_name = factory.Sequence(lambda n: f"Leerling{n}")
    last_name = "Janssens"
    programme = "IBO"
    start_date = datetime.date(2026, 1, 5)

    @factory.post_generation
    def coaches(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.coaches.set(extracted)


def current_competency(code: str) -> Competency:
    return FrameworkVersion.objects.current().competencies.get(code=code)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    trainee = factory.SubFactory(TraineeFactory)
    competency = factory.LazyFunction(lambda: current_competency("multimeter"))
    level = 2
    assessed_on = datetime.date(2026, 2, 2)


class PlanGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanGoal

    trainee = factory.SubFactory(TraineeFactory)
    title = "Zelfstandig koffiemachines herstellen"
    competency_code = "family_coffee"
    deadline = datetime.date(2026, 6, 30)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    goal = factory.SubFactory(PlanGoalFactory)
    description = "Tien koffiemachines ontkalken met de begeleider"
    deadline = datetime.date(2026, 4, 30)


class ReviewMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewMeeting

    trainee = factory.SubFactory(TraineeFactory)
    held_on = datetime.date(2026, 3, 1)
    notes = "Goede vooruitgang met de multimeter."


class AttestationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attestation

    trainee = factory.SubFactory(TraineeFactory)
    kind = Attestation.Kind.BA4
    issued_by = "Kringwinkel 't Rad"
    issued_on = datetime.date(2026, 2, 1)


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    title = "Elektroherstelling: veilig meten"
    date = datetime.date(2026, 3, 10)
    place = "Brugge"


def workshop_repair(
    *,
    trainee,
    by,
    category: str = "Coffee maker",
    outcome: str = "Fixed",
    supervisor=None,
    minutes: int | None = 30,
    performed_at=None,
    safety_test: bool = True,
):
    """Take an appliance through triage, a safety test and a repair naming
    ``trainee``, with the real hergebruikfiche services (as the workshop does)."""
    from repairlocale.repairs.models import ProductCategory
    from repairlocale.reuse.services import step_record
    from repairlocale.reuse.tests.factories import ApplianceFactory

    appliance = ApplianceFactory(
        organisation=trainee.organisation,
        product_category=ProductCategory.objects.get(ords_name=category),
    )
    step_record(
        appliance=appliance, kind="triage", performed_by=by, data={"passed": True}
    )
    extra = {"performed_at": performed_at} if performed_at else {}
    if safety_test:
        step_record(
            appliance=appliance,
            kind="safety_test",
            performed_by=by,
            data={"passed": False, "trainee": trainee, **extra},
        )
    return step_record(
        appliance=appliance,
        kind="repair",
        performed_by=by,
        data={
            "repair_outcome": outcome,
            "barrier": "Item too worn out" if outcome == "End of life" else "",
            "trainee": trainee,
            "supervisor": supervisor,
            "duration_minutes": minutes,
            **extra,
        },
    )
