"""Small typed helpers that read settings from the environment.

Each helper also reads ``<NAME>_FILE`` (a path whose content is the value), so that
secrets can come from Docker/systemd credential files instead of the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """The value of ``name`` (or the content of the file named by ``name_FILE``)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean such as DEBUG=true; anything unrecognised fails loudly."""
    raw = env_str(name, "").strip().lower()
    if name not in os.environ and f"{name}_FILE" not in os.environ:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    """An integer setting; a non-number fails loudly."""
    raw = env_str(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list, e.g. ALLOWED_HOSTS=a.example,b.example."""
    raw = env_str(name, "")
    if not raw.strip():
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, *, required: bool, dev_default: str) -> str:
    """A secret that production must set; development falls back to ``dev_default``."""
    value = env_str(name, "")
    if value:
        return value
    if required:
        raise ImproperlyConfigured(
            f"{name} must be set (or {name}_FILE) when DEBUG is off."
        )
    return dev_default
