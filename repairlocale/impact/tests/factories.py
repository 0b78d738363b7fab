"""Factories for the impact tests: repair records in a category and a status."""

import datetime

import factory

from repairlocale.repairs.models import (
    ProductCategory,
    RepairRecord,
    RepairRecordSource,
    RepairStatus,
)


class RepairRecordFactory(factory.django.DjangoModelFactory):
    """A Repair Café record of a fixed coffee maker; pass ``category=`` by ORDS name."""

    class Meta:
        model = RepairRecord
        exclude = ["category"]

    category = "Coffee maker"
    source = RepairRecordSource.REPAIR_CAFE
    data_provider = "Repair Connects"
    external_id = factory.Sequence(lambda n: f"rc_{n:06d}")
    product_category = factory.LazyAttribute(
        lambda o: ProductCategory.objects.get(ords_name=o.category)
    )
    repair_status = RepairStatus.FIXED
    event_date = datetime.date(2024, 5, 4)
