"""impact_summary: the repair figures, recomputed here by hand from the factors."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from repairlocale.impact.models import Methodology
from repairlocale.impact.selectors import impact_summary
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.network.tests.factories import OrganisationFactory
from repairlocale.repairs.models import RepairStatus

pytestmark = pytest.mark.django_db

# The published values (The Restart Project, LCA revision 2021), typed in again
# here so that the test does not trust the migration: (weight kg, footprint kg CO2e).
FACTORS = {
    "Laptop": (Decimal("1.83"), Decimal("265.32")),
    "Coffee maker": (Decimal("1.28"), Decimal("17.50")),
    "Battery/charger/adapter": (Decimal("0.0747"), Decimal("0.548")),
    "Digital compact camera": (Decimal("0.48"), Decimal("29.73")),
    "Misc": (Decimal("0"), Decimal("0")),
}
FIXED, REPAIRABLE = RepairStatus.FIXED, RepairStatus.REPAIRABLE
END_OF_LIFE, UNKNOWN = RepairStatus.END_OF_LIFE, RepairStatus.UNKNOWN


def cents(value):
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture
def evening():
    """One Repair Café evening: five Fixed (one Misc), three not, one duplicate."""
    first_laptop = RepairRecordFactory(category="Laptop")
    RepairRecordFactory(category="Laptop")
    RepairRecordFactory(category="Coffee maker")
    RepairRecordFactory(category="Battery/charger/adapter")
    RepairRecordFactory(category="Misc")
    RepairRecordFactory(category="Mobile", repair_status=REPAIRABLE)
    RepairRecordFactory(category="Toaster", repair_status=END_OF_LIFE)
    RepairRecordFactory(category="Vacuum", repair_status=UNKNOWN)
    # The same laptop repair published again by another provider.
    RepairRecordFactory(
        category="Laptop",
        data_provider="The Restart Project",
        likely_duplicate_of=first_laptop,
    )
    fixed = ["Laptop", "Laptop", "Coffee maker", "Battery/charger/adapter", "Misc"]
    return fixed


def test_it_counts_records_per_status(restart, evening):
    summary = impact_summary(methodology=restart)
    assert summary.records == 8
    assert summary.fixed == 5
    assert summary.repairable == 1
    assert summary.end_of_life == 1
    assert summary.unknown == 1
    assert summary.methodology_name == "Restart Project 2021 LCA"
    assert summary.methodology_version == "2021.1"
    assert summary.methodology_slug == "restart-2021-lca"


def test_fixed_items_prevent_their_category_weight_and_half_their_footprint(
    restart, evening
):
    summary = impact_summary(methodology=restart)
    waste = sum(FACTORS[c][0] for c in evening)
    co2e = Decimal("0.5") * sum(FACTORS[c][1] for c in evening)
    assert summary.waste_kg == cents(waste)
    assert summary.co2e_kg == cents(co2e)
    # By hand: 2 x 1.83 + 1.28 + 0.0747 = 5.0147 kg;
    # 0.5 x (2 x 265.32 + 17.50 + 0.548) = 274.344 kg CO2e.
    assert summary.waste_kg == Decimal("5.01")
    assert summary.co2e_kg == Decimal("274.34")


def test_the_default_methodology_is_used_when_none_is_given(evening):
    assert impact_summary() == impact_summary(methodology=Methodology.objects.default())
    assert impact_summary(methodology="restart-2021-lca:2021.1").co2e_kg == Decimal(
        "274.34"
    )


def test_another_methodology_changes_the_co2e_but_not_the_waste(
    restart, anstiftung, evening
):
    default = impact_summary(methodology=restart)
    other = impact_summary(methodology=anstiftung)
    # 0.3 x 548.688 = 164.6064
    assert other.co2e_kg == Decimal("164.61")
    assert other.waste_kg == default.waste_kg
    assert other.fixed == default.fixed
    assert other.methodology_name == "anstiftung displacement 0.3"
    assert other.methodology_version == "2023.1"


def test_likely_duplicates_are_counted_once(restart):
    original = RepairRecordFactory(category="Laptop")
    for provider in ("The Restart Project", "RepairMonitor"):
        RepairRecordFactory(
            category="Laptop", data_provider=provider, likely_duplicate_of=original
        )
    summary = impact_summary(methodology=restart)
    assert (summary.records, summary.fixed) == (1, 1)
    assert summary.co2e_kg == Decimal("132.66")


def test_misc_items_are_counted_but_add_nothing_without_a_weight(restart):
    """RepairRecord has no weight, so weight x emission ratio is 0 for Misc."""
    RepairRecordFactory.create_batch(3, category="Misc")
    summary = impact_summary(methodology=restart)
    assert (summary.records, summary.fixed) == (3, 3)
    assert summary.waste_kg == Decimal("0.00")
    assert summary.co2e_kg == Decimal("0.00")


def test_a_category_without_a_factor_counts_like_misc(restart):
    restart.factors.filter(product_category__ords_name="Laptop").delete()
    RepairRecordFactory(category="Laptop")
    RepairRecordFactory(category="Coffee maker")
    summary = impact_summary(methodology=restart)
    assert summary.fixed == 2
    assert summary.waste_kg == Decimal("1.28")
    assert summary.co2e_kg == Decimal("8.75")


def test_only_fixed_items_prevent_anything(restart):
    for status in (REPAIRABLE, END_OF_LIFE, UNKNOWN):
        RepairRecordFactory(category="Laptop", repair_status=status)
    summary = impact_summary(methodology=restart)
    assert summary.records == 3
    assert summary.waste_kg == summary.co2e_kg == Decimal("0.00")


def test_it_rounds_only_at_the_end(restart):
    # Per item 0.274 kg CO2e would round to 0.27 (x 3 = 0.81); the total is 0.822.
    RepairRecordFactory.create_batch(3, category="Battery/charger/adapter")
    summary = impact_summary(methodology=restart)
    assert summary.co2e_kg == Decimal("0.82")
    assert summary.waste_kg == Decimal("0.22")  # 0.2241


def test_it_rounds_half_cents_up(restart):
    RepairRecordFactory(category="Digital compact camera")  # 0.5 x 29.73 = 14.865
    assert impact_summary(methodology=restart).co2e_kg == Decimal("14.87")


def test_it_filters_by_provider_period_organisation_and_source(restart):
    leuven = OrganisationFactory(name="Maakbaar Leuven")
    gent = OrganisationFactory(name="Repair Café Gent")
    RepairRecordFactory(
        category="Laptop", organisation=leuven, event_date=datetime.date(2024, 1, 10)
    )
    RepairRecordFactory(
        category="Coffee maker",
        organisation=gent,
        event_date=datetime.date(2024, 6, 1),
    )
    RepairRecordFactory(
        category="Mobile",
        data_provider="The Restart Project",
        source="imported",
        event_date=datetime.date(2023, 12, 31),
    )

    def fixed(**filters):
        return impact_summary(methodology=restart, **filters).fixed

    assert fixed() == 3
    assert fixed(provider="Repair Connects") == 2
    assert fixed(provider="The Restart Project") == 1
    assert fixed(since=datetime.date(2024, 1, 1)) == 2
    assert fixed(until=datetime.date(2024, 1, 10)) == 2
    assert fixed(since=datetime.date(2024, 1, 11), until=datetime.date(2024, 6, 1)) == 1
    assert fixed(organisation_ids=[leuven.pk]) == 1
    assert fixed(organisation_ids=[leuven.pk, gent.pk]) == 2
    assert fixed(organisation_ids=[]) == 0
    assert fixed(sources=["imported"]) == 1
    assert fixed(sources=["repair_cafe", "workshop"]) == 2


def test_from_the_raw_rows_it_is_one_query_for_a_given_methodology(
    restart, evening, django_assert_num_queries
):
    with django_assert_num_queries(1):
        impact_summary(
            methodology=restart, since=datetime.date(2024, 1, 1), use_rollups=False
        )


def test_from_the_raw_rows_it_is_two_queries_with_the_default_methodology(
    evening, django_assert_num_queries
):
    with django_assert_num_queries(2):
        impact_summary(use_rollups=False)


def test_from_the_rollups_the_query_count_does_not_grow_with_the_records(
    restart, evening, django_assert_max_num_queries
):
    from repairlocale.dashboards.rollups import rollups_refresh

    rollups_refresh()
    # Is anything stale, the month rows, the edge-day rows, the category values.
    with django_assert_max_num_queries(4):
        impact_summary(methodology=restart, since=datetime.date(2024, 1, 1))
