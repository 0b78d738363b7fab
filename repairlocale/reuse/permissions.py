"""Scoping for the hergebruikfiche, built on the network's organisation roles."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from repairlocale.network.models import Membership, Organisation
from repairlocale.network.permissions import organisation_role
from repairlocale.reuse.models import Appliance

Role = Membership.Role


def get_appliance_for_user(
    request: HttpRequest, code: str, *, write: bool = False
) -> Appliance:
    """Members of the centre read; editors write; others get 404."""
    appliance = get_object_or_404(
        Appliance.objects.select_related(
            "organisation", "site", "product_category", "source_municipality"
        ),
        code=code.upper(),
    )
    role = organisation_role(request.user, appliance.organisation)
    if role is None:
        raise Http404
    if write and role < Role.EDITOR:
        raise PermissionDenied
    return appliance


def get_centre_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> Organisation:
    """A reuse centre (organisation of that type) the user belongs to."""
    organisation = get_object_or_404(
        Organisation, pk=pk, type=Organisation.Type.REUSE_CENTRE
    )
    role = organisation_role(request.user, organisation)
    if role is None:
        raise Http404
    if write and role < Role.EDITOR:
        raise PermissionDenied
    return organisation


def centres_for(user) -> list[Organisation]:
    """The reuse centres the user may open."""
    return list(
        Organisation.objects.visible_to(user)
        .filter(type=Organisation.Type.REUSE_CENTRE)
        .order_by("name")
    )
