"""Circulair Werk(t) hubs, the municipalities they cover, and their partnerships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repairlocale.core.fields import HttpsURLField
from repairlocale.core.models import TimeStampedModel
from repairlocale.network.models.organisations import Organisation, PilotRegion
from repairlocale.network.models.places import Municipality

if TYPE_CHECKING:
    from repairlocale.accounts.models import User


class HubQuerySet(models.QuerySet["Hub"]):
    def for_list(self) -> HubQuerySet:
        return self.select_related("organisation").annotate(
            municipality_count=models.Count("municipalities", distinct=True)
        )


class Hub(TimeStampedModel):
    """A social-circular hub of the Circulair Werk(t) network and its hub region.

    Which municipalities a hub covers is not published anywhere: coordinators keep it
    up to date here.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("hub organisation"),
        on_delete=models.SET_NULL,
        related_name="hubs",
        null=True,
        blank=True,
        help_text=_("The organisation that leads the hub; its managers edit the hub."),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities in the hub region"),
        related_name="hubs",
        blank=True,
    )
    pilot_region = models.CharField(
        _("pilot region"),
        max_length=32,
        choices=PilotRegion.choices,
        blank=True,
        default=PilotRegion.NONE,
    )
    description = models.TextField(_("description"), blank=True)
    website = HttpsURLField(_("website"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = HubQuerySet.as_manager()

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pilot_region__in=PilotRegion.values),
                name="network_hub_pilot_region_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:hub_detail", args=[self.pk])


class PartnershipRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")
    MEMBER = "member", _("Member of the partnership")
    ADVISOR = "advisor", _("Adviser / observer")
    FUNDER = "funder", _("Funder")


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def visible_to(self, user: User) -> PartnershipQuerySet:
        """Coordinators see all; members see those of their organisation or hub."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_coordinator:
            return self
        return self.filter(
            models.Q(organisation__memberships__user=user)
            | models.Q(hub__organisation__memberships__user=user)
        ).distinct()

    def active(self, on=None) -> PartnershipQuerySet:
        day = on or timezone.localdate()
        return self.filter(start_date__lte=day).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day)
        )

    def for_list(self) -> PartnershipQuerySet:
        return self.select_related("organisation", "hub")


class Partnership(TimeStampedModel):
    """An organisation working with a hub, in a role, for a period."""

    Role = PartnershipRole

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    hub = models.ForeignKey(
        Hub,
        verbose_name=_("hub"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-start_date", "hub__name", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="network_partnership_period_valid",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "hub", "role", "start_date"],
                name="network_partnership_unique",
                violation_error_message=_(
                    "This partnership already exists (same organisation, hub, role "
                    "and start date)."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=PartnershipRole.values),
                name="network_partnership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.hub} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("network:partnership_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (
            self.end_date is None or self.end_date >= today
        )
