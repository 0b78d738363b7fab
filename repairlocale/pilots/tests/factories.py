"""Factories for pilot projects."""

import datetime
from decimal import Decimal

import factory

from repairlocale.pilots.models import (
    Milestone,
    PilotGoal,
    PilotLink,
    PilotPartner,
    PilotProject,
)


class PilotProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotProject

    title = factory.Sequence(lambda n: f"Pilootproject {n}")
    pilot_region = "brugge"
    focus = "inflow_quality"
    start_date = datetime.date(2026, 1, 1)


class PilotPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotPartner

    pilot = factory.SubFactory(PilotProjectFactory)
    role = "Trekker"


class PilotGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotGoal

    pilot = factory.SubFactory(PilotProjectFactory)
    description = "Meer toestellen verkocht"
    target = Decimal("50")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    pilot = factory.SubFactory(PilotProjectFactory)
    title = "Start"
    due_date = datetime.date(2026, 3, 1)


class PilotLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotLink

    pilot = factory.SubFactory(PilotProjectFactory)
    title = "Plan"
    url = "https://example.org/plan.pdf"
