"""Organisations of the network and their sites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repairlocale.core.fields import HttpsURLField
from repairlocale.core.models import TimeStampedModel
from repairlocale.network.models.places import BELGIUM_BOUNDS, Municipality
from repairlocale.network.validators import (
    validate_enterprise_number,
    validate_postcode_format,
)

if TYPE_CHECKING:
    from repairlocale.accounts.models import User


class PilotRegion(models.TextChoices):
    NONE = "", _("No pilot region")
    BRUGGE = "brugge", _("Brugge")
    VLAAMS_BRABANT = "vlaams_brabant", _("Vlaams-Brabant")


class OrganisationType(models.TextChoices):
    REUSE_CENTRE = "reuse_centre", _("Reuse centre (Kringwinkel)")
    REPAIR_CAFE = "repair_cafe", _("Repair Café")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social economy enterprise")
    HUB = "hub", _("Hub organisation")
    LOCAL_GOVERNMENT = "local_government", _("Local authority")
    WASTE_COMPANY = "waste_company", _("Intermunicipal waste company")
    TRAINING_PROVIDER = "training_provider", _("Training provider")
    NETWORK_ORGANISATION = "network_organisation", _("Network organisation")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user: User) -> OrganisationQuerySet:
        """Coordinators see every organisation; others only those they belong to."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_coordinator:
            return self
        return self.filter(memberships__user=user)

    def for_list(self) -> OrganisationQuerySet:
        """Rows for list pages: parent joined, site count annotated (one query)."""
        return self.select_related("parent").annotate(
            site_count=models.Count("sites", distinct=True)
        )


class Organisation(TimeStampedModel):
    Type = OrganisationType

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = HttpsURLField(_("website"), blank=True)
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=12,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_("Belgian enterprise number (KBO), e.g. 0123.456.749"),
    )
    pilot_region = models.CharField(
        _("pilot region"),
        max_length=32,
        choices=PilotRegion.choices,
        blank=True,
        default=PilotRegion.NONE,
        db_index=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Created by seed_demo; not real data."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "type",
                name="network_organisation_unique_name_per_type",
                violation_error_message=_(
                    "An organisation with this name and type already exists."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(type__in=OrganisationType.values),
                name="network_organisation_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(pilot_region__in=PilotRegion.values),
                name="network_organisation_pilot_region_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:organisation_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.enterprise_number:
            from repairlocale.network.validators import normalise_enterprise_number

            try:
                self.enterprise_number = normalise_enterprise_number(
                    self.enterprise_number
                )
            except ValidationError as exc:
                raise ValidationError({"enterprise_number": exc.messages}) from exc
        # Walk up the parent chain: an organisation cannot be its own ancestor.
        seen = {self.pk} if self.pk else set()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError(
                    {
                        "parent": _(
                            "An organisation cannot come under itself or under one "
                            "of its own sub-organisations."
                        )
                    }
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class SiteKind(models.TextChoices):
    SHOP = "shop", _("Shop")
    WORKSHOP = "workshop", _("Workshop")
    COLLECTION_POINT = "collection_point", _("Collection point / recycling centre")
    OFFICE = "office", _("Office")


class SiteQuerySet(models.QuerySet["Site"]):
    def visible_to(self, user: User) -> SiteQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_network_coordinator:
            return self
        return self.filter(organisation__memberships__user=user)

    def for_list(self) -> SiteQuerySet:
        return self.select_related("organisation", "municipality__province")


class Site(TimeStampedModel):
    """A physical place of an organisation: shop, workshop, collection point, office."""

    Kind = SiteKind

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sites",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("site type"), max_length=32, choices=Kind.choices)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(
        _("postcode"), max_length=4, validators=[validate_postcode_format]
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="sites",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="network_site_unique_name_per_organisation",
                violation_error_message=_(
                    "This organisation already has a site with this name."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    # Explicit: a NULL in a comparison would let the CHECK pass.
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=BELGIUM_BOUNDS["lat_min"],
                    latitude__lte=BELGIUM_BOUNDS["lat_max"],
                    longitude__gte=BELGIUM_BOUNDS["lon_min"],
                    longitude__lte=BELGIUM_BOUNDS["lon_max"],
                ),
                name="network_site_coordinates_in_belgium",
                violation_error_message=_(
                    "The coordinates lie outside Belgium (or one of them is missing)."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=SiteKind.values),
                name="network_site_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return reverse("network:site_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.postcode and self.municipality_id:
            matches = self.municipality.postal_codes.filter(code=self.postcode).exists()
            if not matches:
                raise ValidationError(
                    {
                        "postcode": _(
                            "Postcode %(postcode)s does not belong to %(municipality)s."
                        )
                        % {"postcode": self.postcode, "municipality": self.municipality}
                    }
                )

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """Entered coordinates, else the municipality's centre, else None."""
        if self.latitude is not None and self.longitude is not None:
            return float(self.latitude), float(self.longitude)
        m = self.municipality
        if m.latitude is not None and m.longitude is not None:
            return float(m.latitude), float(m.longitude)
        return None

    @property
    def coordinates_are_approximate(self) -> bool:
        return self.latitude is None and self.coordinates is not None
