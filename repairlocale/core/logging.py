"""Keep personal data and secrets out of the logs.

Two pieces, wired in ``config/settings.py``:

- ``RedactSecretsFilter`` on the console handler: Django logs every 4xx/5xx with
  the request path (``django.request``), and some paths carry a secret: the
  personal campaign link (``/behoeften/link/<token>/``) and the password-reset
  link (``/account/wachtwoord/nieuw/<uid>/<token>/``). The filter replaces those
  segments by "…" in the message, its arguments and the request attached to it.
- ``axes_client_str`` for ``AXES_CLIENT_STR_CALLABLE``: django-axes logs each
  failed login with the login name and address even with ``AXES_VERBOSE = False``;
  this logs a short keyed hash of the login name and the address with its last
  part masked, enough to follow an attack, not to name a person.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re

from django.conf import settings

SECRET_PATHS = [
    re.compile(r"(/behoeften/link/)[^/\s'\"]+"),
    re.compile(r"(/wachtwoord/nieuw/)[^/\s'\"]+/[^/\s'\"]+"),
]


def redact(text: str) -> str:
    for pattern in SECRET_PATHS:
        text = pattern.sub(r"\1…", text)
    return text


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def pseudonym(value: str) -> str:
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, (value or "").encode(), hashlib.sha256).hexdigest()
    return digest[:10]


def mask_address(address: str | None) -> str:
    if not address:
        return "-"
    if ":" in address:  # IPv6: keep the /48 network
        return ":".join(address.split(":")[:3]) + "::…"
    parts = address.split(".")
    return ".".join([*parts[:3], "…"]) if len(parts) == 4 else "…"


def axes_client_str(username, ip_address, user_agent, path_info, request) -> str:
    return (
        f"{{user: {pseudonym(username or '')}, address: {mask_address(ip_address)}, "
        f"path: {redact(path_info or '')}}}"
    )
