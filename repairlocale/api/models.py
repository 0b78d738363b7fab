"""Personal API tokens: named, shown once, stored as a SHA-256 hash, revocable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(TimeStampedModel):
    """A personal token that authenticates API calls as its owner.

    Only the SHA-256 hash of the token is kept: a leaked database does not leak
    working tokens. The token itself is shown once, when it is created. The prefix
    (the first characters) lets people tell their tokens apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the token is for, e.g. 'label printer workshop Brugge'."),
    )
    key_hash = models.CharField(_("token hash (SHA-256)"), max_length=64, unique=True)
    prefix = models.CharField(_("start of the token"), max_length=16)
    can_write = models.BooleanField(
        _("may write"),
        default=False,
        help_text=_(
            "Without it the token only reads, whatever your role. With it, it "
            "writes what your role allows (intake, steps)."
        ),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_unique_active_name_per_user",
                violation_error_message=_("You already have a token with this name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
