"""The development plan (POP), attestations, courses and training sessions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel
from repairlocale.network.models import PilotRegion

# Attestations expiring within this many days are flagged on the trainee page.
EXPIRY_WARNING_DAYS = 60


class PlanGoal(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    trainee = models.ForeignKey(
        "training.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    title = models.CharField(_("goal"), max_length=200)
    competency_code = models.CharField(
        _("competency"), max_length=40, blank=True, help_text=_("Optional.")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("development goal")
        verbose_name_plural = _("development goals")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress", "achieved", "dropped"]),
                name="training_goal_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanAction(TimeStampedModel):
    class Owner(models.TextChoices):
        TRAINEE = "trainee", _("Trainee")
        COACH = "coach", _("Coach")
        EMPLOYER = "employer", _("Employer")
        OTHER = "other", _("Someone else")

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    goal = models.ForeignKey(
        PlanGoal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(
        _("owner"), max_length=16, choices=Owner.choices, default=Owner.TRAINEE
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.TODO
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["todo", "done", "cancelled"]),
                name="training_action_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(owner__in=["trainee", "coach", "employer", "other"]),
                name="training_action_owner_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == self.Status.TODO
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )


class ReviewMeeting(TimeStampedModel):
    trainee = models.ForeignKey(
        "training.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="review_meetings",
    )
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"))
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )

    class Meta:
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__isnull=True)
                | Q(next_review_on__gt=F("held_on")),
                name="training_meeting_next_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.held_on}"


class Attestation(TimeStampedModel):
    """A BA4/BA5 attestation (issued by the employer) or a course certificate."""

    class Kind(models.TextChoices):
        BA4 = "ba4", _("BA4 attestation (instructed person)")
        BA5 = "ba5", _("BA5 attestation (skilled person)")
        COURSE = "course", _("Course certificate")

    trainee = models.ForeignKey(
        "training.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="attestations",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("The course, if any.")
    )
    scope = models.CharField(
        _("scope"),
        max_length=300,
        blank=True,
        help_text=_("e.g. low-voltage work on de-energised appliances in the workshop"),
    )
    issued_by = models.CharField(_("issued by"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["ba4", "ba5", "course"]),
                name="training_attestation_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("issued_on")),
                name="training_attestation_expires_after_issue",
                violation_error_message=_(
                    "The expiry date must come after the date of issue."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    def expiry_state(self, today: datetime.date | None = None) -> str:
        """ "expired", "expiring" (within EXPIRY_WARNING_DAYS) or "" (fine)."""
        if self.expires_on is None:
            return ""
        today = today or timezone.localdate()
        if self.expires_on < today:
            return "expired"
        if (self.expires_on - today).days <= EXPIRY_WARNING_DAYS:
            return "expiring"
        return ""


class TrainingSession(TimeStampedModel):
    """A course day or workshop (e.g. an electro-repair course in a pilot region)."""

    title = models.CharField(_("title"), max_length=200)
    organiser = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
        null=True,
        blank=True,
    )
    pilot_region = models.CharField(
        _("pilot region"),
        max_length=32,
        choices=PilotRegion.choices,
        blank=True,
        default=PilotRegion.NONE,
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pilot_region__in=PilotRegion.values),
                name="training_session_pilot_region_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", args=[self.pk])


class Attendance(TimeStampedModel):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    trainee = models.ForeignKey(
        "training.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(
        _("attendance"),
        max_length=16,
        choices=Status.choices,
        default=Status.REGISTERED,
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee"], name="training_attendance_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["registered", "attended", "absent"]),
                name="training_attendance_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.get_status_display()}"
