"""Personal data of the network registry (see repairlocale/core/privacy.py)."""

from __future__ import annotations

from repairlocale.audit.services import update_with_history
from repairlocale.core.privacy import Entry, iso, register
from repairlocale.network.models import Hub, Membership, Organisation


def export_person(user) -> dict:
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.get_role_display(),
                "since": iso(m.created_at),
                "invited_by": str(m.invited_by) if m.invited_by_id else None,
            }
            for m in Membership.objects.filter(user=user).select_related(
                "organisation", "invited_by"
            )
        ],
        "contact_of": [
            o.name
            for o in Organisation.objects.filter(email__iexact=user.email)
            if user.email
        ]
        + [h.name for h in Hub.objects.filter(email__iexact=user.email) if user.email],
    }


def erase_person(user, *, by) -> None:
    Membership.objects.filter(user=user).delete()
    # Each change leaves a history row (who erased, when); the audit trail's own
    # erasure then blanks the address in the earlier rows.
    if user.email:
        # A personal address given as an organisation's or hub's contact.
        for model in (Organisation, Hub):
            update_with_history(
                model.objects.filter(email__iexact=user.email),
                by=by,
                reason="erasure",
                email="",
            )
    update_with_history(
        Membership.objects.filter(invited_by=user),
        by=by,
        reason="erasure",
        invited_by=None,
    )


register(
    "network",
    entries=[
        Entry(
            "network.Membership",
            ("user", "organisation", "role", "invited_by"),
            purpose="membership",
            basis="contract",
            retention="membership",
            erasure="deleted",
        ),
        Entry(
            "network.Organisation",
            ("email", "phone"),
            purpose="organisation_contact",
            basis="legitimate_interest",
            retention="organisation",
            erasure="contact_removed",
        ),
        Entry(
            "network.Hub",
            ("email",),
            purpose="organisation_contact",
            basis="legitimate_interest",
            retention="organisation",
            erasure="contact_removed",
        ),
    ],
    export=export_person,
    erase=erase_person,
)
