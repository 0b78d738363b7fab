"""Needs mapping: the activity catalogue the network proposes to hubs, campaigns."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel


class Theme(models.TextChoices):
    """The project's themes an activity serves (Repair Locale project plan)."""

    INSPIRE = "inspire", _("Inspiring and activating target groups around repair")
    CONNECT = "connect", _("Connecting citizens or organisations")
    DETECT = "detect", _("Detecting local needs and opportunities")
    PRESERVING_COLLECTION = "preserving_collection", _("Electro: preserving collection")
    TRAINING = "training", _("Electro: training repairers")
    REPAIR_SERVICES = "repair_services", _("Electro: repair services")


class Effort(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class CatalogueActivity(TimeStampedModel):
    """An activity the network proposes to hubs; network coordinators edit it.

    Activities carried out (app ``cases``) and campaign answers refer to it, so an
    entry is retired (``is_active``) rather than deleted.
    """

    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    target_groups = models.CharField(
        _("target groups"),
        max_length=300,
        blank=True,
        help_text=_("Who the activity reaches, e.g. residents, schools, trainees."),
    )
    effort = models.CharField(
        _("effort"), max_length=16, choices=Effort.choices, default=Effort.MEDIUM
    )
    examples = models.TextField(_("examples"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["theme", "order", "name_nl"]
        verbose_name = _("catalogue activity")
        verbose_name_plural = _("activity catalogue")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the reader's language, Dutch when no English is given."""
        if (get_language() or "nl").startswith("en") and self.name_en:
            return self.name_en
        return self.name_nl

    @property
    def description(self) -> str:
        if (get_language() or "nl").startswith("en") and self.description_en:
            return self.description_en
        return self.description_nl
