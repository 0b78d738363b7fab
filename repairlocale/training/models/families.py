"""Appliance families: how the workshop groups ORDS product categories for training."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplianceFamily(models.TextChoices):
    SMALL_KITCHEN = "small_kitchen", _("Small kitchen appliances")
    COFFEE = "coffee", _("Coffee machines")
    VACUUM = "vacuum", _("Vacuum cleaners")
    AUDIO_TV = "audio_tv", _("Audio and TV")
    IT = "it", _("IT equipment")
    LARGE_HOUSEHOLD = "large_household", _("Large household appliances")
    OTHER = "other", _("Other appliances")


F = ApplianceFamily

# ORDS v0.3 category name → family. Categories not listed count as "other".
ORDS_FAMILY: dict[str, str] = {
    "Kettle": F.SMALL_KITCHEN,
    "Toaster": F.SMALL_KITCHEN,
    "Small kitchen item": F.SMALL_KITCHEN,
    "Food processor": F.SMALL_KITCHEN,
    "Coffee maker": F.COFFEE,
    "Vacuum": F.VACUUM,
    "Flat screen": F.AUDIO_TV,
    "Hi-Fi integrated": F.AUDIO_TV,
    "Hi-Fi separates": F.AUDIO_TV,
    "Headphones": F.AUDIO_TV,
    "Portable radio": F.AUDIO_TV,
    "Projector": F.AUDIO_TV,
    "TV and gaming-related accessories": F.AUDIO_TV,
    "Games console": F.AUDIO_TV,
    "Handheld entertainment device": F.AUDIO_TV,
    "Digital compact camera": F.AUDIO_TV,
    "DSLR/video camera": F.AUDIO_TV,
    "Desktop computer": F.IT,
    "Laptop": F.IT,
    "Tablet": F.IT,
    "Mobile": F.IT,
    "PC accessory": F.IT,
    "Printer/scanner": F.IT,
    "Large home electrical": F.LARGE_HOUSEHOLD,
    "Aircon/dehumidifier": F.LARGE_HOUSEHOLD,
}


def family_of(ords_name: str) -> str:
    return ORDS_FAMILY.get(ords_name, F.OTHER)
