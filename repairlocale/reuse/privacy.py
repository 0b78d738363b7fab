"""Personal data of the hergebruikfiche (see repairlocale/core/privacy.py).

Steps are never changed or deleted (traceability of safety tests): on erasure
they keep pointing to the anonymised account.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

from repairlocale.core.privacy import Entry, iso, register
from repairlocale.reuse.models import Appliance, Step


def export_person(user) -> dict:
    steps = (
        Step.objects.filter(
            Q(performed_by=user) | Q(repairer=user) | Q(supervisor=user)
        )
        .select_related("appliance")
        .order_by("performed_at", "pk")
    )
    return {
        "appliances_registered": list(
            Appliance.objects.filter(registered_by=user)
            .order_by("intake_date", "pk")
            .values_list("code", flat=True)
        ),
        "steps": [
            {
                "appliance": step.appliance.code,
                "step": step.kind,
                "performed_at": iso(step.performed_at),
                "as": [
                    role
                    for role, pk in (
                        ("performed_by", step.performed_by_id),
                        ("repairer", step.repairer_id),
                        ("supervisor", step.supervisor_id),
                    )
                    if pk == user.pk
                ],
            }
            for step in steps.iterator()
        ],
    }


ENTRIES = [
    Entry(
        "reuse.Step",
        ("performed_by", "repairer", "supervisor", "trainee"),
        purpose="workshop_record",
        basis="legal_obligation",
        retention="records",
        erasure="name_anonymised",
    ),
    Entry(
        "reuse.Appliance",
        ("registered_by",),
        purpose="workshop_record",
        basis="legal_obligation",
        retention="records",
        erasure="name_anonymised",
    ),
]
try:  # photos of appliances (who added them)
    apps.get_model("reuse", "AppliancePhoto")
except LookupError:  # pragma: no cover - before the photo model
    pass
else:
    ENTRIES.append(
        Entry(
            "reuse.AppliancePhoto",
            ("taken_by",),
            purpose="workshop_record",
            basis="legal_obligation",
            retention="records",
            erasure="name_anonymised",
        )
    )

register("reuse", entries=ENTRIES, export=export_person)
