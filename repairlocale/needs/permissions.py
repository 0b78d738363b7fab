"""Who may open what in the needs mapping.

Network coordinators run campaigns and edit the catalogue; members of a hub's
organisation answer that hub's invitation (viewers read, editors answer); a personal
link opens that one hub's answer form without an account (see links.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from repairlocale.needs.models import Campaign, CampaignHub
from repairlocale.network.models import Membership
from repairlocale.network.permissions import organisation_role


def require_coordinator(request: HttpRequest) -> None:
    if not request.user.is_network_coordinator:
        raise PermissionDenied


def get_campaign_for_coordinator(request: HttpRequest, pk: int) -> Campaign:
    require_coordinator(request)
    return get_object_or_404(Campaign.objects.select_related("previous"), pk=pk)


def campaign_hub_role(user, campaign_hub: CampaignHub) -> int | None:
    """The user's role for answering: coordinators count as managers."""
    organisation = campaign_hub.hub.organisation
    if user.is_authenticated and user.is_network_coordinator:
        return Membership.Role.MANAGER
    if organisation is None:
        return None
    return organisation_role(user, organisation)


def get_campaign_hub_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> CampaignHub:
    """An invitation: members of the hub's organisation read, editors answer."""
    campaign_hub = get_object_or_404(
        CampaignHub.objects.select_related("campaign", "hub__organisation"), pk=pk
    )
    role = campaign_hub_role(request.user, campaign_hub)
    if role is None:
        raise Http404
    if campaign_hub.campaign.invited_at is None and not (
        request.user.is_network_coordinator
    ):
        raise Http404
    if write and role < Membership.Role.EDITOR:
        raise PermissionDenied
    return campaign_hub
