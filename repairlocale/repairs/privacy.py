"""Personal data of the Repair Café logbook (see repairlocale/core/privacy.py).

Visitors are not registered; a problem text may hold a visitor's contact, which
ORDS exports replace by placeholders (repairs/exports.py).
"""

from __future__ import annotations

from repairlocale.core.privacy import Entry, iso, register
from repairlocale.repairs.models import ImportBatch, RepairRecord


def export_person(user) -> dict:
    return {
        "repairs_as_repairer": [
            {
                "date": iso(r.event_date),
                "organisation": r.organisation.name if r.organisation_id else None,
                "item": r.item_type or str(r.product_category),
                "status": r.repair_status,
            }
            for r in RepairRecord.objects.filter(repairer=user)
            .select_related("organisation", "product_category")
            .order_by("event_date", "pk")
            .iterator()
        ],
        "imports_uploaded": list(
            ImportBatch.objects.filter(uploaded_by=user).values_list(
                "file_name", flat=True
            )
        ),
    }


register(
    "repairs",
    entries=[
        Entry(
            "repairs.RepairRecord",
            ("repairer", "trainee", "problem"),
            purpose="repair_record",
            basis="legitimate_interest",
            retention="records",
            erasure="name_anonymised",
        ),
        Entry(
            "repairs.ImportBatch",
            ("uploaded_by",),
            purpose="repair_record",
            basis="legitimate_interest",
            retention="records",
            erasure="name_anonymised",
        ),
    ],
    export=export_person,
)
