"""Versioned impact methodologies: the factors that turn repairs into kg and CO2e.

A methodology is never edited once reports use it: a change is a new version, so
that every published figure can be recomputed from the version it names.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel


class MethodologyQuerySet(models.QuerySet["Methodology"]):
    def default(self) -> Methodology:
        """The methodology reports use unless they name another (one query)."""
        return self.get(is_default=True)

    def for_spec(self, spec: str) -> Methodology:
        """``slug`` or ``slug:version``; without a version, the latest published."""
        slug, _sep, version = spec.partition(":")
        found = self.filter(slug=slug)
        if version:
            return found.get(version=version)
        latest = found.order_by("-published_on", "-pk").first()
        if latest is None:
            raise self.model.DoesNotExist(f"No methodology {spec!r}.")
        return latest


class Methodology(TimeStampedModel):
    """One version of a published method to estimate waste and CO2e prevented."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    version = models.CharField(
        _("version"),
        max_length=20,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z][0-9A-Za-z._-]*$",
                _("Letters, digits, dots, hyphens and underscores, e.g. 2021.1."),
            )
        ],
    )
    source = models.TextField(
        _("source"),
        help_text=_("Who published the factors, where and under which licence."),
    )
    source_url = models.URLField(_("source URL"), blank=True)
    displacement_factor = models.DecimalField(
        _("displacement factor"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_(
            "Share of repaired or re-used products that replace the purchase of a "
            "new one (0 to 1)."
        ),
    )
    emission_ratio_powered = models.DecimalField(
        _("emission ratio, powered (kg CO2e/kg)"),
        max_digits=14,
        decimal_places=8,
        validators=[MinValueValidator(0)],
        help_text=_("For items without a category value whose weight is known."),
    )
    emission_ratio_unpowered = models.DecimalField(
        _("emission ratio, unpowered (kg CO2e/kg)"),
        max_digits=14,
        decimal_places=8,
        validators=[MinValueValidator(0)],
    )
    is_default = models.BooleanField(
        _("default"),
        default=False,
        help_text=_("Used by every report that does not choose another. Only one."),
    )
    published_on = models.DateField(_("published on"))
    notes = models.TextField(_("notes"), blank=True)
    limitations = models.TextField(_("limitations"), blank=True)

    objects = MethodologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("impact methodology")
        verbose_name_plural = _("impact methodologies")
        ordering = ["-is_default", "-published_on", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "version"], name="impact_methodology_unique_version"
            ),
            # A partial unique index: at most one row may be the default.
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="impact_methodology_one_default",
            ),
            models.CheckConstraint(
                condition=models.Q(displacement_factor__gte=0)
                & models.Q(displacement_factor__lte=1),
                name="impact_methodology_displacement_0_1",
            ),
            models.CheckConstraint(
                condition=models.Q(emission_ratio_powered__gte=0)
                & models.Q(emission_ratio_unpowered__gte=0),
                name="impact_methodology_ratios_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("impact:methodology_version", args=[self.slug, self.version])

    @property
    def spec(self) -> str:
        """How commands and reports name this version: ``slug:version``."""
        return f"{self.slug}:{self.version}"


class CategoryFactor(TimeStampedModel):
    """Weight and pre-use footprint of one ORDS category under one methodology.

    Weight and footprint 0 stand for "no category value" (ORDS "Misc"): an item's
    own weight times the methodology's emission ratio is used instead, when known.
    """

    methodology = models.ForeignKey(
        Methodology,
        verbose_name=_("methodology"),
        on_delete=models.CASCADE,
        related_name="factors",
    )
    # CASCADE, not PROTECT: the 40 ORDS categories are fixed by the standard and
    # cannot be deleted in the admin; the only deletion is the reverse of their
    # data migration (repairs 0002), which a factor must not block.
    product_category = models.ForeignKey(
        "repairs.ProductCategory",
        verbose_name=_("product category"),
        on_delete=models.CASCADE,
        related_name="impact_factors",
    )
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=9,
        decimal_places=4,
        validators=[MinValueValidator(0)],
    )
    footprint_kg_co2e = models.DecimalField(
        _("footprint (kg CO2e)"),
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(0)],
        help_text=_("Greenhouse gases emitted to make and distribute a new item."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("category factor")
        verbose_name_plural = _("category factors")
        ordering = ["methodology", "product_category__ords_id"]
        constraints = [
            # Also the index the impact selectors join on (methodology, category).
            models.UniqueConstraint(
                fields=["methodology", "product_category"],
                name="impact_factor_unique_category",
            ),
            models.CheckConstraint(
                condition=models.Q(weight_kg__gte=0)
                & models.Q(footprint_kg_co2e__gte=0),
                name="impact_factor_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.methodology}: {self.product_category}"

    @property
    def has_value(self) -> bool:
        return self.footprint_kg_co2e > 0
