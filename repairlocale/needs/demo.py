"""Demo needs mapping: "Behoeftenmapping 2023" (closed) and "Behoeftenmapping 2025"
(open) for the demo hubs, with answers that differ per hub. Idempotent."""

from __future__ import annotations

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from repairlocale.needs.models import (
    ActivityAnswer,
    Campaign,
    CampaignHub,
    CatalogueActivity,
    Interest,
    ResponseStatus,
    Stage,
    Timing,
)
from repairlocale.network.models import Hub

INVITATION_NL = (
    "Beste hub-coördinator,\n\nRepair&Share en Herw!n willen herstellen op de agenda "
    "van elke hub-regio zetten. Welke activiteiten spreken u aan, wanneer, en met "
    "welke partners? Het invullen duurt een kwartier; u kunt tussendoor stoppen."
)
INVITATION_EN = (
    "Dear hub coordinator,\n\nRepair&Share and Herw!n want to put repair on the "
    "agenda of every hub region. Which activities appeal to you, when, and with "
    "which partners? It takes a quarter of an hour; you can stop and come back."
)
# Hubs that have not answered the 2025 round yet, and those still at a draft.
NOT_STARTED = {"De Keet", "SCHOUDER"}
DRAFT = {"Hub Kempen+", "Genk (Alternatief)"}
INTERESTS = [
    Interest.NONE,
    Interest.SOME,
    Interest.SOME,
    Interest.STRONG,
    Interest.DOING,
]


def _pick(*parts: object) -> int:
    """A stable pseudo-random number from the names (same demo on every run)."""
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _answer(campaign_hub: CampaignHub, activities, year: int, *, stage_shift: int):
    hub = campaign_hub.hub.name
    for activity in activities:
        n = _pick(hub, activity.name_nl, year)
        interest = INTERESTS[n % len(INTERESTS)]
        ActivityAnswer.objects.update_or_create(
            campaign_hub=campaign_hub,
            activity=activity,
            defaults={
                "interest": interest,
                "timing": Timing.values[n // 7 % len(Timing.values)]
                if interest in (Interest.SOME, Interest.STRONG)
                else "",
                "partners": "Repair Café, OCMW" if n % 3 == 0 else "",
                "barriers": "Te weinig vrijwilligers" if n % 4 == 0 else "",
            },
        )
    base = 1 if hub in ("Circular Hub Brugge", "Smart Loops", "C3000") else 0
    rank = min(len(Stage.values) - 1, base + _pick(hub, "stage") % 2 + stage_shift)
    campaign_hub.stage = Stage.values[rank]
    campaign_hub.stage_comment = (
        "Herstellen staat in het regionale actieplan." if rank >= 3 else ""
    )


@transaction.atomic
def seed(*, today: datetime.date) -> str:
    hubs = list(Hub.objects.filter(is_demo=True).order_by("name"))
    if not hubs:
        return "needs: no demo hubs (run the network demo first)"
    activities = list(CatalogueActivity.objects.filter(is_active=True))
    tz = timezone.get_current_timezone()
    rounds = [
        ("Behoeftenmapping 2023", datetime.datetime(2023, 6, 30, 17, 0, tzinfo=tz), 0),
        (
            "Behoeftenmapping 2025",
            datetime.datetime.combine(
                today + datetime.timedelta(days=21), datetime.time(17, 0), tzinfo=tz
            ),
            1,
        ),
    ]
    previous = None
    answered = 0
    for name, deadline, shift in rounds:
        campaign, _created = Campaign.objects.get_or_create(
            name=name,
            defaults={
                "deadline": deadline,
                "invitation_nl": INVITATION_NL,
                "invitation_en": INVITATION_EN,
                "invited_at": deadline - datetime.timedelta(days=30),
                "previous": previous,
                "is_demo": True,
            },
        )
        campaign.activities.set(activities)
        for hub in hubs:
            ch, _ = CampaignHub.objects.get_or_create(
                campaign=campaign,
                hub=hub,
                defaults={"invited_at": campaign.invited_at},
            )
            if shift and hub.name in NOT_STARTED:
                continue
            _answer(ch, activities, deadline.year, stage_shift=shift)
            draft = shift and hub.name in DRAFT
            ch.status = ResponseStatus.DRAFT if draft else ResponseStatus.SUBMITTED
            ch.last_saved_at = campaign.invited_at + datetime.timedelta(days=5)
            ch.submitted_at = None if draft else ch.last_saved_at
            ch.save()
            answered += 1
        previous = campaign
    return (
        f"needs: 2 campaigns for {len(hubs)} hubs, {len(activities)} activities, "
        f"{answered} hub answers"
    )
