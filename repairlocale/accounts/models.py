"""People who log in, with their platform-wide role and preferred language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class GlobalRole(models.TextChoices):
    NONE = "", _("None (only through organisations)")
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    """A person with an account. Organisation roles live in ``network.Membership``."""

    GlobalRole = GlobalRole

    email = models.EmailField(_("email address"), unique=True)
    global_role = models.CharField(
        _("role in the network"),
        max_length=32,
        choices=GlobalRole.choices,
        default=GlobalRole.NONE,
        blank=True,
        help_text=_(
            "Network coordinators (Repair&Share, Herw!n) view and edit everything; "
            "administrators also manage the technical settings."
        ),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Set when the person's data was erased (GDPR art. 17): the row stays, so every
    # record that points to it still counts, but names and login are gone.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(global_role__in=GlobalRole.values),
                name="accounts_user_global_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def is_network_coordinator(self) -> bool:
        """Reads and edits everything in the network (superusers included)."""
        return self.is_active and (
            self.is_superuser
            or self.global_role
            in (self.GlobalRole.NETWORK_COORDINATOR, self.GlobalRole.ADMINISTRATOR)
        )

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (
            self.is_superuser or self.global_role == self.GlobalRole.ADMINISTRATOR
        )
