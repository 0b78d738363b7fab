"""The funder report: every figure of a period, as one JSON snapshot.

The report for the Departement Werk en Sociale Economie is built in two steps:
``report_snapshot`` reads the figures (from the same dashboard selectors and
chart builders as the dashboards, so the two never disagree) into plain JSON, and
``report_files`` renders the PDF and XLSX from that snapshot alone. The snapshot is
kept on the ``FunderReport`` row: what was sent to the funder can be shown again
and compared with a regeneration.

Snapshot values are JSON: integers, floats (shares, 0 to 1), decimals as strings
(exact to the cent), dates as ISO strings. Each table names its columns' kinds,
which say how to read the values back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from repairlocale.dashboards import charts, selectors
from repairlocale.dashboards.models import FunderReport
from repairlocale.dashboards.selectors import Scope
from repairlocale.impact.models import Methodology
from repairlocale.network.models import Organisation, Partnership
from repairlocale.reuse.exports import Column
from repairlocale.reuse.inflow import InflowFigures

SNAPSHOT_VERSION = 1
Progress = Callable[[int], None]


# --- JSON values --------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """A snapshot value: Decimals as strings (exact), dates as ISO, labels as text."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, float):
        return round(value, 6)
    return value


def from_json(value: Any, kind: str) -> Any:
    """The typed value of a snapshot cell, by its column kind."""
    if value is None:
        return None
    if kind in ("decimal", "money"):
        return Decimal(str(value))
    if kind == "int":
        return int(value)
    if kind in ("percent", "days"):
        return float(value)
    if kind == "date":
        return date.fromisoformat(value)
    return str(value)


@dataclass
class Table:
    """One table of a section: its columns and rows (the last one the total)."""

    title: str
    columns: list[Column]
    rows: list[list[Any]]
    has_total: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "title": str(self.title),
            "columns": [[str(c.header), c.kind] for c in self.columns],
            "rows": [[to_json(v) for v in row] for row in self.rows],
            "has_total": self.has_total,
        }


def chart_json(chart: charts.Chart) -> dict[str, Any]:
    """A dashboard chart as snapshot data; ``report_files`` rebuilds the Chart."""
    return {
        "slug": chart.slug,
        "title": str(chart.title),
        "columns": [[str(c.header), c.kind] for c in chart.columns],
        "rows": [[to_json(v) for v in row] for row in chart.rows],
        "x": chart.x,
        "y": chart.y,
        "colour": chart.colour,
        "mark": chart.mark,
        "grouped": chart.grouped,
        "note": str(chart.note),
    }


def _section(
    key: str,
    title: str,
    *,
    sheet: str,
    tables: list[Table],
    charts_: list[charts.Chart] | None = None,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "key": key,
        "title": str(title),
        # The XLSX sheet's name: Excel allows 31 characters.
        "sheet": str(sheet)[:31],
        "tables": [t.as_json() for t in tables],
        "charts": [chart_json(c) for c in charts_ or []],
        "notes": [str(n) for n in notes or []],
    }


# --- Scope --------------------------------------------------------------------------


def organisation_ids(region: str) -> tuple[int, ...] | None:
    """The organisations of a pilot region; None for the whole project (all)."""
    if region == FunderReport.Region.PROJECT:
        return None
    return tuple(
        Organisation.objects.filter(pilot_region=region)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def region_label(region: str) -> str:
    return str(FunderReport.Region(region).label)


# --- Sections -------------------------------------------------------------------------


def _partnerships(date_from: date, date_to: date, region: str) -> dict[str, Any]:
    """Partnerships (organisation x hub) active at some point of the period."""
    qs = (
        Partnership.objects.for_list()
        .filter(start_date__lte=date_to)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date_from))
    )
    if region != FunderReport.Region.PROJECT:
        qs = qs.filter(
            Q(organisation__pilot_region=region) | Q(hub__pilot_region=region)
        )
    rows = [
        [
            p.hub.name,
            p.organisation.name,
            p.get_role_display(),
            p.start_date,
            p.end_date,
        ]
        for p in qs.order_by("hub__name", "organisation__name", "start_date", "pk")
    ]
    started = sum(1 for p in qs if p.start_date >= date_from)
    summary = Table(
        _("Partnerships in figures"),
        [Column(_("Figure")), Column(_("Number"), "int")],
        [
            [_("Partnerships active in the period"), len(rows)],
            [_("Of which started in the period"), started],
            [_("Hubs involved"), len({r[0] for r in rows})],
            [_("Organisations involved"), len({r[1] for r in rows})],
        ],
    )
    listing = Table(
        _("Partnerships"),
        [
            Column(_("Hub")),
            Column(_("Organisation")),
            Column(_("Role")),
            Column(_("From"), "date"),
            Column(_("Until"), "date"),
        ],
        rows,
    )
    activity_summary, activities = _activities(date_from, date_to, region)
    return _section(
        "partnerships",
        _("Activities and partnerships"),
        sheet=_("Activities and partnerships"),
        tables=[
            summary,
            listing,
            activity_summary,
            activities,
            _activities_by_type(date_from, date_to, region),
        ],
        notes=[
            _(
                "Partnerships between organisations and hubs that were active at some "
                "point in the period."
            ),
            _(
                "Activities: the published activities of the case library carried out "
                "in the period."
            ),
        ],
    )


def _in_english() -> bool:
    return (get_language() or "nl").startswith("en")


def _activities(date_from: date, date_to: date, region: str) -> tuple[Table, Table]:
    """Published activities carried out in the period, by hubs or organisations."""
    from repairlocale.cases.models import Activity

    qs = Activity.objects.published().filter(date__range=(date_from, date_to))
    if region != FunderReport.Region.PROJECT:
        qs = qs.in_region(region)
    english = _in_english()
    rows = []
    for activity in qs.for_list().order_by("date", "title", "pk"):
        kind = activity.activity_type
        rows.append(
            [
                activity.date,
                activity.title,
                activity.owner_name,
                (kind.name_en if english and kind.name_en else kind.name_nl),
                activity.get_target_group_display(),
                activity.participants,
            ]
        )
    summary = Table(
        _("Activities in figures"),
        [Column(_("Figure")), Column(_("Number"), "int")],
        [
            [_("Activities carried out"), len(rows)],
            [_("Participants reached"), sum(r[5] or 0 for r in rows)],
            [
                _("Hubs and organisations that held activities"),
                len({r[2] for r in rows}),
            ],
        ],
    )
    listing = Table(
        _("Activities"),
        [
            Column(_("Date"), "date"),
            Column(_("Activity")),
            Column(_("Carried out by")),
            Column(_("Type of activity")),
            Column(_("Target group")),
            Column(_("Participants"), "int"),
        ],
        rows,
    )
    return summary, listing


def _activities_by_type(date_from: date, date_to: date, region: str) -> Table:
    """The dashboards' activities chart: published activities per type."""
    from repairlocale.cases.selectors import activity_summary

    scope = {} if region == FunderReport.Region.PROJECT else {"pilot_region": region}
    summary = activity_summary(date_from=date_from, date_to=date_to, **scope)
    return Table(
        _("Activities per type of activity"),
        [
            Column(_("Type of activity")),
            Column(_("Activities"), "int"),
            Column(_("Participants reached"), "int"),
        ],
        [[c.label, c.activities, c.participants] for c in summary.by_type],
    )


def _campaign_results(date_from: date, date_to: date, region: str) -> Table:
    """The dashboards' campaign results: response and main needs per campaign."""
    from repairlocale.needs.selectors import campaign_summaries

    summaries = campaign_summaries(
        date_from=date_from,
        date_to=date_to,
        pilot_region="" if region == FunderReport.Region.PROJECT else region,
    )
    return Table(
        _("Campaign results"),
        [
            Column(_("Campaign")),
            Column(_("Hubs invited"), "int"),
            Column(_("Hubs that answered"), "int"),
            Column(_("Response rate"), "percent"),
            Column(_("Main needs found")),
        ],
        [
            [
                s.campaign.name,
                s.invited,
                s.responded,
                s.response_rate,
                charts.main_needs_text(s),
            ]
            for s in summaries
        ],
    )


def _lessons(date_to: date, region: str) -> dict[str, Any]:
    """Success and failure factors of the published cases, known by the period's end."""
    from repairlocale.cases.models import Case, Factor

    cases = Case.objects.published().filter(published_at__date__lte=date_to)
    if region != FunderReport.Region.PROJECT:
        cases = cases.in_region(region)
    factors = (
        Factor.objects.filter(case__in=cases.values("pk"))
        .select_related("case__hub", "case__organisation")
        .order_by("theme", "kind", "case__title", "pk")
    )
    rows = [
        [
            f.get_theme_display(),
            f.get_kind_display(),
            f.factor,
            f.recommendation,
            f.case.title,
            f.case.get_pilot_region_display() or "–",
        ]
        for f in factors
    ]
    success = sum(1 for f in factors if f.kind == Factor.Kind.SUCCESS)
    summary = Table(
        _("Lessons in figures"),
        [Column(_("Figure")), Column(_("Number"), "int")],
        [
            [_("Published cases"), len({f.case_id for f in factors})],
            [_("Success factors"), success],
            [_("Failure factors"), len(rows) - success],
        ],
    )
    listing = Table(
        _("Success and failure factors"),
        [
            Column(_("Theme")),
            Column(_("Kind")),
            Column(_("Factor")),
            Column(_("Recommendation")),
            Column(_("Case")),
            Column(_("Pilot region")),
        ],
        rows,
    )
    return _section(
        "lessons",
        _("Lessons learned"),
        sheet=_("Lessons learned"),
        tables=[summary, listing],
        notes=[
            _(
                "The success and failure factors of the published cases, as the pilot "
                "regions shared them."
            )
        ],
    )


def _needs(date_from: date, date_to: date, region: str) -> dict[str, Any]:
    """Needs-mapping campaigns that ran in the period: response, interest, stage."""
    from repairlocale.needs.models import Campaign, Interest, ResponseStatus, Stage
    from repairlocale.needs.models.campaigns import DEMAND_WEIGHT
    from repairlocale.needs.selectors import campaign_results

    campaigns = (
        Campaign.objects.filter(invited_at__isnull=False)
        .filter(invited_at__date__lte=date_to, deadline__date__gte=date_from)
        .order_by("deadline", "pk")
    )
    overview, demand, stages = [], [], None
    for campaign in campaigns:
        results = campaign_results(campaign)
        rows = [
            row
            for row in results.heatmap
            if region == FunderReport.Region.PROJECT
            or row.campaign_hub.hub.pilot_region == region
        ]
        hubs = [row.campaign_hub for row in rows]
        overview.append(
            [
                campaign.name,
                timezone.localtime(campaign.deadline).date(),
                len(hubs),
                sum(1 for h in hubs if h.status != ResponseStatus.NOT_STARTED),
                sum(1 for h in hubs if h.status == ResponseStatus.SUBMITTED),
            ]
        )
        for index, activity in enumerate(results.activities):
            counts = dict.fromkeys(Interest.values, 0)
            for row in rows:
                interest = row.cells[index].interest
                if interest:
                    counts[interest] += 1
            score = sum(DEMAND_WEIGHT[Interest(k)] * n for k, n in counts.items())
            demand.append(
                [
                    campaign.name,
                    activity.name,
                    counts[Interest.STRONG],
                    counts[Interest.SOME],
                    counts[Interest.DOING],
                    counts[Interest.NONE],
                    score,
                ]
            )
        # The stage of repair on the agenda: as the latest campaign found it.
        stages = [
            [label, sum(1 for h in hubs if h.stage == value)]
            for value, label in Stage.choices
        ]
    demand.sort(key=lambda r: (r[0], -r[6], -r[2], str(r[1]).casefold()))
    tables = [
        Table(
            _("Needs-mapping campaigns"),
            [
                Column(_("Campaign")),
                Column(_("Deadline"), "date"),
                Column(_("Hubs invited"), "int"),
                Column(_("Hubs that answered"), "int"),
                Column(_("Answers submitted"), "int"),
            ],
            overview,
        ),
        Table(
            _("Interest per proposed activity"),
            [
                Column(_("Campaign")),
                Column(_("Proposed activity")),
                Column(_("Strong interest"), "int"),
                Column(_("Some interest"), "int"),
                Column(_("Already doing it"), "int"),
                Column(_("No interest"), "int"),
                Column(_("Demand score"), "int"),
            ],
            demand,
        ),
        Table(
            _("Repair on the agenda of the hub regions"),
            [Column(_("Stage")), Column(_("Hubs"), "int")],
            stages or [],
        ),
        _campaign_results(date_from, date_to, region),
    ]
    return _section(
        "needs",
        _("Needs-mapping results"),
        sheet=_("Needs mapping"),
        tables=tables,
        notes=[
            _(
                "Campaigns whose answering period overlaps the report's period. The "
                "demand score counts strong interest twice and some interest once; "
                "hubs already doing an activity add none."
            ),
            _("The stage of each hub region is the one the latest campaign recorded."),
        ],
    )


def _inflow_row(figures: InflowFigures) -> list[Any]:
    return [
        figures.label,
        figures.appliances,
        figures.kg_in,
        figures.rejected,
        _ratio(figures.rejected_share),
        figures.sold,
        _ratio(figures.sold_share),
        figures.repaired,
        figures.fixed,
        _ratio(figures.repair_success_rate),
        figures.revenue,
        figures.kg_reused,
    ]


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


INFLOW_KINDS = [
    "text",
    "int",
    "decimal",
    "int",
    "percent",
    "int",
    "percent",
    "int",
    "int",
    "percent",
    "money",
    "decimal",
]


def _inflow(scope: Scope) -> dict[str, Any]:
    by_channel = selectors.inflow(scope, group_by="channel")
    by_month = selectors.inflow(scope, group_by="month")
    headers = [
        _("Collection channel"),
        _("Appliances in"),
        _("kg in"),
        _("Rejected at triage"),
        _("Share rejected"),
        _("Reached sale"),
        _("Share reaching sale"),
        _("With a repair"),
        _("Fixed"),
        _("Repair success rate"),
        _("Revenue (EUR)"),
        _("kg re-used"),
    ]
    columns = [Column(h, k) for h, k in zip(headers, INFLOW_KINDS, strict=True)]
    table = Table(
        _("Inflow per collection channel"),
        columns,
        [_inflow_row(r) for r in [*by_channel.rows, by_channel.total]],
        has_total=True,
    )
    return _section(
        "inflow",
        _("Inflow of electrical appliances"),
        sheet=_("Inflow"),
        tables=[table],
        charts_=[
            charts.inflow_by_channel(by_channel),
            charts.inflow_by_month(by_month),
        ],
        notes=[
            _(
                "Appliances taken in by the reuse centres in the period (by intake "
                "date), with what became of them."
            )
        ],
    )


def _repairs(scope: Scope, methodology: Methodology) -> dict[str, Any]:
    by_month = selectors.repairs(scope, group_by="month", methodology=methodology)
    columns = [
        Column(_("Month")),
        Column(_("Repairs"), "int"),
        Column(_("Fixed"), "int"),
        Column(_("Repairable"), "int"),
        Column(_("End of life"), "int"),
        Column(_("Unknown"), "int"),
        Column(_("Success rate"), "percent"),
    ]
    rows = [
        [
            r.label,
            r.records,
            r.fixed,
            r.repairable,
            r.end_of_life,
            r.unknown,
            _ratio(r.success_rate),
        ]
        for r in [*by_month.rows, by_month.total]
    ]
    return _section(
        "repairs",
        _("Repairs"),
        sheet=_("Repairs"),
        tables=[Table(_("Repairs per month"), columns, rows, has_total=True)],
        charts_=[charts.repairs_by_month(by_month)],
        notes=[
            _(
                "Repair records of workshops and Repair Cafés (by event date); likely "
                "duplicates and workshop repairs of sold appliances are counted once."
            )
        ],
    )


def _training(date_from: date, date_to: date, region: str) -> dict[str, Any]:
    """Anonymised training figures: counts only, never a name."""
    from repairlocale.training.models import OutflowKind, TraineeStatus
    from repairlocale.training.selectors import (
        MIN_GROUP_SIZE,
        suppress_small_group,
        training_overview,
    )

    # The report leaves the platform: a group too small to stay anonymous gives
    # its head count only.
    figures = suppress_small_group(
        training_overview(
            pilot_region=None if region == FunderReport.Region.PROJECT else region,
            period=(date_from, date_to),
        )
    )
    rows: list[list[Any]] = [
        [_("Trainees active in the period"), figures["trainees"]],
        *(
            [_("Status: %(status)s") % {"status": label}, figures["by_status"][value]]
            for value, label in TraineeStatus.choices
        ),
        *(
            [_("Outflow: %(kind)s") % {"kind": label}, figures["outflow"][value]]
            for value, label in OutflowKind.choices
            if value
        ),
        [_("Trainees assessed"), figures["assessed_trainees"]],
        [_("Assessments"), figures["assessments"]],
        [_("Repairs by trainees"), figures["repairs"]],
        [_("Of which fixed"), figures["repairs_fixed"]],
        [_("Safety tests by trainees"), figures["safety_tests"]],
        [_("Training sessions attended"), figures["sessions_attended"]],
    ]
    return _section(
        "training",
        _("Trainees and outflow"),
        sheet=pgettext("sheet name", "Trainees"),
        tables=[
            Table(
                _("Target-group employees in training"),
                [Column(_("Figure")), Column(_("Number"), "int")],
                rows,
            )
        ],
        notes=[
            _(
                "Anonymised counts of the target-group employees trained in electrical "
                "repair; no names are included."
            ),
            *(
                [
                    _(
                        "Fewer than %(n)s trainees: only their number is shown, as "
                        "the other figures would describe people."
                    )
                    % {"n": MIN_GROUP_SIZE}
                ]
                if figures["suppressed"]
                else []
            ),
        ],
    )


def _impact(scope: Scope, methodology: Methodology) -> dict[str, Any]:
    repairs_table = selectors.repairs(scope, methodology=methodology)
    reuse = selectors.reuse_impact(scope, methodology=methodology)
    repair = repairs_table.total
    columns = [
        Column(_("Route")),
        Column(_("Items")),
        Column(_("Number"), "int"),
        Column(_("Waste prevented (kg)"), "decimal"),
        Column(_("CO2e prevented (kg)"), "decimal"),
    ]
    rows = [
        [
            _("Repair"),
            _("Fixed repairs"),
            repair.fixed,
            repair.waste_kg,
            repair.co2e_kg,
        ],
        [
            _("Re-use (sold)"),
            _("Appliances sold"),
            reuse.appliances,
            reuse.waste_kg,
            reuse.co2e_kg,
        ],
        [
            _("Total"),
            "",
            repair.fixed + reuse.appliances,
            repair.waste_kg + reuse.waste_kg,
            repair.co2e_kg + reuse.co2e_kg,
        ],
    ]
    method = Table(
        _("Methodology"),
        [Column(_("Figure")), Column(_("Value"))],
        [
            [_("Methodology"), methodology.name],
            [_("Version"), methodology.version],
            [
                _("Displacement factor"),
                number_format(methodology.displacement_factor, 3),
            ],
        ],
    )
    return _section(
        "impact",
        _("Impact"),
        sheet=_("Impact"),
        tables=[
            Table(_("Waste and CO2e prevented"), columns, rows, has_total=True),
            method,
        ],
        charts_=[charts.impact(repairs_table, reuse)],
        notes=[
            _("Methodology: %(name)s, version %(version)s.")
            % {"name": methodology.name, "version": methodology.version},
            _(
                "Repair: the Fixed repairs of the period (by event date). Re-use: the "
                "appliances the reuse centres sold in the period (by sale date)."
            ),
        ],
    )


# --- The data's timestamp -----------------------------------------------------------


def data_timestamp() -> datetime | None:
    """The latest change among the rows the report reads (None: no rows at all).

    Appliances and their steps, repair events and imports, partnerships, the
    methodologies, the trainees, the activities, cases and their factors: a report
    regenerated with the same timestamp read the same data.
    """
    from repairlocale.cases.models import Activity, Case, Factor
    from repairlocale.needs.models import ActivityAnswer, Campaign, CampaignHub
    from repairlocale.repairs.models import ImportBatch, RepairEvent
    from repairlocale.reuse.models import Appliance, Step
    from repairlocale.training.models import Trainee

    sources = [
        (Appliance, "updated_at"),
        (Step, "performed_at"),
        (RepairEvent, "created_at"),
        (ImportBatch, "finished_at"),
        (Partnership, "updated_at"),
        (Methodology, "updated_at"),
        (Trainee, "updated_at"),
        (Activity, "updated_at"),
        (Case, "updated_at"),
        (Factor, "updated_at"),
        (Campaign, "updated_at"),
        (CampaignHub, "updated_at"),
        (ActivityAnswer, "updated_at"),
    ]
    found = [model.objects.aggregate(t=Max(field))["t"] for model, field in sources]
    stamps = [t for t in found if t is not None]
    return max(stamps) if stamps else None


# --- The snapshot -----------------------------------------------------------------


def report_snapshot(
    *,
    date_from: date,
    date_to: date,
    region: str,
    methodology: Methodology,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every figure of the report, in the active language, as JSON.

    The same arguments on the same data give the same snapshot (no clock, no
    random order): this is what makes the report reproducible.
    """
    ids = organisation_ids(region)
    scope = Scope(date_from=date_from, date_to=date_to, organisation_ids=ids)
    builders: list[Callable[[], dict[str, Any]]] = [
        lambda: _partnerships(date_from, date_to, region),
        lambda: _needs(date_from, date_to, region),
        lambda: _inflow(scope),
        lambda: _repairs(scope, methodology),
        lambda: _training(date_from, date_to, region),
        lambda: _impact(scope, methodology),
        lambda: _lessons(date_to, region),
    ]
    sections = []
    for index, build in enumerate(builders, start=1):
        sections.append(build())
        if progress:
            # The figures are the first 70 %; the PDF and XLSX the rest.
            progress(10 + 60 * index // len(builders))
    return {
        "version": SNAPSHOT_VERSION,
        "period": [date_from.isoformat(), date_to.isoformat()],
        "region": region,
        "region_label": region_label(region),
        "organisations": list(ids) if ids is not None else None,
        "methodology": {
            "name": methodology.name,
            "slug": methodology.slug,
            "version": methodology.version,
        },
        "sections": sections,
    }


def snapshot_figure(snapshot: dict[str, Any], section: str, table: int = 0):
    """The typed rows of one table of a snapshot (tests and comparisons)."""
    for entry in snapshot["sections"]:
        if entry["key"] == section:
            data = entry["tables"][table]
            kinds = [kind for _header, kind in data["columns"]]
            return [
                [from_json(v, k) for v, k in zip(row, kinds, strict=True)]
                for row in data["rows"]
            ]
    raise KeyError(section)
