"""Personal data of the practice showcase (see repairlocale/core/privacy.py)."""

from __future__ import annotations

from django.db.models import Q

from repairlocale.cases.models import Activity, Case
from repairlocale.core.privacy import Entry, register


def export_person(user) -> dict:
    def titles(model, **filters):
        return list(model.objects.filter(**filters).values_list("title", flat=True))

    data = {
        "cases_written": titles(Case, created_by=user),
        "cases_reviewed": titles(Case, reviewed_by=user),
        "activities_written": titles(Activity, created_by=user),
        "activities_reviewed": titles(Activity, reviewed_by=user),
    }
    if user.email:
        data["contact_of_cases"] = titles(Case, contact_email__iexact=user.email)
    return data


def erase_person(user, *, by) -> None:
    """The public contact goes when it is this person; authorship stays (anonymised)."""
    match = Q(contact_email__iexact=user.email) if user.email else Q(pk__in=[])
    full_name = user.get_full_name()
    if full_name:
        match |= Q(contact_name__iexact=full_name)
    Case.objects.filter(match).update(contact_name="", contact_email="")


register(
    "cases",
    entries=[
        Entry(
            "cases.Case",
            ("contact_name", "contact_email", "created_by", "reviewed_by"),
            purpose="case_authorship",
            basis="consent",
            retention="case",
            erasure="contact_removed",
        ),
        Entry(
            "cases.Activity",
            ("created_by", "reviewed_by"),
            purpose="case_authorship",
            basis="legitimate_interest",
            retention="records",
            erasure="name_anonymised",
        ),
    ],
    export=export_person,
    erase=erase_person,
)
