"""The dashboard charts: one table of figures per chart, drawn as a Vega-Lite spec.

Each chart is a ``Chart``: a title, typed columns and rows — the same rows feed
the Vega-Lite spec (rendered in the browser by static/dashboards/charts.js), the
accessible data table under it and the CSV download, so the three never differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from repairlocale.cases.selectors import ActivitySummary
from repairlocale.dashboards.selectors import InflowTable, RepairTable
from repairlocale.impact.selectors import ReuseImpact
from repairlocale.needs.selectors import CampaignSummary
from repairlocale.reuse.exports import Column


@dataclass
class Chart:
    slug: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    # Vega-Lite encoding: which column is x, which the value, which the colour.
    x: int = 0
    y: int = 1
    colour: int | None = None
    mark: str = "bar"
    note: str = ""
    # Bars side by side per colour instead of stacked (different units).
    grouped: bool = False
    keys: list[str] = field(default_factory=list)

    def spec(self) -> dict[str, Any]:
        keys = self.keys or [f"c{i}" for i in range(len(self.columns))]
        values = [
            {
                key: float(v) if isinstance(v, Decimal) else v
                for key, v in zip(keys, row, strict=True)
            }
            for row in self.rows
        ]
        x_type = "ordinal" if self.mark == "line" else "nominal"
        encoding: dict[str, Any] = {
            "x": {
                "field": keys[self.x],
                "type": x_type,
                "title": str(self.columns[self.x].header),
                "sort": None,
            },
            "y": {
                "field": keys[self.y],
                "type": "quantitative",
                "title": str(self.columns[self.y].header),
            },
            "tooltip": [
                {"field": k, "title": str(c.header)}
                for k, c in zip(keys, self.columns, strict=True)
            ],
        }
        if self.colour is not None:
            encoding["color"] = {
                "field": keys[self.colour],
                "type": "nominal",
                "title": str(self.columns[self.colour].header),
            }
            if self.grouped:
                encoding["xOffset"] = {"field": keys[self.colour]}
        return {
            "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "description": self.title,
            "width": "container",
            "height": 220,
            "data": {"values": values},
            "mark": {"type": self.mark, "tooltip": True, "point": self.mark == "line"},
            "encoding": encoding,
        }


def inflow_by_channel(table: InflowTable) -> Chart:
    rows = []
    for row in table.rows:
        other = row.appliances - row.sold - row.rejected
        rows.append([row.label, _("Sold"), row.sold])
        rows.append([row.label, _("Rejected at triage"), row.rejected])
        rows.append([row.label, _("Other (in progress, recycled)"), other])
    return Chart(
        slug="inflow-channel",
        title=_("Inflow per collection channel"),
        columns=[
            Column(_("Collection channel")),
            Column(_("Outcome")),
            Column(_("Appliances"), "int"),
        ],
        rows=rows,
        x=0,
        y=2,
        colour=1,
    )


def inflow_by_month(table: InflowTable) -> Chart:
    rows = []
    for row in table.rows:
        rows.append([row.label, _("Taken in"), row.appliances])
        rows.append([row.label, _("Sold"), row.sold])
    return Chart(
        slug="inflow-month",
        title=_("Appliances taken in and sold per month of intake"),
        columns=[
            Column(_("Month")),
            Column(_("Figure")),
            Column(_("Appliances"), "int"),
        ],
        rows=rows,
        x=0,
        y=2,
        colour=1,
        mark="line",
    )


def repairs_by_month(table: RepairTable) -> Chart:
    rows = []
    for row in table.rows:
        rows.append([row.label, _("Fixed"), row.fixed])
        rows.append([row.label, _("Repairable"), row.repairable])
        rows.append([row.label, _("End of life"), row.end_of_life])
        rows.append([row.label, _("Unknown"), row.unknown])
    return Chart(
        slug="repairs-month",
        title=_("Repairs per month and outcome"),
        columns=[
            Column(_("Month")),
            Column(_("Repair status")),
            Column(_("Repairs"), "int"),
        ],
        rows=rows,
        x=0,
        y=2,
        colour=1,
    )


def impact(repairs: RepairTable, reuse: ReuseImpact) -> Chart:
    total = repairs.total
    return Chart(
        slug="impact",
        title=_("Impact: repair and re-use apart"),
        columns=[
            Column(_("Route")),
            Column(_("Figure")),
            Column(_("kg"), "decimal"),
        ],
        rows=[
            [_("Repair"), _("Waste prevented (kg)"), total.waste_kg],
            [_("Repair"), _("CO2e prevented (kg)"), total.co2e_kg],
            [_("Re-use (sold)"), _("Waste prevented (kg)"), reuse.waste_kg],
            [_("Re-use (sold)"), _("CO2e prevented (kg)"), reuse.co2e_kg],
        ],
        x=1,
        y=2,
        colour=0,
        grouped=True,
        note=_("Methodology: %(name)s, version %(version)s.")
        % {
            "name": repairs.methodology.name,
            "version": repairs.methodology.version,
        },
    )


def activities_by_type(summary: ActivitySummary) -> Chart:
    return Chart(
        slug="activities-type",
        title=_("Published activities per type of activity"),
        columns=[
            Column(_("Type of activity")),
            Column(_("Activities"), "int"),
            Column(_("Participants reached"), "int"),
        ],
        rows=[[c.label, c.activities, c.participants] for c in summary.by_type],
        x=0,
        y=1,
    )


def activities_by_month(summary: ActivitySummary) -> Chart:
    return Chart(
        slug="activities-month",
        title=_("Published activities per month"),
        columns=[
            Column(_("Month")),
            Column(_("Activities"), "int"),
            Column(_("Participants reached"), "int"),
        ],
        rows=[[c.label, c.activities, c.participants] for c in summary.by_month],
        x=0,
        y=1,
    )


def response_percent(summary: CampaignSummary) -> Decimal | None:
    rate = summary.response_rate
    return None if rate is None else (Decimal(rate) * 100).quantize(Decimal("0.1"))


def main_needs_text(summary: CampaignSummary) -> str:
    return "; ".join(
        _("%(activity)s (score %(score)s)")
        % {"activity": need.activity.name, "score": need.demand}
        for need in summary.main_needs
    )


def campaigns(summaries: list[CampaignSummary]) -> Chart:
    return Chart(
        slug="campaigns",
        title=_("Needs-mapping campaigns: response per campaign"),
        columns=[
            Column(_("Campaign")),
            Column(_("Deadline"), "date"),
            Column(_("Hubs invited"), "int"),
            Column(_("Hubs that answered"), "int"),
            Column(_("Answers submitted"), "int"),
            Column(_("Response rate (%)"), "decimal"),
            Column(_("Main needs found")),
        ],
        rows=[
            [
                s.campaign.name,
                timezone.localtime(s.campaign.deadline).date(),
                s.invited,
                s.responded,
                s.submitted,
                response_percent(s),
                main_needs_text(s),
            ]
            for s in summaries
        ],
        x=0,
        y=5,
        note=_(
            "Hubs of this scope invited to campaigns whose answering period overlaps "
            "the period. Main needs: the proposed activities with the highest demand "
            "score (strong interest counts twice, some interest once)."
        ),
    )
