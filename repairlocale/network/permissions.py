"""Scoping helpers: fetch an object only when the requesting user may see or change it.

Non-members get 404 (they must not learn that the object exists); members whose role
is too low for a write get 403. Network coordinators and superusers pass explicitly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from repairlocale.network.models import Hub, Membership, Organisation, Partnership, Site

if TYPE_CHECKING:
    from repairlocale.accounts.models import User

Role = Membership.Role


def organisation_role(user: User, organisation: Organisation) -> int | None:
    """The user's effective role in ``organisation``; None when they have none.

    Coordinators act as managers everywhere. The answer is memoised on the user object
    so a page that asks several times costs one query.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_network_coordinator:
        return Role.MANAGER
    cache: dict[int, int | None] = user.__dict__.setdefault("_org_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            Membership.objects.filter(user=user, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation.pk]


def _require(role: int | None, needed: int) -> None:
    if role is None:
        raise Http404
    if role < needed:
        raise PermissionDenied


def _needed(*, write: bool, manage: bool) -> int:
    if manage:
        return Role.MANAGER
    return Role.EDITOR if write else Role.VIEWER


def pk_from_query(value: str) -> int:
    """An id from a query string (``?organisation=12``); 404 for anything else.

    A typed-in or mangled link must answer "not found", never a server error.
    """
    if not value.isascii() or not value.isdigit():
        raise Http404
    return int(value)


def get_organisation_for_user(
    request: HttpRequest, pk: int, *, write: bool = False, manage: bool = False
) -> Organisation:
    """The organisation ``pk``: any member reads, editors write, managers manage."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("parent"), pk=pk
    )
    _require(
        organisation_role(request.user, organisation),
        _needed(write=write, manage=manage),
    )
    return organisation


def get_site_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Site:
    site = get_object_or_404(
        Site.objects.select_related("organisation", "municipality__province"), pk=pk
    )
    _require(
        organisation_role(request.user, site.organisation),
        _needed(write=write, manage=False),
    )
    return site


def can_edit_hub(user: User, hub: Hub) -> bool:
    """Coordinators and the managers of the hub's own organisation edit a hub."""
    if user.is_network_coordinator:
        return True
    if hub.organisation is None:
        return False
    role = organisation_role(user, hub.organisation)
    return role is not None and role >= Role.MANAGER


def get_hub_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Hub:
    """Every signed-in person reads hubs (they are the shared map of the network)."""
    hub = get_object_or_404(Hub.objects.select_related("organisation"), pk=pk)
    if write and not can_edit_hub(request.user, hub):
        raise PermissionDenied
    return hub


def partnership_role(user: User, partnership: Partnership) -> int | None:
    """The best role the user holds in the partnership's organisation or hub."""
    roles = [organisation_role(user, partnership.organisation)]
    if partnership.hub.organisation is not None:
        roles.append(organisation_role(user, partnership.hub.organisation))
    known = [r for r in roles if r is not None]
    return max(known) if known else None


def get_partnership_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> Partnership:
    partnership = get_object_or_404(
        Partnership.objects.select_related("organisation", "hub__organisation"), pk=pk
    )
    _require(
        partnership_role(request.user, partnership), _needed(write=write, manage=False)
    )
    return partnership


def organisations_editable_by(user: User):
    """Organisations in which the user may add sites or partnerships."""
    if user.is_network_coordinator:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__gte=Role.EDITOR
    )
