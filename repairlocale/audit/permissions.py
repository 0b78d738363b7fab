"""Who may read which history.

* Managers of the organisation that owns an object read its history.
* Network coordinators and administrators read every history, except the history of
  trainees and their assessments: that holds a trainee's personal data and is read
  only by those who may open the trainee's personal page (the employer's managers
  and the trainee's coaches; the trainee themself reads their page, not its audit
  trail). A global role opens none of it, as in the training app.
* Everyone else: the history does not exist for them (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from repairlocale.audit.registry import Audited
from repairlocale.network.models import Membership

if TYPE_CHECKING:
    from django.db import models

    from repairlocale.accounts.models import User


@dataclass(frozen=True)
class Scope:
    """What one person may read in the audit trail."""

    everything: bool  # every non-personal row (network coordinators, administrators)
    organisation_ids: QuerySet  # the organisations they manage
    trainee_ids: QuerySet  # the trainees whose personal history they may read

    def rows(self, audited: Audited) -> QuerySet:
        """The historical rows of ``audited`` this person may read (lazy)."""
        qs = audited.history_model.objects.all()
        if audited.personal:
            return audited.scope_trainees(qs, self.trainee_ids)
        if self.everything:
            return qs
        if audited.scope_organisations is None:
            return qs.none()
        return audited.scope_organisations(qs, self.organisation_ids)

    def may_read_any(self, audited: Audited) -> bool:
        """Cheap check without queries: could this person read rows of ``audited``?"""
        return bool(audited.personal or self.everything or audited.scope_organisations)


def managed_organisation_ids(user: User) -> QuerySet:
    return Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values(
        "organisation_id"
    )


def readable_trainee_ids(user: User) -> QuerySet:
    """Trainees whose personal pages ``user`` may open as manager or coach."""
    from repairlocale.training.models import Trainee

    if not user.is_authenticated or not user.is_active:
        return Trainee.objects.none().values("pk")
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    return Trainee.objects.filter(
        Q(organisation_id__in=managed_organisation_ids(user))
        | Q(coaches=user, organisation_id__in=member_of)
    ).values("pk")


def scope_for(user: User) -> Scope:
    from repairlocale.network.models import Organisation

    if not user.is_authenticated or not user.is_active:
        none = Organisation.objects.none().values("pk")
        return Scope(False, none, none)
    return Scope(
        everything=user.is_network_coordinator,
        organisation_ids=managed_organisation_ids(user),
        trainee_ids=readable_trainee_ids(user),
    )


def may_read_history(user: User, audited: Audited, obj: models.Model) -> bool:
    """Whether ``user`` may read the history of ``obj`` (live or historical row)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if audited.personal:
        from repairlocale.training.models import Trainee
        from repairlocale.training.permissions import Access, trainee_access

        trainee = Trainee.objects.filter(pk=audited.trainee_of(obj)).first()
        if trainee is None:
            return False
        access = trainee_access(user, trainee)
        return access is not None and access >= Access.COACH
    if user.is_network_coordinator:
        return True
    owners = audited.owner_of(obj) if audited.owner_of else None
    if owners is None:
        return False
    if not isinstance(owners, tuple):
        owners = (owners,)
    # Through the role memoised on the user: free on a page whose view already
    # asked for the user's role in the owner (an event page, a hub page).
    from repairlocale.network.models import Organisation
    from repairlocale.network.permissions import organisation_role

    return any(
        organisation_role(user, Organisation(pk=owner)) == Membership.Role.MANAGER
        for owner in owners
    )
