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
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.dashboards.rollups import rollups_refresh
from repairlocale.impact.models import CategoryFactor, Methodology
from repairlocale.impact.selectors import (
    GROUP_BY,
    _impact_figures,
    impact_breakdown,
    impact_summary,
)
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.network.models import Organisation
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
def test_the_records_path_is_one_query_whatever_the_number_of_groups(
    restart, network, group_by, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = impact_breakdown(
            group_by=group_by, methodology=restart, use_rollups=False
        )
    assert len(rows) > 1


# From the rollups: anything stale?, the category values, the month rows, and the
# names of the organisations or categories; group identifiers read the records.
ROLLUP_QUERIES = {
    "data_provider": 3,
    "group_identifier": 1,
    "organisation": 4,
    "product_category": 4,
    "year": 3,
}


@pytest.mark.parametrize("group_by", GROUP_BY)
def test_the_rollup_path_costs_the_same_queries_for_more_groups(
    restart, network, group_by, django_assert_num_queries
):
    rollups_refresh()
    with django_assert_num_queries(ROLLUP_QUERIES[group_by]):
        before = impact_breakdown(group_by=group_by, methodology=restart)
    cafe = OrganisationFactory(name="Repair Café Gent")
    for n in range(12):
        RepairRecordFactory(
            organisation=cafe,
            data_provider=f"Provider {n}",
            group_identifier=f"Group {n}",
            event_date=datetime.date(2010 + n, 3, 1),
        )
    rollups_refresh()
    methodology = Methodology.objects.get(pk=restart.pk)  # no memoised values
    with django_assert_num_queries(ROLLUP_QUERIES[group_by]):
        after = impact_breakdown(group_by=group_by, methodology=methodology)
    assert sum(r.records for r in after) == sum(r.records for r in before) + 12
    # Every category already had records; every other dimension has new groups.
    assert len(after) > len(before) > 1 or group_by == "product_category"


# --- The dashboard rollups give the same rows as the records --------------------------

ROLLUP_GROUPS = [g for g in GROUP_BY if g != "group_identifier"]


def same_rows(**kwargs):
    """The breakdown from the rollups (the default) equals the one from the records,
    row for row and to the last decimal of the unrounded kg."""
    rolled = impact_breakdown(**kwargs)
    raw = impact_breakdown(use_rollups=False, **kwargs)
    assert rolled == raw
    return rolled


@pytest.mark.parametrize("group_by", ROLLUP_GROUPS)
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"provider": "Repair Connects"},
        {"since": datetime.date(2020, 1, 1), "until": datetime.date(2022, 12, 31)},
        # Days at both edges, whole months in between.
        {"since": datetime.date(2019, 3, 15), "until": datetime.date(2023, 8, 9)},
        # Shorter than a month: days only.
        {"since": datetime.date(2021, 3, 2), "until": datetime.date(2021, 3, 30)},
        {"since": datetime.date(2022, 6, 1)},
        {"until": datetime.date(2021, 6, 30)},
        {"sources": ["imported"]},
        {"sources": ["workshop"]},
        {"provider": "anstiftung", "since": datetime.date(2020, 5, 10)},
    ],
    ids=lambda filters: "-".join(filters) or "none",
)
def test_the_rollups_give_the_rows_of_the_records(restart, network, group_by, filters):
    rows = same_rows(group_by=group_by, methodology=restart, **filters)
    if "sources" not in filters or filters["sources"] == ["imported"]:
        assert rows
    # And per organisation, through the organisations' own tables.
    organisations = Organisation.objects.order_by("name").values_list("pk", flat=True)
    for chosen in ([organisations[0]], list(organisations), []):
        same_rows(
            group_by=group_by, methodology=restart, organisation_ids=chosen, **filters
        )


@pytest.mark.parametrize("group_by", ROLLUP_GROUPS)
def test_the_rollups_keep_the_largest_groups_of_a_limit(restart, network, group_by):
    everything = same_rows(group_by=group_by, methodology=restart)
    top = same_rows(group_by=group_by, methodology=restart, limit=2)
    assert top == everything[:2]


def test_the_rollups_give_the_rows_under_every_methodology(
    restart, anstiftung, network
):
    for methodology in (restart, anstiftung, None):
        for group_by in ROLLUP_GROUPS:
            same_rows(group_by=group_by, methodology=methodology)


def test_the_rollups_count_a_likely_duplicate_once_even_when_marked_later(restart):
    original = RepairRecordFactory(category="Laptop")
    copy = RepairRecordFactory(
        category="Laptop", data_provider="Restart", event_date=datetime.date(2024, 6, 1)
    )
    before = same_rows(group_by="data_provider", methodology=restart)
    assert [(r.key, r.records) for r in before] == [
        ("Repair Connects", 1),
        ("Restart", 1),
    ]
    # As the importer marks them: an UPDATE, no save(); the triggers see it.
    RepairRecord.objects.filter(pk=copy.pk).update(likely_duplicate_of=original)
    for group_by in ROLLUP_GROUPS:
        rows = same_rows(group_by=group_by, methodology=restart)
        assert sum(r.records for r in rows) == 1
        assert sum(r.co2e_kg_exact for r in rows) == Decimal("132.66")


def test_ties_are_ordered_the_same_on_both_paths(restart):
    """Equal counts: organisations by name (whatever the database's collation),
    records without an organisation last; providers and groups by their text."""
    for name in ("b café", "A café"):
        RepairRecordFactory(organisation=OrganisationFactory(name=name))
    RepairRecordFactory(organisation=None, data_provider="anstiftung")
    with translation.override("en"):
        rows = same_rows(group_by="organisation", methodology=restart)
    assert [r.label for r in rows] == ["A café", "b café", "(no organisation)"]
    providers = same_rows(group_by="data_provider", methodology=restart)
    assert [r.key for r in providers] == ["Repair Connects", "anstiftung"]
    groups = impact_breakdown(group_by="group_identifier", methodology=restart)
    assert [r.key for r in groups] == [""]


def tables_read(**kwargs) -> str:
    with CaptureQueriesContext(connection) as queries:
        impact_breakdown(**kwargs)
    return " ".join(q["sql"] for q in queries.captured_queries)


def test_what_the_rollups_cannot_answer_is_read_from_the_records(restart, network):
    rollups_refresh()
    repairer = UserFactory()
    rolled = tables_read(group_by="year", methodology=restart)
    assert "dashboards_repair" in rolled
    assert "repairs_repairrecord" not in rolled
    for kwargs in (
        {"group_by": "group_identifier"},
        {"group_by": "year", "event_ids": [1]},
        {"group_by": "year", "repairer_ids": [repairer.pk]},
        {"group_by": "year", "use_rollups": False},
    ):
        sql = tables_read(methodology=restart, **kwargs)
        assert "repairs_repairrecord" in sql, kwargs
        assert "dashboards_" not in sql, kwargs


def test_sqlite_float_noise_is_rounded_off_the_sums():
    """SQLite sums in floating point; Django returns 15 significant digits, noise
    included. The category values have four decimals, so the exact sum has too."""
    method = Methodology(displacement_factor=Decimal("0.5"))
    row = {
        **dict.fromkeys(COUNTS, 0),
        "weight": Decimal("2478.83580000000"),
        "footprint": Decimal("52778.5620000001"),
    }
    figures = _impact_figures(row, method)
    assert figures.waste_kg == Decimal("2478.8358")
    assert figures.co2e_kg == Decimal("26389.2810")
    empty = _impact_figures({**row, "weight": None, "footprint": None}, method)
    assert (empty.waste_kg, empty.co2e_kg) == (0, 0)
