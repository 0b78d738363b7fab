"""The rollups hold exactly the figures the raw selectors compute from the rows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repairlocale.dashboards import selectors, triggers
from repairlocale.dashboards.models import (
    InflowDay,
    InflowNetworkDay,
    InflowNetworkMonth,
    RepairNetworkDay,
    RollupDirty,
    SalesNetworkDay,
)
from repairlocale.dashboards.rollups import rollups_rebuild, rollups_refresh
from repairlocale.dashboards.selectors import Scope, month_split
from repairlocale.impact import selectors as raw_impact
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.network.models import Organisation
from repairlocale.repairs.models import ProductCategory, RepairRecord, RepairStatus
from repairlocale.reuse.inflow import inflow_report
from repairlocale.reuse.models import Appliance, ApplianceStatus, CollectionChannel
from repairlocale.reuse.tests.factories import ApplianceFactory
from repairlocale.reuse.tests.test_inflow import build_scenario

pytestmark = pytest.mark.django_db

d = datetime.date
FIGURES = (
    "appliances",
    "kg_in",
    "rejected",
    "reasons",
    "sold",
    "repaired",
    "fixed",
    "revenue",
    "kg_reused",
)
PERIODS = [
    (d(2026, 1, 1), d(2026, 3, 31)),  # whole months only
    (d(2026, 1, 10), d(2026, 2, 14)),  # edges in days, no whole month
    (d(2025, 12, 15), d(2026, 3, 2)),  # days, two whole months, days
    (d(2020, 1, 1), d(2030, 12, 31)),
]


def _same_inflow(scope, centres):
    raw = inflow_report(
        use_rollups=False,
        centres=centres,
        date_from=scope.date_from,
        date_to=scope.date_to,
        channel=scope.channel,
        product_category=scope.product_category_id,
    )
    rolled = selectors.inflow(scope, group_by="channel")
    assert [r.key for r in rolled.rows] == [r.key for r in raw.rows]
    for got, want in zip(
        [*rolled.rows, rolled.total], [*raw.rows, raw.total], strict=True
    ):
        for name in FIGURES:
            assert getattr(got, name) == getattr(want, name), (got.key, name)


def _impact_kwargs(scope):
    return {
        "organisation_ids": scope.organisation_ids,
        "since": scope.date_from,
        "until": scope.date_to,
        "sources": scope.sources,
    }


def _same_impact(scope):
    assert selectors.impact_summary(scope) == raw_impact.impact_summary(
        **_impact_kwargs(scope), use_rollups=False
    )
    # impact_breakdown reads the rollups too (but for the group identifier).
    for group_by in raw_impact.GROUP_BY:
        assert raw_impact.impact_breakdown(
            group_by=group_by, **_impact_kwargs(scope)
        ) == raw_impact.impact_breakdown(
            group_by=group_by, **_impact_kwargs(scope), use_rollups=False
        ), group_by
    reuse_raw = raw_impact.reuse_impact(
        organisation_ids=scope.organisation_ids,
        since=scope.date_from,
        until=scope.date_to,
    )
    assert selectors.reuse_impact(scope) == reuse_raw


def test_month_split_covers_the_period_once():
    months, ranges = month_split(d(2025, 12, 15), d(2026, 3, 2))
    assert months == (d(2026, 1, 1), d(2026, 2, 1))
    assert ranges == [
        (d(2025, 12, 15), d(2025, 12, 31)),
        (d(2026, 3, 1), d(2026, 3, 2)),
    ]
    assert month_split(d(2026, 1, 1), d(2026, 1, 31)) == (
        (d(2026, 1, 1), d(2026, 1, 1)),
        [],
    )
    assert month_split(d(2026, 1, 2), d(2026, 1, 30)) == (
        None,
        [(d(2026, 1, 2), d(2026, 1, 30))],
    )
    assert month_split(d(2026, 1, 2), d(2026, 2, 27)) == (
        None,
        [(d(2026, 1, 2), d(2026, 2, 27))],
    )
    assert month_split(None, None) == ((None, None), [])
    assert month_split(None, d(2026, 2, 10)) == (
        (None, d(2026, 1, 1)),
        [(d(2026, 2, 1), d(2026, 2, 10))],
    )
    assert month_split(d(2026, 2, 10), None) == (
        (d(2026, 3, 1), None),
        [(d(2026, 2, 10), d(2026, 2, 28))],
    )


def test_triggers_are_installed():
    assert triggers.installed(connection) >= triggers.NAMES


@pytest.mark.parametrize(("date_from", "date_to"), PERIODS)
def test_inflow_from_rollups_equals_the_inflow_report(personas, date_from, date_to):
    build_scenario(personas)
    centres = [personas.rad.pk]
    _same_inflow(
        Scope(date_from, date_to, organisation_ids=(personas.rad.pk,)), centres
    )
    everyone = list(Organisation.objects.values_list("pk", flat=True))
    _same_inflow(Scope(date_from, date_to), everyone)
    _same_inflow(
        Scope(date_from, date_to, channel=CollectionChannel.HOME_PICKUP), everyone
    )
    kettle = ProductCategory.objects.get(ords_name="Kettle").pk
    _same_inflow(Scope(date_from, date_to, product_category_id=kettle), everyone)


@pytest.mark.parametrize(("date_from", "date_to"), PERIODS)
def test_impact_from_rollups_equals_the_impact_selectors(personas, date_from, date_to):
    build_scenario(personas)  # workshop repairs, some of sold appliances
    RepairRecordFactory(organisation=personas.rad, event_date=d(2026, 1, 12))
    RepairRecordFactory(
        organisation=None,
        category="Toaster",
        event_date=d(2026, 2, 20),
        source="imported",
        data_provider="Restart Project",
    )
    original = RepairRecordFactory(
        organisation=None, category="Kettle", event_date=d(2026, 3, 1)
    )
    RepairRecordFactory(
        organisation=None,
        category="Kettle",
        event_date=d(2026, 3, 1),
        data_provider="Restart Project",
        likely_duplicate_of=original,
    )
    RepairRecordFactory(
        organisation=personas.rad,
        category="Misc",
        repair_status=RepairStatus.END_OF_LIFE,
        event_date=d(2026, 1, 31),
    )
    _same_impact(Scope(date_from, date_to))
    _same_impact(Scope(date_from, date_to, organisation_ids=(personas.rad.pk,)))
    _same_impact(Scope(date_from, date_to, sources=("workshop",)))


def test_a_rebuild_gives_the_same_rows_as_the_incremental_refresh(personas):
    build_scenario(personas)
    rollups_refresh()
    incremental = sorted(InflowDay.objects.values_list(*_inflow_key_and_measures()))
    rollups_rebuild()
    assert not RollupDirty.objects.exists()
    assert sorted(InflowDay.objects.values_list(*_inflow_key_and_measures())) == (
        incremental
    )


NETWORK_TABLES = {
    InflowNetworkDay: ["day", "channel", "appliances", "kg_in", "sold", "fixed"],
    InflowNetworkMonth: ["month", "channel", "appliances", "rejected", "revenue"],
    SalesNetworkDay: ["day", "product_category_id", "appliances", "weight_kg"],
    RepairNetworkDay: [
        "day",
        "product_category_id",
        "source",
        "data_provider",
        "records",
        "fixed",
        "unknown",
    ],
}


def _network_rows():
    return {
        model.__name__: sorted(model.objects.values_list(*fields))
        for model, fields in NETWORK_TABLES.items()
    }


def test_the_network_tables_after_changes_equal_a_rebuild(personas):
    """Refreshing after edits, moves and deletes keeps the network-level day and
    month tables equal to a rebuild from scratch."""
    build_scenario(personas)
    RepairRecordFactory(organisation=None, event_date=d(2026, 2, 3))
    RepairRecordFactory(organisation=personas.rad, event_date=d(2026, 2, 3))
    gone = ApplianceFactory(organisation=personas.rad, intake_date=d(2026, 2, 3))
    rollups_refresh()
    moved = Appliance.objects.order_by("pk").first()
    Appliance.objects.filter(pk=moved.pk).update(intake_date=d(2026, 4, 2))
    gone.delete()
    rollups_refresh()
    incremental = _network_rows()
    assert all(incremental.values()), incremental
    rollups_rebuild()
    assert _network_rows() == incremental


def test_both_inflow_groupings_read_at_once_equal_each_read_alone(personas):
    build_scenario(personas)
    for scope in (
        Scope(d(2025, 12, 15), d(2026, 3, 2)),
        Scope(d(2025, 12, 15), d(2026, 3, 2), organisation_ids=(personas.rad.pk,)),
    ):
        both = selectors.inflow_tables(scope, ("channel", "month"))
        for group_by in ("channel", "month"):
            alone = selectors.inflow(scope, group_by=group_by)
            assert both[group_by] == alone


def _inflow_key_and_measures():
    return [
        "organisation_id",
        "day",
        "product_category_id",
        "channel",
        "appliances",
        "rejected",
        "sold",
        "fixed",
    ]


def test_writes_that_bypass_the_orm_are_seen_too(personas):
    """A QuerySet.update() and a bulk_create send no signal; the triggers see them."""
    appliance = ApplianceFactory(organisation=personas.rad, intake_date=d(2026, 5, 4))
    scope = Scope(d(2026, 5, 1), d(2026, 5, 31))
    assert selectors.inflow(scope).total.appliances == 1
    Appliance.objects.filter(pk=appliance.pk).update(intake_date=d(2026, 6, 1))
    assert selectors.inflow(scope).total.appliances == 0
    Appliance.objects.bulk_create(
        [ApplianceFactory.build(organisation=personas.rad, intake_date=d(2026, 5, 9))]
    )
    assert selectors.inflow(scope).total.appliances == 1
    RepairRecord.objects.bulk_create(
        [RepairRecordFactory.build(organisation=None, event_date=d(2026, 5, 2))]
    )
    assert selectors.impact_summary(scope).fixed == 1
    RepairRecord.objects.all().delete()
    assert selectors.impact_summary(scope).fixed == 0


def test_selling_an_appliance_moves_its_repair_out_of_the_repair_figures(personas):
    scenario = build_scenario(personas)
    scope = Scope(d(2020, 1, 1), d(2030, 12, 31), sources=("workshop",))
    before = selectors.impact_summary(scope)
    assert before == raw_impact.impact_summary(
        **_impact_kwargs(scope), use_rollups=False
    )
    # Take a sold appliance back to "for sale": its fixed repair counts again.
    Appliance.objects.filter(pk=scenario.a2.pk).update(status=ApplianceStatus.FOR_SALE)
    after = selectors.impact_summary(scope)
    assert after == raw_impact.impact_summary(
        **_impact_kwargs(scope), use_rollups=False
    )
    assert after.records == before.records + 1


CATEGORIES = ["Coffee maker", "Kettle", "Toaster", "Vacuum", "Misc"]
STATUSES = [s.value for s in ApplianceStatus]
CHANNELS = CollectionChannel.values

change = st.one_of(
    st.tuples(
        st.just("appliance"),
        st.integers(0, 40),  # day offset
        st.sampled_from(CHANNELS),
        st.sampled_from(CATEGORIES),
        st.sampled_from(STATUSES),
        st.sampled_from([None, True, False]),
        st.sampled_from(["", "Fixed", "Repairable", "End of life"]),
        st.decimals(min_value=0, max_value=50, places=2),
    ),
    st.tuples(
        st.just("repair"),
        st.integers(0, 40),
        st.sampled_from(CATEGORIES),
        st.sampled_from(RepairStatus.values),
        st.booleans(),  # with organisation
    ),
    st.tuples(st.just("move"), st.integers(0, 40)),
    st.tuples(st.just("delete")),
    st.tuples(st.just("duplicate")),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(changes=st.lists(change, min_size=1, max_size=8))
def test_rollups_equal_raw_figures_after_any_sequence_of_changes(personas, changes):
    start = d(2026, 1, 20)
    org = personas.rad
    for item in changes:
        kind = item[0]
        if kind == "appliance":
            _, offset, channel, category, status, triage, outcome, kg = item
            day = start + datetime.timedelta(days=offset)
            sold = status == ApplianceStatus.SOLD
            ApplianceFactory(
                organisation=org,
                intake_date=day,
                channel=channel,
                product_category=ProductCategory.objects.get(ords_name=category),
                status=status,
                closed_on=day + datetime.timedelta(days=5) if sold else None,
                sale_price=Decimal("12.50") if sold else None,
                triage_result=triage,
                rejection_keys='["outdated"]' if triage is False else "",
                last_repair_outcome=outcome,
                weight_kg=kg,
            )
        elif kind == "repair":
            _, offset, category, status, with_org = item
            RepairRecordFactory(
                organisation=org if with_org else None,
                category=category,
                repair_status=status,
                event_date=start + datetime.timedelta(days=offset),
            )
        elif kind == "move":
            first = Appliance.objects.order_by("pk").first()
            if first:
                Appliance.objects.filter(pk=first.pk).update(
                    intake_date=start + datetime.timedelta(days=item[1])
                )
        elif kind == "delete":
            last = Appliance.objects.order_by("-pk").first()
            if last:
                last.delete()
        elif kind == "duplicate":
            records = list(RepairRecord.objects.order_by("pk")[:2])
            if len(records) == 2:
                records[1].likely_duplicate_of = records[0]
                records[1].save()
    scope = Scope(d(2026, 1, 1), d(2026, 3, 31))
    _same_inflow(scope, [org.pk])
    # Network-wide with edge days: the network day and month tables.
    everyone = list(Organisation.objects.values_list("pk", flat=True))
    _same_inflow(Scope(d(2026, 1, 25), d(2026, 3, 10)), everyone)
    _same_impact(scope)
    _same_impact(Scope(d(2026, 1, 25), d(2026, 2, 10)))
    _same_impact(Scope(None, None))
