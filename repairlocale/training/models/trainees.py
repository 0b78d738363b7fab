"""Trainees (doelgroepmedewerkers) and the people who coach them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel

if TYPE_CHECKING:
    from repairlocale.accounts.models import User


class TraineeStatus(models.TextChoices):
    IN_TRAINING = "in_training", _("In training")
    EMPLOYED = "employed", _("Employed in repair")
    MOVED_ON = "moved_on", _("Moved on")


class OutflowKind(models.TextChoices):
    NONE = "", _("Not applicable")
    REGULAR_JOB = "regular_job", _("Regular job")
    OTHER_TRAINING = "other_training", _("Other training")
    STOPPED = "stopped", _("Stopped")


class TraineeQuerySet(models.QuerySet["Trainee"]):
    def personal_for(self, user: User) -> TraineeQuerySet:
        """Trainees whose personal data ``user`` may read.

        Managers of the employer organisation, the trainee's coaches (who must still
        belong to it) and the trainee themself; network coordinators get none here
        (they see anonymised aggregates only).
        """
        from repairlocale.network.models import Membership

        if not user.is_authenticated or not user.is_active:
            return self.none()
        managed = Membership.objects.filter(
            user=user, role=Membership.Role.MANAGER
        ).values("organisation_id")
        member_of = Membership.objects.filter(user=user).values("organisation_id")
        return self.filter(
            Q(organisation_id__in=managed)
            | Q(coaches=user, organisation_id__in=member_of)
            | Q(user=user)
        ).distinct()


class Trainee(TimeStampedModel):
    """A target-group employee learning electrical repair at an employer.

    Personal data is kept to what the coaching needs: a name, the employer, the
    programme and dates. Erasure blanks the name and unlinks the login but keeps the
    row, so the repairs and assessments they did still count in the aggregates.
    """

    Status = TraineeStatus
    Outflow = OutflowKind

    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="trainees",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        related_name="trainee",
        null=True,
        blank=True,
        help_text=_("Optional: lets the trainee read their own profile and plan."),
    )
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coaches"),
        related_name="coached_trainees",
        blank=True,
    )
    programme = models.CharField(
        _("programme"),
        max_length=120,
        help_text=_("e.g. individual vocational training (IBO), art. 60, custom work"),
    )
    start_date = models.DateField(_("start date"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TraineeStatus.choices,
        default=TraineeStatus.IN_TRAINING,
    )
    outflow_kind = models.CharField(
        _("kind of outflow"),
        max_length=16,
        choices=OutflowKind.choices,
        blank=True,
        default=OutflowKind.NONE,
    )
    outflow_date = models.DateField(
        _("date of status change"),
        null=True,
        blank=True,
        help_text=_("When the trainee was employed in repair or moved on."),
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    objects = TraineeQuerySet.as_manager()

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["organisation__name", "first_name", "last_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TraineeStatus.values),
                name="training_trainee_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(outflow_kind__in=OutflowKind.values),
                name="training_trainee_outflow_valid",
            ),
            # Outflow kind only for "moved on"; a date for every status but training.
            models.CheckConstraint(
                condition=(
                    Q(status=TraineeStatus.IN_TRAINING, outflow_kind="")
                    & Q(outflow_date__isnull=True)
                )
                | Q(
                    status=TraineeStatus.EMPLOYED,
                    outflow_kind="",
                    outflow_date__isnull=False,
                )
                | (
                    Q(status=TraineeStatus.MOVED_ON, outflow_date__isnull=False)
                    & ~Q(outflow_kind="")
                ),
                name="training_trainee_outflow_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(outflow_date__isnull=True)
                | Q(outflow_date__gte=models.F("start_date")),
                name="training_trainee_outflow_after_start",
            ),
        ]
        indexes = [
            # Overviews: trainees of an organisation by status.
            models.Index(fields=["organisation", "status"], name="training_org_status"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("training:trainee_detail", args=[self.pk])

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def display_name(self) -> str:
        if self.is_erased:
            return str(_("Anonymised trainee #%(pk)s") % {"pk": self.pk})
        return f"{self.first_name} {self.last_name}".strip() or f"#{self.pk}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.status == TraineeStatus.IN_TRAINING:
            self.outflow_kind = OutflowKind.NONE
            self.outflow_date = None
        else:
            if self.outflow_date is None:
                errors["outflow_date"] = _("Give the date of this status change.")
            elif self.start_date and self.outflow_date < self.start_date:
                errors["outflow_date"] = _("This date lies before the start date.")
            if self.status == TraineeStatus.MOVED_ON and not self.outflow_kind:
                errors["outflow_kind"] = _("Say where the trainee moved on to.")
            if self.status == TraineeStatus.EMPLOYED:
                self.outflow_kind = OutflowKind.NONE
        if not self.is_erased and not (self.first_name or self.last_name):
            errors["first_name"] = _("Give at least a first name.")
        if errors:
            raise ValidationError(errors)
