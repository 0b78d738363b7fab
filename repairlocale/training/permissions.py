"""Who may see a trainee's personal data, and who may change it.

Personal data is shown only to the managers of the employer organisation, the
trainee's coaches (while they belong to it) and the trainee themself (read-only).
Network coordinators and administrators act on aggregates only, so unlike the rest
of the platform their global role opens no trainee page: to them a trainee page does
not exist (404). Other members of the employer get 403, everyone else 404.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from repairlocale.network.models import Membership, Organisation
from repairlocale.training.models import Trainee

if TYPE_CHECKING:
    from repairlocale.accounts.models import User

Role = Membership.Role


class Access(enum.IntEnum):
    SELF = 1  # the trainee: reads their own profile, plan and evidence
    COACH = 2  # assesses, keeps the plan, records attestations
    MANAGER = 3  # also creates, edits and erases trainees

    @property
    def can_write(self) -> bool:
        return self >= Access.COACH


def membership_role(user: User, organisation_id: int) -> int | None:
    """The role from an actual membership (a global role does not count here)."""
    if not user.is_authenticated or not user.is_active:
        return None
    cache: dict[int, int | None] = user.__dict__.setdefault("_training_roles", {})
    if organisation_id not in cache:
        cache[organisation_id] = (
            Membership.objects.filter(user=user, organisation_id=organisation_id)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation_id]


def trainee_access(user: User, trainee: Trainee) -> Access | None:
    role = membership_role(user, trainee.organisation_id)
    if role == Role.MANAGER:
        return Access.MANAGER
    if role is not None and trainee.coaches.filter(pk=user.pk).exists():
        return Access.COACH
    if user.is_authenticated and trainee.user_id == user.pk:
        return Access.SELF
    return None


def get_trainee_for_user(
    request: HttpRequest, pk: int, *, write: bool = False, manage: bool = False
) -> tuple[Trainee, Access]:
    """The trainee ``pk`` and the requester's access; 404/403 as described above."""
    trainee = get_object_or_404(Trainee.objects.select_related("organisation"), pk=pk)
    access = trainee_access(request.user, trainee)
    if access is None:
        if membership_role(request.user, trainee.organisation_id) is not None:
            raise PermissionDenied
        raise Http404
    if (manage and access < Access.MANAGER) or (write and not access.can_write):
        raise PermissionDenied
    return trainee, access


def get_employer_for_user(request: HttpRequest, pk: int) -> Organisation:
    """An organisation in which the requester manages trainees (a manager)."""
    organisation = get_object_or_404(Organisation, pk=pk)
    role = membership_role(request.user, organisation.pk)
    if role is None:
        raise Http404
    if role < Role.MANAGER:
        raise PermissionDenied
    return organisation


def managed_organisations(user: User):
    """Organisations whose trainees ``user`` manages."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.MANAGER
    )


def may_see_aggregates(user: User) -> bool:
    """Coordinators see every organisation's figures; managers their own."""
    return user.is_network_coordinator or managed_organisations(user).exists()


def may_edit_framework(user: User) -> bool:
    return user.is_network_coordinator
