"""Account-wide workflows: erasure of a person's account."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from repairlocale.accounts.models import GlobalRole, User


def erased_email(user: User) -> str:
    # Unique (the e-mail field is) and undeliverable: .invalid is reserved (RFC 2606).
    return f"erased-{user.pk}@erased.invalid"


def user_sessions_end(*, user: User) -> int:
    """End every session of ``user``; the number ended."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def user_erase(*, user: User) -> User:
    """Anonymise an account and close it; the row stays for what points to it.

    Names, e-mail, login name and password go; the global role is dropped and the
    account deactivated; login logs of the old login name and open sessions end.
    Repairs, steps and cases recorded by the person keep counting, shown as
    "erased-<id>".
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        old_username = user.username
        user.username = f"erased-{user.pk}"
        user.first_name = ""
        user.last_name = ""
        user.email = erased_email(user)
        user.set_unusable_password()
        user.global_role = GlobalRole.NONE
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.erased_at = timezone.now()
        user.save()
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username=old_username).delete()
        user_sessions_end(user=user)
    return user
