"""Writes of Repair Café logging: events and their device entries.

Each function is one transaction and validates with ``full_clean()``. A café's
entries are its own log, so its editors may correct them (unlike the append-only
hergebruikfiche).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, Value
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from repairlocale.audit.services import history_write
from repairlocale.network.models import Membership, Organisation
from repairlocale.network.permissions import organisation_role
from repairlocale.repairs.models import (
    BARRIER_DETAIL_TO_ORDS,
    RepairEvent,
    RepairRecord,
    RepairRecordSource,
    RepairStatus,
)

if TYPE_CHECKING:
    from repairlocale.accounts.models import User

# The same provider as the workshop's records: both are this platform's own data.
DATA_PROVIDER = "Repair Locale"
MAX_ENTRIES_AT_ONCE = 20

EVENT_FIELDS = ("date", "site", "place", "volunteers", "visitors", "notes")
# What a host types for one device; everything else on the record is derived.
ENTRY_FIELDS = (
    "product_category",
    "item_type",
    "brand",
    "model",
    "year_of_manufacture",
    "product_age",
    "problem",
    "repair_status",
    "repair_barrier",
    "barrier_detail",
    "next_steps",
    "spare_parts",
    "repairer",
    "trainee",
)
_NULLABLE = {
    "product_category",
    "year_of_manufacture",
    "product_age",
    "repairer",
    "trainee",
}


def entry_id_prefix(event: RepairEvent) -> str:
    """The stable id prefix of an event's entries: ``repairlocale-rc-<event pk>-``."""
    return f"repairlocale-rc-{event.pk}-"


def _require_editor(by: User, organisation: Organisation) -> None:
    """A café's editors (and coordinators) log its events; nobody else does."""
    role = organisation_role(by, organisation)
    if role is None or role < Membership.Role.EDITOR:
        raise PermissionDenied(_("Only the Repair Café's editors can log its events."))


def _check_keys(data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(unknown)}")


def _apply_event(event: RepairEvent, data: dict[str, Any]) -> None:
    _check_keys(data, EVENT_FIELDS)
    for name, value in data.items():
        setattr(event, name, value)
    if event.site is not None and event.site.organisation_id != event.organisation_id:
        raise ValidationError(
            {"site": _("Choose a site of %(cafe)s.") % {"cafe": event.organisation}}
        )


def repair_event_create(
    *, organisation: Organisation, data: dict[str, Any], by: User
) -> RepairEvent:
    """A new event (an evening or afternoon of repairs) of a Repair Café."""
    if organisation.type != Organisation.Type.REPAIR_CAFE:
        raise ValidationError(_("Only Repair Cafés hold repair events."))
    _require_editor(by, organisation)
    with transaction.atomic():
        event = RepairEvent(organisation=organisation)
        _apply_event(event, data)
        event.full_clean()
        event.save()
    return event


def repair_event_update(
    *, event: RepairEvent, data: dict[str, Any], by: User
) -> RepairEvent:
    """Change an event; its entries follow a new date (ORDS event_date and ages).

    Two UPDATE statements whatever the number of entries, and when the date
    changed one SELECT and one INSERT for the entries' history rows.
    """
    _require_editor(by, event.organisation)
    with transaction.atomic():
        _apply_event(event, data)
        event.full_clean()
        if event.records.filter(year_of_manufacture__gt=event.date.year).exists():
            raise ValidationError(
                {
                    "date": _(
                        "Some items of this event were made after this date; "
                        "correct them first."
                    )
                }
            )
        event.save()
        # Only the entries that move (the form may already have set the new date on
        # ``event``, so the count is what tells whether the date changed).
        moved = event.records.exclude(event_date=event.date).update(
            event_date=event.date
        )
        event.records.filter(year_of_manufacture__isnull=False).update(
            product_age=ExpressionWrapper(
                Value(event.date.year) - F("year_of_manufacture"),
                output_field=DecimalField(max_digits=5, decimal_places=1),
            )
        )
        if moved:
            # update() writes no history: the entries as they are now, one row each.
            history_write(
                event.records.order_by("pk"),
                by=by,
                reason="event_date",
                model=RepairRecord,
            )
    return event


def _apply_entry(
    record: RepairRecord, *, event: RepairEvent, data: dict[str, Any]
) -> None:
    """Copy what the host typed onto ``record`` and derive the ORDS columns."""
    _check_keys(data, ENTRY_FIELDS)
    for name, value in data.items():
        setattr(record, name, "" if value is None and name not in _NULLABLE else value)
    record.organisation = event.organisation
    record.event = event
    record.event_date = event.date
    record.group_identifier = event.organisation.name
    record.partner_product_category = record.item_type

    errors: dict[str, str] = {}
    year = record.year_of_manufacture
    if year is not None:
        if year > event.date.year:
            errors["year_of_manufacture"] = _(
                "The item cannot have been made after the event (%(year)s)."
            ) % {"year": event.date.year}
        else:
            # A known year decides the age (ORDS product_age, in years at the event).
            record.product_age = Decimal(event.date.year - year)

    if record.barrier_detail and not record.repair_barrier:
        record.repair_barrier = BARRIER_DETAIL_TO_ORDS[record.barrier_detail]
    if record.repair_status == RepairStatus.END_OF_LIFE:
        if not record.repair_barrier:
            errors["repair_barrier"] = _(
                "An item at its end of life needs a barrier or a reason."
            )
    elif record.repair_barrier or record.barrier_detail:
        errors["repair_barrier"] = _("Only items at their end of life have a barrier.")
    if record.next_steps and record.repair_status != RepairStatus.REPAIRABLE:
        errors["next_steps"] = _("Only repairable items have next steps.")
    if errors:
        raise ValidationError(errors)


def _check_repairer(event: RepairEvent, repairer: User | None) -> None:
    """Repairers are members of the café (any role: volunteers often only read)."""
    if (
        repairer is not None
        and not Membership.objects.filter(
            user=repairer, organisation=event.organisation
        ).exists()
    ):
        raise ValidationError(
            {
                "repairer": _("The repairer must be a member of %(cafe)s.")
                % {"cafe": event.organisation}
            }
        )


def repair_entries_add(
    *,
    event: RepairEvent,
    data: dict[str, Any],
    quantity: int = 1,
    by: User,
) -> list[RepairRecord]:
    """Log one device, or ``quantity`` identical ones, at a Repair Café event.

    Ids are ``repairlocale-rc-<event pk>-<n>`` with n counting on from the event's
    highest; the event row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's
    IMMEDIATE transactions serialise writers) so two hosts logging at once never take
    the same n, and the unique (data provider, id) constraint is the second guard.
    """
    if not 1 <= quantity <= MAX_ENTRIES_AT_ONCE:
        raise ValidationError(
            _("Log between 1 and %(max)s identical items at once.")
            % {"max": MAX_ENTRIES_AT_ONCE}
        )
    _require_editor(by, event.organisation)
    _check_repairer(event, data.get("repairer"))
    prefix = entry_id_prefix(event)
    with transaction.atomic():
        RepairEvent.objects.select_for_update().only("pk").get(pk=event.pk)
        taken = [
            int(suffix)
            for suffix in (
                external_id.removeprefix(prefix)
                for external_id in event.records.filter(
                    external_id__startswith=prefix
                ).values_list("external_id", flat=True)
            )
            if suffix.isdigit()
        ]
        first = max(taken, default=0) + 1
        records = []
        for n in range(first, first + quantity):
            record = RepairRecord(
                source=RepairRecordSource.REPAIR_CAFE,
                data_provider=DATA_PROVIDER,
                external_id=f"{prefix}{n}",
            )
            _apply_entry(record, event=event, data=data)
            record.full_clean()
            records.append(record)
        # With their audit-trail rows (bulk_create alone would record no history).
        return bulk_create_with_history(records, RepairRecord, default_user=by)


def repair_entry_update(
    *, entry: RepairRecord, data: dict[str, Any], by: User
) -> RepairRecord:
    """Correct a logged entry; the ORDS columns are derived again."""
    if entry.source != RepairRecordSource.REPAIR_CAFE or entry.event_id is None:
        raise ValidationError(_("Only Repair Café entries are edited here."))
    event = entry.event
    _require_editor(by, event.organisation)
    repairer = data.get("repairer", entry.repairer)
    # Someone who has left the café stays the repairer of the entries they made.
    if repairer is not None and repairer.pk != entry.repairer_id:
        _check_repairer(event, repairer)
    with transaction.atomic():
        _apply_entry(entry, event=event, data=data)
        entry.full_clean()
        entry.save()
    return entry
