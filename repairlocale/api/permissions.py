"""API permissions on top of the UI's scoping helpers.

Who may see or change an object is decided by the same helpers the pages use
(``network.permissions``, ``reuse.permissions``); these classes only add what is
particular to the API.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from repairlocale.api.models import ApiToken


class TokenScope(BasePermission):
    """A read-only token never writes, whatever its owner's role."""

    message = _("This API token may only read; create a token that may write.")

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        auth = request.auth
        return not isinstance(auth, ApiToken) or auth.can_write


class IsNetworkCoordinator(BasePermission):
    """Network-wide data (the ORDS export): coordinators and administrators."""

    message = _("Only network coordinators may use this endpoint.")

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_network_coordinator)
