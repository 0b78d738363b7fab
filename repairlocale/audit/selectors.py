"""Reading the audit trail: the network-wide log, an object's history, field diffs.

Every audited model has its own history table. A page of the trail is read in three
steps whatever its size: (1) the page's (kind, history id, date) in date order: for
an object, one UNION query over its tables; for the network-wide log, each table in
scope gives only its newest rows down to the end of the page (through its
history_date index) and they are merged here, with one count per table for the
paginator;
(2) per kind on the page, one query fetches the rows with their user and the id of
the previous version, one the previous versions, and for a trainee or a hub one per
tracked set the copies of the set (coaches, municipalities) of both; (3) per
related model named by a foreign key or a set on the page, one query fetches the
labels shown for those values.
"""

from __future__ import annotations

import datetime
import heapq
import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from repairlocale.audit.permissions import Scope, readable_trainee_ids
from repairlocale.audit.registry import AUDITED, Audited, by_key
from repairlocale.audit.services import reason_text

if TYPE_CHECKING:
    from repairlocale.accounts.models import User

# Columns never shown in a diff: the key and bookkeeping timestamps.
HIDDEN_FIELDS = {"id", "created_at", "updated_at"}
EMPTY = "—"


def _not_kept() -> str:
    """The old value of a change whose earlier version is not kept."""
    return _("not kept")


@dataclass
class Change:
    field: str  # verbose name
    old: str
    new: str


@dataclass
class Entry:
    """One historical row as the pages show it."""

    audited: Audited
    row: Any  # the historical instance
    label: str
    changes: list[Change] = field(default_factory=list)

    @property
    def action(self) -> str:
        return {"+": _("created"), "~": _("changed"), "-": _("deleted")}[
            self.row.history_type
        ]

    @property
    def action_class(self) -> str:
        return {"+": "success", "~": "primary", "-": "danger"}[self.row.history_type]

    @property
    def kind(self) -> str:
        return self.audited.verbose_name

    @property
    def reason(self) -> str:
        """Why a service wrote the row (a step, an erasure), in the reader's words."""
        return reason_text(self.row.history_change_reason)

    @property
    def history_url(self) -> str:
        from django.urls import reverse

        return reverse("audit:object_history", args=[self.audited.key, self.row.id])


# --- Which rows ---------------------------------------------------------------------


class MergedLog:
    """The log rows of several history tables, newest first, read page by page.

    A UNION sorted as a whole reads every row in scope for each page (seconds with a
    few million steps). Here each table returns only its newest ``stop`` rows, in the
    order of its history_date index, and the lists are merged in Python: the first
    pages, the ones people read, cost the same whatever the size of the trail.
    Django's Paginator uses ``count()`` and slicing.
    """

    def __init__(self, parts: list[QuerySet]):
        self.parts = parts
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = sum(part.count() for part in self.parts)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is None:
            stop = self.count()
        newest = [
            list(part.order_by("-history_date", "-history_id")[:stop])
            for part in self.parts
        ]
        # Each list is newest first and has one kind: (date, id, kind) orders all.
        merged = heapq.merge(
            *newest,
            key=lambda row: (row["history_date"], row["history_id"], row["audit_kind"]),
            reverse=True,
        )
        return list(itertools.islice(merged, start, stop))


def log_rows(
    *,
    scope: Scope,
    kinds: list[str] | None = None,
    organisation_id: int | None = None,
    user_ids: QuerySet | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> MergedLog | None:
    """The (kind, history_id, history_date) rows of the log, newest first.

    None when nothing is in scope. ``organisation_id`` keeps the rows owned by one
    organisation (methodologies, owned by none, drop out).
    """
    parts = []
    for audited in AUDITED:
        if kinds and audited.key not in kinds:
            continue
        if not scope.may_read_any(audited):
            continue
        qs = scope.rows(audited)
        if organisation_id is not None:
            if audited.personal:
                qs = qs.filter(
                    **{
                        f"{_trainee_attname(audited)}__in": _trainees_of(
                            organisation_id
                        )
                    }
                )
            elif audited.scope_organisations is None:
                continue
            else:
                qs = audited.scope_organisations(qs, [organisation_id])
        if user_ids is not None:
            qs = qs.filter(history_user_id__in=user_ids)
        if date_from:
            qs = qs.filter(history_date__gte=_start_of(date_from))
        if date_to:
            qs = qs.filter(history_date__lt=_start_of(date_to + datetime.timedelta(1)))
        parts.append(_as_log_part(qs, audited))
    return MergedLog(parts) if parts else None


def object_rows(
    *, audited: Audited, pk: int, scope_user: User | None = None
) -> QuerySet | None:
    """An object's rows and those of its children (an appliance's steps), newest first.

    The caller has checked that the user may read the object's history; children
    holding a trainee's personal data are still limited to the trainees the user may
    read (none of the object kinds with children mixes both).
    """
    parts = [_as_log_part(audited.history_model.objects.filter(id=pk), audited)]
    for child_key, attname in audited.children:
        child = by_key()[child_key]
        qs = child.history_model.objects.filter(**{attname: pk})
        if child.personal and not audited.personal and scope_user is not None:
            qs = child.scope_trainees(qs, readable_trainee_ids(scope_user))
        parts.append(_as_log_part(qs, child))
    return _union(parts)


def _trainee_attname(audited: Audited) -> str:
    return "id" if audited.key == "trainee" else "trainee_id"


def _trainees_of(organisation_id: int) -> QuerySet:
    from repairlocale.training.models import Trainee

    return Trainee.objects.filter(organisation_id=organisation_id).values("pk")


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _as_log_part(qs: QuerySet, audited: Audited) -> QuerySet:
    return (
        qs.order_by()
        .annotate(audit_kind=Value(audited.key, output_field=CharField()))
        .values("history_id", "history_date", "audit_kind")
    )


def _union(parts: list[QuerySet]) -> QuerySet | None:
    if not parts:
        return None
    first, *rest = parts
    combined = first.union(*rest, all=True) if rest else first
    # The kind breaks ties between tables, so that pages never overlap.
    return combined.order_by("-history_date", "-history_id", "audit_kind")


# --- What they say ------------------------------------------------------------------


def entries_for(page_rows: list[dict[str, Any]], *, user: User) -> list[Entry]:
    """The log rows of one page as entries with their field diffs, in page order."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for row in page_rows:
        by_kind[row["audit_kind"]].append(row["history_id"])

    fetched: dict[tuple[str, int], Any] = {}
    previous: dict[int, Any] = {}
    members: Members = {}
    for key, ids in by_kind.items():
        audited = by_key()[key]
        history = audited.history_model
        earlier = history.objects.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(
                history_date=OuterRef("history_date"),
                history_id__lt=OuterRef("history_id"),
            )
        )
        rows = list(
            history.objects.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(
                previous_id=Subquery(
                    earlier.order_by("-history_date", "-history_id").values(
                        "history_id"
                    )[:1]
                )
            )
        )
        prev_ids = [r.previous_id for r in rows if r.previous_id]
        prev_rows = history.objects.in_bulk(prev_ids) if prev_ids else {}
        members.update(_set_members(audited, [r.history_id for r in rows] + prev_ids))
        for r in rows:
            fetched[(key, r.history_id)] = r
            previous[id(r)] = prev_rows.get(r.previous_id)

    labels = _foreign_labels(
        [(by_key()[k], r) for (k, _i), r in fetched.items()]
        + [
            (by_key()[k], previous[id(r)])
            for (k, _i), r in fetched.items()
            if previous[id(r)] is not None
        ],
        user=user,
        members=members,
    )
    entries = []
    for row in page_rows:
        r = fetched.get((row["audit_kind"], row["history_id"]))
        if r is None:
            continue  # purged between the two queries
        audited = by_key()[row["audit_kind"]]
        entries.append(
            Entry(
                audited=audited,
                row=r,
                label=_object_label(audited, r, labels),
                changes=_changes(audited, r, previous[id(r)], labels)
                + _set_changes(audited, r, previous[id(r)], labels, members),
            )
        )
    return entries


def _tracked(audited: Audited) -> list[models.Field]:
    return [
        f for f in audited.history_model.tracked_fields if f.name not in HIDDEN_FIELDS
    ]


def _changes(audited: Audited, row: Any, prev: Any, labels: dict) -> list[Change]:
    if row.history_type == "-":
        return []
    changes = []
    for f in _tracked(audited):
        new = getattr(row, f.attname)
        if row.history_type == "+" or prev is None:
            if new in (None, "", [], {}):
                continue
            # A change without an earlier version: the earlier ones were pruned
            # after their retention period (or predate the audit trail).
            old_display = EMPTY if row.history_type == "+" else _not_kept()
        else:
            old = getattr(prev, f.attname)
            if old == new:
                continue
            old_display = display_value(f, old, labels)
        changes.append(
            Change(
                field=str(f.verbose_name),
                old=old_display,
                new=display_value(f, new, labels),
            )
        )
    return changes


# --- Tracked sets (a trainee's coaches, a hub's municipalities) ----------------------

# (set field, history id) -> ids of the members in that version's copy of the set
Members = dict[tuple[models.ManyToManyField, int], set]


def _set_fields(audited: Audited) -> list[models.ManyToManyField]:
    return list(getattr(audited.history_model, "_history_m2m_fields", []))


def _set_members(audited: Audited, history_ids: list[int]) -> Members:
    """The copies of each tracked set in these versions: one query per set."""
    members: Members = {}
    for f in _set_fields(audited):
        m2m = HistoricalRecords.m2m_models[f]
        for history_id, member in m2m.objects.filter(
            history_id__in=history_ids
        ).values_list("history_id", f"{f.m2m_reverse_field_name()}_id"):
            members.setdefault((f, history_id), set()).add(member)
    return members


def _set_changes(
    audited: Audited, row: Any, prev: Any, labels: dict, members: Members
) -> list[Change]:
    """The old and new members of each set that differs from the previous version.

    The version that starts the tracking (reason ``m2m_baseline``) shows its sets
    as recorded there, not as added then.
    """
    if row.history_type == "-":
        return []
    changes = []
    for f in _set_fields(audited):
        new = members.get((f, row.history_id), set())
        old = members.get((f, prev.history_id), set()) if prev else set()
        if new == old:
            continue
        baseline = row.history_change_reason == "m2m_baseline"
        changes.append(
            Change(
                field=str(f.verbose_name),
                old=_not_kept() if baseline else _members_display(f, old, labels),
                new=_members_display(f, new, labels),
            )
        )
    return changes


def _members_display(f: models.ManyToManyField, pks: set, labels: dict) -> str:
    if not pks:
        return EMPTY
    names = [labels.get((f.related_model, pk)) or f"#{pk}" for pk in pks]
    return "\n".join(sorted(names, key=str.casefold))


def display_value(f: models.Field, value: Any, labels: dict | None = None) -> str:
    """A stored value as the interface shows it (choices, yes/no, local formats)."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if f.is_relation:
        return (labels or {}).get((f.related_model, value)) or f"#{value}"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float):
        return formats.number_format(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{k}: {_('yes') if v is True else _('no') if v is False else v}"
            for k, v in value.items()
        )
    if isinstance(f, models.JSONField):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _foreign_labels(
    rows: list[tuple[Audited, Any]], *, user: User, members: Members | None = None
) -> dict:
    """Labels of every foreign-key value and set member on the page.

    {(model, pk): label}. A trainee is named only to those who may read the
    trainee's personal data; to anyone else (a coordinator reading a workshop step)
    a trainee is a number.
    """
    from repairlocale.training.models import Trainee

    wanted: dict[type[models.Model], set] = defaultdict(set)
    for audited, row in rows:
        for f in _tracked(audited):
            if f.is_relation and getattr(row, f.attname) is not None:
                wanted[f.related_model].add(getattr(row, f.attname))
        for f in _set_fields(audited):
            for pk in (members or {}).get((f, row.history_id), ()):
                wanted[f.related_model].add(pk)
    labels = {}
    for model, pks in wanted.items():
        qs = model._default_manager.filter(pk__in=pks)
        if model is Trainee:
            readable = set(
                qs.filter(pk__in=readable_trainee_ids(user)).values_list(
                    "pk", flat=True
                )
            )
            for pk in pks - readable:
                labels[(model, pk)] = _("trainee #%(pk)s") % {"pk": pk}
            qs = qs.filter(pk__in=readable)
        for obj in qs.select_related():
            labels[(model, obj.pk)] = _label(obj)
    return labels


def _label(obj: models.Model) -> str:
    from repairlocale.accounts.models import User

    if isinstance(obj, User):
        return obj.get_full_name() or obj.username
    return str(obj)


def _object_label(audited: Audited, row: Any, labels: dict) -> str:
    """A short name of the object of a historical row without extra queries."""
    fields = {f.name: f for f in audited.history_model.tracked_fields}

    def shown(name: str) -> str:
        return display_value(fields[name], getattr(row, fields[name].attname), labels)

    match audited.key:
        case "organisation" | "site" | "hub":
            return row.name
        case "membership":
            return f"{shown('user')} @ {shown('organisation')}"
        case "appliance":
            return f"{row.code} {row.device_name}"
        case "step":
            return f"{shown('appliance')} #{row.sequence} {shown('kind')}"
        case "repair-record":
            return row.external_id
        case "partnership":
            return f"{shown('organisation')} – {shown('hub')} ({shown('role')})"
        case "repair-event":
            return f"{shown('organisation')} {shown('date')}"
        case "trainee":
            name = f"{row.first_name} {row.last_name}".strip()
            return name or _("trainee #%(pk)s") % {"pk": row.id}
        case "assessment":
            return f"{shown('trainee')}: {shown('competency')} → {row.level}"
        case "methodology":
            return f"{row.name} {row.version}"
        case "category-factor":
            return f"{shown('methodology')}: {shown('product_category')}"
    return f"#{row.id}"
