"""Personal data of the network registry (see repairlocale/core/privacy.py)."""

from __future__ import annotations

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
    if user.email:
        # A personal address given as an organisation's or hub's contact.
        Organisation.objects.filter(email__iexact=user.email).update(email="")
        Hub.objects.filter(email__iexact=user.email).update(email="")
    Membership.objects.filter(invited_by=user).update(invited_by=None)


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
