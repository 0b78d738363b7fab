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
