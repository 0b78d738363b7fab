"""manage.py privacy_cleanup: personal data past its retention period goes."""

import datetime
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from repairlocale.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=3 * 365)


def _logs():
    from axes.models import AccessAttempt, AccessLog

    old = AccessLog.objects.create(username="old", ip_address="10.0.0.1")
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=LONG_AGO)
    AccessLog.objects.create(username="recent", ip_address="10.0.0.2")
    attempt = AccessAttempt.objects.create(
        username="old", ip_address="10.0.0.1", failures_since_start=3
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=LONG_AGO)


def _invitation(username, *, joined):
    user = UserFactory(username=username)
    user.set_unusable_password()
    user.date_joined = joined
    user.save()
    return user


def _run(*args):
    out = StringIO()
    call_command("privacy_cleanup", *args, stdout=out)
    return out.getvalue()


def test_dry_run_counts_and_changes_nothing(personas):
    from axes.models import AccessLog

    _logs()
    _invitation("neverused", joined=LONG_AGO)
    output = _run("--dry-run")
    assert "login logs: would remove 1" in output
    assert "unused invitations: would remove 1" in output
    assert AccessLog.objects.count() == 2
    assert personas.viewer.__class__.objects.filter(username="neverused").exists()


def test_cleanup_removes_what_is_past_retention_and_keeps_the_rest(personas):
    from axes.models import AccessAttempt, AccessLog

    from repairlocale.reuse.tests.factories import ApplianceFactory

    User = personas.viewer.__class__
    _logs()
    Session.objects.create(
        session_key="x" * 32,
        session_data="",
        expire_date=timezone.now() - datetime.timedelta(days=1),
    )
    _invitation("neverused", joined=LONG_AGO)
    fresh = _invitation("justinvited", joined=timezone.now())
    # An old invitation that something points to is anonymised, not deleted.
    linked = _invitation("linked", joined=LONG_AGO)
    appliance = ApplianceFactory(registered_by=linked)
    # A deactivated account, last seen three years ago, with a membership.
    gone = personas.outsider
    gone.is_active = False
    gone.last_login = LONG_AGO
    gone.save()
    # Deactivated but recently: kept.
    personas.viewer.is_active = False
    personas.viewer.save()

    output = _run()
    assert "login logs: removed 1" in output
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["recent"]
    assert not AccessAttempt.objects.exists()
    assert not Session.objects.exists()
    assert not User.objects.filter(username="neverused").exists()
    assert User.objects.filter(pk=fresh.pk, erased_at__isnull=True).exists()
    linked.refresh_from_db()
    assert linked.is_erased and linked.username == f"erased-{linked.pk}"
    appliance.refresh_from_db()
    assert appliance.registered_by == linked
    gone.refresh_from_db()
    assert gone.is_erased and not gone.memberships.exists()
    personas.viewer.refresh_from_db()
    assert not personas.viewer.is_erased
    # Running again finds nothing.
    assert "deactivated accounts: removed 0" in _run()


def test_the_retention_periods_come_from_settings(personas, settings):
    from axes.models import AccessLog

    settings.PRIVACY_LOGIN_LOGS_DAYS = 5000
    _logs()
    _run()
    assert AccessLog.objects.count() == 2
