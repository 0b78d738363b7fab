"""Reuse centres, their label codes, and the appliances they take in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel

if TYPE_CHECKING:
    from repairlocale.accounts.models import User


class CollectionChannel(models.TextChoices):
    """How an appliance reached the reuse centre (the pilots' inflow channels)."""

    PRESERVING_COLLECTION = (
        "preserving_collection",
        _("Preserving collection at a recycling park"),
    )
    HOME_PICKUP = "home_pickup", _("Home pickup")
    SHOP_DROPOFF = "shop_dropoff", _("Drop-off at a shop")
    REPAIR_CAFE_REFERRAL = "repair_cafe_referral", _("Repair Café referral")
    DONATION = "donation", _("Company or organisation donation")
    BULKY_WASTE = "bulky_waste", _("Municipal bulky-waste collection")
    OTHER = "other", _("Other")


class EEECategory(models.TextChoices):
    """The six EEE categories of the WEEE Directive 2012/19/EU, Annex III."""

    TEMPERATURE_EXCHANGE = "1", _("1. Temperature exchange equipment")
    SCREENS = "2", _("2. Screens and monitors")
    LAMPS = "3", _("3. Lamps")
    LARGE = "4", _("4. Large equipment")
    SMALL = "5", _("5. Small equipment")
    SMALL_IT = "6", _("6. Small IT and telecommunication equipment")


class ApplianceStatus(models.TextChoices):
    """Where an appliance is in its life at the centre; derived from its steps."""

    AWAITING_TRIAGE = "awaiting_triage", _("Waiting for triage")
    AWAITING_SAFETY_TEST = "awaiting_safety_test", _("Waiting for safety test")
    AWAITING_REPAIR = "awaiting_repair", _("Waiting for repair")
    AWAITING_CRITERIA = "awaiting_criteria", _("Waiting for re-use criteria check")
    READY_FOR_PRICING = "ready_for_pricing", _("Ready for pricing")
    FOR_SALE = "for_sale", _("For sale")
    TO_RECYCLE = "to_recycle", _("To recycle or harvest")
    SOLD = "sold", _("Sold")
    HARVESTED = "harvested", _("Parts harvested")
    RECYCLED = "recycled", _("Recycled")

    @classmethod
    def terminal(cls) -> set[str]:
        return {cls.SOLD, cls.HARVESTED, cls.RECYCLED}


class ReuseCentre(TimeStampedModel):
    """The label settings of a reuse centre (an organisation of type reuse centre)."""

    organisation = models.OneToOneField(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="reuse_centre",
    )
    code_prefix = models.CharField(
        _("code prefix"),
        max_length=5,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z]{2,5}$", _("Two to five capital letters, e.g. RAD."))
        ],
        help_text=_("Printed before every label number, e.g. RAD-000123."),
    )
    next_number = models.PositiveIntegerField(_("next number"), default=1)

    class Meta:
        verbose_name = _("reuse centre")
        verbose_name_plural = _("reuse centres")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.code_prefix})"

    def format_code(self, number: int) -> str:
        return f"{self.code_prefix}-{number:06d}"


class ReservedCode(models.Model):
    """A code printed in advance on a label sheet, claimed when an appliance arrives."""

    centre = models.ForeignKey(
        ReuseCentre,
        verbose_name=_("reuse centre"),
        on_delete=models.CASCADE,
        related_name="reserved_codes",
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    created_at = models.DateTimeField(_("printed on"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("pre-printed code")
        verbose_name_plural = _("pre-printed codes")
        ordering = ["code"]
        indexes = [models.Index(fields=["centre", "claimed_at"])]

    def __str__(self) -> str:
        return self.code


class ApplianceQuerySet(models.QuerySet["Appliance"]):
    def visible_to(self, user: User) -> ApplianceQuerySet:
        """Coordinators read every centre; members only their organisation's."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_coordinator:
            return self
        return self.filter(organisation__memberships__user=user)

    def for_list(self) -> ApplianceQuerySet:
        return self.select_related("organisation", "site", "product_category")


class Appliance(TimeStampedModel):
    """One electrical appliance at a reuse centre: the head of its hergebruikfiche."""

    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("reuse centre"),
        on_delete=models.PROTECT,
        related_name="appliances",
    )
    site = models.ForeignKey(
        "network.Site",
        verbose_name=_("site"),
        on_delete=models.SET_NULL,
        related_name="appliances",
        null=True,
        blank=True,
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    intake_date = models.DateField(_("intake date"), default=timezone.localdate)
    channel = models.CharField(
        _("collection channel"), max_length=32, choices=CollectionChannel.choices
    )
    source_municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("source municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    product_category = models.ForeignKey(
        "repairs.ProductCategory",
        verbose_name=_("product category (ORDS)"),
        on_delete=models.PROTECT,
        related_name="appliances",
    )
    eee_category = models.CharField(
        _("EEE category"), max_length=2, choices=EEECategory.choices
    )
    device_name = models.CharField(_("device"), max_length=120)
    brand = models.CharField(_("brand"), max_length=80, blank=True)
    model_number = models.CharField(_("model / type number"), max_length=80, blank=True)
    production_year = models.PositiveSmallIntegerField(
        _("production year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900)],
    )
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    weight_measured = models.BooleanField(
        _("weight measured"),
        default=True,
        help_text=_("Off when the weight is the category default."),
    )
    remarks = models.TextField(_("remarks"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ApplianceStatus.choices,
        default=ApplianceStatus.AWAITING_TRIAGE,
        db_index=True,
        help_text=_("Derived from the steps; never edited by hand."),
    )
    # Kept with the status so that queues and inflow figures need no step scan.
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    sale_price = models.DecimalField(
        _("sale price (EUR)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    # Facts of the latest effective steps (set with the status by the services).
    triage_result = models.BooleanField(
        _("accepted at triage"), null=True, blank=True, editable=False
    )
    rejection_keys = models.CharField(
        _("rejection reasons (JSON)"), max_length=200, blank=True, editable=False
    )
    last_repair_outcome = models.CharField(
        _("latest repair outcome"), max_length=16, blank=True, editable=False
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )

    objects = ApplianceQuerySet.as_manager()

    class Meta:
        verbose_name = _("appliance")
        verbose_name_plural = _("appliances")
        ordering = ["-intake_date", "-pk"]
        indexes = [
            # Work queues: a centre's appliances in one status, oldest first. The
            # trailing columns make it cover the days-to-sale distribution of the
            # inflow page (sold appliances per channel or category and days), which
            # then reads no table row: 170,000 appliances in one centre-year.
            models.Index(
                fields=[
                    "organisation",
                    "status",
                    "intake_date",
                    "closed_on",
                    "channel",
                    "product_category",
                ],
                name="reuse_appl_queue_sale_idx",
            ),
            # Inflow figures: a centre's intake per period and channel.
            models.Index(fields=["organisation", "intake_date", "channel"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=CollectionChannel.values),
                name="reuse_appliance_channel_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(eee_category__in=EEECategory.values),
                name="reuse_appliance_eee_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplianceStatus.values),
                name="reuse_appliance_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(weight_kg__gte=0),
                name="reuse_appliance_weight_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.device_name}"

    def get_absolute_url(self) -> str:
        # The permanent URL printed on labels: it must never change.
        return reverse("appliance_fiche", args=[self.code])

    @property
    def is_closed(self) -> bool:
        return self.status in ApplianceStatus.terminal()
