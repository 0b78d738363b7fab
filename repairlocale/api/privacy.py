"""Personal data of the API: personal tokens (see repairlocale/core/privacy.py)."""

from __future__ import annotations

from repairlocale.api.models import ApiToken
from repairlocale.core.privacy import Entry, iso, register


def export_person(user) -> dict:
    return {
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": iso(t.created_at),
                "last_used_at": iso(t.last_used_at),
                "revoked_at": iso(t.revoked_at),
            }
            for t in ApiToken.objects.filter(user=user)
        ]
    }


def erase_person(user, *, by) -> None:
    ApiToken.objects.filter(user=user).delete()


register(
    "api",
    entries=[
        Entry(
            "api.ApiToken",
            ("user", "name", "last_used_at"),
            purpose="api_token",
            basis="contract",
            retention="api_token",
            erasure="deleted",
        ),
    ],
    export=export_person,
    erase=erase_person,
)
