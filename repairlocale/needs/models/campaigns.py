"""Needs-mapping campaigns: which hubs are asked about which activities, and answers."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel
from repairlocale.needs.models.catalogue import CatalogueActivity
from repairlocale.network.models import Hub


class Interest(models.TextChoices):
    NONE = "none", _("No interest")
    SOME = "some", _("Some interest")
    STRONG = "strong", _("Strong interest")
    DOING = "doing", _("Already doing it")


# Weight of each answer in the demand ranking: hubs already doing an activity do not
# need it proposed, so they do not add demand.
DEMAND_WEIGHT = {
    Interest.NONE: 0,
    Interest.SOME: 1,
    Interest.STRONG: 2,
    Interest.DOING: 0,
}


class Timing(models.TextChoices):
    SOON = "soon", _("Within 6 months")
    YEAR = "year", _("Within 6 to 12 months")
    LATER = "later", _("Later than a year")
    UNKNOWN = "unknown", _("Not known yet")


class Stage(models.TextChoices):
    """How far repair is on the agenda in a hub region (project's own scale)."""

    NOT_ON_AGENDA = "not_on_agenda", _("Not on the agenda")
    EXPLORING = "exploring", _("Exploring")
    FIRST_ACTIVITIES = "first_activities", _("First activities")
    STRUCTURAL = "structural", _("Structural")
    ANCHORED = "anchored", _("Anchored")

    @classmethod
    def rank(cls, value: str) -> int | None:
        """1..5 along the scale; None when no stage was given."""
        return cls.values.index(value) + 1 if value in cls.values else None


class ResponseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def open(self, now=None) -> CampaignQuerySet:
        """Campaigns whose invitations went out and whose deadline has not passed."""
        moment = now or timezone.now()
        return self.filter(invited_at__isnull=False, deadline__gt=moment)


class Campaign(TimeStampedModel):
    """A needs-mapping round: a set of hubs, a selection of activities, a deadline."""

    # Reminders go out this many days before the deadline: one reminder round each.
    REMINDER_DAYS_BEFORE = (7, 2)

    name = models.CharField(_("name"), max_length=200, unique=True)
    activities = models.ManyToManyField(
        CatalogueActivity,
        verbose_name=_("activities asked about"),
        related_name="campaigns",
    )
    hubs = models.ManyToManyField(
        Hub,
        verbose_name=_("hubs"),
        through="CampaignHub",
        related_name="needs_campaigns",
    )
    deadline = models.DateTimeField(_("deadline"))
    invitation_nl = models.TextField(_("invitation (Dutch)"))
    invitation_en = models.TextField(_("invitation (English)"))
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Results show the change since this campaign."),
    )
    invited_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("needs:campaign_detail", args=[self.pk])

    @property
    def is_past_deadline(self) -> bool:
        return timezone.now() >= self.deadline

    @property
    def invitation(self) -> str:
        if (get_language() or "nl").startswith("en") and self.invitation_en:
            return self.invitation_en
        return self.invitation_nl

    def reminder_round(self, now=None) -> int:
        """How many reminder moments have passed (0 before the first one)."""
        moment = now or timezone.now()
        if self.invited_at is None or moment >= self.deadline:
            return 0
        left = self.deadline - moment
        return sum(
            1 for days in self.REMINDER_DAYS_BEFORE if left <= timezone.timedelta(days)
        )


def _new_nonce() -> str:
    return secrets.token_urlsafe(12)


class CampaignHub(TimeStampedModel):
    """One hub invited to a campaign: its link, its progress, its overall stage."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="campaign_hubs",
    )
    hub = models.ForeignKey(
        Hub,
        verbose_name=_("hub"),
        on_delete=models.PROTECT,
        related_name="campaign_hubs",
    )
    # Part of the signed link: changing it revokes every link sent before.
    token_nonce = models.CharField(max_length=32, default=_new_nonce, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ResponseStatus.choices,
        default=ResponseStatus.NOT_STARTED,
    )
    stage = models.CharField(
        _("stage of repair on the agenda"),
        max_length=32,
        choices=Stage.choices,
        blank=True,
    )
    stage_comment = models.TextField(_("comment on the stage"), blank=True)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(
        _("last reminded at"), null=True, blank=True
    )
    last_saved_at = models.DateTimeField(_("last saved at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["campaign", "hub__name"]
        verbose_name = _("invited hub")
        verbose_name_plural = _("invited hubs")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "hub"], name="needs_campaignhub_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ResponseStatus.values),
                name="needs_campaignhub_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=[*Stage.values, ""]),
                name="needs_campaignhub_stage_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.hub}"

    def get_absolute_url(self) -> str:
        return reverse("needs:answer", args=[self.pk])

    @property
    def stage_rank(self) -> int | None:
        return Stage.rank(self.stage)


class ActivityAnswer(TimeStampedModel):
    """A hub's answer about one catalogue activity in one campaign."""

    campaign_hub = models.ForeignKey(
        CampaignHub,
        verbose_name=_("invited hub"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    activity = models.ForeignKey(
        CatalogueActivity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    interest = models.CharField(
        _("interest"), max_length=16, choices=Interest.choices, blank=True
    )
    timing = models.CharField(
        _("preferred timing"), max_length=16, choices=Timing.choices, blank=True
    )
    partners = models.CharField(_("local partners in mind"), max_length=500, blank=True)
    barriers = models.TextField(_("barriers"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["campaign_hub", "activity"]
        verbose_name = _("activity answer")
        verbose_name_plural = _("activity answers")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_hub", "activity"], name="needs_answer_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(interest__in=[*Interest.values, ""]),
                name="needs_answer_interest_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(timing__in=[*Timing.values, ""]),
                name="needs_answer_timing_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_hub} – {self.activity}"
