"""Factories for activities, cases and factors; they go through the services so the
search index stays in step, as in production."""

import datetime

import factory

from repairlocale.cases import search
from repairlocale.cases.models import Activity, Case, Factor, TargetGroup
from repairlocale.needs.models import CatalogueActivity, Theme


class CatalogueActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueActivity
        django_get_or_create = ("name_nl",)

    theme = Theme.INSPIRE
    name_nl = factory.Sequence(lambda n: f"Herstelactiviteit {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    date = datetime.date(2026, 3, 14)
    activity_type = factory.SubFactory(CatalogueActivityFactory)
    target_group = TargetGroup.RESIDENTS
    participants = 25

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            search.index_activity(obj)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case {n}")
    theme = Theme.PRESERVING_COLLECTION
    summary_nl = "Een korte samenvatting."

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            search.index_case(obj)


class FactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Factor
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    kind = Factor.Kind.SUCCESS
    factor = factory.Sequence(lambda n: f"Factor {n}")
    theme = Theme.PRESERVING_COLLECTION

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            search.index_case(obj.case)
