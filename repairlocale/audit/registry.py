"""What the audit trail covers: one entry per audited model.

Each entry says how the pages name the model in URLs (``key``), which organisation
owns a row (its managers read its history), whether the rows hold a trainee's
personal data (read only by the trainee's coaches and the employer's managers), and
which child models appear in an object's history (an appliance's steps).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.db import models
from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class Audited:
    key: str
    model_label: str
    # Historical rows owned by some organisations: (historical queryset, ids) → rows.
    # None: no owner, only network coordinators read them (methodologies).
    scope_organisations: Callable[[QuerySet, QuerySet], QuerySet] | None
    # The ids of the organisations owning a row (live or historical instance): an
    # id, a tuple of ids (a partnership: its organisation and its hub's), or None.
    owner_of: Callable[[models.Model], int | tuple[int, ...] | None] | None
    # Rows about a trainee: (historical queryset, trainee ids) → rows.
    scope_trainees: Callable[[QuerySet, QuerySet], QuerySet] | None = None
    trainee_of: Callable[[models.Model], int | None] | None = None
    # (child key, attname of the child's link to this object)
    children: tuple[tuple[str, str], ...] = field(default=())

    @property
    def model(self) -> type[models.Model]:
        from django.apps import apps

        return apps.get_model(self.model_label)

    @property
    def history_model(self) -> type[models.Model]:
        return self.model.history.model

    @property
    def personal(self) -> bool:
        return self.scope_trainees is not None

    @property
    def verbose_name(self) -> str:
        return self.model._meta.verbose_name

    @property
    def verbose_name_plural(self) -> str:
        return self.model._meta.verbose_name_plural


def _column(attname: str):
    return lambda qs, ids: qs.filter(**{f"{attname}__in": ids})


def _attr(attname: str):
    return lambda obj: getattr(obj, attname)


def _step_scope(qs, ids):
    from repairlocale.reuse.models import Appliance

    return qs.filter(
        appliance_id__in=Appliance.objects.filter(organisation_id__in=ids).values("pk")
    )


def _step_owner(obj):
    from repairlocale.reuse.models import Appliance

    return (
        Appliance.objects.filter(pk=obj.appliance_id)
        .values_list("organisation_id", flat=True)
        .first()
    )


def _partnership_scope(qs, ids):
    from repairlocale.network.models import Hub

    return qs.filter(
        Q(organisation_id__in=ids)
        | Q(hub_id__in=Hub.objects.filter(organisation_id__in=ids).values("pk"))
    )


def _partnership_owners(obj) -> tuple[int, ...]:
    from repairlocale.network.models import Hub

    hub_owner = (
        Hub.objects.filter(pk=obj.hub_id).values_list("organisation_id", flat=True)
    ).first()
    return tuple(pk for pk in (obj.organisation_id, hub_owner) if pk is not None)


def _assessment_owner(obj):
    from repairlocale.training.models import Trainee

    return (
        Trainee.objects.filter(pk=obj.trainee_id)
        .values_list("organisation_id", flat=True)
        .first()
    )


AUDITED: tuple[Audited, ...] = (
    Audited(
        "organisation",
        "network.Organisation",
        _column("id"),
        _attr("id"),
        children=(
            ("site", "organisation_id"),
            ("membership", "organisation_id"),
            ("partnership", "organisation_id"),
        ),
    ),
    Audited(
        "site", "network.Site", _column("organisation_id"), _attr("organisation_id")
    ),
    Audited(
        "hub",
        "network.Hub",
        _column("organisation_id"),
        _attr("organisation_id"),
        children=(("partnership", "hub_id"),),
    ),
    Audited(
        "partnership", "network.Partnership", _partnership_scope, _partnership_owners
    ),
    Audited(
        "membership",
        "network.Membership",
        _column("organisation_id"),
        _attr("organisation_id"),
    ),
    Audited(
        "appliance",
        "reuse.Appliance",
        _column("organisation_id"),
        _attr("organisation_id"),
        children=(("step", "appliance_id"),),
    ),
    Audited("step", "reuse.Step", _step_scope, _step_owner),
    Audited(
        "repair-record",
        "repairs.RepairRecord",
        _column("organisation_id"),
        _attr("organisation_id"),
    ),
    Audited(
        "repair-event",
        "repairs.RepairEvent",
        _column("organisation_id"),
        _attr("organisation_id"),
        children=(("repair-record", "event_id"),),
    ),
    Audited(
        "trainee",
        "training.Trainee",
        None,
        _attr("organisation_id"),
        scope_trainees=_column("id"),
        trainee_of=_attr("id"),
        children=(("assessment", "trainee_id"),),
    ),
    Audited(
        "assessment",
        "training.Assessment",
        None,
        _assessment_owner,
        scope_trainees=_column("trainee_id"),
        trainee_of=_attr("trainee_id"),
    ),
    Audited(
        "methodology",
        "impact.Methodology",
        None,
        None,
        children=(("category-factor", "methodology_id"),),
    ),
    Audited("category-factor", "impact.CategoryFactor", None, None),
)


@cache
def by_key() -> dict[str, Audited]:
    return {audited.key: audited for audited in AUDITED}


@cache
def by_model() -> dict[type[models.Model], Audited]:
    return {audited.model: audited for audited in AUDITED}


def audited_for(obj: models.Model) -> Audited | None:
    """The registry entry of a live object (its concrete class), or None."""
    return by_model().get(type(obj)._meta.concrete_model)
