"""impact_breakdown: per provider, group, organisation, category and year.

The rows must add up to impact_summary to the cent, and every row's kg must be the
methodology's formula recomputed here by hand from the CategoryFactor rows.
"""

import datetime
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

import pytest
from django.utils import translation

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.impact.models import CategoryFactor
from repairlocale.impact.selectors import (
    GROUP_BY,
    impact_breakdown,
    impact_summary,
)
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.network.tests.factories import OrganisationFactory
from repairlocale.repairs.models import (
    ProductCategory,
    RepairEvent,
    RepairRecord,
    RepairStatus,
)

pytestmark = pytest.mark.django_db

FIXED, REPAIRABLE = RepairStatus.FIXED, RepairStatus.REPAIRABLE
END_OF_LIFE, UNKNOWN = RepairStatus.END_OF_LIFE, RepairStatus.UNKNOWN
PROVIDERS = ["Repair Connects", "The Restart Project", "anstiftung", "Repair Locale"]
GROUPS = ["Maakbaar Leuven", "Repair Café Gent", "Restart Brixton", ""]
COUNTS = ("records", "fixed", "repairable", "end_of_life", "unknown")


def cents(value):
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture
def network(db):
    """Some 300 records spread over providers, groups, cafés, categories and years.

    Every ORDS category and status appears; some records are likely duplicates of
    others (published again by another provider) and must count once.
    """
    rng = random.Random(20240504)
    organisations = [
        OrganisationFactory(name="Repair Café Brugge"),
        OrganisationFactory(name="Maakbaar Leuven"),
        None,
    ]
    categories = list(ProductCategory.objects.order_by("ords_id"))
    statuses = [FIXED, FIXED, FIXED, REPAIRABLE, END_OF_LIFE, UNKNOWN]
    records = [
        RepairRecord(
            source="imported",
            data_provider=rng.choice(PROVIDERS),
            external_id=f"r_{n}",
            organisation=rng.choice(organisations),
            product_category=categories[n % len(categories)],
            repair_status=rng.choice(statuses),
            group_identifier=rng.choice(GROUPS),
            event_date=datetime.date(2019 + n % 6, 1 + n % 12, 1 + n % 28),
        )
        for n in range(300)
    ]
    RepairRecord.objects.bulk_create(records)
    originals = list(RepairRecord.objects.order_by("pk")[:20])
    RepairRecord.objects.bulk_create(
        RepairRecord(
            source="imported",
            data_provider="Duplicated Provider",
            external_id=f"dup_{original.pk}",
            organisation=original.organisation,
            product_category=original.product_category,
            repair_status=original.repair_status,
            group_identifier=original.group_identifier,
            event_date=original.event_date,
            likely_duplicate_of=original,
        )
        for original in originals
    )


def by_hand(methodology, key):
    """Counts and kg per group, from the records and the CategoryFactor rows only."""
    factors = {
        f.product_category_id: (f.weight_kg, f.footprint_kg_co2e)
        for f in CategoryFactor.objects.filter(methodology=methodology)
    }
    groups = defaultdict(
        lambda: {
            **dict.fromkeys(COUNTS, 0),
            "waste": Decimal(0),
            "co2e": Decimal(0),
        }
    )
    field = {
        RepairStatus.FIXED: "fixed",
        RepairStatus.REPAIRABLE: "repairable",
        RepairStatus.END_OF_LIFE: "end_of_life",
        RepairStatus.UNKNOWN: "unknown",
    }
    for record in RepairRecord.objects.filter(likely_duplicate_of__isnull=True):
        group = groups[key(record)]
        group["records"] += 1
        group[field[record.repair_status]] += 1
        if record.repair_status == FIXED:
            weight, footprint = factors.get(record.product_category_id, (0, 0))
            # Per item, as the methodology states it.
            group["waste"] += weight
            group["co2e"] += methodology.displacement_factor * footprint
    return groups


KEYS = {
    "data_provider": lambda r: r.data_provider,
    "group_identifier": lambda r: r.group_identifier,
    "organisation": lambda r: r.organisation_id,
    "product_category": lambda r: r.product_category.ords_id,
    "year": lambda r: r.event_date.year,
}


@pytest.mark.parametrize("group_by", GROUP_BY)
def test_the_rows_add_up_to_the_summary_to_the_cent(restart, network, group_by):
    rows = impact_breakdown(group_by=group_by, methodology=restart)
    summary = impact_summary(methodology=restart)
    for name in COUNTS:
        assert sum(getattr(r, name) for r in rows) == getattr(summary, name)
    # The totals row: the unrounded figures summed, then rounded once.
    assert cents(sum(r.waste_kg_exact for r in rows)) == summary.waste_kg
    assert cents(sum(r.co2e_kg_exact for r in rows)) == summary.co2e_kg
    # The rounded rows stay within half a cent per row of the total.
    tolerance = Decimal("0.005") * len(rows)
    assert abs(sum(r.co2e_kg for r in rows) - summary.co2e_kg) <= tolerance
    assert len({r.key for r in rows}) == len(rows)


@pytest.mark.parametrize("group_by", GROUP_BY)
def test_every_row_is_the_methodology_recomputed_by_hand(restart, network, group_by):
    expected = by_hand(restart, KEYS[group_by])
    rows = impact_breakdown(group_by=group_by, methodology=restart)
    assert {r.key for r in rows} == set(expected)
    for row in rows:
        want = expected[row.key]
        assert [getattr(row, name) for name in COUNTS] == [want[n] for n in COUNTS]
        assert row.waste_kg_exact == want["waste"]
        assert row.co2e_kg_exact == want["co2e"]
        assert row.waste_kg == cents(want["waste"])
        assert row.co2e_kg == cents(want["co2e"])


def test_rows_come_with_the_most_records_first(restart, network):
    rows = impact_breakdown(group_by="product_category", methodology=restart)
    assert [r.records for r in rows] == sorted((r.records for r in rows), reverse=True)
    # Ties in the order of the key, so the order is the same every time.
    for first, second in pairwise(rows):
        if first.records == second.records:
            assert first.key < second.key


def test_a_limit_keeps_the_largest_groups(restart, network):
    everything = impact_breakdown(group_by="product_category", methodology=restart)
    top = impact_breakdown(group_by="product_category", methodology=restart, limit=3)
    assert top == everything[:3]


def test_a_small_evening_by_hand(restart):
    """Two providers; per row and in total, the figures typed in by hand."""
    RepairRecordFactory(category="Laptop")  # 1.83 kg, 0.5 x 265.32 = 132.66
    RepairRecordFactory(category="Coffee maker")  # 1.28 kg, 0.5 x 17.50 = 8.75
    RepairRecordFactory(category="Toaster", repair_status=END_OF_LIFE)
    RepairRecordFactory(category="Digital compact camera", data_provider="Restart")
    rows = impact_breakdown(group_by="data_provider", methodology=restart)
    assert [(r.key, r.records, r.fixed, r.end_of_life) for r in rows] == [
        ("Repair Connects", 3, 2, 1),
        ("Restart", 1, 1, 0),
    ]
    assert (rows[0].waste_kg, rows[0].co2e_kg) == (Decimal("3.11"), Decimal("141.41"))
    # 0.5 x 29.73 = 14.865: half a cent, rounded up.
    assert (rows[1].waste_kg, rows[1].co2e_kg) == (Decimal("0.48"), Decimal("14.87"))
    summary = impact_summary(methodology=restart)
    assert (summary.waste_kg, summary.co2e_kg) == (Decimal("3.59"), Decimal("156.28"))


def test_the_total_is_rounded_once_not_summed_from_rounded_rows(restart):
    # 0.5 x 0.548 = 0.274 kg CO2e per row: 0.27 each, rounded; 0.548 = 0.55 in total.
    RepairRecordFactory(category="Battery/charger/adapter")
    RepairRecordFactory(category="Battery/charger/adapter", data_provider="Restart")
    rows = impact_breakdown(group_by="data_provider", methodology=restart)
    summary = impact_summary(methodology=restart)
    assert [r.co2e_kg for r in rows] == [Decimal("0.27"), Decimal("0.27")]
    assert summary.co2e_kg == Decimal("0.55")
    assert cents(sum(r.co2e_kg_exact for r in rows)) == summary.co2e_kg


def test_the_chosen_methodology_changes_the_co2e_of_every_row(
    restart, anstiftung, network
):
    default = impact_breakdown(group_by="data_provider", methodology=restart)
    other = impact_breakdown(group_by="data_provider", methodology=anstiftung)
    assert [(r.key, r.records, r.waste_kg) for r in other] == [
        (r.key, r.records, r.waste_kg) for r in default
    ]
    expected = by_hand(anstiftung, KEYS["data_provider"])
    for row in other:
        assert row.co2e_kg == cents(expected[row.key]["co2e"])
    assert cents(sum(r.co2e_kg_exact for r in other)) == (
        impact_summary(methodology=anstiftung).co2e_kg
    )
    # Same footprints, displacement 0.3 instead of 0.5.
    assert sum(r.co2e_kg_exact for r in other) == (
        sum(r.co2e_kg_exact for r in default) * Decimal("0.3") / Decimal("0.5")
    )


def test_without_a_methodology_the_default_is_used(restart, network):
    assert impact_breakdown(group_by="year") == impact_breakdown(
        group_by="year", methodology=restart
    )
    assert impact_breakdown(
        group_by="year", methodology="anstiftung-displacement:2023.1"
    ) != impact_breakdown(group_by="year")


def test_likely_duplicates_are_left_out(restart):
    original = RepairRecordFactory(category="Laptop")
    RepairRecordFactory(
        category="Laptop", data_provider="Restart", likely_duplicate_of=original
    )
    rows = impact_breakdown(group_by="data_provider", methodology=restart)
    assert [(r.key, r.records, r.co2e_kg) for r in rows] == [
        ("Repair Connects", 1, Decimal("132.66"))
    ]


def test_it_filters_like_the_summary(restart, network):
    filters = {
        "provider": "Repair Connects",
        "since": datetime.date(2020, 1, 1),
        "until": datetime.date(2023, 12, 31),
    }
    rows = impact_breakdown(group_by="year", methodology=restart, **filters)
    summary = impact_summary(methodology=restart, **filters)
    assert {r.key for r in rows} <= {2020, 2021, 2022, 2023}
    assert sum(r.records for r in rows) == summary.records > 0
    assert cents(sum(r.co2e_kg_exact for r in rows)) == summary.co2e_kg


def test_it_filters_by_event_and_repairer(restart):
    cafe = OrganisationFactory(name="Repair Café Brugge")
    evening = RepairEvent.objects.create(
        organisation=cafe, date=datetime.date(2024, 5, 4)
    )
    repairer = UserFactory()
    RepairRecordFactory(category="Laptop", event=evening, repairer=repairer)
    RepairRecordFactory(category="Coffee maker", event=evening)
    RepairRecordFactory(category="Toaster", repairer=repairer, repair_status=UNKNOWN)
    at_the_event = impact_summary(methodology=restart, event_ids=[evening.pk])
    assert (at_the_event.records, at_the_event.co2e_kg) == (2, Decimal("141.41"))
    rows = impact_breakdown(
        group_by="product_category", methodology=restart, repairer_ids=[repairer.pk]
    )
    assert sorted((r.key, r.fixed, r.unknown) for r in rows) == sorted(
        [
            (ProductCategory.objects.get(ords_name="Laptop").ords_id, 1, 0),
            (ProductCategory.objects.get(ords_name="Toaster").ords_id, 0, 1),
        ]
    )
    assert impact_summary(methodology=restart, event_ids=[]).records == 0


def test_labels_name_each_group(restart):
    cafe = OrganisationFactory(name="Repair Café Brugge")
    RepairRecordFactory(category="Coffee maker", organisation=cafe, group_identifier="")
    RepairRecordFactory(category="Coffee maker", group_identifier="Maakbaar Leuven")
    with translation.override("en"):
        organisations = impact_breakdown(group_by="organisation", methodology=restart)
        groups = impact_breakdown(group_by="group_identifier", methodology=restart)
        [english] = impact_breakdown(group_by="product_category", methodology=restart)
    with translation.override("nl"):
        [dutch] = impact_breakdown(group_by="product_category", methodology=restart)
    assert sorted((r.key, r.label) for r in organisations if r.key) == [
        (cafe.pk, "Repair Café Brugge")
    ]
    assert [r.label for r in organisations if r.key is None] == ["(no organisation)"]
    assert sorted(r.label for r in groups) == ["(no group)", "Maakbaar Leuven"]
    coffee = ProductCategory.objects.get(ords_name="Coffee maker")
    assert (english.key, english.label) == (coffee.ords_id, coffee.name_en)
    assert (dutch.key, dutch.label) == (coffee.ords_id, coffee.name_nl)
    [year] = impact_breakdown(group_by="year", methodology=restart)
    assert (year.key, year.label) == (2024, "2024")


def test_an_unknown_dimension_is_refused(restart):
    with pytest.raises(ValueError, match="Cannot group by 'brand'"):
        impact_breakdown(group_by="brand", methodology=restart)


@pytest.mark.parametrize("group_by", GROUP_BY)
def test_it_is_one_query_whatever_the_number_of_groups(
    restart, network, group_by, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = impact_breakdown(group_by=group_by, methodology=restart)
    assert len(rows) > 1
