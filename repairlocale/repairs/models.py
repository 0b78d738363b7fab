"""Repair reference data shared by the workshop (reuse) and Repair Café logging.

The product categories and the repair statuses and barriers follow the Open Repair
Data Standard v0.3 (Open Repair Alliance, CC BY-SA 4.0).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RepairStatus(models.TextChoices):
    """ORDS repair_status values (stored exactly as the standard spells them)."""

    FIXED = "Fixed", _("Fixed")
    REPAIRABLE = "Repairable", _("Repairable")
    END_OF_LIFE = "End of life", _("End of life")
    UNKNOWN = "Unknown", _("Unknown")


class RepairBarrier(models.TextChoices):
    """ORDS repair_barrier_if_end_of_life values (the standard's spelling)."""

    SPARE_PARTS_NOT_AVAILABLE = (
        "Spare parts not available",
        _("Spare parts not available"),
    )
    SPARE_PARTS_TOO_EXPENSIVE = (
        "Spare parts too expensive",
        _("Spare parts too expensive"),
    )
    NO_WAY_TO_OPEN = "No way to open product", _("No way to open the product")
    REPAIR_INFORMATION_NOT_AVAILABLE = (
        "Repair information not available",
        _("Repair information not available"),
    )
    LACK_OF_EQUIPMENT = "Lack of equipment", _("Lack of equipment")
    ITEM_TOO_WORN_OUT = "Item too worn out", _("Item too worn out")


class ProductCategory(models.Model):
    """One of the 40 ORDS product categories, with its fixed ORDS id."""

    ords_id = models.PositiveSmallIntegerField(_("ORDS id"), unique=True)
    ords_name = models.CharField(
        _("ORDS name"),
        max_length=100,
        unique=True,
        help_text=_("The category exactly as the standard names it (English)."),
    )
    name_nl = models.CharField(_("name (nl)"), max_length=100)
    name_en = models.CharField(_("name (en)"), max_length=100)
    powered = models.BooleanField(
        _("powered"),
        default=True,
        help_text=_("Electrical or electronic; unpowered items (bikes, textiles…)."),
    )

    typical_weight_kg = models.DecimalField(
        _("typical weight (kg)"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Used when an appliance is not weighed."),
    )

    class Meta:
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name_nl


class BarrierDetail(models.TextChoices):
    """Finer reasons Repair Café hosts ask for; each maps onto one ORDS barrier."""

    CAUSE_NOT_FOUND = "cause_not_found", _("Cause not found")
    TOO_COMPLEX = "too_complex", _("Too complex to repair")
    SAFETY_RISK = "safety_risk", _("Unsafe to repair")
    NOT_WORTH_IT = "not_worth_it", _("Repair not worth the cost")

    @property
    def ords_barrier(self) -> str:
        return BARRIER_DETAIL_TO_ORDS[self.value]


BARRIER_DETAIL_TO_ORDS = {
    "cause_not_found": RepairBarrier.REPAIR_INFORMATION_NOT_AVAILABLE,
    "too_complex": RepairBarrier.REPAIR_INFORMATION_NOT_AVAILABLE,
    "safety_risk": RepairBarrier.LACK_OF_EQUIPMENT,
    "not_worth_it": RepairBarrier.SPARE_PARTS_TOO_EXPENSIVE,
}


class NextStep(models.TextChoices):
    """What happens to a Repairable item (the Restarters / Repair Connects options)."""

    MORE_TIME = "more_time", _("More time needed")
    PROFESSIONAL_HELP = "professional_help", _("Professional help")
    DO_IT_YOURSELF = "do_it_yourself", _("Do it yourself")


class SpareParts(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    MANUFACTURER = "manufacturer", _("From the manufacturer")
    THIRD_PARTY = "third_party", _("From a third party")


class ImportBatch(models.Model):
    """One ORDS file import: what was read, written and refused."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        # The process ended without finishing (killed, machine restarted): found by
        # importer.mark_stale_batches(), never set by a running import.
        INTERRUPTED = "interrupted", _("Interrupted")

    data_provider = models.CharField(_("data provider"), max_length=120, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    dry_run = models.BooleanField(_("dry run"), default=False)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    rows_failed = models.PositiveIntegerField(_("rows refused"), default=0)
    likely_duplicates = models.PositiveIntegerField(_("likely duplicates"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    heartbeat_at = models.DateTimeField(
        _("last sign of life"),
        null=True,
        blank=True,
        help_text=_("Saved after every chunk while the import runs."),
    )
    worker = models.CharField(
        _("worker process"),
        max_length=160,
        blank=True,
        help_text=_("host:pid of the process running the import."),
    )
    message = models.TextField(_("message"), blank=True)
    error_report = models.TextField(
        _("error report (CSV)"),
        blank=True,
        help_text=_("line, column, value, reason for every refused row"),
    )

    class Meta:
        verbose_name = _("ORDS import")
        verbose_name_plural = _("ORDS imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class RepairEvent(models.Model):
    """A Repair Café session: an evening or afternoon of repairs."""

    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("Repair Café"),
        on_delete=models.PROTECT,
        related_name="repair_events",
    )
    date = models.DateField(_("date"))
    site = models.ForeignKey(
        "network.Site",
        verbose_name=_("site"),
        on_delete=models.SET_NULL,
        related_name="repair_events",
        null=True,
        blank=True,
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    volunteers = models.PositiveSmallIntegerField(
        _("volunteers"), null=True, blank=True
    )
    visitors = models.PositiveSmallIntegerField(_("visitors"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("repair event")
        verbose_name_plural = _("repair events")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        return f"{self.organisation} {self.date:%Y-%m-%d}"


class RepairRecordSource(models.TextChoices):
    WORKSHOP = "workshop", _("Reuse-centre workshop")
    REPAIR_CAFE = "repair_cafe", _("Repair Café")
    IMPORTED = "imported", _("Imported ORDS dataset")


class RepairRecord(models.Model):
    """One repair attempt, shaped after an ORDS v0.3 row, with its provenance.

    Workshop repairs are derived from the hergebruikfiche's repair steps (kept in step
    with them by the reuse services); Repair Café entries and imported datasets add
    their own rows. The ORDS export and the impact engine read this one table.
    """

    source = models.CharField(
        _("source"), max_length=16, choices=RepairRecordSource.choices, db_index=True
    )
    data_provider = models.CharField(_("data provider"), max_length=120)
    external_id = models.CharField(
        _("id at the provider"),
        max_length=120,
        help_text=_("The ORDS id; ours are prefixed with the data provider."),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="repair_records",
        null=True,
        blank=True,
    )
    workshop_step = models.OneToOneField(
        "reuse.Step",
        verbose_name=_("workshop repair step"),
        on_delete=models.CASCADE,
        related_name="repair_record",
        null=True,
        blank=True,
    )
    country = models.CharField(
        _("country (ISO 3166 alpha-3)"), max_length=3, default="BEL"
    )
    partner_product_category = models.CharField(
        _("product as named by the provider"), max_length=200, blank=True
    )
    product_category = models.ForeignKey(
        ProductCategory,
        verbose_name=_("product category"),
        on_delete=models.PROTECT,
        related_name="repair_records",
    )
    brand = models.CharField(_("brand"), max_length=120, blank=True)
    year_of_manufacture = models.PositiveSmallIntegerField(
        _("year of manufacture"), null=True, blank=True
    )
    product_age = models.DecimalField(
        _("product age (years)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    repair_status = models.CharField(
        _("repair status"), max_length=16, choices=RepairStatus.choices
    )
    repair_barrier = models.CharField(
        _("repair barrier"), max_length=40, choices=RepairBarrier.choices, blank=True
    )
    group_identifier = models.CharField(_("group"), max_length=200, blank=True)
    event = models.ForeignKey(
        RepairEvent,
        verbose_name=_("repair event"),
        on_delete=models.CASCADE,
        related_name="records",
        null=True,
        blank=True,
    )
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        related_name="records",
        null=True,
        blank=True,
    )
    item_type = models.CharField(_("item type"), max_length=200, blank=True)
    model = models.CharField(_("model"), max_length=120, blank=True)
    barrier_detail = models.CharField(
        _("reason (detail)"), max_length=32, choices=BarrierDetail.choices, blank=True
    )
    next_steps = models.CharField(
        _("next steps"), max_length=32, choices=NextStep.choices, blank=True
    )
    spare_parts = models.CharField(
        _("spare parts"), max_length=32, choices=SpareParts.choices, blank=True
    )
    likely_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("likely duplicate of"),
        on_delete=models.SET_NULL,
        related_name="likely_duplicates",
        null=True,
        blank=True,
        help_text=_(
            "The same repair published by another provider (same group, date, "
            "category and problem); counted once in statistics."
        ),
    )
    event_date = models.DateField(_("date"))
    problem = models.TextField(_("problem"), blank=True)
    repairer = models.ForeignKey(
        "accounts.User",
        verbose_name=_("repairer"),
        on_delete=models.SET_NULL,
        related_name="repair_records",
        null=True,
        blank=True,
    )

    # The trainee who did this repair (training evidence).
    trainee = models.ForeignKey(
        "training.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.SET_NULL,
        related_name="repair_records",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("repair record")
        verbose_name_plural = _("repair records")
        ordering = ["-event_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["data_provider", "external_id"],
                name="repairs_record_unique_provider_id",
            ),
            models.CheckConstraint(
                condition=models.Q(repair_status__in=RepairStatus.values),
                name="repairs_record_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=RepairRecordSource.values),
                name="repairs_record_source_valid",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "event_date"])]

    def __str__(self) -> str:
        return f"{self.external_id} {self.product_category} ({self.repair_status})"
