"""Send reads to a replica when one is configured, writes to the primary.

A replica lags a little behind the primary. Requests that wrote something pin the
rest of that user's reads to the primary via ``PinPrimaryAfterWriteMiddleware``
(see the README's section on scaling out).
"""

from __future__ import annotations

import threading
from typing import Any

_state = threading.local()


def pin_primary(pinned: bool = True) -> None:
    """Force reads in this thread (one request) to use the primary."""
    _state.pinned = pinned


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        return "default" if getattr(_state, "pinned", False) else "replica"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"
