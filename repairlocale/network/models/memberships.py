"""Who belongs to which organisation, and with which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel
from repairlocale.network.models.organisations import Organisation


class MembershipRole(models.IntegerChoices):
    VIEWER = 10, _("Viewer")
    EDITOR = 20, _("Editor")
    MANAGER = 30, _("Organisation manager")


class Membership(TimeStampedModel):
    """A person's role in one organisation. Higher roles include the lower ones."""

    Role = MembershipRole

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.PositiveSmallIntegerField(
        _("role"), choices=Role.choices, default=Role.VIEWER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__first_name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="network_membership_unique",
                violation_error_message=_(
                    "This person is already a member of this organisation."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MembershipRole.values),
                name="network_membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def can_edit(self) -> bool:
        return self.role >= self.Role.EDITOR

    @property
    def can_manage(self) -> bool:
        return self.role >= self.Role.MANAGER
