"""Reads of the hergebruikfiche: work queues and next steps."""

from __future__ import annotations

from django.db.models import Count

from repairlocale.network.models import Organisation
from repairlocale.reuse.models import Appliance, ApplianceStatus, StepKind

S = ApplianceStatus
K = StepKind

# What is sensible to record next, per status; the first is shown as the big form.
NEXT_STEPS: dict[str, list[str]] = {
    S.AWAITING_TRIAGE: [K.TRIAGE],
    S.AWAITING_SAFETY_TEST: [K.SAFETY_TEST, K.FUNCTIONAL_TEST, K.REPAIR, K.CLEANING],
    S.AWAITING_REPAIR: [K.REPAIR, K.SAFETY_TEST, K.FUNCTIONAL_TEST],
    S.AWAITING_CRITERIA: [
        K.CRITERIA_CHECK,
        K.FUNCTIONAL_TEST,
        K.DATA_WIPE,
        K.CLEANING,
        K.REPAIR,
    ],
    S.READY_FOR_PRICING: [K.PRICING, K.CLEANING],
    S.FOR_SALE: [K.SALE, K.PRICING],
    S.TO_RECYCLE: [K.RECYCLING, K.PARTS_HARVEST],
}

# The work queues shown on a centre's page, in workshop order.
QUEUES = [
    S.AWAITING_TRIAGE,
    S.AWAITING_SAFETY_TEST,
    S.AWAITING_REPAIR,
    S.AWAITING_CRITERIA,
    S.READY_FOR_PRICING,
    S.FOR_SALE,
    S.TO_RECYCLE,
]


def queue_counts(*, organisation: Organisation, site_id: int | None = None) -> dict:
    """Open appliances per status for one centre (and site): one grouped query."""
    qs = Appliance.objects.filter(organisation=organisation, status__in=QUEUES)
    if site_id:
        qs = qs.filter(site_id=site_id)
    # count(*), not count(id): PostgreSQL answers from the (organisation, status, …)
    # index alone, without visiting a table row per appliance.
    counts = dict(qs.values_list("status").annotate(n=Count("*")).order_by())
    return {status: counts.get(status, 0) for status in QUEUES}
