"""Creating, checking and revoking personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from repairlocale.api.models import ApiToken

if TYPE_CHECKING:
    from repairlocale.accounts.models import User

# Recognisable in logs and by secret scanners; 32 random bytes after it.
TOKEN_PREFIX = "rl_"  # noqa: S105 - a marker, not a secret
SHOWN_PREFIX_LENGTH = 10
MAX_ACTIVE_TOKENS = 20
# The last-used time is written at most this often per token, so that a busy
# integration does not turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256 hex digest.

    A plain (unsalted) hash is enough: the token is 256 random bits, so there is
    nothing to guess, and an index on the hash finds it in one lookup.
    """
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(
    *, user: User, name: str, can_write: bool = False
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the token, shown only once."""
    name = name.strip()
    with transaction.atomic():
        if user.api_tokens.active().count() >= MAX_ACTIVE_TOKENS:
            raise ValidationError(
                _("You have %(max)s active tokens: revoke one first.")
                % {"max": MAX_ACTIVE_TOKENS}
            )
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = ApiToken(
            user=user,
            name=name,
            key_hash=hash_token(token),
            prefix=token[:SHOWN_PREFIX_LENGTH],
            can_write=can_write,
        )
        row.full_clean()
        row.save()
    return row, token


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` at once; revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=token.revoked_at
        )
    return token


def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every active token of ``user`` at once; returns how many."""
    return user.api_tokens.active().update(revoked_at=timezone.now())


def api_token_authenticate(token: str) -> ApiToken | None:
    """The active token row for ``token`` with its active owner, or None.

    Records when the token was last used (at most once a minute).
    """
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=hash_token(token), user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
