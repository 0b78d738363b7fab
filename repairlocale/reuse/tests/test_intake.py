"""Intake: codes without races, bulk intake, pre-printed labels."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.models import Appliance, ReservedCode, ReuseCentre
from repairlocale.reuse.services import appliance_register, codes_reserve

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched in English here; the Dutch ones are tested via views."""
    with translation.override("en"):
        yield


def _data(**overrides):
    data = {
        "channel": "home_pickup",
        "product_category": ProductCategory.objects.get(ords_name="Vacuum"),
        "eee_category": "5",
        "device_name": "Stofzuiger",
        "weight_kg": Decimal("5.4"),
    }
    data.update(overrides)
    return data


def test_codes_use_the_centre_prefix_and_count_up(personas):
    first = appliance_register(
        organisation=personas.rad, registered_by=personas.editor, data=_data()
    )
    bulk = appliance_register(
        organisation=personas.rad,
        registered_by=personas.editor,
        data=_data(),
        quantity=3,
    )
    assert [a.code for a in first + bulk] == [
        "RAD-000001",
        "RAD-000002",
        "RAD-000003",
        "RAD-000004",
    ]
    assert ReuseCentre.objects.get(organisation=personas.rad).next_number == 5


def test_a_second_centre_with_the_same_initials_gets_another_prefix(personas):
    from repairlocale.network.tests.factories import OrganisationFactory

    radio = OrganisationFactory(name="Kringwinkel Radar")
    appliance_register(
        organisation=personas.rad, registered_by=personas.editor, data=_data()
    )
    [other] = appliance_register(
        organisation=radio, registered_by=personas.editor, data=_data()
    )
    assert other.code == "RADA-000001"


def test_bulk_intake_is_bounded(personas):
    with pytest.raises(ValidationError):
        appliance_register(
            organisation=personas.rad,
            registered_by=personas.editor,
            data=_data(),
            quantity=201,
        )
    assert not Appliance.objects.exists()


def test_an_invalid_appliance_in_a_batch_saves_none(personas):
    with pytest.raises(ValidationError):
        appliance_register(
            organisation=personas.rad,
            registered_by=personas.editor,
            data=_data(weight_kg=Decimal("-2")),
            quantity=5,
        )
    assert not Appliance.objects.exists()


def test_a_pre_printed_label_is_claimed_once(personas):
    [reserved] = codes_reserve(organisation=personas.rad, count=1)
    [appliance] = appliance_register(
        organisation=personas.rad,
        registered_by=personas.editor,
        data=_data(),
        code=reserved.code.lower(),
    )
    assert appliance.code == reserved.code
    assert ReservedCode.objects.get(pk=reserved.pk).claimed_at is not None
    with pytest.raises(ValidationError, match="already on another appliance"):
        appliance_register(
            organisation=personas.rad,
            registered_by=personas.editor,
            data=_data(),
            code=reserved.code,
        )


def test_a_label_of_another_centre_is_refused(personas):
    [reserved] = codes_reserve(organisation=personas.other, count=1)
    with pytest.raises(ValidationError, match="not printed for this centre"):
        appliance_register(
            organisation=personas.rad,
            registered_by=personas.editor,
            data=_data(),
            code=reserved.code,
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_intake_never_duplicates_a_code(personas):
    codes, errors = [], []
    barrier = threading.Barrier(4)
    data = _data()

    def work():
        try:
            barrier.wait()
            for _ in range(5):
                codes.extend(
                    a.code
                    for a in appliance_register(
                        organisation=personas.rad,
                        registered_by=personas.editor,
                        data=data,
                        quantity=2,
                    )
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(codes) == 40
    assert len(set(codes)) == 40
    assert Appliance.objects.count() == 40
