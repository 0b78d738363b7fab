"""Who may see and change activities and cases.

Owners are the members of the hub's organisation (hub coordinators) or of the
organisation that carried the work out. Everyone signed in reads what is published;
drafts stay with their owners (others get 404); viewers and non-owners get 403 on
writes; only network coordinators review and publish.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from repairlocale.cases.models import Activity, Case, PublicationStatus
from repairlocale.network.models import Hub, Membership, Organisation
from repairlocale.network.permissions import organisation_role

if TYPE_CHECKING:
    from repairlocale.accounts.models import User

Role = Membership.Role


def owner_role(user: User, obj: Activity | Case) -> int | None:
    """The best role the user holds in the hub's or the owning organisation."""
    organisations = [
        o for o in (getattr(obj.hub, "organisation", None), obj.organisation) if o
    ]
    roles = [
        r for r in (organisation_role(user, o) for o in organisations) if r is not None
    ]
    return max(roles) if roles else None


def can_write(user: User, obj: Activity | Case) -> bool:
    """Coordinators always; owners (editor and up) until it is published."""
    if user.is_network_coordinator:
        return True
    role = owner_role(user, obj)
    return (
        role is not None
        and role >= Role.EDITOR
        and obj.status != PublicationStatus.PUBLISHED
    )


def _get_for_user(request: HttpRequest, queryset, pk: int, *, write: bool):
    obj = get_object_or_404(queryset, pk=pk)
    user = request.user
    if user.is_network_coordinator:
        return obj
    role = owner_role(user, obj)
    if role is None and not obj.is_published:
        raise Http404
    if write and not can_write(user, obj):
        raise PermissionDenied
    return obj


def get_activity_for_user(request: HttpRequest, pk: int, *, write: bool = False):
    return _get_for_user(request, Activity.objects.for_list(), pk, write=write)


def get_case_for_user(request: HttpRequest, pk: int, *, write: bool = False):
    return _get_for_user(request, Case.objects.for_list(), pk, write=write)


def require_coordinator(user: User) -> None:
    if not user.is_network_coordinator:
        raise PermissionDenied


def writable_organisations(user: User):
    """Organisations for which the user may log activities and cases."""
    if user.is_network_coordinator:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__gte=Role.EDITOR
    )


def writable_hubs(user: User):
    if user.is_network_coordinator:
        return Hub.objects.all()
    return Hub.objects.filter(organisation__in=writable_organisations(user))
