"""Campaign results: response status, the hub-by-activity heatmap, demand, stages.

Every figure is counted from the stored answers. A results page costs a fixed
number of queries whatever the number of hubs or activities.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from repairlocale.needs.models import (
    ActivityAnswer,
    Campaign,
    CampaignHub,
    CatalogueActivity,
    Interest,
    ResponseStatus,
    Stage,
)
from repairlocale.needs.models.campaigns import DEMAND_WEIGHT
from repairlocale.network.models import Hub

# CSS class per interest level (app css: needs/needs.css).
INTEREST_CLASS = {
    "": "heat-empty",
    Interest.NONE: "heat-none",
    Interest.SOME: "heat-some",
    Interest.STRONG: "heat-strong",
    Interest.DOING: "heat-doing",
}
STAGE_CLASS = {
    "": "stage-empty",
    **{value: f"stage-{rank}" for rank, value in enumerate(Stage.values, start=1)},
}


def campaign_hubs(campaign: Campaign) -> QuerySet[CampaignHub]:
    return campaign.campaign_hubs.select_related("hub__organisation").order_by(
        "hub__name"
    )


def campaign_activities(campaign: Campaign) -> list[CatalogueActivity]:
    return list(campaign.activities.order_by("theme", "order", "name_nl"))


@dataclass
class HeatCell:
    interest: str
    label: str
    css: str


@dataclass
class HeatRow:
    campaign_hub: CampaignHub
    cells: list[HeatCell]


@dataclass
class DemandRow:
    activity: CatalogueActivity
    counts: dict[str, int]
    answered: int
    demand: int


@dataclass
class Results:
    campaign: Campaign
    hubs: list[CampaignHub]
    activities: list[CatalogueActivity]
    heatmap: list[HeatRow]
    demand: list[DemandRow]
    status_counts: dict[str, int] = field(default_factory=dict)
    stage_counts: list[tuple[str, str, int, str]] = field(default_factory=list)

    @property
    def responded(self) -> int:
        return sum(1 for ch in self.hubs if ch.status != ResponseStatus.NOT_STARTED)


def _answers(campaign: Campaign) -> dict[tuple[int, int], ActivityAnswer]:
    rows = ActivityAnswer.objects.filter(campaign_hub__campaign=campaign).only(
        "campaign_hub_id", "activity_id", "interest"
    )
    return {(a.campaign_hub_id, a.activity_id): a for a in rows}


def campaign_results(campaign: Campaign) -> Results:
    """The results of a campaign (four queries)."""
    hubs = list(campaign_hubs(campaign))
    activities = campaign_activities(campaign)
    answers = _answers(campaign)
    labels = dict(Interest.choices)

    heatmap = []
    for ch in hubs:
        cells = []
        for activity in activities:
            answer = answers.get((ch.pk, activity.pk))
            interest = answer.interest if answer else ""
            cells.append(
                HeatCell(
                    interest=interest,
                    label=str(labels.get(interest, "")),
                    css=INTEREST_CLASS[interest],
                )
            )
        heatmap.append(HeatRow(campaign_hub=ch, cells=cells))

    demand = []
    for activity in activities:
        counts = Counter(
            answers[(ch.pk, activity.pk)].interest
            for ch in hubs
            if (ch.pk, activity.pk) in answers
            and answers[(ch.pk, activity.pk)].interest
        )
        demand.append(
            DemandRow(
                activity=activity,
                counts={value: counts.get(value, 0) for value in Interest.values},
                answered=sum(counts.values()),
                demand=sum(DEMAND_WEIGHT[Interest(k)] * n for k, n in counts.items()),
            )
        )
    demand.sort(
        key=lambda r: (
            -r.demand,
            -r.counts[Interest.STRONG],
            r.activity.name.casefold(),
        )
    )

    status_counts = Counter(ch.status for ch in hubs)
    stages = Counter(ch.stage for ch in hubs if ch.stage)
    return Results(
        campaign=campaign,
        hubs=hubs,
        activities=activities,
        heatmap=heatmap,
        demand=demand,
        status_counts={
            value: status_counts.get(value, 0) for value in ResponseStatus.values
        },
        stage_counts=[
            (value, str(label), stages.get(value, 0), STAGE_CLASS[value])
            for value, label in Stage.choices
        ],
    )


@dataclass
class StageChange:
    hub: Hub
    stage: str
    previous_stage: str | None

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label) if self.stage else ""

    @property
    def previous_label(self) -> str:
        return str(Stage(self.previous_stage).label) if self.previous_stage else ""

    @property
    def css(self) -> str:
        return STAGE_CLASS[self.stage or ""]

    @property
    def delta(self) -> int | None:
        now, before = Stage.rank(self.stage), Stage.rank(self.previous_stage or "")
        if now is None or before is None:
            return None
        return now - before


@dataclass
class DemandChange:
    activity: CatalogueActivity
    demand: int
    previous_demand: int | None

    @property
    def delta(self) -> int | None:
        if self.previous_demand is None:
            return None
        return self.demand - self.previous_demand


def stage_changes(campaign: Campaign, results: Results) -> list[StageChange]:
    """Each invited hub's stage now and in the previous campaign (one query)."""
    before: dict[int, str] = {}
    if campaign.previous_id:
        before = dict(
            CampaignHub.objects.filter(campaign_id=campaign.previous_id)
            .exclude(stage="")
            .values_list("hub_id", "stage")
        )
    return [
        StageChange(hub=ch.hub, stage=ch.stage, previous_stage=before.get(ch.hub_id))
        for ch in results.hubs
    ]


def demand_changes(campaign: Campaign, results: Results) -> list[DemandChange]:
    """Demand per activity now and in the previous campaign, same ranking order."""
    previous: dict[int, int] | None = None
    if campaign.previous is not None:
        previous = {
            row.activity.pk: row.demand
            for row in campaign_results(campaign.previous).demand
        }
    return [
        DemandChange(
            activity=row.activity,
            demand=row.demand,
            previous_demand=None if previous is None else previous.get(row.activity.pk),
        )
        for row in results.demand
    ]


def open_campaign_hubs_for(user) -> QuerySet[CampaignHub]:
    """Invitations of the hubs run by the user's organisations."""
    if not user.is_authenticated:
        return CampaignHub.objects.none()
    return (
        CampaignHub.objects.filter(
            hub__organisation__memberships__user=user,
            campaign__invited_at__isnull=False,
        )
        .select_related("campaign", "hub")
        .order_by("-campaign__deadline", "hub__name")
        .distinct()
    )


def hub_points(results: Results) -> list[dict]:
    """Each invited hub with a stage at the mean position of its municipalities
    (for the map); hubs without located municipalities are left out (one query)."""
    hub_ids = [ch.hub_id for ch in results.hubs]
    positions: dict[int, list[tuple[float, float]]] = {}
    for hub_id, lat, lon in Hub.municipalities.through.objects.filter(
        hub_id__in=hub_ids,
        municipality__latitude__isnull=False,
        municipality__longitude__isnull=False,
    ).values_list("hub_id", "municipality__latitude", "municipality__longitude"):
        positions.setdefault(hub_id, []).append((float(lat), float(lon)))
    points = []
    for ch in results.hubs:
        located = positions.get(ch.hub_id)
        if not located:
            continue
        points.append(
            {
                "name": ch.hub.name,
                "stage": ch.get_stage_display() if ch.stage else "",
                "css": STAGE_CLASS[ch.stage],
                "lat": round(sum(p[0] for p in located) / len(located), 5),
                "lon": round(sum(p[1] for p in located) / len(located), 5),
            }
        )
    return points


# --- Campaign results in a period (dashboards and the funder report) -------------


@dataclass
class CampaignNeed:
    """A proposed activity and how much the scope's hubs asked for it."""

    activity: CatalogueActivity
    strong: int
    some: int
    demand: int


@dataclass
class CampaignSummary:
    """One campaign, counted over the hubs of a scope (a region, some hubs)."""

    campaign: Campaign
    invited: int
    responded: int
    submitted: int
    main_needs: list[CampaignNeed]

    @property
    def response_rate(self) -> float | None:
        """Hubs that answered (a draft or submitted) per hub invited, 0 to 1."""
        return self.responded / self.invited if self.invited else None


def campaigns_in_period(date_from, date_to) -> QuerySet[Campaign]:
    """Campaigns whose answering period (invitation to deadline) overlaps the
    period; either bound may be None (open)."""
    qs = Campaign.objects.filter(invited_at__isnull=False)
    if date_to is not None:
        qs = qs.filter(invited_at__date__lte=date_to)
    if date_from is not None:
        qs = qs.filter(deadline__date__gte=date_from)
    return qs.order_by("deadline", "pk")


def campaign_summaries(
    *,
    date_from,
    date_to,
    hub_ids: tuple[int, ...] | None = None,
    pilot_region: str = "",
    main_needs: int = 3,
) -> list[CampaignSummary]:
    """The campaigns of the period that invited at least one hub of the scope,
    with the scope's response and its main needs (four queries).

    The scope: the hubs of ``pilot_region`` when given, else the hubs in
    ``hub_ids`` (None: every hub). Main needs: the proposed activities with the
    highest demand score (strong interest 2, some 1; ties by strong interest, then
    name), at most ``main_needs``, only those with some demand.
    """
    campaigns = {c.pk: c for c in campaigns_in_period(date_from, date_to)}
    invited = CampaignHub.objects.filter(campaign__in=list(campaigns))
    if pilot_region:
        invited = invited.filter(hub__pilot_region=pilot_region)
    elif hub_ids is not None:
        invited = invited.filter(hub_id__in=hub_ids)
    hubs = list(invited.values_list("pk", "campaign_id", "status"))
    counts: dict[int, Counter] = {}
    for _pk, campaign_id, status in hubs:
        counts.setdefault(campaign_id, Counter())[status] += 1
    answers = Counter(
        (campaign_id, activity_id, interest)
        for campaign_id, activity_id, interest in ActivityAnswer.objects.filter(
            campaign_hub__in=[pk for pk, _c, _s in hubs],
            interest__in=[Interest.STRONG, Interest.SOME],
        ).values_list("campaign_hub__campaign_id", "activity_id", "interest")
    )
    activities = CatalogueActivity.objects.in_bulk(
        {activity_id for _c, activity_id, _i in answers}
    )
    result = []
    for campaign_id, campaign in campaigns.items():
        status = counts.get(campaign_id)
        if not status:
            continue
        needs = []
        for activity_id, activity in activities.items():
            strong = answers[(campaign_id, activity_id, Interest.STRONG)]
            some = answers[(campaign_id, activity_id, Interest.SOME)]
            demand = DEMAND_WEIGHT[Interest.STRONG] * strong + (
                DEMAND_WEIGHT[Interest.SOME] * some
            )
            if demand:
                needs.append(CampaignNeed(activity, strong, some, demand))
        needs.sort(key=lambda n: (-n.demand, -n.strong, n.activity.name.casefold()))
        total = sum(status.values())
        result.append(
            CampaignSummary(
                campaign=campaign,
                invited=total,
                responded=total - status[ResponseStatus.NOT_STARTED],
                submitted=status[ResponseStatus.SUBMITTED],
                main_needs=needs[:main_needs],
            )
        )
    return result
