"""Writes to the audit trail: forgetting a trainee's personal data in it."""

from __future__ import annotations

from typing import Any

from django.db import transaction


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
