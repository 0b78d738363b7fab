"""Dashboard figures, read from the rollups.

Every function first recomputes the stale slices (``rollups_refresh``: one query
when there are none), then reads whole calendar months from the month tables and
the days at the edges of the period from the day tables: a Flanders-wide year is
a few thousand month rows, whatever the number of appliances.

The figures are the same as the raw selectors' (``reuse.inflow.inflow_report``,
``impact.selectors.impact_summary`` and ``reuse_impact``); tests compare them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, Sum
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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
    SalesDay,
    SalesMonth,
    SalesNetworkDay,
    SalesNetworkMonth,
)
from repairlocale.dashboards.rollups import (
    INFLOW_MEASURES,
    rollups_pending,
    rollups_refresh,
)
from repairlocale.impact.models import CategoryFactor, Methodology
from repairlocale.impact.selectors import (
    ImpactSummary,
    ReuseImpact,
    _cents,
    methodology_resolve,
)
from repairlocale.network.models import Organisation, PilotRegion
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.inflow import CENT, InflowFigures
from repairlocale.reuse.models import REJECTION_CRITERIA, CollectionChannel

ZERO = Decimal(0)


@dataclass(frozen=True)
class Scope:
    """What a dashboard shows: a period, organisations (None: all) and filters."""

    date_from: date | None
    date_to: date | None
    organisation_ids: tuple[int, ...] | None = None
    product_category_id: int | None = None
    channel: str = ""
    sources: tuple[str, ...] | None = None
    # Activities and needs-mapping campaigns belong to hubs (and organisations):
    # a pilot region's are those of its hubs (``in_region``), otherwise those of
    # ``hub_ids`` and the organisations (None and None: all of Flanders).
    pilot_region: str = ""
    hub_ids: tuple[int, ...] | None = None


def refresh_if_stale() -> None:
    """Recompute stale slices first: one read query when there are none."""
    if rollups_pending():
        rollups_refresh()


def month_split(
    date_from: date | None, date_to: date | None
) -> tuple[tuple[date | None, date | None] | None, list[tuple]]:
    """The whole months inside the period as a (first, last) month range, and
    the day ranges left at its edges. None for a bound means "open".

    A range of months is read from the month tables, the edge days from the day
    tables: together they cover every day of the period exactly once.
    """
    first = None
    if date_from is not None:
        first = date_from.replace(day=1)
        if first < date_from:
            first = _next_month(first)
    last = None
    if date_to is not None:
        after = _next_month(date_to.replace(day=1))
        last = date_to.replace(day=1) if after - timedelta(days=1) == date_to else None
        if last is None:
            # date_to is inside a month: the last whole month is the one before.
            previous = date_to.replace(day=1) - timedelta(days=1)
            last = previous.replace(day=1)
    if first is not None and last is not None and first > last:
        return None, [(date_from, date_to)]
    ranges = []
    if date_from is not None and date_from < first:
        ranges.append((date_from, first - timedelta(days=1)))
    if date_to is not None:
        tail_start = _next_month(last)
        if tail_start <= date_to:
            ranges.append((tail_start, date_to))
    return (first, last), ranges


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _period_querysets(
    day_model,
    month_model,
    scope: Scope,
    org_field: str,
    network_model=None,
    network_day_model=None,
):
    """(queryset, period field) pairs covering the scope's period once.

    Without an organisation filter, whole months come from ``network_model`` and
    the edge days from ``network_day_model`` (both summed over organisations) when
    there are such tables. The edge days are listed (``day IN (…)``, at most about
    sixty), which both databases answer from the day index; a range per edge joined
    with OR made SQLite scan the whole day table.
    """
    network = scope.organisation_ids is None
    if network and network_model is not None:
        month_model = network_model
    if network and network_day_model is not None:
        day_model = network_day_model
    months, ranges = month_split(scope.date_from, scope.date_to)
    querysets = []
    if months is not None:
        first, last = months
        qs = month_model.objects.all()
        if first is not None:
            qs = qs.filter(month__gte=first)
        if last is not None:
            qs = qs.filter(month__lte=last)
        querysets.append((qs, "month"))
    if ranges:
        days = _edge_days(ranges)
        if days is None:
            condition = Q()
            for start, end in ranges:
                condition |= Q(day__gte=start, day__lte=end)
            querysets.append((day_model.objects.filter(condition), "day"))
        else:
            querysets.append((day_model.objects.filter(day__in=days), "day"))
    result = []
    for qs, period_field in querysets:
        if scope.organisation_ids is not None:
            qs = qs.filter(**{f"{org_field}__in": scope.organisation_ids})
        if scope.product_category_id:
            qs = qs.filter(product_category_id=scope.product_category_id)
        result.append((qs, period_field))
    return result


def _edge_days(ranges: list[tuple]) -> list[date] | None:
    """Every day of the edge ranges; None when a range is open or long (a period
    shorter than a month that is read as one range)."""
    days: list[date] = []
    for start, end in ranges:
        if start is None or end is None or (end - start).days > 62:
            return None
        days.extend(start + timedelta(days=n) for n in range((end - start).days + 1))
    return days


def _group_expression(group_by: str, period_field: str, org_field: str) -> Any:
    if group_by == "channel":
        return F("channel")
    if group_by == "category":
        return F("product_category_id")
    if group_by == "data_provider":
        return F("data_provider")
    if group_by in ("month", "year"):
        # Edge days are grouped by day and folded into months in Python
        # (_normalise_key): SQLite's date truncation is a Python function per row.
        return F("month") if period_field == "month" else F("day")
    if group_by == "organisation":
        return F(org_field)
    if group_by == "pilot_region":
        return F("organisation__pilot_region")
    return F("pk") * 0  # "total": one group


# --- Labels -------------------------------------------------------------------


def _labels(group_by: str, keys: Iterable[Any]) -> dict[Any, str]:
    keys = list(keys)
    if group_by == "channel":
        return {
            k: str(CollectionChannel(k).label) if k in CollectionChannel.values else k
            for k in keys
        }
    if group_by == "category":
        english = (get_language() or "nl").startswith("en")
        return {
            c.pk: (c.name_en if english and c.name_en else c.name_nl)
            for c in ProductCategory.objects.filter(pk__in=keys)
        }
    if group_by == "month":
        return {k: date_format(_as_date(k), "YEAR_MONTH_FORMAT") for k in keys}
    if group_by == "organisation":
        names = dict(Organisation.objects.filter(pk__in=keys).values_list("pk", "name"))
        return {k: names.get(k) or _("No organisation") for k in keys}
    if group_by == "pilot_region":
        return {
            k: str(PilotRegion(k).label) if k in PilotRegion.values else k for k in keys
        }
    return dict.fromkeys(keys, _("Total"))


def _as_date(value: Any) -> date:
    """A month or day key as a date (SQLite may return dates as text)."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return value.date()
    return value


def _normalise_key(group_by: str, key: Any) -> Any:
    if group_by == "month":
        return _as_date(key).replace(day=1)
    if group_by == "year":
        return _as_date(key).year
    return key


def _sorted(group_by: str, labels: dict[Any, str]) -> list[Any]:
    if group_by == "month":
        return sorted(labels)
    if group_by == "channel":
        order = {v: i for i, v in enumerate(CollectionChannel.values)}
        return sorted(labels, key=lambda k: order.get(k, len(order)))
    if group_by == "pilot_region":
        order = {v: i for i, v in enumerate(PilotRegion.values)}
        return sorted(labels, key=lambda k: order.get(k, len(order)))
    return sorted(labels, key=lambda k: (labels[k] or "").casefold())


# --- Inflow ---------------------------------------------------------------------


@dataclass
class InflowTable:
    group_by: str
    rows: list[InflowFigures]
    total: InflowFigures


def inflow(scope: Scope, *, group_by: str = "channel") -> InflowTable:
    """Inflow figures per group (see reuse.inflow.InflowFigures), with a total.

    The median days to sale is not kept in the rollups; the inflow report of the
    reuse module shows it.
    """
    return inflow_tables(scope, (group_by,))[group_by]


def inflow_tables(scope: Scope, group_bys: Iterable[str]) -> dict[str, InflowTable]:
    """``inflow`` for several groupings at once, reading the rollups once.

    The rows are grouped by every grouping together (channel x month is a few
    hundred rows) and summed per grouping in Python: a dashboard's channel and
    month charts cost one read of the month table and one of the edge days.
    """
    group_bys = tuple(dict.fromkeys(group_bys))
    refresh_if_stale()
    sums: dict[str, dict[Any, dict[str, Any]]] = {g: {} for g in group_bys}
    by_category = bool(scope.product_category_id) or "category" in group_bys
    by_organisation = any(g in ("organisation", "pilot_region") for g in group_bys)
    # Without a category, whole months come from the much smaller per-channel
    # tables, and without an organisation filter or grouping from the network ones.
    month_model = InflowMonth if by_category else InflowChannelMonth
    network = not by_category and not by_organisation
    for qs, period_field in _period_querysets(
        InflowDay,
        month_model,
        scope,
        "organisation_id",
        InflowNetworkMonth if network else None,
        InflowNetworkDay if network else None,
    ):
        if scope.channel:
            qs = qs.filter(channel=scope.channel)
        names = {
            f"g{i}": _group_expression(g, period_field, "organisation_id")
            for i, g in enumerate(group_bys)
            if g != "total"
        }
        rows = (
            qs.annotate(**names)
            .values(*names)
            .annotate(**{m: Sum(m) for m in INFLOW_MEASURES})
            .order_by()
        )
        for row in rows:
            keys = [
                0 if g == "total" else _normalise_key(g, row.pop(f"g{i}"))
                for i, g in enumerate(group_bys)
            ]
            for g, key in zip(group_bys, keys, strict=True):
                target = sums[g].setdefault(key, defaultdict(lambda: 0))
                for name in INFLOW_MEASURES:
                    target[name] += row[name] or 0
    return {g: _inflow_table(g, sums[g]) for g in group_bys}


def _inflow_table(group_by: str, sums: dict[Any, dict[str, Any]]) -> InflowTable:
    labels = _labels(group_by, sums)
    figures = []
    for key in _sorted(group_by, labels):
        row = sums[key]
        figures.append(
            InflowFigures(
                key=key,
                label=labels[key],
                appliances=row["appliances"],
                kg_in=Decimal(str(row["kg_in"])).quantize(CENT),
                rejected=row["rejected"],
                reasons={k: row[f"reason_{k}"] for k in REJECTION_CRITERIA},
                sold=row["sold"],
                repaired=row["repaired"],
                fixed=row["fixed"],
                revenue=Decimal(str(row["revenue"])).quantize(CENT),
                kg_reused=Decimal(str(row["kg_reused"])).quantize(CENT),
            )
        )
    total = InflowFigures(key=None, label=_("Total"))
    for row in figures:
        total.add(row)
    return InflowTable(group_by=group_by, rows=figures, total=total)


# --- Repairs and their impact -----------------------------------------------------


@dataclass
class RepairFigures:
    key: Any
    label: str
    records: int = 0
    fixed: int = 0
    repairable: int = 0
    end_of_life: int = 0
    unknown: int = 0
    waste_kg: Decimal = ZERO
    co2e_kg: Decimal = ZERO
    # The same before rounding to the cent (sums of rows add up exactly).
    waste_kg_exact: Decimal = ZERO
    co2e_kg_exact: Decimal = ZERO
    # Fixed records per category, to apply the methodology (not shown).
    fixed_by_category: dict[int, int] = field(default_factory=dict)

    @property
    def success_rate(self) -> float | None:
        return self.fixed / self.records if self.records else None

    @property
    def success_percent(self) -> float | None:
        rate = self.success_rate
        return None if rate is None else rate * 100


@dataclass
class RepairTable:
    group_by: str
    methodology: Methodology
    rows: list[RepairFigures]
    total: RepairFigures


@dataclass(frozen=True)
class _Factor:
    weight_kg: Decimal
    footprint_kg_co2e: Decimal


def methodology_factors(methodology: Methodology) -> dict[int, _Factor]:
    """The methodology's category values, memoised on the instance (one query)."""
    cached = methodology.__dict__.get("_dashboard_factors")
    if cached is None:
        cached = {
            category: _Factor(weight, footprint)
            for category, weight, footprint in CategoryFactor.objects.filter(
                methodology=methodology
            ).values_list("product_category_id", "weight_kg", "footprint_kg_co2e")
        }
        methodology.__dict__["_dashboard_factors"] = cached
    return cached


REPAIR_COUNTS = ("records", "fixed", "repairable", "end_of_life", "unknown")


def repairs(
    scope: Scope,
    *,
    group_by: str = "total",
    methodology: Methodology | str | None = None,
    provider: str | None = None,
) -> RepairTable:
    """Repair records per group with the waste and CO2e their Fixed ones prevented.

    The same formula as ``impact.selectors.impact_summary``: waste = the category
    weight of each Fixed record; CO2e = displacement factor x category footprint.
    """
    method = methodology_resolve(methodology=methodology)
    groups = repair_groups(scope, group_by=group_by, provider=provider)
    factors = methodology_factors(method)
    labels = _labels(group_by, groups)
    total = RepairFigures(key=None, label=_("Total"))
    rows_out = []
    for key in _sorted(group_by, labels):
        figures = groups[key]
        figures.label = labels[key]
        apply_methodology(figures, factors, method)
        rows_out.append(figures)
        for name in REPAIR_COUNTS:
            setattr(total, name, getattr(total, name) + getattr(figures, name))
        for category, fixed in figures.fixed_by_category.items():
            total.fixed_by_category[category] = (
                total.fixed_by_category.get(category, 0) + fixed
            )
    apply_methodology(total, factors, method)
    return RepairTable(
        group_by=group_by, methodology=method, rows=rows_out, total=total
    )


def apply_methodology(
    figures: RepairFigures, factors: dict[int, _Factor], method: Methodology
) -> None:
    """impact_summary's formula on the Fixed counts per category: waste = category
    weight, CO2e = displacement factor x category footprint, rounded once."""
    weight = footprint = ZERO
    for category, fixed in figures.fixed_by_category.items():
        factor = factors.get(category)
        if factor is not None and fixed:
            weight += fixed * factor.weight_kg
            footprint += fixed * factor.footprint_kg_co2e
    figures.waste_kg_exact = weight
    figures.co2e_kg_exact = method.displacement_factor * footprint
    figures.waste_kg = _cents(figures.waste_kg_exact)
    figures.co2e_kg = _cents(figures.co2e_kg_exact)


def repair_groups(
    scope: Scope, *, group_by: str, provider: str | None = None
) -> dict[Any, RepairFigures]:
    """The rollups' repair counts per group, with the Fixed ones per category (the
    methodology not applied yet, no labels): one query per period part.

    ``group_by``: total, category, channel, data_provider, month, year,
    organisation or pilot_region. Organisations and pilot regions read the
    per-organisation tables; every other grouping the network tables where they
    serve the scope.
    """
    refresh_if_stale()
    groups: dict[Any, RepairFigures] = {}
    network = (
        RepairNetworkMonth if group_by not in ("pilot_region", "organisation") else None
    )
    for qs, period_field in _period_querysets(
        RepairDay,
        RepairMonth,
        scope,
        "organisation_id",
        network,
        RepairNetworkDay if network is not None else None,
    ):
        if scope.sources is not None:
            qs = qs.filter(source__in=scope.sources)
        if provider:
            qs = qs.filter(data_provider=provider)
        if group_by == "pilot_region":
            qs = qs.annotate(g=_region_of("organisation_id"))
        else:
            qs = qs.annotate(
                g=_group_expression(group_by, period_field, "organisation_id")
            )
        rows = (
            qs.values("g", "product_category_id")
            .annotate(**{m: Sum(m) for m in REPAIR_COUNTS})
            .order_by()
        )
        for row in rows:
            key = _normalise_key(group_by, row["g"])
            figures = groups.setdefault(key, RepairFigures(key=key, label=""))
            for name in REPAIR_COUNTS:
                setattr(figures, name, getattr(figures, name) + (row[name] or 0))
            category = row["product_category_id"]
            figures.fixed_by_category[category] = figures.fixed_by_category.get(
                category, 0
            ) + (row["fixed"] or 0)
    return groups


def _region_of(org_field: str):
    """The pilot region of an organisation id column (RepairDay has no FK)."""
    from django.db.models import OuterRef, Subquery

    return Subquery(
        Organisation.objects.filter(pk=OuterRef(org_field)).values("pilot_region")[:1]
    )


def impact_summary(scope: Scope, **kwargs: Any) -> ImpactSummary:
    """``impact.selectors.impact_summary`` for the scope, from the rollups."""
    table = repairs(scope, **kwargs)
    method, total = table.methodology, table.total
    return ImpactSummary(
        methodology_name=method.name,
        methodology_version=method.version,
        methodology_slug=method.slug,
        records=total.records,
        fixed=total.fixed,
        repairable=total.repairable,
        end_of_life=total.end_of_life,
        unknown=total.unknown,
        waste_kg=total.waste_kg,
        co2e_kg=total.co2e_kg,
    )


def reuse_impact(
    scope: Scope, *, methodology: Methodology | str | None = None
) -> ReuseImpact:
    """``impact.selectors.reuse_impact`` (by sale date) from the sales rollups."""
    refresh_if_stale()
    method = methodology_resolve(methodology=methodology)
    by_category: dict[int, list] = defaultdict(lambda: [0, ZERO])
    for qs, _period in _period_querysets(
        SalesDay,
        SalesMonth,
        scope,
        "organisation_id",
        SalesNetworkMonth,
        SalesNetworkDay,
    ):
        rows = (
            qs.values("product_category_id")
            .annotate(n=Sum("appliances"), kg=Sum("weight_kg"))
            .order_by()
        )
        for row in rows:
            entry = by_category[row["product_category_id"]]
            entry[0] += row["n"] or 0
            entry[1] += Decimal(str(row["kg"] or 0)).quantize(CENT)
    factors = methodology_factors(method)
    powered = dict(
        ProductCategory.objects.filter(pk__in=by_category).values_list("pk", "powered")
    )
    appliances = 0
    weight = footprint = ZERO
    for category, (n, kg) in by_category.items():
        appliances += n
        weight += kg
        factor = factors.get(category)
        if factor is not None and factor.footprint_kg_co2e:
            footprint += n * factor.footprint_kg_co2e
        elif powered.get(category):
            footprint += method.emission_ratio_powered * kg
        else:
            footprint += method.emission_ratio_unpowered * kg
    return ReuseImpact(
        methodology_name=method.name,
        methodology_version=method.version,
        methodology_slug=method.slug,
        appliances=appliances,
        waste_kg=_cents(weight),
        co2e_kg=_cents(method.displacement_factor * footprint),
    )


# --- Activities and needs-mapping campaigns -----------------------------------------


def _people_scope(scope: Scope) -> dict[str, Any]:
    if scope.pilot_region:
        return {"pilot_region": scope.pilot_region}
    if scope.organisation_ids is None and scope.hub_ids is None:
        return {}
    return {"organisation_ids": scope.organisation_ids, "hub_ids": scope.hub_ids}


def activities(scope: Scope):
    """Published activities of the scope per type and month (cases.selectors)."""
    from repairlocale.cases.selectors import activity_summary

    return activity_summary(
        date_from=scope.date_from, date_to=scope.date_to, **_people_scope(scope)
    )


def campaigns(scope: Scope):
    """Needs-mapping campaigns of the period, counted over the scope's hubs."""
    from repairlocale.needs.selectors import campaign_summaries

    people = _people_scope(scope)
    hub_ids = None
    if people and not scope.pilot_region:
        hub_ids = scope.hub_ids or ()
    return campaign_summaries(
        date_from=scope.date_from,
        date_to=scope.date_to,
        pilot_region=scope.pilot_region,
        hub_ids=hub_ids,
    )
