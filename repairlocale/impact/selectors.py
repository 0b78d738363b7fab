"""Impact figures: kg of waste and kg CO2e prevented, for any page or report.

Every page, export and command reads its figures from these selectors, so that
they never disagree. Each figure names the methodology version it was computed with.

How the SQL works: one aggregate query (one grouped query for a breakdown per
provider, group, organisation, category or year) joins each row to its category's
factor for the chosen methodology (a LEFT JOIN on the unique (methodology, category)
index) and sums the factor values with conditional aggregates. The per-item formula is
linear in the methodology's constants (displacement factor, emission ratios), so
SQL sums the category values and Python multiplies the sums by the constants, in
Decimal. That is the same figure as summing per item, and it stays exact to the
cent on SQLite, whose SQL arithmetic is floating point: each sum only adds values
with at most four decimals, so ``_four_places`` rounds it back to those four
decimals (Django returns a SQLite sum with 15 significant digits, float noise
included, e.g. 2478.83580000000 or 32059.7010000001).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, get_args

from django.db.models import (
    Aggregate,
    Count,
    DecimalField,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils.translation import get_language, gettext

from repairlocale.impact.models import CategoryFactor, Methodology
from repairlocale.network.models import Organisation
from repairlocale.repairs.models import (
    ProductCategory,
    RepairRecord,
    RepairRecordSource,
    RepairStatus,
)
from repairlocale.reuse.models import Appliance, ApplianceStatus

CENT = Decimal("0.01")
ZERO = Decimal(0)
# Wide enough for the sum of millions of rows; the four places are the factors' own.
_SUM = DecimalField(max_digits=30, decimal_places=4)


def _cents(value: Decimal) -> Decimal:
    """Round once, at the very end, half up (as people round money)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ImpactSummary:
    """Repair counts and what the Fixed ones prevented, under one methodology."""

    methodology_name: str
    methodology_version: str
    methodology_slug: str
    records: int
    fixed: int
    repairable: int
    end_of_life: int
    unknown: int
    waste_kg: Decimal
    co2e_kg: Decimal

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ReuseImpact:
    """Appliances sold by reuse centres and what their re-use prevented."""

    methodology_name: str
    methodology_version: str
    methodology_slug: str
    appliances: int
    waste_kg: Decimal
    co2e_kg: Decimal

    def as_dict(self) -> dict:
        return asdict(self)


def methodology_resolve(*, methodology: Methodology | str | None = None) -> Methodology:
    """The methodology to use: given, ``slug[:version]``, or the default.

    One query unless a Methodology instance is passed (then none). Raises
    Methodology.DoesNotExist when nothing matches.
    """
    if isinstance(methodology, Methodology):
        return methodology
    if methodology:
        return Methodology.objects.for_spec(methodology)
    return Methodology.objects.default()


def _with_factor(qs: QuerySet, methodology: Methodology) -> QuerySet:
    """Join each row's category factor for the methodology (NULL when it has none)."""
    return qs.annotate(
        factor=FilteredRelation(
            "product_category__impact_factors",
            condition=Q(product_category__impact_factors__methodology=methodology),
        )
    )


def repair_records_for_impact(
    *,
    provider: str | None = None,
    organisation_ids: Iterable[int] | None = None,
    since: date | None = None,
    until: date | None = None,
    sources: Iterable[str] | None = None,
    event_ids: Iterable[int] | None = None,
    repairer_ids: Iterable[int] | None = None,
) -> QuerySet[RepairRecord]:
    """The repair records the statistics count, filtered; no query until used.

    Left out: likely duplicates (the same repair published by another provider is
    counted once, on the original), and workshop repairs of appliances that were
    sold, which count in ``reuse_impact`` instead (never twice).
    """
    qs = RepairRecord.objects.filter(likely_duplicate_of__isnull=True)
    # LEFT JOINs step and appliance; rows without a workshop step pass untouched.
    qs = qs.exclude(
        source=RepairRecordSource.WORKSHOP,
        workshop_step__appliance__status=ApplianceStatus.SOLD,
    )
    if provider:
        qs = qs.filter(data_provider=provider)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    if since:
        qs = qs.filter(event_date__gte=since)
    if until:
        qs = qs.filter(event_date__lte=until)
    if sources is not None:
        qs = qs.filter(source__in=list(sources))
    if event_ids is not None:
        qs = qs.filter(event_id__in=list(event_ids))
    if repairer_ids is not None:
        qs = qs.filter(repairer_id__in=list(repairer_ids))
    return qs


# --- The one formula every repair figure comes from --------------------------------
# impact_summary (one row) and impact_breakdown (one row per group) read the same
# filtered, factor-joined queryset, aggregate it with the same expressions and turn
# the sums into figures with the same function: a page that shows both can never
# disagree with itself, and the rows of a breakdown add up to the summary.


def _impact_records(
    *, methodology: Methodology, **filters: Any
) -> QuerySet[RepairRecord]:
    """``repair_records_for_impact(**filters)``, each row joined to its factor."""
    return _with_factor(repair_records_for_impact(**filters), methodology)


def _impact_aggregates() -> dict[str, Aggregate]:
    """Counts per status, and the Fixed records' summed category values."""
    fixed = Q(repair_status=RepairStatus.FIXED)
    return {
        "records": Count("pk"),
        "fixed": Count("pk", filter=fixed),
        "repairable": Count("pk", filter=Q(repair_status=RepairStatus.REPAIRABLE)),
        "end_of_life": Count("pk", filter=Q(repair_status=RepairStatus.END_OF_LIFE)),
        "unknown": Count("pk", filter=Q(repair_status=RepairStatus.UNKNOWN)),
        "weight": Sum("factor__weight_kg", filter=fixed, output_field=_SUM),
        "footprint": Sum("factor__footprint_kg_co2e", filter=fixed, output_field=_SUM),
    }


@dataclass(frozen=True)
class _Figures:
    """An aggregate row as counts and unrounded kg (exact Decimals)."""

    records: int
    fixed: int
    repairable: int
    end_of_life: int
    unknown: int
    waste_kg: Decimal
    co2e_kg: Decimal


def _impact_figures(row: dict, methodology: Methodology) -> _Figures:
    """The methodology's formula applied to one aggregate row, without rounding.

    waste = sum of the Fixed records' category weights; CO2e = displacement factor x
    sum of their category footprints. Both are exact: the sums have four decimals,
    the displacement factor three, and Decimal multiplies without loss.
    """
    return _Figures(
        records=row["records"],
        fixed=row["fixed"],
        repairable=row["repairable"],
        end_of_life=row["end_of_life"],
        unknown=row["unknown"],
        waste_kg=_four_places(row["weight"]),
        co2e_kg=methodology.displacement_factor * _four_places(row["footprint"]),
    )


FOUR_PLACES = Decimal("0.0001")


def _four_places(total: Decimal | None) -> Decimal:
    """An SQL sum of four-decimal values, exact: without SQLite's float noise.

    The true sum has four decimals; SQLite's floating-point error stays many orders
    of magnitude below half of the fourth (0.00005) at any realistic total, so
    rounding to four places gives the exact sum (on PostgreSQL it already is).
    """
    return ZERO if total is None else total.quantize(FOUR_PLACES)


def impact_summary(
    *,
    methodology: Methodology | str | None = None,
    provider: str | None = None,
    organisation_ids: Iterable[int] | None = None,
    since: date | None = None,
    until: date | None = None,
    sources: Iterable[str] | None = None,
    event_ids: Iterable[int] | None = None,
    repairer_ids: Iterable[int] | None = None,
    use_rollups: bool = True,
) -> ImpactSummary:
    """Counts per repair status and the waste and CO2e the Fixed records prevented.

    For each Fixed record: waste = the category weight; CO2e = displacement factor x
    category footprint. A category without a value (Misc, weight and footprint 0)
    is counted but adds nothing: its formula needs the item's own weight, and
    RepairRecord has no weight column (ORDS v0.3 has none either), so "weight x
    emission ratio" is always 0 here. The methodology page states this limitation.

    SQL cost: one aggregate query (two when the default methodology has to be
    looked up), a single pass over the matching repair records with LEFT JOINs to
    the category factor (unique index on methodology, category) and to the workshop
    step and appliance (primary keys). Nothing is loaded into Python but one row.
    """
    method = methodology_resolve(methodology=methodology)
    if use_rollups and event_ids is None and repairer_ids is None:
        # The dashboard rollups hold these counts per day, organisation, category,
        # source and provider: the same figures (a test compares them), read from
        # a few thousand rows instead of every record.
        from repairlocale.dashboards.selectors import Scope
        from repairlocale.dashboards.selectors import impact_summary as from_rollups

        return from_rollups(
            Scope(
                date_from=since,
                date_to=until,
                organisation_ids=(
                    None if organisation_ids is None else tuple(organisation_ids)
                ),
                sources=None if sources is None else tuple(sources),
            ),
            methodology=method,
            provider=provider,
        )
    row = _impact_records(
        methodology=method,
        provider=provider,
        organisation_ids=organisation_ids,
        since=since,
        until=until,
        sources=sources,
        event_ids=event_ids,
        repairer_ids=repairer_ids,
    ).aggregate(**_impact_aggregates())
    figures = _impact_figures(row, method)
    return ImpactSummary(
        methodology_name=method.name,
        methodology_version=method.version,
        methodology_slug=method.slug,
        records=figures.records,
        fixed=figures.fixed,
        repairable=figures.repairable,
        end_of_life=figures.end_of_life,
        unknown=figures.unknown,
        waste_kg=_cents(figures.waste_kg),
        co2e_kg=_cents(figures.co2e_kg),
    )


# --- Breakdowns ---------------------------------------------------------------------

GroupBy = Literal[
    "data_provider", "group_identifier", "organisation", "product_category", "year"
]
GROUP_BY: tuple[GroupBy, ...] = get_args(GroupBy)


@dataclass(frozen=True)
class ImpactRow:
    """One group of a breakdown: its counts and what its Fixed records prevented.

    ``key`` is the grouped value (data provider, group identifier, organisation pk,
    ORDS category id or year; None for records without an organisation) and
    ``label`` its name for people. ``waste_kg`` and ``co2e_kg`` are rounded to the
    cent for display; ``waste_kg_exact`` and ``co2e_kg_exact`` are the unrounded
    figures a total must be summed from (see ``impact_breakdown``).
    """

    key: str | int | None
    label: str
    records: int
    fixed: int
    repairable: int
    end_of_life: int
    unknown: int
    waste_kg: Decimal
    co2e_kg: Decimal
    waste_kg_exact: Decimal
    co2e_kg_exact: Decimal


@dataclass(frozen=True)
class _Dimension:
    """How to group by one dimension: the columns, a row's key and label, its order.

    ``order`` sorts rows with the same number of records (in Python, after the
    query, so that both paths and both databases give the same order whatever
    their collation and NULL ordering); ``rollup`` says whether the dashboard
    rollups hold the dimension.
    """

    fields: tuple[str, ...]
    key: Callable[[dict], str | int | None]
    label: Callable[[dict], str]
    order: Callable[[ImpactRow], Any]
    rollup: bool = True


def _localised(name_nl: str, name_en: str) -> str:
    # As ProductCategory.name: the English name on English pages, else the Dutch.
    return name_en if (get_language() or "").startswith("en") else name_nl


def _category_label(row: dict) -> str:
    return _localised(
        row["product_category__name_nl"], row["product_category__name_en"]
    )


_DIMENSIONS: dict[str, _Dimension] = {
    "data_provider": _Dimension(
        fields=("data_provider",),
        key=lambda r: r["data_provider"],
        label=lambda r: r["data_provider"],
        order=lambda row: row.key,
    ),
    # Not in the rollups: grouped per day, category, source and provider, the
    # imported data sets' thousands of groups would make them as large as the
    # records themselves.
    "group_identifier": _Dimension(
        fields=("group_identifier",),
        key=lambda r: r["group_identifier"],
        label=lambda r: r["group_identifier"] or gettext("(no group)"),
        order=lambda row: row.key,
        rollup=False,
    ),
    "organisation": _Dimension(
        fields=("organisation__name", "organisation_id"),
        key=lambda r: r["organisation_id"],
        label=lambda r: r["organisation__name"] or gettext("(no organisation)"),
        # By name; records without an organisation after the organisations.
        order=lambda row: (row.key is None, row.label, row.key or 0),
    ),
    "product_category": _Dimension(
        fields=(
            "product_category__ords_id",
            "product_category__name_nl",
            "product_category__name_en",
        ),
        key=lambda r: r["product_category__ords_id"],
        label=_category_label,
        order=lambda row: row.key,
    ),
    "year": _Dimension(
        fields=("year",),
        key=lambda r: r["year"],
        label=lambda r: str(r["year"]),
        order=lambda row: row.key,
    ),
}


def _impact_row(key: Any, label: str, figures: _Figures) -> ImpactRow:
    return ImpactRow(
        key=key,
        label=label,
        records=figures.records,
        fixed=figures.fixed,
        repairable=figures.repairable,
        end_of_life=figures.end_of_life,
        unknown=figures.unknown,
        waste_kg=_cents(figures.waste_kg),
        co2e_kg=_cents(figures.co2e_kg),
        waste_kg_exact=figures.waste_kg,
        co2e_kg_exact=figures.co2e_kg,
    )


def impact_breakdown(
    *,
    group_by: GroupBy,
    methodology: Methodology | str | None = None,
    provider: str | None = None,
    since: date | None = None,
    until: date | None = None,
    organisation_ids: Iterable[int] | None = None,
    sources: Iterable[str] | None = None,
    event_ids: Iterable[int] | None = None,
    repairer_ids: Iterable[int] | None = None,
    limit: int | None = None,
    use_rollups: bool = True,
) -> list[ImpactRow]:
    """``impact_summary`` per data provider, group, organisation, category or year.

    The same records, the same sums and the same formula as ``impact_summary``,
    grouped; rows with the most records first (then by key; organisations by name,
    records without one last), at most ``limit`` of them. The year is the year of
    the repair (``event_date``).

    Totals: the counts of all rows add up to the summary's. Each row's kg are
    rounded to the cent on their own, so the rounded rows may add up to a few cents
    more or less than the total, as in any table of rounded figures. The totals row
    is therefore never the sum of the rounded rows: it is ``impact_summary`` with
    the same filters, which equals the sum of the rows' unrounded figures rounded
    once, ``_cents(sum(r.co2e_kg_exact for r in rows))``, to the cent (without a
    ``limit``). Both are exact Decimal sums of the same SQL sums, so they agree.

    Like ``impact_summary``, it reads the dashboard rollups (``use_rollups``) when
    they can answer: every dimension but the group identifier, and every filter but
    an event or a repairer (a test compares both paths). Otherwise it reads the
    records: one grouped query, the same single pass as ``impact_summary``'s raw
    path plus a join to the organisation or the category; one row per group comes
    back. Either way one more query looks up the default methodology when none is
    given.
    """
    try:
        dimension = _DIMENSIONS[group_by]
    except KeyError:
        raise ValueError(
            f"Cannot group by {group_by!r}; choose one of {', '.join(GROUP_BY)}."
        ) from None
    method = methodology_resolve(methodology=methodology)
    filters = {
        "provider": provider,
        "since": since,
        "until": until,
        "organisation_ids": organisation_ids,
        "sources": sources,
    }
    if use_rollups and dimension.rollup and event_ids is None and repairer_ids is None:
        rows = _breakdown_from_rollups(group_by, method, **filters)
    else:
        rows = _breakdown_from_records(
            dimension,
            group_by,
            method,
            event_ids=event_ids,
            repairer_ids=repairer_ids,
            **filters,
        )
    # Every row of a few thousand at most (the groups of the imported data sets),
    # sorted here rather than in SQL: the same order on both paths and databases.
    rows.sort(key=lambda row: (-row.records, dimension.order(row)))
    return rows if limit is None else rows[:limit]


def _breakdown_from_records(
    dimension: _Dimension, group_by: str, method: Methodology, **filters: Any
) -> list[ImpactRow]:
    """One grouped aggregate over the records (one pass, one row per group)."""
    qs = _impact_records(methodology=method, **filters)
    if group_by == "year":
        qs = qs.annotate(year=ExtractYear("event_date"))
    grouped = qs.values(*dimension.fields).annotate(**_impact_aggregates()).order_by()
    return [
        _impact_row(
            dimension.key(row), dimension.label(row), _impact_figures(row, method)
        )
        for row in grouped
    ]


def _breakdown_from_rollups(
    group_by: str,
    method: Methodology,
    *,
    provider: str | None,
    since: date | None,
    until: date | None,
    organisation_ids: Iterable[int] | None,
    sources: Iterable[str] | None,
) -> list[ImpactRow]:
    """The breakdown from the dashboard rollups: the same rows as from the records.

    ``dashboards.selectors.repair_groups`` sums the rollups' counts per group and
    category (they count the same records: likely duplicates and workshop repairs of
    sold appliances left out); the formula is then applied per category in Decimal,
    which is what the SQL sums of the raw path amount to, exactly.

    Queries: whether any slice is stale (and its refresh if so), the methodology's
    category values (memoised on the instance), one or two for the rollup rows
    (months, edge days), and the names of the organisations or categories.
    """
    from repairlocale.dashboards.selectors import (
        Scope,
        apply_methodology,
        methodology_factors,
        repair_groups,
    )

    scope = Scope(
        date_from=since,
        date_to=until,
        organisation_ids=None if organisation_ids is None else tuple(organisation_ids),
        sources=None if sources is None else tuple(sources),
    )
    groups = repair_groups(
        scope,
        group_by="category" if group_by == "product_category" else group_by,
        provider=provider,
    )
    factors = methodology_factors(method)
    labels = _rollup_labels(group_by, [g for g, f in groups.items() if f.records])
    rows = []
    for group, (key, label) in labels.items():
        figures = groups[group]
        apply_methodology(figures, factors, method)
        rows.append(
            _impact_row(
                key,
                label,
                _Figures(
                    records=figures.records,
                    fixed=figures.fixed,
                    repairable=figures.repairable,
                    end_of_life=figures.end_of_life,
                    unknown=figures.unknown,
                    waste_kg=figures.waste_kg_exact,
                    co2e_kg=figures.co2e_kg_exact,
                ),
            )
        )
    return rows


def _rollup_labels(group_by: str, groups: list[Any]) -> dict[Any, tuple[Any, str]]:
    """Each rollup group's key and label, as the raw path gives them (one query for
    organisations and categories, none otherwise)."""
    if group_by == "organisation":
        # 0 in the rollups: records without an organisation (NULL in the records).
        names = dict(
            Organisation.objects.filter(pk__in=[g for g in groups if g]).values_list(
                "pk", "name"
            )
        )
        return {
            g: (g, names[g]) if g else (None, gettext("(no organisation)"))
            for g in groups
        }
    if group_by == "product_category":
        return {
            pk: (ords_id, _localised(name_nl, name_en))
            for pk, ords_id, name_nl, name_en in ProductCategory.objects.filter(
                pk__in=groups
            ).values_list("pk", "ords_id", "name_nl", "name_en")
        }
    if group_by == "year":
        return {g: (g, str(g)) for g in groups}
    return {g: (g, g) for g in groups}


# --- One person's repairs -----------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One category or month of a person's repairs.

    ``minutes_known`` is how many of the records have a duration (workshop repairs
    whose step gives one); ``minutes_per_repair`` their mean, None when none has.
    """

    key: Any
    label: str
    records: int
    fixed: int
    repairable: int
    end_of_life: int
    unknown: int
    waste_kg: Decimal
    co2e_kg: Decimal
    minutes_known: int
    minutes_per_repair: Decimal | None

    @property
    def attempts(self) -> int:
        """Repairs with a result (Fixed, Repairable or End of life)."""
        return self.fixed + self.repairable + self.end_of_life

    @property
    def success_rate(self) -> float | None:
        """Fixed / attempts, as the Repair Café pages compute it; None without any."""
        return self.fixed / self.attempts if self.attempts else None

    @property
    def success_percent(self) -> int | None:
        rate = self.success_rate
        return None if rate is None else round(rate * 100)


@dataclass(frozen=True)
class RepairerHistory:
    methodology: Methodology
    total: HistoryRow
    categories: list[HistoryRow]
    months: list[HistoryRow]


HISTORY_SOURCES = (RepairRecordSource.WORKSHOP, RepairRecordSource.REPAIR_CAFE)


def repairer_records(
    *,
    repairer_id: int,
    organisation_ids: Iterable[int] | None = None,
    include_trainee_repairs: bool = False,
) -> QuerySet[RepairRecord]:
    """A person's workshop and Repair Café records, as the statistics count them.

    ``repair_records_for_impact`` with the person as repairer: likely duplicates and
    workshop repairs of appliances later sold (counted under re-use) are left out,
    exactly as on the statistics page. Repairs a trainee did (``trainee`` set) are
    the trainee's, shown in the training app to their coaches only: left out unless
    ``include_trainee_repairs`` (the trainee's own view of their history).
    """
    qs = repair_records_for_impact(
        organisation_ids=organisation_ids,
        sources=HISTORY_SOURCES,
        repairer_ids=[repairer_id],
    )
    if not include_trainee_repairs:
        qs = qs.filter(trainee__isnull=True)
    return qs


def repairer_history(
    *,
    repairer_id: int,
    organisation_ids: Iterable[int] | None = None,
    include_trainee_repairs: bool = False,
    methodology: Methodology | str | None = None,
) -> RepairerHistory:
    """How many, which categories, success rate, minutes per repair, per month.

    The records of ``repairer_records``, aggregated with the same expressions and
    formula as ``impact_summary`` and ``impact_breakdown`` (``_impact_aggregates``,
    ``_impact_figures``) plus the mean duration of the repairs that have one.
    Queries: the methodology (unless given), then three aggregates (total, per
    category, per month), one pass each over the person's records.
    """
    method = methodology_resolve(methodology=methodology)
    qs = _with_factor(
        repairer_records(
            repairer_id=repairer_id,
            organisation_ids=organisation_ids,
            include_trainee_repairs=include_trainee_repairs,
        ),
        method,
    )
    minutes = "workshop_step__duration_minutes"
    aggregates = {
        **_impact_aggregates(),
        "minutes_known": Count(minutes),
        "minutes_sum": Sum(minutes),
    }

    def row(values: dict, key: Any, label: str) -> HistoryRow:
        figures = _impact_figures(values, method)
        known = values["minutes_known"]
        mean = (
            (Decimal(values["minutes_sum"]) / known).quantize(
                Decimal("1"), rounding=ROUND_HALF_UP
            )
            if known
            else None
        )
        return HistoryRow(
            key=key,
            label=label,
            records=figures.records,
            fixed=figures.fixed,
            repairable=figures.repairable,
            end_of_life=figures.end_of_life,
            unknown=figures.unknown,
            waste_kg=_cents(figures.waste_kg),
            co2e_kg=_cents(figures.co2e_kg),
            minutes_known=known,
            minutes_per_repair=mean,
        )

    total = row(qs.aggregate(**aggregates), None, "")
    categories = [
        row(values, values["product_category__ords_id"], _category_label(values))
        for values in qs.values(
            "product_category__ords_id",
            "product_category__name_nl",
            "product_category__name_en",
        )
        .annotate(**aggregates)
        .order_by("-records", "product_category__ords_id")
    ]
    months = [
        row(values, values["month"], values["month"].strftime("%Y-%m"))
        for values in qs.annotate(month=TruncMonth("event_date"))
        .values("month")
        .annotate(**aggregates)
        .order_by("-month")
    ]
    return RepairerHistory(
        methodology=method, total=total, categories=categories, months=months
    )


def reuse_impact(
    *,
    methodology: Methodology | str | None = None,
    organisation_ids: Iterable[int] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> ReuseImpact:
    """Appliances sold by reuse centres in the period and what their re-use prevented.

    Reported apart from repairs: a sold appliance counts here once, and its
    workshop repair records are left out of ``impact_summary``. Waste = the
    appliance's own weight (it is weighed at intake); CO2e = displacement factor x
    category footprint, or, for a category without a value (Misc), the appliance's
    weight x the emission ratio (powered or unpowered) x displacement factor.
    The period is the sale date (``closed_on``).

    SQL cost: one aggregate query (two when the default methodology has to be
    looked up) over the sold appliances, using the status column's index, with a
    join to the product category and a LEFT JOIN to its factor.
    """
    method = methodology_resolve(methodology=methodology)
    qs = Appliance.objects.filter(status=ApplianceStatus.SOLD)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    if since:
        qs = qs.filter(closed_on__gte=since)
    if until:
        qs = qs.filter(closed_on__lte=until)
    has_value = Q(factor__footprint_kg_co2e__gt=0)
    no_value = Q(factor__footprint_kg_co2e__isnull=True) | Q(
        factor__footprint_kg_co2e=0
    )
    row = _with_factor(qs, method).aggregate(
        appliances=Count("pk"),
        weight=Sum("weight_kg", output_field=_SUM),
        footprint=Sum("factor__footprint_kg_co2e", filter=has_value, output_field=_SUM),
        misc_powered=Sum(
            "weight_kg",
            filter=no_value & Q(product_category__powered=True),
            output_field=_SUM,
        ),
        misc_unpowered=Sum(
            "weight_kg",
            filter=no_value & Q(product_category__powered=False),
            output_field=_SUM,
        ),
    )
    footprint = (
        (row["footprint"] or ZERO)
        + method.emission_ratio_powered * (row["misc_powered"] or ZERO)
        + method.emission_ratio_unpowered * (row["misc_unpowered"] or ZERO)
    )
    return ReuseImpact(
        methodology_name=method.name,
        methodology_version=method.version,
        methodology_slug=method.slug,
        appliances=row["appliances"],
        waste_kg=_cents(row["weight"] or ZERO),
        co2e_kg=_cents(method.displacement_factor * footprint),
    )


def methodology_factors(*, methodology: Methodology) -> list[CategoryFactor]:
    """The methodology's factors in ORDS order, with their categories (one query)."""
    return list(
        methodology.factors.select_related("product_category").order_by(
            "product_category__ords_id"
        )
    )


def categories_without_factor(*, methodology: Methodology) -> list[ProductCategory]:
    """ORDS categories the methodology gives no factor (they count as Misc)."""
    return list(
        ProductCategory.objects.exclude(
            impact_factors__methodology=methodology
        ).order_by("ords_id")
    )


# --- Equivalents people understand ---------------------------------------------
# Approximations to make kg CO2e concrete, never part of the methodology itself.


@dataclass(frozen=True)
class Equivalent:
    key: str
    kg_co2e_per_unit: Decimal
    source: str
    source_url: str


# An average new petrol car sold in the EU in 2017 emitted 121.6 g CO2/km in the
# official (NEDC laboratory) test: European Environment Agency, indicator "Average
# CO2 emissions from motor vehicles", assessment of the 2017 data. Real-world
# emissions are higher, so the distance shown is an upper bound.
CAR_KM = Equivalent(
    key="car_km",
    kg_co2e_per_unit=Decimal("0.1216"),
    source="European Environment Agency (EEA), indicator Average CO2 emissions "
    "from motor vehicles, 2017 data: new petrol cars 121.6 g CO2/km (NEDC test)",
    source_url="https://www.eea.europa.eu/data-and-maps/indicators/"
    "average-co2-emissions-from-motor-vehicles/assessment",
)
# A commonly cited figure: a mature tree absorbs about 48 lb (21.8 kg) of CO2 a
# year, as published by the Arbor Day Foundation (USA). Real trees vary widely
# with species, age and climate.
TREE_YEARS = Equivalent(
    key="tree_years",
    kg_co2e_per_unit=Decimal("21.8"),
    source="Arbor Day Foundation: a mature tree absorbs about 48 lb (21.8 kg) "
    "of CO2 per year (a commonly cited average)",
    source_url="https://www.arborday.org/",
)
EQUIVALENTS = (CAR_KM, TREE_YEARS)


def co2e_equivalents(*, co2e_kg: Decimal) -> dict[str, Decimal]:
    """kg CO2e expressed as km by car and years of a tree's uptake (rounded)."""
    return {
        e.key: (co2e_kg / e.kg_co2e_per_unit).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        for e in EQUIVALENTS
    }
