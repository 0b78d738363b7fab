"""Keeping the rollups equal to the raw rows.

``rollups_refresh()`` recomputes the slices the triggers marked stale: for each
(organisation, day) it deletes that day's rollup rows and inserts them again from
one grouped INSERT … SELECT over the raw rows, then does the same for the month
from the day rows. Recomputing a slice is idempotent, so a refresh that dies half
way, or two that overlap, leave nothing wrong: the marks are only removed in the
transaction that wrote the new rows.

Dashboards call it before reading (one cheap query when nothing is stale), the
services need not know about it, and ``manage.py rebuild_rollups`` recomputes all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth

from repairlocale.dashboards.models import (
    InflowChannelMonth,
    InflowDay,
    InflowMonth,
    InflowNetworkDay,
    InflowNetworkMonth,
    RepairDay,
    RepairMonth,
    RepairNetworkDay,
    RepairNetworkMonth,
    RollupDirty,
    SalesDay,
    SalesMonth,
    SalesNetworkDay,
    SalesNetworkMonth,
)
from repairlocale.repairs.models import RepairRecord, RepairRecordSource, RepairStatus
from repairlocale.reuse.models import REJECTION_CRITERIA, Appliance, ApplianceStatus

# Slices recomputed per transaction: small enough to keep write locks short.
BATCH = 2000
DECIMAL_ZERO = 0


# --- The grouped queries: the same definitions as reuse.inflow and impact ----------


def _inflow_source(qs: QuerySet[Appliance]) -> QuerySet:
    sold = Q(status=ApplianceStatus.SOLD)
    aggregates = {
        "appliances": Count("pk"),
        "kg_in": Coalesce(Sum("weight_kg"), DECIMAL_ZERO, output_field=_decimal()),
        "rejected": Count("pk", filter=Q(triage_result=False)),
        "sold": Count("pk", filter=sold),
        "repaired": Count("pk", filter=~Q(last_repair_outcome="")),
        "fixed": Count("pk", filter=Q(last_repair_outcome=RepairStatus.FIXED)),
        "revenue": Coalesce(
            Sum("sale_price", filter=sold), DECIMAL_ZERO, output_field=_decimal()
        ),
        "kg_reused": Coalesce(
            Sum("weight_kg", filter=sold), DECIMAL_ZERO, output_field=_decimal()
        ),
    }
    for key in REJECTION_CRITERIA:
        aggregates[f"reason_{key}"] = Count(
            "pk", filter=Q(rejection_keys__contains=f'"{key}"')
        )
    return (
        qs.annotate(day=F("intake_date"))
        .values("organisation_id", "product_category_id", "channel", "day")
        .annotate(**aggregates)
        .order_by()
    )


def _sales_source(qs: QuerySet[Appliance]) -> QuerySet:
    return (
        qs.filter(status=ApplianceStatus.SOLD, closed_on__isnull=False)
        .annotate(day=F("closed_on"))
        .values("organisation_id", "product_category_id", "day")
        .annotate(
            appliances=Count("pk"),
            weight_kg=Coalesce(Sum("weight_kg"), DECIMAL_ZERO, output_field=_decimal()),
        )
        .order_by()
    )


def counted_repair_records() -> QuerySet[RepairRecord]:
    """The records the statistics count: ``impact.selectors`` says which and why."""
    return RepairRecord.objects.filter(likely_duplicate_of__isnull=True).exclude(
        source=RepairRecordSource.WORKSHOP,
        workshop_step__appliance__status=ApplianceStatus.SOLD,
    )


def _repair_source(qs: QuerySet[RepairRecord]) -> QuerySet:
    return (
        qs.annotate(
            org=Coalesce("organisation_id", 0, output_field=IntegerField()),
            day=F("event_date"),
        )
        .values("org", "product_category_id", "source", "data_provider", "day")
        .annotate(
            records=Count("pk"),
            fixed=Count("pk", filter=Q(repair_status=RepairStatus.FIXED)),
            repairable=Count("pk", filter=Q(repair_status=RepairStatus.REPAIRABLE)),
            end_of_life=Count("pk", filter=Q(repair_status=RepairStatus.END_OF_LIFE)),
            unknown=Count("pk", filter=Q(repair_status=RepairStatus.UNKNOWN)),
        )
        .order_by()
    )


def _decimal():
    from django.db.models import DecimalField

    return DecimalField(max_digits=14, decimal_places=2)


def _insert_from(model, qs: QuerySet, rename: dict[str, str] | None = None) -> None:
    """INSERT INTO model's table (columns) SELECT … — one statement, no Python rows.

    ``query.selected`` (Django 5.2) lists the selected names in SELECT order:
    the values() arguments as given, then later annotations. The names are the
    target columns, except those in ``rename``.
    """
    query = qs.query
    names = list(query.selected)
    rename = rename or {}
    columns = ", ".join(
        connection.ops.quote_name(rename.get(name, name)) for name in names
    )
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} ({columns}) {sql}",
            params,
        )


# --- Slices ---------------------------------------------------------------------


def _days_filter(
    pairs: Iterable[tuple[int, date]], org_field: str, day_field: str
) -> Q:
    by_org: dict[int, set[date]] = defaultdict(set)
    for org, day in pairs:
        by_org[org].add(day)
    condition = Q(pk__in=[])
    for org, days in by_org.items():
        condition |= Q(**{org_field: org, f"{day_field}__in": sorted(days)})
    return condition


def _months(pairs: Iterable[tuple[int, date]]) -> set[tuple[int, date]]:
    return {(org, day.replace(day=1)) for org, day in pairs}


def _month_filter(pairs: set[tuple[int, date]], org_field: str) -> Q:
    """Day rows of the given (organisation, month) pairs."""
    condition = Q(pk__in=[])
    for org, month in pairs:
        end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        condition |= Q(**{org_field: org, "day__gte": month, "day__lt": end})
    return condition


def _month_rollup(day_model, month_model, pairs, *, org_field, keys, measures):
    months = _months(pairs)
    month_rows = Q(pk__in=[])
    for org, month in months:
        month_rows |= Q(**{org_field: org, "month": month})
    month_model.objects.filter(month_rows).delete()
    qs = (
        day_model.objects.filter(_month_filter(months, org_field))
        .annotate(month=TruncMonth("day"))
        .values(*keys, "month")
        .annotate(**{m: Sum(m) for m in measures})
        .order_by()
    )
    _insert_from(month_model, qs)


def _network_rollup(month_model, network_model, months, *, keys, measures):
    """Sum the organisations' month rows of ``months`` (None: all) into the network
    table: delete those months' network rows and insert them again."""
    network = network_model.objects.all()
    source = month_model.objects.all()
    if months is not None:
        network = network.filter(month__in=sorted(months))
        source = source.filter(month__in=sorted(months))
    network.delete()
    _insert_from(
        network_model,
        source.values("month", *keys)
        .annotate(**{m: Sum(m) for m in measures})
        .order_by(),
    )


def _network_day_rollup(day_model, network_model, days, *, keys, measures):
    """Sum the organisations' day rows of ``days`` (None: all) into the network day
    table: delete those days' network rows and insert them again."""
    network = network_model.objects.all()
    source = day_model.objects.all()
    if days is not None:
        network = network.filter(day__in=sorted(days))
        source = source.filter(day__in=sorted(days))
    network.delete()
    _insert_from(
        network_model,
        source.values("day", *keys)
        .annotate(**{m: Sum(m) for m in measures})
        .order_by(),
    )


REPAIR_KEYS = ["product_category_id", "source", "data_provider"]
REPAIR_MEASURES = ["records", "fixed", "repairable", "end_of_life", "unknown"]


INFLOW_MEASURES = [
    "appliances",
    "kg_in",
    "rejected",
    "sold",
    "repaired",
    "fixed",
    "revenue",
    "kg_reused",
    *(f"reason_{key}" for key in REJECTION_CRITERIA),
]


def refresh_inflow(pairs: set[tuple[int, date]]) -> None:
    InflowDay.objects.filter(_days_filter(pairs, "organisation_id", "day")).delete()
    raw = Appliance.objects.filter(
        _days_filter(pairs, "organisation_id", "intake_date")
    )
    _insert_from(InflowDay, _inflow_source(raw))
    _month_rollup(
        InflowDay,
        InflowMonth,
        pairs,
        org_field="organisation_id",
        keys=["organisation_id", "product_category_id", "channel"],
        measures=INFLOW_MEASURES,
    )
    _month_rollup(
        InflowDay,
        InflowChannelMonth,
        pairs,
        org_field="organisation_id",
        keys=["organisation_id", "channel"],
        measures=INFLOW_MEASURES,
    )
    _network_day_rollup(
        InflowDay,
        InflowNetworkDay,
        {day for _org, day in pairs},
        keys=["channel"],
        measures=INFLOW_MEASURES,
    )
    _network_rollup(
        InflowChannelMonth,
        InflowNetworkMonth,
        {month for _org, month in _months(pairs)},
        keys=["channel"],
        measures=INFLOW_MEASURES,
    )


def refresh_sales(pairs: set[tuple[int, date]]) -> None:
    SalesDay.objects.filter(_days_filter(pairs, "organisation_id", "day")).delete()
    raw = Appliance.objects.filter(_days_filter(pairs, "organisation_id", "closed_on"))
    _insert_from(SalesDay, _sales_source(raw))
    _month_rollup(
        SalesDay,
        SalesMonth,
        pairs,
        org_field="organisation_id",
        keys=["organisation_id", "product_category_id"],
        measures=["appliances", "weight_kg"],
    )
    _network_day_rollup(
        SalesDay,
        SalesNetworkDay,
        {day for _org, day in pairs},
        keys=["product_category_id"],
        measures=["appliances", "weight_kg"],
    )
    _network_rollup(
        SalesMonth,
        SalesNetworkMonth,
        {month for _org, month in _months(pairs)},
        keys=["product_category_id"],
        measures=["appliances", "weight_kg"],
    )


def refresh_repairs(pairs: set[tuple[int, date]]) -> None:
    RepairDay.objects.filter(_days_filter(pairs, "organisation_id", "day")).delete()
    with_org = {(org, day) for org, day in pairs if org}
    without = {day for org, day in pairs if not org}
    condition = _days_filter(with_org, "organisation_id", "event_date")
    if without:
        condition |= Q(organisation__isnull=True, event_date__in=sorted(without))
    _insert_from(
        RepairDay,
        _repair_source(counted_repair_records().filter(condition)),
        rename={"org": "organisation_id"},
    )
    _month_rollup(
        RepairDay,
        RepairMonth,
        pairs,
        org_field="organisation_id",
        keys=["organisation_id", "product_category_id", "source", "data_provider"],
        measures=["records", "fixed", "repairable", "end_of_life", "unknown"],
    )
    _network_day_rollup(
        RepairDay,
        RepairNetworkDay,
        {day for _org, day in pairs},
        keys=REPAIR_KEYS,
        measures=REPAIR_MEASURES,
    )
    _network_rollup(
        RepairMonth,
        RepairNetworkMonth,
        {month for _org, month in _months(pairs)},
        keys=REPAIR_KEYS,
        measures=REPAIR_MEASURES,
    )


REFRESHERS = {
    RollupDirty.Kind.INFLOW: refresh_inflow,
    RollupDirty.Kind.SALES: refresh_sales,
    RollupDirty.Kind.REPAIRS: refresh_repairs,
}


def rollups_pending() -> bool:
    return RollupDirty.objects.exists()


def rollups_refresh(*, batch: int = BATCH) -> int:
    """Recompute every stale slice; returns how many slices were recomputed.

    Each batch is one transaction: new rollup rows and removed marks commit
    together. On PostgreSQL, concurrent refreshers skip each other's marks (SKIP
    LOCKED); when two still race on one slice, the loser retries the batch.
    """
    done = 0
    attempts = 0
    while True:
        try:
            with transaction.atomic():
                marks = RollupDirty.objects.order_by("kind", "organisation_id", "day")
                if connection.features.has_select_for_update_skip_locked:
                    marks = marks.select_for_update(skip_locked=True)
                rows = list(
                    marks.values_list("pk", "kind", "organisation_id", "day")[:batch]
                )
                if not rows:
                    return done
                by_kind: dict[str, set[tuple[int, date]]] = defaultdict(set)
                for _pk, kind, org, day in rows:
                    by_kind[kind].add((org, day))
                for kind, pairs in by_kind.items():
                    REFRESHERS[kind](pairs)
                RollupDirty.objects.filter(pk__in=[row[0] for row in rows]).delete()
        except IntegrityError:
            attempts += 1
            if attempts > 5:
                raise
            continue
        done += len(rows)


def rollups_rebuild() -> dict[str, int]:
    """Recompute every rollup from the raw rows, in one transaction."""
    with transaction.atomic():
        for model in (
            InflowDay,
            InflowMonth,
            InflowChannelMonth,
            SalesDay,
            SalesMonth,
            RepairDay,
            RepairMonth,
            RepairNetworkMonth,
            SalesNetworkMonth,
            InflowNetworkDay,
            InflowNetworkMonth,
            RepairNetworkDay,
            SalesNetworkDay,
        ):
            model.objects.all().delete()
        RollupDirty.objects.all().delete()
        _insert_from(InflowDay, _inflow_source(Appliance.objects.all()))
        _insert_from(SalesDay, _sales_source(Appliance.objects.all()))
        _insert_from(
            RepairDay,
            _repair_source(counted_repair_records()),
            rename={"org": "organisation_id"},
        )
        for day_model, month_model, keys, measures in (
            (
                InflowDay,
                InflowMonth,
                ["organisation_id", "product_category_id", "channel"],
                INFLOW_MEASURES,
            ),
            (
                InflowDay,
                InflowChannelMonth,
                ["organisation_id", "channel"],
                INFLOW_MEASURES,
            ),
            (
                SalesDay,
                SalesMonth,
                ["organisation_id", "product_category_id"],
                ["appliances", "weight_kg"],
            ),
            (
                RepairDay,
                RepairMonth,
                ["organisation_id", "product_category_id", "source", "data_provider"],
                ["records", "fixed", "repairable", "end_of_life", "unknown"],
            ),
        ):
            _insert_from(
                month_model,
                day_model.objects.annotate(month=TruncMonth("day"))
                .values(*keys, "month")
                .annotate(**{m: Sum(m) for m in measures})
                .order_by(),
            )
        _network_rollup(
            InflowChannelMonth,
            InflowNetworkMonth,
            None,
            keys=["channel"],
            measures=INFLOW_MEASURES,
        )
        for day_model, network_model, keys, measures in (
            (InflowDay, InflowNetworkDay, ["channel"], INFLOW_MEASURES),
            (
                SalesDay,
                SalesNetworkDay,
                ["product_category_id"],
                ["appliances", "weight_kg"],
            ),
            (RepairDay, RepairNetworkDay, REPAIR_KEYS, REPAIR_MEASURES),
        ):
            _network_day_rollup(
                day_model, network_model, None, keys=keys, measures=measures
            )
        _network_rollup(
            SalesMonth,
            SalesNetworkMonth,
            None,
            keys=["product_category_id"],
            measures=["appliances", "weight_kg"],
        )
        _network_rollup(
            RepairMonth,
            RepairNetworkMonth,
            None,
            keys=REPAIR_KEYS,
            measures=REPAIR_MEASURES,
        )
    return {
        "inflow_days": InflowDay.objects.count(),
        "inflow_months": InflowMonth.objects.count(),
        "inflow_channel_months": InflowChannelMonth.objects.count(),
        "sales_days": SalesDay.objects.count(),
        "repair_days": RepairDay.objects.count(),
        "repair_months": RepairMonth.objects.count(),
        "repair_network_months": RepairNetworkMonth.objects.count(),
        "inflow_network_days": InflowNetworkDay.objects.count(),
        "repair_network_days": RepairNetworkDay.objects.count(),
        "sales_network_days": SalesNetworkDay.objects.count(),
    }
