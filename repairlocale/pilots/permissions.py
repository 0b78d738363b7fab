"""Who may open a pilot project: coordinators manage; partner members read.

People outside the partner organisations get 404; partner members who try to edit
get 403 (network coordinators manage pilots).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from repairlocale.pilots.models import PilotProject


def is_partner_member(user, pilot: PilotProject) -> bool:
    return (
        user.is_authenticated
        and pilot.partners.filter(organisation__memberships__user=user).exists()
    )


def get_pilot_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> PilotProject:
    pilot = get_object_or_404(PilotProject, pk=pk)
    if request.user.is_network_coordinator:
        return pilot
    if not is_partner_member(request.user, pilot):
        raise Http404
    if write:
        raise PermissionDenied
    return pilot
