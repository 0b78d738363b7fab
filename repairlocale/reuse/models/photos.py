"""Photos of an appliance: intake, defects, repairs. Seen only by the centre.

Files get random names (never the uploader's file name) and are served only through
the scoped views of the fiche, never by a public media URL.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repairlocale.reuse.models.appliances import Appliance

MAX_PHOTOS_PER_APPLIANCE = 20


class PhotoKind(models.TextChoices):
    INTAKE = "intake", _("At intake")
    DEFECT = "defect", _("Defect")
    REPAIR = "repair", _("Repair")
    OTHER = "other", _("Other")


def photo_upload_to(instance: AppliancePhoto, filename: str) -> str:
    """A random name in a folder per month; the extension of the stored format."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"reuse/photos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class AppliancePhoto(models.Model):
    appliance = models.ForeignKey(
        Appliance,
        verbose_name=_("appliance"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ImageField(_("photo"), upload_to=photo_upload_to, max_length=200)
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to=photo_upload_to, max_length=200, blank=True
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=PhotoKind.choices, default=PhotoKind.INTAKE
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("added on"), default=timezone.now)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("appliance photo")
        verbose_name_plural = _("appliance photos")
        ordering = ["appliance", "position", "pk"]
        indexes = [models.Index(fields=["appliance", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PhotoKind.values),
                name="reuse_appliancephoto_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appliance_id} #{self.position} ({self.kind})"


@receiver(post_delete, sender=AppliancePhoto)
def _remove_files(sender, instance: AppliancePhoto, **kwargs) -> None:
    """A deleted photo's files go when the deletion commits (admin, cascade, view)."""
    names = [f.name for f in (instance.image, instance.thumbnail) if f.name]
    storage = instance.image.storage

    def remove() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)
