"""Personal data of the dashboards: who requested a funder report."""

from __future__ import annotations

from repairlocale.core.privacy import Entry, iso, register
from repairlocale.dashboards.models import FunderReport


def export_person(user) -> dict:
    return {
        "reports_requested": [
            iso(created)
            for created in FunderReport.objects.filter(requested_by=user).values_list(
                "created_at", flat=True
            )
        ]
    }


register(
    "dashboards",
    entries=[
        Entry(
            "dashboards.FunderReport",
            ("requested_by",),
            purpose="report_request",
            basis="legitimate_interest",
            retention="records",
            erasure="name_anonymised",
        ),
    ],
    export=export_person,
)
