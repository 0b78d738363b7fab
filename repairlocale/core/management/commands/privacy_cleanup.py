"""Delete or anonymise personal data past its retention period (run daily from cron).

    manage.py privacy_cleanup [--dry-run]

- login logs and failed-login attempts (django-axes) older than
  ``PRIVACY_LOGIN_LOGS_DAYS`` (90);
- expired sessions;
- invitations never used: accounts without a password that never logged in,
  ``PRIVACY_INVITATIONS_DAYS`` (30) after their link expired
  (``PASSWORD_RESET_TIMEOUT``): deleted, or anonymised when records point to them;
- deactivated accounts whose last login (or creation) is older than
  ``PRIVACY_INACTIVE_ACCOUNTS_DAYS`` (730): erased across all modules like an
  erasure request, except the trainee file, which follows the training module's
  own retention. Superusers are never touched;
- what each app's ``privacy.py`` cleans up itself (``register(cleanup=...)``), such
  as the versions of the audit trail older than ``PRIVACY_HISTORY_DAYS`` (1825).

Password-reset links are signed and stateless: nothing of them is stored.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.functions import Coalesce
from django.utils import timezone

from repairlocale.core import privacy


def expired_invitations():
    limit = (
        timezone.now()
        - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        - timedelta(days=privacy.retention_days("invitations"))
    )
    return get_user_model().objects.filter(
        password__startswith="!",  # noqa: S106 - set_unusable_password()
        last_login__isnull=True,
        erased_at__isnull=True,
        is_superuser=False,
        date_joined__lt=limit,
    )


def inactive_accounts():
    return (
        get_user_model()
        .objects.annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(
            is_active=False,
            erased_at__isnull=True,
            is_superuser=False,
            last_seen__lt=privacy.cutoff("inactive_accounts"),
        )
    )


class Command(BaseCommand):
    help = "Delete or anonymise personal data past its retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be deleted or anonymised.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        login_cutoff = privacy.cutoff("login_logs")
        counts: dict[str, int] = {}
        logs = [
            ("login logs", AccessLog.objects.filter(attempt_time__lt=login_cutoff)),
            (
                "failed-login attempts",
                AccessAttempt.objects.filter(attempt_time__lt=login_cutoff),
            ),
            (
                "failed-login logs",
                AccessFailureLog.objects.filter(attempt_time__lt=login_cutoff),
            ),
            (
                "expired sessions",
                Session.objects.filter(expire_date__lt=timezone.now()),
            ),
        ]
        invitations = list(expired_invitations())
        # An unused invitation is not also a deactivated account to erase.
        inactive = list(inactive_accounts().exclude(pk__in=[u.pk for u in invitations]))
        if dry_run:
            for label, queryset in logs:
                counts[label] = queryset.count()
            counts["unused invitations"] = len(invitations)
            counts["deactivated accounts"] = len(inactive)
        else:
            for label, queryset in logs:
                _total, per_model = queryset.delete()
                counts[label] = per_model.get(queryset.model._meta.label, 0)
            counts["unused invitations"] = 0
            for user in invitations:
                try:
                    with transaction.atomic():
                        user.delete()
                except (ProtectedError, RestrictedError, IntegrityError):
                    with transaction.atomic():
                        privacy.person_erase(user, by=None, skip=("training",))
                counts["unused invitations"] += 1
            for user in inactive:
                privacy.person_erase(user, by=None, skip=("training",))
            counts["deactivated accounts"] = len(inactive)
        for app in privacy.registry():
            if app.cleanup is not None:
                counts.update(app.cleanup(dry_run=dry_run))
        verb = "would remove" if dry_run else "removed"
        for label, number in counts.items():
            self.stdout.write(f"{label}: {verb} {number}")
        return None
