"""History tables for the core models, kept in this app (django-simple-history).

The audited apps are not edited: each model is registered here with
``simple_history.register(..., app="repairlocale.audit")``, so the historical tables
and their migration belong to the audit trail. Left out on purpose:

* ``updated_at`` everywhere (every row would differ in it; ``history_date`` says when);
* image files (``Appliance.photo``): a path to a file that may be gone, no audit value;
* many-to-many sets (hub municipalities, trainee coaches): not tracked;
* the user model itself: never a history of passwords or login data.

The who of each row comes from ``HistoryRequestMiddleware`` (the request's user);
outside a request (services called by commands or tests) the person the row itself
names is taken: who performed a step, registered an appliance, assessed a trainee.
"""

from __future__ import annotations

from typing import Any

import simple_history
from django.contrib.auth import get_user_model

from repairlocale.impact.models import CategoryFactor, Methodology
from repairlocale.network.models import Hub, Membership, Organisation, Site
from repairlocale.repairs.models import RepairRecord
from repairlocale.reuse.models import Appliance, Step
from repairlocale.training.models import Assessment, Trainee

ALWAYS_EXCLUDED = ["updated_at"]


def _user_from(*attnames: str):
    """A ``get_user`` for simple-history: the request's user, else a named user."""

    def get_user(instance=None, request=None, **kwargs: Any):
        if request is not None:
            return request.user
        for attname in attnames:
            user_id = getattr(instance, attname, None)
            if user_id:
                return get_user_model()(pk=user_id)
        return None

    return get_user


def _default_user(instance=None, request=None, **kwargs: Any):
    return request.user if request is not None else None


# (app label, model name, options). Indexes on historical copies of foreign keys are
# dropped where no audit query filters on them (each index costs every insert).
AUDITED_MODELS: list[tuple[type, dict[str, Any]]] = [
    (Organisation, {"no_db_index": ["parent", "pilot_region"]}),
    (Site, {"no_db_index": ["municipality"]}),
    (Hub, {}),
    (
        Membership,
        {
            "no_db_index": ["user", "invited_by"],
            "get_user": _user_from("invited_by_id"),
        },
    ),
    (
        Appliance,
        {
            "excluded_fields": ["photo"],
            "no_db_index": [
                "site",
                "source_municipality",
                "product_category",
                "registered_by",
                "status",
                "code",
            ],
            "get_user": _user_from("registered_by_id"),
        },
    ),
    (
        Step,
        {
            "no_db_index": [
                "performed_by",
                "corrects",
                "repairer",
                "supervisor",
                "trainee",
            ],
            "get_user": _user_from("performed_by_id"),
        },
    ),
    (
        RepairRecord,
        {
            "no_db_index": [
                "source",
                "workshop_step",
                "product_category",
                "event",
                "import_batch",
                "likely_duplicate_of",
                "repairer",
                "trainee",
            ]
        },
    ),
    (Trainee, {"no_db_index": ["user"]}),
    (
        Assessment,
        {
            "no_db_index": ["competency", "assessor"],
            "get_user": _user_from("assessor_id"),
        },
    ),
    (Methodology, {}),
    (CategoryFactor, {"no_db_index": ["product_category"]}),
]


def _register() -> None:
    for model, options in AUDITED_MODELS:
        if hasattr(model._meta, "simple_history_manager_attribute"):
            continue  # already registered (module imported twice)
        options = dict(options)
        options["excluded_fields"] = ALWAYS_EXCLUDED + options.get(
            "excluded_fields", []
        )
        options.setdefault("get_user", _default_user)
        simple_history.register(model, app="repairlocale.audit", **options)


_register()
