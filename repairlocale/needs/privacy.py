"""Personal data of the needs mapping (see repairlocale/core/privacy.py).

Answers belong to a hub, not a person; only who submitted them and who created a
campaign point to an account (anonymised on erasure).
"""

from __future__ import annotations

from repairlocale.core.privacy import Entry, iso, register
from repairlocale.needs.models import Campaign, CampaignHub


def export_person(user) -> dict:
    return {
        "answers_submitted": [
            {
                "campaign": ch.campaign.name,
                "hub": ch.hub.name,
                "submitted_at": iso(ch.submitted_at),
            }
            for ch in CampaignHub.objects.filter(submitted_by=user).select_related(
                "campaign", "hub"
            )
        ],
        "campaigns_created": list(
            Campaign.objects.filter(created_by=user).values_list("name", flat=True)
        ),
    }


register(
    "needs",
    entries=[
        Entry(
            "needs.CampaignHub",
            ("submitted_by",),
            purpose="campaign_answer",
            basis="legitimate_interest",
            retention="records",
            erasure="name_anonymised",
        ),
        Entry(
            "needs.Campaign",
            ("created_by",),
            purpose="campaign_answer",
            basis="legitimate_interest",
            retention="records",
            erasure="name_anonymised",
        ),
    ],
    export=export_person,
)
