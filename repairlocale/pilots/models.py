"""Pilot projects of the pilot regions: goals with targets, partners, milestones."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repairlocale.core.fields import HttpsURLField
from repairlocale.core.models import TimeStampedModel
from repairlocale.network.models import Organisation, PilotRegion

PILOT_REGIONS = [c for c in PilotRegion.choices if c[0]]


class FocusTheme(models.TextChoices):
    INFLOW_QUALITY = "inflow_quality", _("Qualitative inflow of electrical appliances")
    TRAINING = "training", _("Training repairers")
    OTHER = "other", _("Other")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class PilotProjectQuerySet(models.QuerySet["PilotProject"]):
    def visible_to(self, user) -> PilotProjectQuerySet:
        """Coordinators see every pilot; members of a partner organisation theirs."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_coordinator:
            return self
        return self.filter(partners__organisation__memberships__user=user).distinct()


class PilotProject(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200, unique=True)
    pilot_region = models.CharField(
        _("pilot region"), max_length=32, choices=PILOT_REGIONS
    )
    focus = models.CharField(
        _("focus theme"), max_length=32, choices=FocusTheme.choices
    )
    summary = models.TextField(_("summary"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = PilotProjectQuerySet.as_manager()

    class Meta:
        ordering = ["pilot_region", "title"]
        verbose_name = _("pilot project")
        verbose_name_plural = _("pilot projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pilot_region__in=[c[0] for c in PILOT_REGIONS]),
                name="pilots_pilot_region_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(focus__in=FocusTheme.values),
                name="pilots_pilot_focus_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="pilots_pilot_period_valid",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilots:pilot_detail", args=[self.pk])


class PilotPartner(models.Model):
    pilot = models.ForeignKey(
        PilotProject, on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="pilot_partnerships",
    )
    role = models.CharField(_("role in the pilot"), max_length=200)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("pilot partner")
        verbose_name_plural = _("pilot partners")
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "organisation"],
                name="pilots_partner_unique",
                violation_error_message=_("This organisation is already a partner."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


class PilotGoal(models.Model):
    """A goal with a target figure; measured live by an indicator, or by hand."""

    pilot = models.ForeignKey(
        PilotProject, on_delete=models.CASCADE, related_name="goals"
    )
    description = models.CharField(_("goal"), max_length=300)
    indicator = models.CharField(
        _("live indicator"),
        max_length=64,
        blank=True,
        help_text=_("Measured from the platform's data; leave empty to enter by hand."),
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    manual_value = models.DecimalField(
        _("current value (by hand)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.description


class Milestone(models.Model):
    pilot = models.ForeignKey(
        PilotProject, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=MilestoneStatus.values),
                name="pilots_milestone_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PilotLink(models.Model):
    pilot = models.ForeignKey(
        PilotProject, on_delete=models.CASCADE, related_name="links"
    )
    title = models.CharField(_("title"), max_length=200)
    url = HttpsURLField(_("address (URL)"))
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("document or link")
        verbose_name_plural = _("documents and links")

    def __str__(self) -> str:
        return self.title
