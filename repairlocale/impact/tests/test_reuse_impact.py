"""reuse_impact: appliances sold by reuse centres, apart from repairs, never twice."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine

from repairlocale.impact.selectors import impact_summary, reuse_impact
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.repairs.models import ProductCategory, RepairRecord
from repairlocale.reuse.models import REUSE_CRITERIA, ApplianceStatus
from repairlocale.reuse.services import step_record
from repairlocale.reuse.tests.factories import ApplianceFactory

pytestmark = pytest.mark.django_db

ALL_CRITERIA = dict.fromkeys(REUSE_CRITERIA, True)
MARCH_20 = datetime.date(2026, 3, 20)


def cents(value):
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _category(name):
    return ProductCategory.objects.get(ords_name=name)


def _sold(organisation, category, weight, closed_on=MARCH_20):
    return ApplianceFactory(
        organisation=organisation,
        product_category=_category(category),
        weight_kg=Decimal(weight),
        status=ApplianceStatus.SOLD,
        closed_on=closed_on,
    )


def _record(appliance, kind, by, **data):
    return step_record(appliance=appliance, kind=kind, performed_by=by, data=data)


@pytest.fixture
def repaired_laptop(personas):
    """A laptop of 't Rad that failed its safety test, was fixed and is for sale."""
    laptop = ApplianceFactory(
        organisation=personas.rad,
        product_category=_category("Laptop"),
        device_name="Laptop",
        weight_kg=Decimal("2.10"),
    )
    with time_machine.travel(datetime.datetime(2026, 3, 10, 10, 0), tick=False):
        _record(laptop, "triage", personas.editor, rejection_reasons=[])
        _record(laptop, "safety_test", personas.editor, passed=False)
        _record(laptop, "repair", personas.editor, repair_outcome="Fixed")
        _record(laptop, "safety_test", personas.editor, passed=True)
        _record(laptop, "criteria_check", personas.editor, criteria=ALL_CRITERIA)
        _record(
            laptop,
            "pricing",
            personas.editor,
            price=Decimal("120"),
            warranty_months=6,
        )
    return laptop


def _sell(appliance, by):
    _record(appliance, "sale", by, sold_on=MARCH_20, price=Decimal("110"))


def test_a_repaired_appliance_counts_as_a_repair_until_it_is_sold(
    personas, restart, repaired_laptop
):
    assert RepairRecord.objects.get().source == "workshop"
    repairs = impact_summary(methodology=restart)
    assert (repairs.records, repairs.fixed) == (1, 1)
    assert repairs.waste_kg == Decimal("1.83")  # the category weight
    assert repairs.co2e_kg == Decimal("132.66")  # 0.5 x 265.32
    assert reuse_impact(methodology=restart).appliances == 0


def test_a_sold_appliance_that_was_repaired_counts_once_under_reuse(
    personas, restart, repaired_laptop
):
    _sell(repaired_laptop, personas.editor)
    repairs = impact_summary(methodology=restart)
    reuse = reuse_impact(methodology=restart)
    assert (repairs.records, repairs.fixed, repairs.co2e_kg) == (0, 0, Decimal(0))
    assert reuse.appliances == 1
    assert reuse.waste_kg == Decimal("2.10")  # the appliance's own weight
    assert reuse.co2e_kg == Decimal("132.66")
    assert reuse.methodology_version == "2021.1"


def test_only_workshop_records_of_sold_appliances_move_to_reuse(
    personas, restart, repaired_laptop
):
    _sell(repaired_laptop, personas.editor)
    RepairRecordFactory(category="Laptop")  # a Repair Café laptop stays a repair
    repairs = impact_summary(methodology=restart)
    assert (repairs.records, repairs.co2e_kg) == (1, Decimal("132.66"))
    assert impact_summary(methodology=restart, sources=["workshop"]).records == 0


def test_reuse_figures_follow_the_methodology(personas, restart, anstiftung):
    _sold(personas.rad, "Laptop", "2.10")
    _sold(personas.rad, "Coffee maker", "1.95")
    footprint = Decimal("265.32") + Decimal("17.50")
    for methodology in (restart, anstiftung):
        reuse = reuse_impact(methodology=methodology)
        assert reuse.appliances == 2
        assert reuse.waste_kg == Decimal("4.05")
        assert reuse.co2e_kg == cents(methodology.displacement_factor * footprint)
    assert reuse_impact(methodology=anstiftung).co2e_kg == Decimal("84.85")  # 84.846


def test_a_weighed_misc_appliance_uses_weight_times_the_emission_ratio(
    personas, restart
):
    _sold(personas.rad, "Misc", "3.00")
    reuse = reuse_impact(methodology=restart)
    assert reuse.waste_kg == Decimal("3.00")
    # 0.5 x 3.00 x 32.06679233 = 48.100188495
    assert reuse.co2e_kg == Decimal("48.10")


def test_an_unpowered_misc_appliance_uses_the_unpowered_ratio(personas, restart):
    ProductCategory.objects.filter(ords_name="Misc").update(powered=False)
    _sold(personas.rad, "Misc", "3.00")
    _sold(personas.rad, "Laptop", "2.00")
    # 0.5 x (3.00 x 17.70147059 + 265.32) = 0.5 x 318.42441177 = 159.212205885
    assert reuse_impact(methodology=restart).co2e_kg == Decimal("159.21")


def test_a_category_without_a_factor_uses_the_emission_ratio(personas, restart):
    restart.factors.filter(product_category__ords_name="Iron").delete()
    _sold(personas.rad, "Iron", "1.00")
    # 0.5 x 1.00 x 32.06679233 = 16.033396165
    assert reuse_impact(methodology=restart).co2e_kg == Decimal("16.03")


def test_only_appliances_sold_in_the_period_count(personas, restart):
    _sold(personas.rad, "Laptop", "2.00", closed_on=datetime.date(2025, 12, 31))
    _sold(personas.rad, "Laptop", "2.00", closed_on=datetime.date(2026, 1, 1))
    _sold(personas.other, "Laptop", "2.00", closed_on=datetime.date(2026, 2, 1))
    for status in (ApplianceStatus.FOR_SALE, ApplianceStatus.RECYCLED):
        ApplianceFactory(
            organisation=personas.rad,
            status=status,
            closed_on=datetime.date(2026, 1, 5),
        )

    def count(**filters):
        return reuse_impact(methodology=restart, **filters).appliances

    assert count() == 3
    assert count(since=datetime.date(2026, 1, 1)) == 2
    assert count(until=datetime.date(2026, 1, 1)) == 2
    assert count(organisation_ids=[personas.rad.pk]) == 2
    assert count(organisation_ids=[personas.other.pk]) == 1


def test_it_is_one_query_for_a_given_methodology(
    personas, restart, django_assert_num_queries
):
    _sold(personas.rad, "Laptop", "2.00")
    _sold(personas.rad, "Misc", "2.00")
    with django_assert_num_queries(1):
        reuse_impact(methodology=restart)
