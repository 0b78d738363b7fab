"""The audit trail in the personal-data register (see ``core/privacy.py``).

Every history table keeps who made each change (``history_user``) and copies of the
audited rows, with the personal data they hold: names and logins of trainees and
their coaches, contact addresses, who registered, tested or repaired an appliance.

* Why: accountability (who changed what, for managers and coordinators), and for
  the hergebruikfiche the decree's traceability.
* How long: ``PRIVACY_HISTORY_DAYS`` (5 years); ``privacy_cleanup`` deletes older
  versions (``cleanup`` below).
* Export: the changes a person made and their past memberships
  (``services.person_history_export``).
* Erasure: a person's e-mail address is blanked in the history of organisations and
  hubs (``services.purge_person_history``, before the account is anonymised); a
  trainee's erasure or deletion blanks the trainee's personal data in every version
  (``services.purge_erased_trainee``); every other row points to the account, which
  the accounts erasure anonymises.
"""

from __future__ import annotations

from django.conf import settings
from simple_history.models import HistoricalRecords

from repairlocale.audit.registry import AUDITED
from repairlocale.audit.services import (
    history_prune,
    person_history_export,
    purge_person_history,
)
from repairlocale.core.privacy import Entry, cutoff, register

# Free texts and contact fields copied into the history, per audited kind.
TEXT_FIELDS = {
    "organisation": ("email", "phone"),
    "hub": ("email",),
    "repair-record": ("problem",),
    "trainee": ("first_name", "last_name"),
    "assessment": ("evidence", "comment"),
}
# Traceability the decree requires; coaching is the training module's public task.
BASIS = {
    "appliance": "legal_obligation",
    "step": "legal_obligation",
    "trainee": "public_task",
    "assessment": "public_task",
}
PERSON_MODELS = {settings.AUTH_USER_MODEL, "training.Trainee"}


def _entries() -> list[Entry]:
    entries = []
    for audited in AUDITED:
        history = audited.history_model
        links = [
            f.name
            for f in history._meta.fields
            if f.is_relation
            and f.name != "history_user"
            and f.related_model._meta.label in PERSON_MODELS
        ]
        common = {
            "purpose": "change_history",
            "basis": BASIS.get(audited.key, "legitimate_interest"),
            "retention": "history",
            "erasure": "history_scrubbed",
        }
        fields = (*TEXT_FIELDS.get(audited.key, ()), *links, "history_user")
        entries.append(Entry(history._meta.label, fields, **common))
        # The copies of a set of people (a trainee's coaches).
        for field in history._history_m2m_fields:
            if field.related_model._meta.label in PERSON_MODELS:
                copy = HistoricalRecords.m2m_models[field]
                member = (field.m2m_reverse_field_name(),)
                entries.append(Entry(copy._meta.label, member, **common))
    return entries


def cleanup(*, dry_run: bool = False) -> dict[str, int]:
    return {
        "audit trail versions": history_prune(before=cutoff("history"), dry_run=dry_run)
    }


# Erasure before the account itself (accounts: 100), which anonymises the address.
register(
    "audit",
    entries=_entries(),
    export=person_history_export,
    erase=purge_person_history,
    order=90,
    cleanup=cleanup,
)
