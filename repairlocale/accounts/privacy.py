"""Personal data of accounts and logins (see repairlocale/core/privacy.py)."""

from __future__ import annotations

from repairlocale.accounts.models import User
from repairlocale.accounts.services import user_erase
from repairlocale.core.privacy import Entry, iso, register


def export_person(user: User) -> dict:
    from axes.models import AccessLog

    return {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "preferred_language": user.preferred_language,
            "global_role": user.global_role,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "is_active": user.is_active,
        },
        "logins": [
            {
                "at": iso(log.attempt_time),
                "logout": iso(log.logout_time),
                "ip_address": log.ip_address,
                "user_agent": log.user_agent,
            }
            for log in AccessLog.objects.filter(username=user.username).order_by(
                "-attempt_time"
            )[:500]
        ],
    }


def erase_person(user: User, *, by) -> None:
    user_erase(user=user)


register(
    "accounts",
    entries=[
        Entry(
            "accounts.User",
            (
                "username",
                "first_name",
                "last_name",
                "email",
                "preferred_language",
                "last_login",
            ),
            purpose="account",
            basis="contract",
            retention="account",
            erasure="anonymised",
        ),
        Entry(
            "axes.AccessLog",
            ("username", "ip_address", "user_agent", "attempt_time"),
            purpose="login_security",
            basis="legitimate_interest",
            retention="login_logs",
            erasure="deleted",
        ),
        Entry(
            "axes.AccessAttempt",
            ("username", "ip_address", "user_agent", "attempt_time"),
            purpose="login_security",
            basis="legitimate_interest",
            retention="login_logs",
            erasure="deleted",
        ),
        Entry(
            "axes.AccessFailureLog",
            ("username", "ip_address", "user_agent", "attempt_time"),
            purpose="login_security",
            basis="legitimate_interest",
            retention="login_logs",
            erasure="deleted",
        ),
    ],
    export=export_person,
    erase=erase_person,
    # The account goes last: the other modules still find the person by it.
    order=100,
)
