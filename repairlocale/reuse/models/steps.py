"""The steps of a hergebruikfiche: append-only, a correction is a new step."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repairlocale.repairs.models import RepairBarrier, RepairStatus
from repairlocale.reuse.models.appliances import Appliance

# The decree's grounds to refuse an appliance at visual triage (key → label).
REJECTION_CRITERIA = {
    "outdated": _("Very outdated or no market value"),
    "rust_damage": _("Much rust or external damage"),
    "poor_condition": _("Poor general condition"),
    "not_economically_repairable": _("Not economically repairable"),
    "contains_crt": _("Contains a cathode-ray tube (CRT)"),
}

# The decree's re-use criteria: all must hold before an appliance may be sold.
REUSE_CRITERIA = {
    "fully_functional": _("Fully functional"),
    "electrically_safe": _("Electrically safe"),
    "complete_housing": _("Complete housing"),
    "essential_parts_good": _("Essential parts present and in good condition"),
    "no_significant_damage": _("No significant rust or damage"),
    "no_cfc_hcfc": _("No CFC or HCFC"),
    "meets_energy_requirements": _("Meets the energy requirements"),
    "no_crt": _("No cathode-ray tube (CRT)"),
    "regular_market": _("A regular market exists"),
}


class StepKind(models.TextChoices):
    TRIAGE = "triage", _("Visual triage")
    SAFETY_TEST = "safety_test", _("Electrical safety test")
    FUNCTIONAL_TEST = "functional_test", _("Functional test")
    REPAIR = "repair", _("Repair")
    DATA_WIPE = "data_wipe", _("Data wiping")
    CLEANING = "cleaning", _("Cleaning")
    CRITERIA_CHECK = "criteria_check", _("Re-use criteria check")
    PRICING = "pricing", _("Pricing")
    SALE = "sale", _("Sold")
    PARTS_HARVEST = "parts_harvest", _("Parts harvested")
    RECYCLING = "recycling", _("Recycled")


class StepQuerySet(models.QuerySet["Step"]):
    def effective(self) -> StepQuerySet:
        """Steps that no later step corrects (what the fiche's state is built on)."""
        return self.filter(corrected_by__isnull=True)


class Step(models.Model):
    """One operation on an appliance and its result. Never updated, never deleted."""

    appliance = models.ForeignKey(
        Appliance,
        verbose_name=_("appliance"),
        on_delete=models.PROTECT,
        related_name="steps",
    )
    # Position in the fiche; unique per appliance, so two people recording at the
    # same moment get consecutive numbers and neither step is lost.
    sequence = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("step"), max_length=32, choices=StepKind.choices)
    performed_at = models.DateTimeField(_("performed at"), default=timezone.now)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("performed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    passed = models.BooleanField(
        _("passed"),
        null=True,
        blank=True,
        help_text=_("Triage: accepted. Tests and criteria: passed. Wiping: verified."),
    )
    notes = models.TextField(_("notes"), blank=True)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects step"),
        on_delete=models.PROTECT,
        related_name="corrected_by",
        null=True,
        blank=True,
    )

    # Visual triage
    rejection_reasons = models.JSONField(
        _("rejection reasons"), default=list, blank=True
    )
    defects = models.TextField(_("defects found"), blank=True)
    # Electrical safety test
    earth_resistance_ohm = models.DecimalField(
        _("protective-earth resistance (Ω)"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    insulation_resistance_mohm = models.DecimalField(
        _("insulation resistance (MΩ)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    leakage_current_ma = models.DecimalField(
        _("leakage current (mA)"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    instrument = models.CharField(_("instrument"), max_length=120, blank=True)
    # Repair
    diagnosis = models.TextField(_("diagnosis"), blank=True)
    fault_type = models.CharField(_("fault type"), max_length=120, blank=True)
    parts_used = models.TextField(_("parts used"), blank=True)
    parts_cost = models.DecimalField(
        _("parts cost (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    repairer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("repairer"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # The trainee who did this step (training evidence); kept when they are erased.
    trainee = models.ForeignKey(
        "training.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.SET_NULL,
        related_name="workshop_steps",
        null=True,
        blank=True,
    )
    repair_outcome = models.CharField(
        _("outcome"), max_length=16, choices=RepairStatus.choices, blank=True
    )
    barrier = models.CharField(
        _("repair barrier"), max_length=40, choices=RepairBarrier.choices, blank=True
    )
    # Data wiping
    wipe_method = models.CharField(_("wiping method"), max_length=120, blank=True)
    # Re-use criteria check: {criterion key: bool}
    criteria = models.JSONField(_("re-use criteria"), default=dict, blank=True)
    # Pricing and sale
    price = models.DecimalField(
        _("price (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    warranty_months = models.PositiveSmallIntegerField(
        _("warranty (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    sold_on = models.DateField(_("sold on"), null=True, blank=True)
    # Parts harvesting and recycling
    harvested_parts = models.TextField(_("harvested parts"), blank=True)
    weee_stream = models.CharField(_("WEEE stream"), max_length=120, blank=True)

    objects = StepQuerySet.as_manager()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["appliance", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["appliance", "sequence"], name="reuse_step_unique_sequence"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=StepKind.values),
                name="reuse_step_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(repair_outcome__in=["", *RepairStatus.values]),
                name="reuse_step_outcome_valid",
            ),
        ]
        indexes = [models.Index(fields=["kind", "performed_at"])]

    def __str__(self) -> str:
        return f"{self.appliance.code} #{self.sequence} {self.get_kind_display()}"

    @property
    def rejection_labels(self) -> list[str]:
        return [str(REJECTION_CRITERIA.get(k, k)) for k in self.rejection_reasons]

    @property
    def failed_criteria(self) -> list[str]:
        return [
            str(label)
            for k, label in REUSE_CRITERIA.items()
            if not self.criteria.get(k)
        ]
