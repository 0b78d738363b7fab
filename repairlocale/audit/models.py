"""History tables for the core models, kept in this app (django-simple-history).

The audited apps are not edited: each model is registered here with
``simple_history.register(..., app="repairlocale.audit")``, so the historical tables
and their migration belong to the audit trail. Left out on purpose:

* ``updated_at`` everywhere (every row would differ in it; ``history_date`` says when);
* image files (``Appliance.photo``): a path to a file that may be gone, no audit value;
* the user model itself: never a history of passwords or login data.

Two many-to-many sets are tracked (``m2m_fields``): a trainee's coaches (they decide
who reads the trainee's personal data) and a hub's municipalities. Each historical
row of a trainee or hub then carries a copy of the set as it was; the pages compare
the sets of consecutive rows. ``AuditRecords`` also records a change made from the
other side (``user.coached_trainees.clear()``), which simple-history alone misses.

Changes written with ``QuerySet.update()`` send no signals: the services that use it
write the history rows themselves (``audit.services.history_write`` and
``update_with_history``). The ORDS importer (raw multi-row INSERTs, millions of
rows) and the demo data write none, on purpose: an import is traced by its batch.

The who of each row comes from ``HistoryRequestMiddleware`` (the request's user);
outside a request (services called by commands or tests) the person the row itself
names is taken: who performed a step, registered an appliance, assessed a trainee.
"""

from __future__ import annotations

from typing import Any

import simple_history
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from repairlocale.impact.models import CategoryFactor, Methodology
from repairlocale.network.models import Hub, Membership, Organisation, Partnership, Site
from repairlocale.repairs.models import RepairEvent, RepairRecord
from repairlocale.reuse.models import Appliance, Step
from repairlocale.training.models import Assessment, Trainee

ALWAYS_EXCLUDED = ["updated_at"]


class AuditRecords(HistoricalRecords):
    """simple-history's registration, with readable names and reverse m2m changes."""

    def get_meta_options(self, model):
        # "History of trainees" in the register, not "historical Stagiairs".
        options = super().get_meta_options(model)
        options["verbose_name"] = format_lazy(
            _("version of {}"), model._meta.verbose_name
        )
        options["verbose_name_plural"] = format_lazy(
            _("history of {}"), model._meta.verbose_name_plural
        )
        return options

    def get_meta_options_m2m(self, through_model):
        # "History of coaches" rather than "HistoricalTrainee_coaches".
        options = super().get_meta_options_m2m(through_model)
        field = next(
            f
            for f in self.cls._meta.many_to_many
            if f.remote_field.through is through_model
        )
        options["verbose_name"] = format_lazy(_("version of {}"), field.verbose_name)
        options["verbose_name_plural"] = format_lazy(
            _("history of {}"), field.verbose_name
        )
        return options

    def _get_history_user_fields(self):
        fields = super()._get_history_user_fields()
        # Not yet bound to a model: what the constructor's verbose_name sets.
        user = fields["history_user"]
        user.verbose_name = user._verbose_name = _("changed by")
        return fields

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        """A set changed; from the other side (``reverse``) each object gets a row.

        simple-history assumes ``instance`` is the audited object; a change made
        from the related model (a coach's ``coached_trainees.clear()``) would write
        a row for the user. Here every audited object whose set changed gets its
        own row instead; for a clear, the pre_clear signal notes which ones.
        """
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse)
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return None
        field = self.cls._meta.get_field(attr)
        if action == "pre_clear":
            cleared = field.remote_field.through.objects.filter(
                **{field.m2m_reverse_field_name(): instance}
            ).values_list(f"{field.m2m_field_name()}_id", flat=True)
            instance._audit_cleared = set(cleared)
            return None
        if action == "post_clear":
            pk_set = getattr(instance, "_audit_cleared", set())
        elif action not in ("post_add", "post_remove"):
            return None
        for obj in self.cls._default_manager.filter(pk__in=pk_set or ()):
            self.create_historical_record(obj, "~")
        return None


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


# (model, options). Indexes on historical copies of foreign keys are dropped where no
# audit query filters on them (each index costs every insert); a repair record's
# event keeps its index: an event's history lists its entries.
AUDITED_MODELS: list[tuple[type, dict[str, Any]]] = [
    (Organisation, {"no_db_index": ["parent", "pilot_region"]}),
    (Site, {"no_db_index": ["municipality"]}),
    (Hub, {"m2m_fields": ["municipalities"]}),
    (Partnership, {}),
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
                "import_batch",
                "likely_duplicate_of",
                "repairer",
                "trainee",
            ]
        },
    ),
    (Trainee, {"no_db_index": ["user"], "m2m_fields": ["coaches"]}),
    (
        Assessment,
        {
            "no_db_index": ["competency", "assessor"],
            "get_user": _user_from("assessor_id"),
        },
    ),
    (Methodology, {}),
    (CategoryFactor, {"no_db_index": ["product_category"]}),
    (RepairEvent, {"no_db_index": ["site"]}),
]


def _register() -> None:
    for model, options in AUDITED_MODELS:
        if hasattr(model._meta, "simple_history_manager_attribute"):
            continue  # already registered (module imported twice)
        options = dict(options)
        names = {f.name for f in model._meta.local_fields}
        options["excluded_fields"] = [
            name for name in ALWAYS_EXCLUDED if name in names
        ] + options.get("excluded_fields", [])
        options.setdefault("get_user", _default_user)
        simple_history.register(
            model, app="repairlocale.audit", records_class=AuditRecords, **options
        )


_register()
