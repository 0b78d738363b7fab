"""Writes of the hergebruikfiche: intake, codes, steps. Each is one transaction."""

from __future__ import annotations

import re
from decimal import Decimal
from string import ascii_uppercase
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from repairlocale.audit.services import history_write
from repairlocale.network.models import Organisation
from repairlocale.repairs.models import RepairRecord, RepairRecordSource, RepairStatus
from repairlocale.repairs.services import DATA_PROVIDER
from repairlocale.reuse.lifecycle import derive_state, refusal
from repairlocale.reuse.models import (
    MAX_PHOTOS_PER_APPLIANCE,
    REUSE_CRITERIA,
    Appliance,
    AppliancePhoto,
    PhotoKind,
    ReservedCode,
    ReuseCentre,
    Step,
    StepKind,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from repairlocale.accounts.models import User
    from repairlocale.reuse.photos import CleanPhoto

MAX_BULK_INTAKE = 200


def _prefix_for(name: str) -> str:
    """A readable default prefix from the name: "Kringwinkel 't Rad" → RAD."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() != "kringwinkel"]
    base = ((words[-1] if words else "RC").upper() + "XX")[:3]
    taken = set(
        ReuseCentre.objects.filter(code_prefix__startswith=base).values_list(
            "code_prefix", flat=True
        )
    )
    for candidate in [base, *(base + letter for letter in ascii_uppercase)]:
        if candidate not in taken:
            return candidate
    raise ValidationError(_("Choose a code prefix for this centre in the admin."))


def reuse_centre_for(organisation: Organisation) -> ReuseCentre:
    """The centre's label settings, created with a default prefix on first use.

    Two first intakes at the same moment race to create the row: the loser's insert
    fails on the unique organisation (or prefix) and it reads the winner's row, or
    picks the next free prefix.
    """
    for _attempt in range(3):
        centre = ReuseCentre.objects.filter(organisation=organisation).first()
        if centre is not None:
            return centre
        centre = ReuseCentre(
            organisation=organisation, code_prefix=_prefix_for(organisation.name)
        )
        centre.full_clean()
        try:
            with transaction.atomic():
                centre.save()
        except IntegrityError:
            continue
        return centre
    raise ValidationError(_("Choose a code prefix for this centre in the admin."))


def codes_allocate(*, centre: ReuseCentre, count: int) -> list[str]:
    """Take ``count`` consecutive numbers from the centre's counter.

    The counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    transactions serialise writers), so concurrent intakes never share a number; the
    unique constraint on Appliance.code is the second guard.
    """
    with transaction.atomic():
        locked = ReuseCentre.objects.select_for_update().get(pk=centre.pk)
        first = locked.next_number
        locked.next_number = first + count
        locked.save(update_fields=["next_number", "updated_at"])
    return [locked.format_code(n) for n in range(first, first + count)]


def codes_reserve(*, organisation: Organisation, count: int) -> list[ReservedCode]:
    """Codes for a pre-printed label sheet, claimed later at intake."""
    if not 1 <= count <= 500:
        raise ValidationError(_("Print between 1 and 500 labels at a time."))
    with transaction.atomic():
        centre = reuse_centre_for(organisation)
        codes = codes_allocate(centre=centre, count=count)
        return ReservedCode.objects.bulk_create(
            [ReservedCode(centre=centre, code=c) for c in codes]
        )


def appliance_register(
    *,
    organisation: Organisation,
    registered_by: User,
    data: dict[str, Any],
    quantity: int = 1,
    code: str = "",
    photos: Sequence[CleanPhoto] = (),
) -> list[Appliance]:
    """Register one appliance, or ``quantity`` identical ones (bulk intake).

    ``code`` is a pre-printed label scanned at intake; it must be an unclaimed code of
    this centre and only works for a single appliance. ``photos`` (checked and
    cleaned by ``reuse.photos.clean_photo``) go with a single appliance only.
    """
    if photos and quantity != 1:
        raise ValidationError(
            _("Photos go with one appliance: add them on each fiche."),
            code="photos_bulk",
        )
    if not 1 <= quantity <= MAX_BULK_INTAKE:
        raise ValidationError(
            _("Register between 1 and %(max)s appliances at once.")
            % {"max": MAX_BULK_INTAKE}
        )
    code = code.strip().upper()
    with transaction.atomic():
        centre = reuse_centre_for(organisation)
        if code:
            if quantity != 1:
                raise ValidationError(_("A pre-printed label fits one appliance only."))
            reserved = (
                ReservedCode.objects.select_for_update()
                .filter(code=code, centre=centre)
                .first()
            )
            if reserved is None:
                raise ValidationError(
                    _("Label %(code)s was not printed for this centre.")
                    % {"code": code}
                )
            if reserved.claimed_at is not None:
                raise ValidationError(
                    _("Label %(code)s is already on another appliance.")
                    % {"code": code}
                )
            reserved.claimed_at = timezone.now()
            reserved.save(update_fields=["claimed_at"])
            codes = [code]
        else:
            codes = codes_allocate(centre=centre, count=quantity)
        appliances = []
        for c in codes:
            appliance = Appliance(
                organisation=organisation, code=c, registered_by=registered_by, **data
            )
            appliance.full_clean()
            appliances.append(appliance)
        # With their audit-trail rows (bulk_create alone would record no history).
        appliances = bulk_create_with_history(
            appliances, Appliance, default_user=registered_by
        )
        if photos:
            photos_add(
                appliance=appliances[0],
                photos=photos,
                kind=PhotoKind.INTAKE,
                taken_by=registered_by,
            )
        return appliances


def photos_add(
    *,
    appliance: Appliance,
    photos: Sequence[CleanPhoto],
    kind: str,
    taken_by: User,
    caption: str = "",
) -> list[AppliancePhoto]:
    """Store cleaned photos with the appliance, all or none.

    The appliance row is locked while the count is checked and positions are
    taken, so two uploads at once cannot pass the limit together. Files written
    before a failure are removed again; the rows roll back with the transaction.
    """
    if kind not in PhotoKind.values:
        raise ValidationError(_("Choose what the photo shows."), code="photo_kind")
    written: list[str] = []
    try:
        with transaction.atomic():
            Appliance.objects.select_for_update().filter(pk=appliance.pk).first()
            existing = AppliancePhoto.objects.filter(appliance=appliance)
            count = existing.count()
            if count + len(photos) > MAX_PHOTOS_PER_APPLIANCE:
                raise ValidationError(
                    _(
                        "An appliance keeps at most %(max)s photos; it has %(count)s "
                        "and you sent %(sent)s."
                    )
                    % {
                        "max": MAX_PHOTOS_PER_APPLIANCE,
                        "count": count,
                        "sent": len(photos),
                    },
                    code="photo_count",
                )
            last = max(existing.values_list("position", flat=True), default=0)
            created = []
            for offset, clean in enumerate(photos, 1):
                photo = AppliancePhoto(
                    appliance=appliance,
                    kind=kind,
                    caption=caption,
                    taken_by=taken_by,
                    position=last + offset,
                )
                photo.image.save(clean.image.name, clean.image, save=False)
                written.append(photo.image.name)
                photo.thumbnail.save(clean.thumbnail.name, clean.thumbnail, save=False)
                written.append(photo.thumbnail.name)
                photo.full_clean()
                photo.save()
                created.append(photo)
    except BaseException:
        for name in written:
            AppliancePhoto._meta.get_field("image").storage.delete(name)
        raise
    return created


def photo_delete(*, photo: AppliancePhoto) -> None:
    """Remove a photo; its files go once the deletion is committed."""
    with transaction.atomic():
        photo.delete()


def step_record(
    *,
    appliance: Appliance,
    kind: str,
    performed_by: User,
    data: dict[str, Any],
    corrects: Step | None = None,
) -> Step:
    """Append a step to the fiche after checking the decree's rules.

    The appliance row is locked while the next sequence number is taken and the status
    rebuilt, so two people recording at the same moment both keep their step, in
    order, and the status matches the steps. Raises ValidationError with the reason
    when the step is not allowed.
    """
    with transaction.atomic():
        locked = Appliance.objects.select_for_update().get(pk=appliance.pk)
        steps = list(locked.steps.all())
        step = Step(
            appliance=locked,
            kind=kind,
            performed_by=performed_by,
            corrects=corrects,
            sequence=max((s.sequence for s in steps), default=0) + 1,
            **data,
        )
        if kind == StepKind.CRITERIA_CHECK:
            step.passed = all(step.criteria.get(k) for k in REUSE_CRITERIA)
        if kind == StepKind.TRIAGE:
            step.passed = not step.rejection_reasons
        reason = refusal(steps, step, intake_date=locked.intake_date)
        if reason:
            raise ValidationError(reason, code="step_refused")
        step.full_clean()
        step.save()
        if kind == StepKind.REPAIR:
            _sync_repair_record(locked, step)
        state = derive_state([*steps, step])
        derived = state_fields(state)
        changed = any(getattr(locked, name) != value for name, value in derived.items())
        Appliance.objects.filter(pk=locked.pk).update(
            **derived, updated_at=timezone.now()
        )
        if changed:
            # The update() writes no history: one row from the locked copy (no
            # SELECT), in this transaction, when the status or a step fact changed.
            for name, value in derived.items():
                setattr(locked, name, value)
            history_write([locked], by=performed_by, reason=f"step:{step.sequence}")
        appliance.status, appliance.closed_on = state.status, state.closed_on
        appliance.sale_price = state.sale_price
    return step


def state_fields(state) -> dict[str, Any]:
    """The appliance columns derived from its steps (status and step facts)."""
    return {
        "status": state.status,
        "closed_on": state.closed_on,
        "sale_price": state.sale_price,
        "triage_result": state.triage_result,
        "rejection_keys": state.rejection_keys,
        "last_repair_outcome": state.last_repair_outcome,
    }


def _sync_repair_record(appliance: Appliance, step: Step) -> None:
    """Keep the ORDS-shaped repair record of a workshop repair step.

    A correction replaces the record of the step it corrects: the fiche keeps both
    steps, the statistics count the repair once.
    """
    if step.corrects_id:
        RepairRecord.objects.filter(workshop_step_id=step.corrects_id).delete()
    repair_record_for(appliance, step).save()


def repair_record_for(appliance: Appliance, step: Step) -> RepairRecord:
    """The (unsaved) ORDS repair record of a workshop repair step."""
    day = step.performed_at.date()
    year = appliance.production_year
    return RepairRecord(
        source=RepairRecordSource.WORKSHOP,
        data_provider=DATA_PROVIDER,
        external_id=f"repairlocale_{appliance.code}_{step.sequence}",
        organisation=appliance.organisation,
        workshop_step=step,
        partner_product_category=appliance.device_name,
        product_category_id=appliance.product_category_id,
        brand=appliance.brand,
        year_of_manufacture=year,
        product_age=Decimal(day.year - year) if year and year <= day.year else None,
        repair_status=step.repair_outcome or RepairStatus.UNKNOWN,
        repair_barrier=step.barrier,
        group_identifier=appliance.organisation.name,
        event_date=day,
        problem=" — ".join(p for p in (step.fault_type, step.diagnosis) if p),
        repairer_id=step.repairer_id or step.performed_by_id,
        trainee_id=step.trainee_id,
    )
