"""Factories for the API's tests: tokens (through the service) and repair records."""

import datetime

import factory

from repairlocale.api.tokens import api_token_create
from repairlocale.repairs.models import ProductCategory, RepairRecord


def token_for(user, *, can_write=True, name=None) -> str:
    """A fresh token for ``user`` (the plain token, as shown once)."""
    count = user.api_tokens.count()
    _row, token = api_token_create(
        user=user, name=name or f"test token {count + 1}", can_write=can_write
    )
    return token


class RepairRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RepairRecord

    source = "repair_cafe"
    data_provider = "Repair Locale"
    external_id = factory.Sequence(lambda n: f"repairlocale_test_{n}")
    product_category = factory.LazyFunction(
        lambda: ProductCategory.objects.get(ords_name="Toaster")
    )
    repair_status = "Fixed"
    event_date = datetime.date(2026, 3, 14)
    brand = "Tefal"
    problem = "Gaat niet meer aan"
