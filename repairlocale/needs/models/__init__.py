"""Needs mapping: the activity catalogue, campaigns, and the hubs' answers."""

from repairlocale.needs.models.campaigns import (
    ActivityAnswer,
    Campaign,
    CampaignHub,
    Interest,
    ResponseStatus,
    Stage,
    Timing,
)
from repairlocale.needs.models.catalogue import CatalogueActivity, Effort, Theme

__all__ = [
    "ActivityAnswer",
    "Campaign",
    "CampaignHub",
    "CatalogueActivity",
    "Effort",
    "Interest",
    "ResponseStatus",
    "Stage",
    "Theme",
    "Timing",
]
