"""The publication workflow shared by activities and cases: draft → review → published.

Hub coordinators write and submit; network coordinators publish or send back with a
comment. Only published material reaches the public showcase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel
from repairlocale.network.models import Hub, Organisation, PilotRegion

if TYPE_CHECKING:
    from repairlocale.accounts.models import User


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def owned_by(self, user: User):
        """Rows of the hubs and organisations in which the user has a membership."""
        return self.filter(
            Q(hub__organisation__memberships__user=user)
            | Q(organisation__memberships__user=user)
        )

    def visible_to(self, user: User):
        """Coordinators see all; members their own drafts and all that is published."""
        if not user.is_authenticated:
            return self.published()
        if user.is_network_coordinator:
            return self
        own = self.owned_by(user).values("pk")
        return self.filter(Q(status=PublicationStatus.PUBLISHED) | Q(pk__in=own))

    def in_region(self, region: str):
        """Rows whose hub, or else organisation, lies in the pilot region."""
        return self.filter(
            Q(hub__pilot_region=region)
            | Q(hub__isnull=True, organisation__pilot_region=region)
        )


class Publishable(TimeStampedModel):
    """Owner (a hub or an organisation) and the review workflow."""

    Status = PublicationStatus

    hub = models.ForeignKey(
        Hub,
        verbose_name=_("hub"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
        null=True,
        blank=True,
        help_text=_("Fill in when an organisation rather than a hub carried it out."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    review_comment = models.TextField(_("comment from the reviewer"), blank=True)
    submitted_at = models.DateTimeField(
        _("submitted for review at"), null=True, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True

    @property
    def owner_name(self) -> str:
        return str(self.hub or self.organisation or "")

    @property
    def pilot_region(self) -> str:
        if self.hub is not None:
            return self.hub.pilot_region
        return self.organisation.pilot_region if self.organisation else ""

    def get_pilot_region_display(self) -> str:
        return PilotRegion(self.pilot_region).label if self.pilot_region else ""

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    def clean(self) -> None:
        super().clean()
        if self.hub_id is None and self.organisation_id is None:
            raise ValidationError(_("Choose the hub or the organisation."))

    # State transitions (house style §7: single-object rules are model methods).
    def submit(self) -> None:
        if self.status != PublicationStatus.DRAFT:
            raise ValidationError(_("Only a draft can be submitted for review."))
        self.status = PublicationStatus.IN_REVIEW
        self.submitted_at = timezone.now()
        self.review_comment = ""

    def publish(self, *, by: User) -> None:
        if self.status == PublicationStatus.PUBLISHED:
            raise ValidationError(_("This is already published."))
        self.status = PublicationStatus.PUBLISHED
        self.published_at = timezone.now()
        self.reviewed_by = by

    def return_to_draft(self, *, by: User, comment: str) -> None:
        """Send back for changes (or take offline) with the reviewer's comment."""
        if self.status == PublicationStatus.DRAFT:
            raise ValidationError(_("This is already a draft."))
        self.status = PublicationStatus.DRAFT
        self.review_comment = comment
        self.reviewed_by = by
        self.published_at = None


def owner_constraint(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(hub__isnull=False) | Q(organisation__isnull=False),
        name=f"{prefix}_has_owner",
        violation_error_message=_("Choose the hub or the organisation."),
    )


def status_constraint(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(status__in=PublicationStatus.values),
        name=f"{prefix}_status_valid",
    )


def in_language(nl: str, en: str) -> str:
    """The English text for English readers when there is one, else the Dutch."""
    if (get_language() or "nl").startswith("en") and en:
        return en
    return nl
