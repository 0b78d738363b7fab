"""Activities carried out by a hub or an organisation, with their photos."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repairlocale.cases.models.publication import (
    Publishable,
    PublishableQuerySet,
    owner_constraint,
    status_constraint,
)
from repairlocale.cases.validators import validate_photo
from repairlocale.core.models import TimeStampedModel
from repairlocale.network.models import Organisation


class TargetGroup(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    SCHOOLS = "schools", _("Schools and young people")
    TRAINEES = "trainees", _("Target-group employees")
    VOLUNTEERS = "volunteers", _("Volunteers and Repair Cafés")
    SOCIAL_ENTERPRISES = "social_enterprises", _("Social economy enterprises")
    LOCAL_GOVERNMENT = "local_government", _("Local authorities")
    COMPANIES = "companies", _("Companies")
    OTHER = "other", _("Other")


class ActivityQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.select_related("hub", "organisation", "activity_type")


class Activity(Publishable):
    """Something a hub or organisation did to put repair on the agenda."""

    TargetGroup = TargetGroup

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    activity_type = models.ForeignKey(
        "needs.CatalogueActivity",
        verbose_name=_("type of activity"),
        on_delete=models.PROTECT,
        related_name="activities_carried_out",
    )
    target_group = models.CharField(
        _("target group"), max_length=32, choices=TargetGroup.choices
    )
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partners"),
        related_name="cases_activities_as_partner",
        blank=True,
    )
    participants = models.PositiveIntegerField(
        _("participants reached"), null=True, blank=True
    )
    outputs = models.TextField(
        _("outputs"),
        blank=True,
        help_text=_("What came out of it: repairs, contacts, agreements, material."),
    )
    links = models.TextField(
        _("links"), blank=True, help_text=_("One web address per line.")
    )

    follows_up = models.ForeignKey(
        "needs.ActivityAnswer",
        verbose_name=_("follows up the campaign answer"),
        on_delete=models.SET_NULL,
        related_name="follow_up_activities",
        null=True,
        blank=True,
        help_text=_("The needs-mapping answer this activity acts on, if any."),
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "title"]
        constraints = [
            owner_constraint("cases_activity"),
            status_constraint("cases_activity"),
        ]
        indexes = [
            # The public showcase and the review queue list by status, newest first.
            models.Index(fields=["status", "-date"], name="cases_activity_status_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:activity_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public:showcase_activity", args=[self.pk])

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class ActivityPhoto(TimeStampedModel):
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ImageField(
        _("photo"), upload_to="cases/activities/%Y/%m/", validators=[validate_photo]
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name
