"""Inflow quality figures: every share, median and sum, on a scenario with known
outcomes (including corrections that flip a triage or a repair)."""

import datetime
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from repairlocale.network.models import Organisation, Site
from repairlocale.network.tests.factories import SiteFactory
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.inflow import (
    GroupBy,
    compare_pilot_regions,
    inflow_report,
    weighted_median,
)
from repairlocale.reuse.models import REUSE_CRITERIA, ApplianceStatus
from repairlocale.reuse.services import appliance_register, step_record

pytestmark = pytest.mark.django_db

PC = "preserving_collection"
HP = "home_pickup"
ALL_CRITERIA = dict.fromkeys(REUSE_CRITERIA, True)
JAN_1, MAR_31 = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
NO_REASONS = {
    "outdated": 0,
    "rust_damage": 0,
    "poor_condition": 0,
    "not_economically_repairable": 0,
    "contains_crt": 0,
}


def register(
    personas,
    *,
    channel,
    intake,
    kg,
    organisation=None,
    site=None,
    municipality=None,
    category="Coffee maker",
    brand="Philips",
):
    """One appliance through the intake service."""
    [appliance] = appliance_register(
        organisation=organisation or personas.rad,
        registered_by=personas.editor,
        data={
            "site": site,
            "intake_date": intake,
            "channel": channel,
            "source_municipality": municipality,
            "product_category": ProductCategory.objects.get(ords_name=category),
            "eee_category": "5",
            "device_name": "Toestel",
            "brand": brand,
            "model_number": "X1",
            "weight_kg": Decimal(kg),
        },
    )
    return appliance


def build_scenario(personas):
    """Ten appliances of 't Rad (Brugge) in 2026 Q1 over two channels, one from
    December 2025, and two of Hageland (Vlaams-Brabant).

    Preserving collection (6): a1 sold after 10 days without repair (€20.00),
    a2 sold after 20 days after a fixed repair (€35.50), a3 recycled after a failed
    repair, a4 rejected (outdated, rust_damage), a5 rejected then corrected to
    accepted, a6 waiting for triage.
    Home pickup (4): b1 accepted then corrected to rejected (contains_crt) and
    recycled, b2 sold after 30 days after "Repairable" then "Fixed" (€60.00), b3
    "Fixed" corrected to "End of life" and recycled, b4 rejected (outdated).
    """

    def record(appliance, kind, corrects=None, **data):
        return step_record(
            appliance=appliance,
            kind=kind,
            performed_by=personas.editor,
            data=data,
            corrects=corrects,
        )

    def sell(appliance, *, sold_on, price):
        record(appliance, "safety_test", passed=True)
        record(appliance, "criteria_check", criteria=ALL_CRITERIA)
        record(appliance, "pricing", price=Decimal(price), warranty_months=6)
        record(appliance, "sale", sold_on=sold_on, price=Decimal(price))

    places = personas.places
    shop = personas.rad_site
    park = SiteFactory(
        organisation=personas.rad,
        name="Recyclagepark Sint-Pieters",
        kind=Site.Kind.COLLECTION_POINT,
        postcode="8200",
    )
    d = datetime.date

    a1 = register(
        personas,
        channel=PC,
        intake=d(2026, 1, 5),
        kg="2.00",
        site=shop,
        municipality=places.brugge,
    )
    record(a1, "triage", rejection_reasons=[])
    sell(a1, sold_on=d(2026, 1, 15), price="20.00")

    a2 = register(
        personas,
        channel=PC,
        intake=d(2026, 1, 10),
        kg="3.00",
        site=shop,
        municipality=places.brugge,
        category="Kettle",
    )
    record(a2, "triage", rejection_reasons=[])
    record(a2, "safety_test", passed=False)
    record(a2, "repair", repair_outcome="Fixed")
    sell(a2, sold_on=d(2026, 1, 30), price="35.50")

    a3 = register(
        personas,
        channel=PC,
        intake=d(2026, 2, 1),
        kg="4.00",
        site=shop,
        municipality=places.oostkamp,
    )
    record(a3, "triage", rejection_reasons=[])
    record(a3, "safety_test", passed=False)
    record(a3, "repair", repair_outcome="End of life")
    record(a3, "recycling", weee_stream="Recupel")

    a4 = register(personas, channel=PC, intake=d(2026, 2, 3), kg="1.50", site=park)
    record(a4, "triage", rejection_reasons=["outdated", "rust_damage"])

    a5 = register(personas, channel=PC, intake=d(2026, 2, 10), kg="5.00", site=park)
    wrong = record(a5, "triage", rejection_reasons=["poor_condition"])
    record(a5, "triage", rejection_reasons=[], corrects=wrong)

    a6 = register(personas, channel=PC, intake=d(2026, 3, 1), kg="2.50", site=park)

    b1 = register(
        personas,
        channel=HP,
        intake=d(2026, 1, 20),
        kg="10.00",
        site=park,
        municipality=places.brugge,
    )
    wrong = record(b1, "triage", rejection_reasons=[])
    record(b1, "triage", rejection_reasons=["contains_crt"], corrects=wrong)
    record(b1, "recycling", weee_stream="Recupel – beeldbuizen")

    b2 = register(
        personas,
        channel=HP,
        intake=d(2026, 2, 15),
        kg="6.00",
        site=park,
        municipality=places.oostkamp,
        category="Kettle",
    )
    record(b2, "triage", rejection_reasons=[])
    record(b2, "repair", repair_outcome="Repairable")
    record(b2, "repair", repair_outcome="Fixed")
    sell(b2, sold_on=d(2026, 3, 17), price="60.00")

    b3 = register(personas, channel=HP, intake=d(2026, 2, 20), kg="8.00", site=park)
    record(b3, "triage", rejection_reasons=[])
    wrong = record(b3, "repair", repair_outcome="Fixed")
    record(b3, "repair", repair_outcome="End of life", corrects=wrong)
    record(b3, "recycling", weee_stream="Recupel")

    b4 = register(personas, channel=HP, intake=d(2026, 3, 5), kg="4.00", site=park)
    record(b4, "triage", rejection_reasons=["outdated"])

    december = register(personas, channel=PC, intake=d(2025, 12, 20), kg="9.00")
    record(december, "triage", rejection_reasons=[])
    sell(december, sold_on=d(2026, 1, 2), price="99.00")

    c1 = register(
        personas,
        channel=HP,
        intake=d(2026, 2, 2),
        kg="3.00",
        organisation=personas.other,
        site=personas.other_site,
    )
    record(c1, "triage", rejection_reasons=[])
    sell(c1, sold_on=d(2026, 2, 12), price="15.00")
    c2 = register(
        personas,
        channel=PC,
        intake=d(2026, 3, 10),
        kg="2.00",
        organisation=personas.other,
    )
    record(c2, "triage", rejection_reasons=["outdated"])

    return SimpleNamespace(
        park=park, a1=a1, a2=a2, a3=a3, a4=a4, a5=a5, a6=a6,
        b1=b1, b2=b2, b3=b3, b4=b4, december=december, c1=c1, c2=c2,
    )  # fmt: skip


@pytest.fixture
def scenario(personas):
    return build_scenario(personas)


@pytest.fixture(autouse=True)
def _english():
    """Labels are asserted in English (the msgids), whatever the default language."""
    with translation.override("en"):
        yield


def _rad_q1(personas, **kwargs):
    return inflow_report(
        centres=[personas.rad], date_from=JAN_1, date_to=MAR_31, **kwargs
    )


def test_the_scenario_ends_where_its_story_says(scenario):
    statuses = {
        name: getattr(scenario, name).status
        for name in ["a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2", "b3", "b4"]
    }
    S = ApplianceStatus
    assert statuses == {
        "a1": S.SOLD,
        "a2": S.SOLD,
        "a3": S.RECYCLED,
        "a4": S.TO_RECYCLE,
        "a5": S.AWAITING_SAFETY_TEST,
        "a6": S.AWAITING_TRIAGE,
        "b1": S.RECYCLED,
        "b2": S.SOLD,
        "b3": S.RECYCLED,
        "b4": S.TO_RECYCLE,
    }


def test_each_channel_gets_its_exact_figures(personas, scenario):
    report = _rad_q1(personas)
    pc, hp = report.rows

    assert (pc.key, pc.label) == (PC, "Preserving collection at a recycling park")
    assert pc.appliances == 6
    assert pc.kg_in == Decimal("18.00")
    assert pc.rejected == 1
    assert pc.rejected_share == 1 / 6
    assert pc.reasons == {**NO_REASONS, "outdated": 1, "rust_damage": 1}
    assert pc.sold == 2
    assert pc.sold_share == 1 / 3
    assert (pc.repaired, pc.fixed) == (2, 1)
    assert pc.repair_success_rate == 0.5
    assert pc.median_days_to_sale == 15
    assert pc.revenue == Decimal("55.50")
    assert pc.kg_reused == Decimal("5.00")

    assert (hp.key, hp.label) == (HP, "Home pickup")
    assert hp.appliances == 4
    assert hp.kg_in == Decimal("28.00")
    assert hp.rejected == 2
    assert hp.rejected_share == 0.5
    assert hp.reasons == {**NO_REASONS, "outdated": 1, "contains_crt": 1}
    assert hp.sold == 1
    assert hp.sold_share == 0.25
    assert (hp.repaired, hp.fixed) == (2, 1)
    assert hp.repair_success_rate == 0.5
    assert hp.median_days_to_sale == 30
    assert hp.revenue == Decimal("60.00")
    assert hp.kg_reused == Decimal("6.00")


def test_the_totals_row_adds_up_the_channels(personas, scenario):
    total = _rad_q1(personas).total

    assert total.label == "Total"
    assert total.appliances == 10
    assert total.kg_in == Decimal("46.00")
    assert total.rejected == 3
    assert total.rejected_share == 0.3
    assert total.reasons == {
        **NO_REASONS,
        "outdated": 2,
        "rust_damage": 1,
        "contains_crt": 1,
    }
    assert total.sold == 3
    assert total.sold_share == 0.3
    assert (total.repaired, total.fixed) == (4, 2)
    assert total.repair_success_rate == 0.5
    assert total.days_to_sale == Counter({10: 1, 20: 1, 30: 1})
    assert total.median_days_to_sale == 20
    assert total.revenue == Decimal("115.50")
    assert total.kg_reused == Decimal("11.00")
    assert (total.rejected_percent, total.sold_percent) == (30.0, 30.0)
    assert total.repair_success_percent == 50.0


def test_a_corrected_triage_counts_as_its_correction(personas, scenario):
    rows = {r.key: r for r in _rad_q1(personas, group_by=GroupBy.SITE).rows}
    park = rows[scenario.park.pk]
    # a5 rejected for poor condition, then corrected to accepted: not rejected.
    # b1 accepted, then corrected to rejected for its CRT: rejected.
    assert park.reasons["poor_condition"] == 0
    assert park.reasons["contains_crt"] == 1
    assert park.rejected == 3  # a4, b1, b4


def test_a_corrected_repair_counts_as_its_correction(personas, scenario):
    hp = _rad_q1(personas, channel=HP).total
    # b2: Repairable then Fixed (fixed); b3: Fixed corrected to End of life.
    assert (hp.repaired, hp.fixed) == (2, 1)


def test_appliances_outside_the_period_or_the_centres_are_left_out(personas, scenario):
    assert _rad_q1(personas).total.appliances == 10
    december = inflow_report(
        centres=[personas.rad],
        date_from=datetime.date(2025, 12, 1),
        date_to=datetime.date(2025, 12, 31),
    ).total
    assert (december.appliances, december.revenue) == (1, Decimal("99.00"))
    assert december.median_days_to_sale == 13
    one_day = inflow_report(
        centres=[personas.rad],
        date_from=datetime.date(2026, 1, 5),
        date_to=datetime.date(2026, 1, 5),
    )
    assert one_day.total.appliances == 1


def test_the_channel_and_category_filters_narrow_the_appliances(personas, scenario):
    kettle = ProductCategory.objects.get(ords_name="Kettle")
    report = _rad_q1(personas, product_category=kettle)
    assert [(r.key, r.appliances, r.sold) for r in report.rows] == [
        (PC, 1, 1),
        (HP, 1, 1),
    ]
    report = _rad_q1(personas, channel=HP, product_category=kettle.pk)
    assert [(r.key, r.revenue) for r in report.rows] == [(HP, Decimal("60.00"))]


def test_months_come_in_time_order(personas, scenario):
    rows = _rad_q1(personas, group_by=GroupBy.MONTH).rows
    assert [r.key for r in rows] == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]
    assert [r.appliances for r in rows] == [3, 5, 2]
    assert [r.median_days_to_sale for r in rows] == [15, 30, None]
    assert rows[0].label == "January 2026"


def test_sites_and_municipalities_are_named_and_unknowns_come_last(personas, scenario):
    sites = _rad_q1(personas, group_by=GroupBy.SITE).rows
    assert [(r.label, r.appliances) for r in sites] == [
        ("Recyclagepark Sint-Pieters", 7),
        ("Winkel Brugge", 3),
    ]
    municipalities = _rad_q1(personas, group_by=GroupBy.MUNICIPALITY).rows
    assert [(r.label, r.appliances, r.sold) for r in municipalities] == [
        ("Brugge (31005)", 3, 2),
        ("Oostkamp (31022)", 2, 1),
        ("Unknown municipality", 5, 0),
    ]


def test_product_categories_are_a_dimension_in_the_users_language(personas, scenario):
    rows = _rad_q1(personas, group_by=GroupBy.CATEGORY).rows
    assert [(r.label, r.appliances, r.revenue) for r in rows] == [
        ("Coffee maker", 8, Decimal("20.00")),
        ("Kettle", 2, Decimal("95.50")),
    ]
    with translation.override("nl"):
        rows = _rad_q1(personas, group_by=GroupBy.CATEGORY).rows
    assert [r.label for r in rows] == ["Koffiezetapparaat", "Waterkoker"]


def test_several_centres_or_a_pilot_region_are_reported_together(personas, scenario):
    both = inflow_report(
        centres=[personas.rad, personas.other.pk], date_from=JAN_1, date_to=MAR_31
    ).total
    assert (both.appliances, both.rejected, both.sold) == (12, 4, 4)
    assert both.median_days_to_sale == 15  # 10, 10, 20, 30
    region = inflow_report(
        centres=Organisation.objects.filter(type=Organisation.Type.REUSE_CENTRE),
        pilot_region="vlaams_brabant",
        date_from=JAN_1,
        date_to=MAR_31,
    ).total
    assert (region.appliances, region.revenue) == (2, Decimal("15.00"))


def test_a_period_without_intake_gives_no_rows_and_no_shares(personas, scenario):
    report = inflow_report(
        centres=[personas.rad],
        date_from=datetime.date(2024, 1, 1),
        date_to=datetime.date(2024, 12, 31),
    )
    assert report.rows == []
    total = report.total
    assert (total.appliances, total.kg_in, total.revenue) == (0, 0, 0)
    assert total.rejected_share is None
    assert total.repair_success_rate is None
    assert total.median_days_to_sale is None


@pytest.mark.parametrize(
    ("counts", "median"),
    [
        ({}, None),
        ({7: 1}, 7),
        ({10: 1, 20: 1}, 15),
        ({3: 2, 9: 1}, 3),
        ({1: 1, 2: 1, 100: 2}, 51),
        ({5: 3, 6: 3}, 5.5),
    ],
)
def test_the_weighted_median_matches_the_plain_median(counts, median):
    assert weighted_median(Counter(counts)) == median


def test_pilot_regions_are_compared_side_by_side(personas, scenario):
    comparison = compare_pilot_regions(date_from=JAN_1, date_to=MAR_31)
    brugge, brabant = comparison.regions

    assert (brugge.region, brugge.label) == ("brugge", "Brugge")
    assert brugge.report.total.appliances == 10
    assert brugge.report.total.revenue == Decimal("115.50")
    assert (brabant.region, brabant.label) == ("vlaams_brabant", "Vlaams-Brabant")
    b = brabant.report.total
    assert (b.appliances, b.kg_in, b.rejected, b.sold) == (2, Decimal("5.00"), 1, 1)
    assert (b.rejected_share, b.sold_share) == (0.5, 0.5)
    assert b.reasons == {**NO_REASONS, "outdated": 1}
    assert b.median_days_to_sale == 10
    assert (b.revenue, b.kg_reused) == (Decimal("15.00"), Decimal("3.00"))
    assert b.repair_success_rate is None

    groups = comparison.groups
    assert [label for label, _ in groups] == [
        "Preserving collection at a recycling park",
        "Home pickup",
    ]
    pc_brugge, pc_brabant = groups[0][1]
    assert (pc_brugge.appliances, pc_brabant.appliances) == (6, 1)


def test_the_comparison_counts_only_the_centres_it_is_given(personas, scenario):
    comparison = compare_pilot_regions(
        centres=[personas.rad], date_from=JAN_1, date_to=MAR_31, group_by="month"
    )
    brugge, brabant = comparison.regions
    assert brugge.report.total.appliances == 10
    assert brabant.report.rows == []
    assert all(cells[1] is None for _, cells in comparison.groups)


def test_a_report_costs_two_queries_whatever_the_number_of_appliances(
    personas, scenario, django_assert_num_queries
):
    with django_assert_num_queries(2):
        _rad_q1(personas, group_by=GroupBy.MUNICIPALITY)
    with django_assert_num_queries(2):
        compare_pilot_regions(date_from=JAN_1, date_to=MAR_31)
