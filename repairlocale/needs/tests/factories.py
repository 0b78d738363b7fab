"""Factories for the needs mapping."""

import datetime

import factory
from django.utils import timezone

from repairlocale.needs.models import (
    ActivityAnswer,
    Campaign,
    CampaignHub,
    CatalogueActivity,
    Theme,
)
from repairlocale.network.tests.factories import HubFactory


class CatalogueActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueActivity

    theme = Theme.INSPIRE
    name_nl = factory.Sequence(lambda n: f"Testactiviteit {n}")
    name_en = factory.Sequence(lambda n: f"Test activity {n}")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Behoeftenmapping test {n}")
    deadline = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )
    invitation_nl = "Beste hub, vul de bevraging in."
    invitation_en = "Dear hub, please answer the survey."
    invited_at = factory.LazyFunction(timezone.now)


class CampaignHubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignHub

    campaign = factory.SubFactory(CampaignFactory)
    hub = factory.SubFactory(HubFactory)
    invited_at = factory.LazyFunction(timezone.now)


class ActivityAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityAnswer

    campaign_hub = factory.SubFactory(CampaignHubFactory)
    activity = factory.SubFactory(CatalogueActivityFactory)
    interest = "some"
