"""Writes of the training module. Each is one transaction and validates first."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from repairlocale.audit.services import update_with_history
from repairlocale.training.models import (
    LEVEL_MAX,
    LEVEL_MIN,
    Assessment,
    Attendance,
    Attestation,
    Competency,
    FrameworkVersion,
    PlanAction,
    PlanGoal,
    ReviewMeeting,
    SuggestionDecision,
    Trainee,
    TrainingSession,
)
from repairlocale.training.selectors import forget_has_trainees

if TYPE_CHECKING:
    from repairlocale.accounts.models import User
    from repairlocale.network.models import Organisation

TRAINEE_FIELDS = (
    "first_name",
    "last_name",
    "user",
    "programme",
    "start_date",
    "status",
    "outflow_kind",
    "outflow_date",
)


def _check_coaches(organisation: Organisation, coaches) -> None:
    from repairlocale.network.models import Membership

    members = set(
        Membership.objects.filter(
            organisation=organisation, role__gte=Membership.Role.EDITOR
        ).values_list("user_id", flat=True)
    )
    strangers = [c for c in coaches if c.pk not in members]
    if strangers:
        raise ValidationError(
            {"coaches": _("Coaches must be editors or managers of the employer.")}
        )


def trainee_save(
    *,
    organisation: Organisation,
    data: dict[str, Any],
    coaches,
    trainee: Trainee | None = None,
) -> Trainee:
    """Create (``trainee`` None) or update a trainee of ``organisation``."""
    unknown = set(data) - set(TRAINEE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        trainee = trainee or Trainee(organisation=organisation)
        if trainee.is_erased:
            raise ValidationError(_("This trainee was erased and cannot be changed."))
        for name, value in data.items():
            setattr(trainee, name, value)
        _check_coaches(organisation, coaches)
        trainee.full_clean()
        trainee.save()
        trainee.coaches.set(coaches)
        # Now and again after commit: a request in between may cache the old answer.
        forget_has_trainees(organisation.pk)
        transaction.on_commit(lambda: forget_has_trainees(organisation.pk))
    return trainee


def assessments_record(
    *,
    trainee: Trainee,
    assessor: User,
    assessed_on: datetime.date,
    levels: dict[Competency, int],
    evidence: str = "",
    comment: str = "",
    from_suggestion: bool = False,
) -> list[Assessment]:
    """Record one level per competency on one day; all or nothing.

    Only competencies of the current framework version can be assessed; earlier
    assessments keep the version they were made in.
    """
    errors: list[str] = []
    current = FrameworkVersion.objects.current()
    if trainee.is_erased:
        errors.append(_("This trainee was erased."))
    if assessed_on > timezone.localdate():
        errors.append(_("An assessment cannot lie in the future."))
    if assessed_on < trainee.start_date:
        errors.append(_("This date lies before the trainee's start date."))
    if not levels:
        errors.append(_("Choose a level for at least one competency."))
    for competency, level in levels.items():
        if not LEVEL_MIN <= int(level) <= LEVEL_MAX:
            errors.append(
                _("Level %(level)s is outside the scale (%(min)s to %(max)s).")
                % {"level": level, "min": LEVEL_MIN, "max": LEVEL_MAX}
            )
        if current is None or competency.version_id != current.pk:
            errors.append(
                _("%(competency)s is not part of the current framework.")
                % {"competency": competency}
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = []
        for competency, level in levels.items():
            assessment = Assessment(
                trainee=trainee,
                competency=competency,
                level=int(level),
                assessed_on=assessed_on,
                assessor=assessor,
                evidence=evidence,
                comment=comment,
                from_suggestion=from_suggestion,
            )
            assessment.full_clean()
            assessment.save()
            created.append(assessment)
    return created


def suggestion_decide(
    *,
    trainee: Trainee,
    competency: Competency,
    level: int,
    confirm: bool,
    by: User,
) -> SuggestionDecision:
    """Confirm (records the assessment) or reject a proposal the evidence supports.

    A proposal that the evidence does not (or no longer) support cannot be decided:
    nothing is suggested before the threshold.
    """
    from repairlocale.training.selectors import suggestions_for

    with transaction.atomic():
        match = next(
            (
                s
                for s in suggestions_for(trainee)
                if s.competency.pk == competency.pk and s.level == level
            ),
            None,
        )
        if match is None:
            raise ValidationError(
                _("The repairs recorded do not support this suggestion (any more).")
            )
        assessment = None
        if confirm:
            (assessment,) = assessments_record(
                trainee=trainee,
                assessor=by,
                assessed_on=timezone.localdate(),
                levels={competency: level},
                evidence=match.reason,
                from_suggestion=True,
            )
        return SuggestionDecision.objects.create(
            trainee=trainee,
            competency_code=competency.code,
            level=level,
            decision=(
                SuggestionDecision.Decision.CONFIRMED
                if confirm
                else SuggestionDecision.Decision.REJECTED
            ),
            evidence_count=match.count,
            decided_by=by,
            assessment=assessment,
        )


# --- Framework versions ------------------------------------------------------------

_COPIED = [
    f.name
    for f in Competency._meta.concrete_fields
    if f.name not in {"id", "version", "created_at", "updated_at"}
]


def framework_draft_create(*, by: User) -> FrameworkVersion:
    """A new draft version, starting as a copy of the current published one."""
    with transaction.atomic():
        if FrameworkVersion.objects.filter(
            status=FrameworkVersion.Status.DRAFT
        ).exists():
            raise ValidationError(_("There is already a draft version."))
        current = FrameworkVersion.objects.current()
        last = FrameworkVersion.objects.order_by("-number").first()
        draft = FrameworkVersion.objects.create(number=(last.number + 1) if last else 1)
        if current is not None:
            Competency.objects.bulk_create(
                [
                    Competency(version=draft, **{f: getattr(c, f) for f in _COPIED})
                    for c in current.competencies.all()
                ]
            )
    return draft


def competency_save(*, competency: Competency) -> Competency:
    """Save a competency of a draft; a published version is frozen."""
    with transaction.atomic():
        version = FrameworkVersion.objects.select_for_update().get(
            pk=competency.version_id
        )
        if not version.is_draft:
            raise ValidationError(_("A published version cannot be changed."))
        competency.full_clean()
        competency.save()
    return competency


def framework_publish(*, version: FrameworkVersion, note: str, by: User) -> None:
    with transaction.atomic():
        version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
        if not version.is_draft:
            raise ValidationError(_("This version is already published."))
        if not version.competencies.exists():
            raise ValidationError(_("A version needs at least one competency."))
        version.status = FrameworkVersion.Status.PUBLISHED
        version.note = note
        version.published_at = timezone.now()
        version.published_by = by
        version.full_clean()
        version.save()


# --- Development plan, attestations, sessions -------------------------------------


def _save(instance):
    with transaction.atomic():
        instance.full_clean()
        instance.save()
    return instance


def goal_add(*, trainee: Trainee, data: dict[str, Any]) -> PlanGoal:
    return _save(PlanGoal(trainee=trainee, **data))


def action_add(*, goal: PlanGoal, data: dict[str, Any]) -> PlanAction:
    return _save(PlanAction(goal=goal, **data))


def plan_item_set_status(*, item: PlanGoal | PlanAction, status: str) -> None:
    if status not in type(item).Status.values:
        raise ValidationError(_("Unknown status."))
    item.status = status
    _save(item)


def meeting_add(*, trainee: Trainee, data: dict[str, Any], by: User) -> ReviewMeeting:
    if data.get("held_on") and data["held_on"] > timezone.localdate():
        raise ValidationError({"held_on": _("A meeting cannot lie in the future.")})
    return _save(ReviewMeeting(trainee=trainee, recorded_by=by, **data))


def attestation_add(*, trainee: Trainee, data: dict[str, Any]) -> Attestation:
    issued, expires = data.get("issued_on"), data.get("expires_on")
    if issued and expires and expires <= issued:
        raise ValidationError(
            {"expires_on": _("The expiry date must come after the date of issue.")}
        )
    if issued and issued > timezone.localdate():
        raise ValidationError({"issued_on": _("The date of issue lies in the future.")})
    return _save(Attestation(trainee=trainee, **data))


def session_create(*, data: dict[str, Any]) -> TrainingSession:
    return _save(TrainingSession(**data))


def attendance_set(
    *, session: TrainingSession, trainee: Trainee, status: str
) -> Attendance:
    """Register a trainee for a session or record whether they attended."""
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance status."))
    if status != Attendance.Status.REGISTERED and session.date > timezone.localdate():
        raise ValidationError(_("Attendance is recorded on or after the session day."))
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            session=session, trainee=trainee, defaults={"status": status}
        )
    return attendance


# --- Privacy -------------------------------------------------------------------------


def trainee_erase(*, trainee: Trainee, by: User) -> Trainee:
    """Erase a trainee's personal data on request; keep what the aggregates count.

    Name, login, coaches, free texts of assessments, the development plan and the
    attestations go; the trainee row (status, dates, programme), the assessment
    levels, attendance and the repairs naming the trainee stay, so every count and
    aggregate is unchanged.
    """
    with transaction.atomic():
        trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
        trainee.first_name = ""
        trainee.last_name = ""
        trainee.user = None
        trainee.erased_at = timezone.now()
        trainee.save()
        trainee.coaches.clear()
        # With a history row per assessment that had a text (who erased, when).
        update_with_history(
            trainee.assessments.exclude(evidence="", comment=""),
            by=by,
            reason="erasure",
            evidence="",
            comment="",
        )
        trainee.goals.all().delete()
        trainee.review_meetings.all().delete()
        trainee.attestations.all().delete()
        forget_has_trainees(trainee.organisation_id)
        transaction.on_commit(lambda: forget_has_trainees(trainee.organisation_id))
    return trainee
