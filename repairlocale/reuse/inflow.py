"""Inflow quality: what each collection channel, site, municipality or month brings in.

How the pilots measure "qualitative inflow" (DESIGN.md §3 item 3): of the appliances
taken in, how many were rejected at triage and why, how many reached the shop, how
often a repair worked, how long an appliance took to sell and what it earned.

Every figure is computed from the appliance rows and their *effective* steps (a
corrected step no longer counts). A report costs two queries whatever the number of
appliances or groups: one grouped aggregate and one grouped distribution of days to
sale (for the median). Totals are summed in Python from the group rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from repairlocale.network.models import Organisation, PilotRegion
from repairlocale.repairs.models import ProductCategory, RepairStatus
from repairlocale.reuse.models import (
    REJECTION_CRITERIA,
    Appliance,
    ApplianceStatus,
    CollectionChannel,
    Step,
)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
# The regions compared side by side on the pilot page, in this order.
PILOT_REGIONS = [PilotRegion.BRUGGE, PilotRegion.VLAAMS_BRABANT]


class GroupBy(models.TextChoices):
    """The dimension the inflow figures are broken down by."""

    CHANNEL = "channel", gettext_lazy("Collection channel")
    SITE = "site", gettext_lazy("Collection site")
    MUNICIPALITY = "municipality", gettext_lazy("Source municipality")
    MONTH = "month", gettext_lazy("Month")
    CATEGORY = "category", gettext_lazy("Product category")


# --- Figures --------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100


def weighted_median(counts: Counter[int]) -> float | None:
    """The median of a distribution given as {value: how often}; None when empty."""
    n = sum(counts.values())
    if not n:
        return None
    # The two middle positions (equal when n is odd), 0-based.
    wanted = [(n - 1) // 2, n // 2]
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    return (found[0] + found[1]) / 2


@dataclass
class InflowFigures:
    """The inflow figures of one group (or of all groups: the totals row).

    Shares are over the appliances taken in (those still waiting for triage
    included); the repair success rate is over the appliances that had at least one
    effective repair step.
    """

    key: Any
    label: str
    appliances: int = 0
    kg_in: Decimal = ZERO
    rejected: int = 0
    reasons: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(REJECTION_CRITERIA, 0)
    )
    sold: int = 0
    repaired: int = 0
    fixed: int = 0
    revenue: Decimal = ZERO
    kg_reused: Decimal = ZERO
    days_to_sale: Counter[int] = field(default_factory=Counter)

    @property
    def rejected_share(self) -> float | None:
        return _share(self.rejected, self.appliances)

    @property
    def sold_share(self) -> float | None:
        return _share(self.sold, self.appliances)

    @property
    def repair_success_rate(self) -> float | None:
        return _share(self.fixed, self.repaired)

    @property
    def median_days_to_sale(self) -> float | None:
        return weighted_median(self.days_to_sale)

    # Percentages (0 to 100) for templates, which cannot multiply.
    @property
    def rejected_percent(self) -> float | None:
        return _percent(self.rejected_share)

    @property
    def sold_percent(self) -> float | None:
        return _percent(self.sold_share)

    @property
    def repair_success_percent(self) -> float | None:
        return _percent(self.repair_success_rate)

    @property
    def reason_counts(self) -> list[tuple[str, str, int]]:
        """(key, label, count) for every rejection criterion, in the decree's order."""
        return [
            (key, str(label), self.reasons.get(key, 0))
            for key, label in REJECTION_CRITERIA.items()
        ]

    def add(self, other: InflowFigures) -> None:
        """Add another group's figures to these (to build a totals row)."""
        self.appliances += other.appliances
        self.kg_in += other.kg_in
        self.rejected += other.rejected
        for key, count in other.reasons.items():
            self.reasons[key] = self.reasons.get(key, 0) + count
        self.sold += other.sold
        self.repaired += other.repaired
        self.fixed += other.fixed
        self.revenue += other.revenue
        self.kg_reused += other.kg_reused
        self.days_to_sale.update(other.days_to_sale)


@dataclass
class InflowReport:
    """Inflow figures per group, with a totals row."""

    group_by: str
    date_from: date
    date_to: date
    rows: list[InflowFigures]
    total: InflowFigures

    @property
    def group_label(self) -> str:
        return str(GroupBy(self.group_by).label)


@dataclass
class RegionReport:
    region: str
    label: str
    report: InflowReport


@dataclass
class PilotComparison:
    """The same inflow figures for each pilot region, to read side by side."""

    group_by: str
    date_from: date
    date_to: date
    regions: list[RegionReport]

    @property
    def group_label(self) -> str:
        return str(GroupBy(self.group_by).label)

    @property
    def groups(self) -> list[tuple[str, list[InflowFigures | None]]]:
        """(group label, [that group's figures in each region or None]) rows."""
        order: dict[Any, str] = {}
        for region in self.regions:
            for row in region.report.rows:
                order.setdefault(row.key, row.label)
        by_region = [{r.key: r for r in reg.report.rows} for reg in self.regions]
        keys = _sorted_keys(self.group_by, order)
        return [(order[k], [rows.get(k) for rows in by_region]) for k in keys]


# --- Dimensions -----------------------------------------------------------------


def _localised_name(nl: str | None, other: str | None, prefix: str) -> str:
    return other if other and (get_language() or "").startswith(prefix) else nl or ""


def _channel_label(row: dict) -> str:
    value = row["g_channel"]
    return (
        str(CollectionChannel(value).label)
        if value in CollectionChannel.values
        else value
    )


def _site_label(row: dict) -> str:
    return row["g_site_name"] or _("No site recorded")


def _municipality_label(row: dict) -> str:
    if row["g_municipality"] is None:
        return _("Unknown municipality")
    name = _localised_name(row["g_municipality_nl"], row["g_municipality_fr"], "fr")
    return f"{name} ({row['g_municipality_nis']})"


def _month_label(row: dict) -> str:
    return date_format(row["g_month"], "YEAR_MONTH_FORMAT")


def _category_label(row: dict) -> str:
    return _localised_name(row["g_category_nl"], row["g_category_en"], "en")


@dataclass(frozen=True)
class _Dimension:
    # Output name → field path or expression, passed to values().
    fields: dict[str, Any]
    key: str
    label: Any  # callable(row) -> str


DIMENSIONS: dict[str, _Dimension] = {
    GroupBy.CHANNEL: _Dimension(
        {"g_channel": F("channel")}, "g_channel", _channel_label
    ),
    GroupBy.SITE: _Dimension(
        {"g_site": F("site_id"), "g_site_name": F("site__name")}, "g_site", _site_label
    ),
    GroupBy.MUNICIPALITY: _Dimension(
        {
            "g_municipality": F("source_municipality_id"),
            "g_municipality_nis": F("source_municipality__nis_code"),
            "g_municipality_nl": F("source_municipality__name_nl"),
            "g_municipality_fr": F("source_municipality__name_fr"),
        },
        "g_municipality",
        _municipality_label,
    ),
    GroupBy.MONTH: _Dimension(
        {"g_month": TruncMonth("intake_date")}, "g_month", _month_label
    ),
    GroupBy.CATEGORY: _Dimension(
        {
            "g_category": F("product_category_id"),
            "g_category_nl": F("product_category__name_nl"),
            "g_category_en": F("product_category__name_en"),
        },
        "g_category",
        _category_label,
    ),
}


def _sorted_keys(group_by: str, labels: dict[Any, str]) -> list[Any]:
    """Months in time order, channels in their choice order, the rest by label."""
    keys = list(labels)
    if group_by == GroupBy.MONTH:
        return sorted(keys)
    if group_by == GroupBy.CHANNEL:
        order = {value: i for i, value in enumerate(CollectionChannel.values)}
        return sorted(keys, key=lambda k: order.get(k, len(order)))
    # Unknown site or municipality (key None) last.
    return sorted(keys, key=lambda k: (k is None, labels[k].casefold()))


# --- Queries --------------------------------------------------------------------


class DaysBetween(models.Func):
    """Whole days from one date column to another, computed by the database.

    Django's date subtraction on SQLite calls a Python function for every row;
    julianday() is native there, and PostgreSQL subtracts dates to an integer.
    """

    output_field = models.IntegerField()
    arity = 2
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def __init__(self, start: str, end: str) -> None:
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def latest_effective_value(kind: str, field_name: str) -> Subquery:
    """One value of the appliance's latest effective step of ``kind`` (NULL: none).

    Correlated subquery served by the (appliance, sequence) unique index.
    """
    return Subquery(
        Step.objects.effective()
        .filter(appliance=OuterRef("pk"), kind=kind)
        .order_by("-sequence")
        .values(field_name)[:1]
    )


def appliances_in(
    *,
    centres: Iterable[Organisation | int] | QuerySet[Organisation],
    date_from: date,
    date_to: date,
    channel: str = "",
    product_category: ProductCategory | int | None = None,
    pilot_region: str = "",
) -> QuerySet[Appliance]:
    """The appliances taken in by ``centres`` between the dates (both included).

    ``centres`` may be a queryset (used as a subquery, no extra query), a list of
    organisations or of their ids. No query is run here.
    """
    qs = Appliance.objects.filter(
        organisation__in=centres, intake_date__gte=date_from, intake_date__lte=date_to
    )
    if channel:
        qs = qs.filter(channel=channel)
    if product_category:
        qs = qs.filter(product_category=product_category)
    if pilot_region:
        qs = qs.filter(organisation__pilot_region=pilot_region)
    return qs


def _with_step_facts(qs: QuerySet[Appliance]) -> QuerySet[Appliance]:
    """Alias the facts of the latest effective steps, kept on the appliance row.

    The services store them with the status (``services.state_fields``), so the
    figures aggregate one row per appliance: no step is read.
    """
    return qs.alias(
        triage_passed=F("triage_result"),
        # The JSON list as text, matched on '"key"': portable across SQLite and
        # PostgreSQL and exact, as the keys are plain identifiers.
        triage_reasons=F("rejection_keys"),
        repair_outcome=F("last_repair_outcome"),
    )


def _aggregates() -> dict[str, Any]:
    rejected = Q(triage_passed=False)
    sold = Q(status=ApplianceStatus.SOLD)
    aggregates: dict[str, Any] = {
        "appliances": Count("pk"),
        "kg_in": Sum("weight_kg", default=ZERO),
        "rejected": Count("pk", filter=rejected),
        "sold": Count("pk", filter=sold),
        "repaired": Count("pk", filter=~Q(repair_outcome="")),
        "fixed": Count("pk", filter=Q(repair_outcome=RepairStatus.FIXED)),
        "revenue": Sum("sale_price", filter=sold, default=ZERO),
        "kg_reused": Sum("weight_kg", filter=sold, default=ZERO),
    }
    # step_record sets a triage's passed = not rejection_reasons, so a listed reason
    # is a rejection: testing passed again would cost one more subquery per reason.
    for key in REJECTION_CRITERIA:
        aggregates[f"reason__{key}"] = Count(
            "pk", filter=Q(triage_reasons__contains=f'"{key}"')
        )
    return aggregates


def _figures(
    qs: QuerySet[Appliance], *, group_by: str, extra: dict[str, Any] | None = None
) -> dict[tuple, InflowFigures]:
    """Figures per (extra keys…, group key): two queries.

    1. One grouped aggregate over the appliances of the period, served by the
       (organisation, intake_date, channel) index: the step facts are columns of
       the appliance row, so no step is read. Flanders-wide dashboards over years
       should still read a rollup (DESIGN.md §5).
    2. The sold appliances grouped by (group, days from intake to sale) with a
       count: at most one row per distinct number of days, so the median is exact
       and the transfer stays small however many appliances were sold.
    """
    dimension = DIMENSIONS[group_by]
    fields = {**(extra or {}), **dimension.fields}
    key_names = [*(extra or {}), dimension.key]

    def key_of(row: dict) -> tuple:
        return tuple(row[name] for name in key_names)

    result: dict[tuple, InflowFigures] = {}
    grouped = _with_step_facts(qs).values(**fields).annotate(**_aggregates()).order_by()
    for row in grouped:
        figures = InflowFigures(
            key=row[dimension.key],
            label=dimension.label(row),
            appliances=row["appliances"],
            # SQLite drops trailing zeros from sums; give every amount two decimals.
            kg_in=row["kg_in"].quantize(CENT),
            rejected=row["rejected"],
            reasons={k: row[f"reason__{k}"] for k in REJECTION_CRITERIA},
            sold=row["sold"],
            repaired=row["repaired"],
            fixed=row["fixed"],
            revenue=row["revenue"].quantize(CENT),
            kg_reused=row["kg_reused"].quantize(CENT),
        )
        result[key_of(row)] = figures

    distribution = (
        qs.filter(status=ApplianceStatus.SOLD, closed_on__isnull=False)
        .values(**fields, days=DaysBetween("intake_date", "closed_on"))
        # count(*), not count(id): PostgreSQL can then answer from the covering
        # work-queue index alone (the id is not in it).
        .annotate(n=Count("*"))
        .order_by()
    )
    for row in distribution:
        figures = result.get(key_of(row))
        if figures is not None:
            figures.days_to_sale[row["days"]] += row["n"]
    return result


def _report(
    figures: Iterable[InflowFigures], *, group_by: str, date_from: date, date_to: date
) -> InflowReport:
    by_key = {f.key: f for f in figures}
    keys = _sorted_keys(group_by, {k: f.label for k, f in by_key.items()})
    rows = [by_key[k] for k in keys]
    total = InflowFigures(key=None, label=_("Total"))
    for row in rows:
        total.add(row)
    return InflowReport(
        group_by=group_by, date_from=date_from, date_to=date_to, rows=rows, total=total
    )


def inflow_report(
    *,
    centres: Iterable[Organisation | int] | QuerySet[Organisation],
    date_from: date,
    date_to: date,
    group_by: str = GroupBy.CHANNEL,
    channel: str = "",
    product_category: ProductCategory | int | None = None,
    pilot_region: str = "",
    use_rollups: bool = True,
) -> InflowReport:
    """Inflow figures of ``centres`` per ``group_by`` for appliances taken in between
    ``date_from`` and ``date_to`` (both included), with a totals row.

    SQL cost: two queries (see ``_figures``), whatever the number of rows; the
    (organisation, intake_date, channel) index serves the period filter.

    Per channel, category or month the counts and sums come from the dashboard
    rollups (``use_rollups``; the same figures, a test compares them) and only the
    sold appliances are read, for the median days to sale.
    """
    if use_rollups and group_by in ROLLUP_GROUPS:
        return _report_from_rollups(
            centres=centres,
            date_from=date_from,
            date_to=date_to,
            group_by=group_by,
            channel=channel,
            product_category=product_category,
            pilot_region=pilot_region,
        )
    qs = appliances_in(
        centres=centres,
        date_from=date_from,
        date_to=date_to,
        channel=channel,
        product_category=product_category,
        pilot_region=pilot_region,
    )
    figures = _figures(qs, group_by=group_by)
    return _report(
        figures.values(), group_by=group_by, date_from=date_from, date_to=date_to
    )


# The breakdowns the dashboard rollups hold (their key: organisation, day,
# product category, channel).
ROLLUP_GROUPS = (GroupBy.CHANNEL, GroupBy.CATEGORY, GroupBy.MONTH)


def _report_from_rollups(
    *,
    centres,
    date_from: date,
    date_to: date,
    group_by: str,
    channel: str,
    product_category,
    pilot_region: str,
) -> InflowReport:
    from repairlocale.dashboards.selectors import Scope, inflow

    if isinstance(centres, QuerySet):
        ids = list(centres.values_list("pk", flat=True))
    else:
        ids = [c if isinstance(c, int) else c.pk for c in centres]
    if pilot_region:
        ids = list(
            Organisation.objects.filter(
                pk__in=ids, pilot_region=pilot_region
            ).values_list("pk", flat=True)
        )
    category_id = getattr(product_category, "pk", product_category) or None
    table = inflow(
        Scope(
            date_from=date_from,
            date_to=date_to,
            organisation_ids=tuple(ids),
            product_category_id=category_id,
            channel=channel,
        ),
        group_by=str(group_by),
    )
    by_key = {row.key: row for row in table.rows}
    dimension = DIMENSIONS[group_by]
    sold = appliances_in(
        centres=ids,
        date_from=date_from,
        date_to=date_to,
        channel=channel,
        product_category=product_category,
    ).filter(status=ApplianceStatus.SOLD, closed_on__isnull=False)
    distribution = (
        sold.values(**dimension.fields, days=DaysBetween("intake_date", "closed_on"))
        .annotate(n=Count("*"))  # count(*): an index-only scan on PostgreSQL
        .order_by()
    )
    for row in distribution:
        key = row[dimension.key]
        if hasattr(key, "date") and not isinstance(key, date):
            key = key.date()
        figures = by_key.get(key)
        if figures is not None:
            figures.days_to_sale[row["days"]] += row["n"]
    return _report(
        by_key.values(), group_by=group_by, date_from=date_from, date_to=date_to
    )


def compare_pilot_regions(
    *,
    centres: Iterable[Organisation | int] | QuerySet[Organisation] | None = None,
    date_from: date,
    date_to: date,
    group_by: str = GroupBy.CHANNEL,
    channel: str = "",
    product_category: ProductCategory | int | None = None,
    regions: Sequence[str] = PILOT_REGIONS,
) -> PilotComparison:
    """The inflow figures of Brugge and Vlaams-Brabant side by side.

    ``centres`` restricts the data (e.g. to the centres a user may see); None takes
    every reuse centre. Each region's report has its own rows per ``group_by`` and
    its own totals.

    SQL cost: the same two queries as ``inflow_report``, grouped by region too.
    """
    if centres is None:
        centres = Organisation.objects.filter(type=Organisation.Type.REUSE_CENTRE)
    qs = appliances_in(
        centres=centres,
        date_from=date_from,
        date_to=date_to,
        channel=channel,
        product_category=product_category,
    ).filter(organisation__pilot_region__in=regions)
    figures = _figures(
        qs, group_by=group_by, extra={"g_region": F("organisation__pilot_region")}
    )
    return PilotComparison(
        group_by=group_by,
        date_from=date_from,
        date_to=date_to,
        regions=[
            RegionReport(
                region=region,
                label=str(PilotRegion(region).label),
                report=_report(
                    (f for key, f in figures.items() if key[0] == region),
                    group_by=group_by,
                    date_from=date_from,
                    date_to=date_to,
                ),
            )
            for region in regions
        ],
    )
