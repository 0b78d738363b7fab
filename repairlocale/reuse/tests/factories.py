"""Factories for the hergebruikfiche."""

import datetime
from decimal import Decimal

import factory

from repairlocale.network.models import Organisation
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.models import (
    Appliance,
    CollectionChannel,
    EEECategory,
    ReuseCentre,
)


class ReuseCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReuseCentre
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(
        "repairlocale.network.tests.factories.OrganisationFactory",
        type=Organisation.Type.REUSE_CENTRE,
    )
    code_prefix = factory.Sequence(lambda n: "T" + chr(ord("A") + n % 26) * 2)


class ApplianceFactory(factory.django.DjangoModelFactory):
    """An appliance with a code from its centre's counter (no service call)."""

    class Meta:
        model = Appliance

    organisation = factory.SubFactory(
        "repairlocale.network.tests.factories.OrganisationFactory",
        type=Organisation.Type.REUSE_CENTRE,
    )
    code = factory.Sequence(lambda n: f"TST-{n:06d}")
    intake_date = datetime.date(2026, 3, 2)
    channel = CollectionChannel.PRESERVING_COLLECTION
    product_category = factory.LazyFunction(
        lambda: ProductCategory.objects.get(ords_name="Coffee maker")
    )
    eee_category = EEECategory.SMALL
    device_name = "Koffiezetapparaat"
    brand = "Philips"
    model_number = "HD7457"
    weight_kg = Decimal("2.10")
