"""Writes to the audit trail: rows for bulk updates, forgetting, pruning."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Why a row was written, for the rows a service writes itself. Stored as
# ``code`` or ``code:argument`` in history_change_reason (100 characters) and shown
# in the language of whoever reads the page.
REASONS = {
    "step": _("status derived from step #%(arg)s"),
    "event_date": _("the event's date changed"),
    "erasure": _("erasure of personal data"),
    "m2m_baseline": _("coaches and municipalities are recorded from this version on"),
}


def reason_text(code: str | None) -> str:
    """The readable reason of a stored ``code[:argument]`` ("" for none)."""
    if not code:
        return ""
    name, _sep, arg = code.partition(":")
    text = REASONS.get(name)
    return str(text) % {"arg": arg} if text is not None else code


def is_audited(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_write(
    objs: Iterable[models.Model], *, by: Any, reason: str, model=None
) -> None:
    """One "changed" row per object, as it is in memory, in one INSERT per 500.

    For writes that bypass ``save()`` (``QuerySet.update()``): the caller sets the
    new values on the instances it updated. The person is ``by``, else the
    request's user (``by`` None: the nightly clean-up has no one). No query but
    the INSERT; m2m sets are not copied (none of these writes changes one).
    """
    objs = list(objs)
    if not objs:
        return
    model = model or type(objs[0])
    if not is_audited(model):
        return
    user = by
    if user is None:
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
        if user is not None and not user.is_authenticated:
            user = None
    model.history.bulk_history_create(
        objs,
        batch_size=500,
        update=True,
        default_user=user,
        default_change_reason=reason,
    )


def update_with_history(
    queryset: models.QuerySet, *, by: Any, reason: str, **values: Any
) -> int:
    """``queryset.update(**values)`` that leaves one history row per changed row.

    Three statements whatever the number of rows (ids, UPDATE, INSERT of the rows
    read back); a model the audit trail does not cover is updated only. ``values``
    may be expressions: the rows are read back after the UPDATE.
    """
    model = queryset.model
    if not is_audited(model):
        return queryset.update(**values)
    pks = list(queryset.values_list("pk", flat=True))
    if not pks:
        return 0
    manager = model._default_manager
    updated = 0
    for start in range(0, len(pks), 500):
        chunk = manager.filter(pk__in=pks[start : start + 500])
        updated += chunk.update(**values)
        history_write(chunk.order_by("pk"), by=by, reason=reason, model=model)
    return updated


def purge_personal_history(instance: Any) -> int:
    """Blank a trainee's personal data in every historical row about them.

    ``instance`` is a trainee (or one of their assessments, which purges the whole
    trainee). The rows stay, so the trail still says who changed the status, the
    dates or a level and when; the name, the login and the free texts of the
    assessments go, as they go from the trainee by erasure. Returns the number of
    historical rows updated.
    """
    from repairlocale.training.models import Assessment, Trainee

    trainee_id = instance.trainee_id if isinstance(instance, Assessment) else None
    if isinstance(instance, Trainee):
        trainee_id = instance.pk
    if trainee_id is None:
        raise TypeError(f"Not a trainee or an assessment: {instance!r}")
    with transaction.atomic():
        updated = (
            Trainee.history.model.objects.filter(id=trainee_id)
            .exclude(first_name="", last_name="", user_id=None)
            .update(first_name="", last_name="", user_id=None)
        )
        updated += (
            Assessment.history.model.objects.filter(trainee_id=trainee_id)
            .exclude(evidence="", comment="")
            .update(evidence="", comment="")
        )
        # Who coached the trainee goes too, as the erasure removes the coaches.
        coaches = HistoricalRecords.m2m_models[Trainee._meta.get_field("coaches")]
        updated += coaches.objects.filter(trainee_id=trainee_id).delete()[0]
    return updated


def purge_erased_trainee(sender, instance, **kwargs) -> None:
    """post_save of a trainee: once erased, forget the personal data of its history.

    The training app's erasure (``trainee_erase``) saves the trainee with
    ``erased_at`` set; this runs after simple-history wrote that save's row, so the
    rows written before and that one are all purged. Its later queryset update of
    the assessments writes no history.
    """
    if kwargs.get("raw") or instance.erased_at is None:
        return
    purge_personal_history(instance)


def purge_deleted_trainee(sender, instance, **kwargs) -> None:
    """post_delete of a trainee: its history keeps no name once the trainee is gone.

    Runs after simple-history wrote the deletion row (which copies the name), and
    after the assessments were deleted with the trainee (their rows are purged too).
    """
    purge_personal_history(instance)


def purge_person_history(user: Any, *, by: Any = None) -> int:
    """Forget a person's e-mail address in the history of organisations and hubs.

    The network's erasure blanks a personal address given as an organisation's or
    hub's contact; its earlier values stay in the history tables unless blanked
    here. Rows that name the person as the one who changed something keep pointing
    at the account, which the accounts erasure anonymises (as every other row that
    points to it). Run before the account itself is anonymised (it needs the
    address). Returns the number of historical rows updated.
    """
    from repairlocale.network.models import Hub, Organisation

    if not user.email:
        return 0
    with transaction.atomic():
        return sum(
            model.history.model.objects.filter(email__iexact=user.email).update(
                email=""
            )
            for model in (Organisation, Hub)
        )


def history_prune(*, before: datetime.datetime, dry_run: bool = False) -> int:
    """Delete every historical row written before ``before`` (retention).

    One DELETE per history table, the copies of m2m sets first (they point to the
    rows without a database constraint). Objects keep their newer versions; the
    oldest kept version of an object then reads as "earlier values not kept". Returns
    the number of historical rows (not m2m copies) deleted or, dry, to delete.
    """
    from repairlocale.audit.registry import AUDITED

    total = 0
    with transaction.atomic():
        for audited in AUDITED:
            history = audited.history_model
            old = history.objects.filter(history_date__lt=before)
            if dry_run:
                total += old.count()
                continue
            for field in history._history_m2m_fields:
                m2m = HistoricalRecords.m2m_models[field]
                m2m.objects.filter(history__history_date__lt=before).delete()
            total += old.delete()[0]
    return total


def person_history_export(user: Any) -> dict[str, Any]:
    """A person's rows in the audit trail: the changes they made, for their export.

    Per kind of object, one line per change (when, which object, what was done).
    The values themselves are the objects' data, in the export of their module
    where personal; a person's own past memberships are listed with their roles.
    """
    from repairlocale.audit.registry import AUDITED
    from repairlocale.core.privacy import iso

    actions = {"+": "created", "~": "changed", "-": "deleted"}
    made: dict[str, list[dict[str, Any]]] = {}
    for audited in AUDITED:
        rows = audited.history_model.objects.filter(history_user=user).values_list(
            "history_date", "id", "history_type"
        )
        lines = [
            {"at": iso(at), "object_id": pk, "action": actions[kind]}
            for at, pk, kind in rows.order_by("history_date", "history_id")
        ]
        if lines:
            made[audited.key] = lines
    memberships = [
        {
            "at": iso(at),
            "organisation_id": organisation_id,
            "role": role,
            "action": actions[kind],
        }
        for at, organisation_id, role, kind in (
            audited_model("membership")
            .objects.filter(user=user)
            .order_by("history_date", "history_id")
            .values_list("history_date", "organisation_id", "role", "history_type")
        )
    ]
    data: dict[str, Any] = {}
    if made:
        data["changes_made"] = made
    if memberships:
        data["membership_history"] = memberships
    return data


def audited_model(key: str):
    from repairlocale.audit.registry import by_key

    return by_key()[key].history_model
