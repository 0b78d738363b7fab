"""Repair Café logging: events, the fast entry form, and per-repairer history.

Scoping (house style §10): members of a café read its events, its editors write,
everyone else gets 404; network coordinators and superusers act as managers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from repairlocale.core.pagination import paginate
from repairlocale.impact.selectors import impact_summary, repair_records_for_impact
from repairlocale.network.models import Membership, Organisation
from repairlocale.network.permissions import organisation_role
from repairlocale.repairs.forms import CategoryForm, RepairEntryForm, RepairEventForm
from repairlocale.repairs.models import (
    ProductCategory,
    RepairEvent,
    RepairRecord,
    RepairRecordSource,
    RepairStatus,
)
from repairlocale.repairs.services import (
    repair_entries_add,
    repair_entry_update,
    repair_event_create,
    repair_event_update,
)
from repairlocale.repairs.suggest import suggest_categories

Role = Membership.Role

STATUS_BADGES = {
    RepairStatus.FIXED: "text-bg-success",
    RepairStatus.REPAIRABLE: "text-bg-warning",
    RepairStatus.END_OF_LIFE: "text-bg-secondary",
    RepairStatus.UNKNOWN: "text-bg-light border",
}


# --- Scoping ------------------------------------------------------------------------


def _check_role(request: HttpRequest, organisation: Organisation, write: bool) -> int:
    role = organisation_role(request.user, organisation)
    if role is None:
        raise Http404
    if write and role < Role.EDITOR:
        raise PermissionDenied
    return role


def get_cafe_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> Organisation:
    """A Repair Café the user belongs to; editors write."""
    cafe = get_object_or_404(Organisation, pk=pk, type=Organisation.Type.REPAIR_CAFE)
    _check_role(request, cafe, write)
    return cafe


def get_event_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> RepairEvent:
    event = get_object_or_404(
        RepairEvent.objects.select_related("organisation", "site"),
        pk=pk,
        organisation__type=Organisation.Type.REPAIR_CAFE,
    )
    _check_role(request, event.organisation, write)
    return event


def get_entry_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> RepairRecord:
    """A device entry of a café event (imported and workshop records are not here)."""
    entry = get_object_or_404(
        RepairRecord.objects.select_related(
            "event__organisation", "event__site", "product_category", "repairer"
        ),
        pk=pk,
        source=RepairRecordSource.REPAIR_CAFE,
        event__isnull=False,
    )
    _check_role(request, entry.event.organisation, write)
    return entry


# --- Reads --------------------------------------------------------------------------


def _status_filter(status: str, prefix: str = "") -> Q:
    return Q(**{f"{prefix}repair_status": status})


DECIDED = (RepairStatus.FIXED, RepairStatus.REPAIRABLE, RepairStatus.END_OF_LIFE)


def success_rate(fixed: int, decided: int) -> float | None:
    """Fixed / (Fixed + Repairable + End of life); None before any result."""
    return fixed / decided if decided else None


@dataclass(frozen=True)
class StatusTotals:
    total: int
    fixed: int
    repairable: int
    end_of_life: int
    unknown: int
    events: int = 0

    @property
    def decided(self) -> int:
        return self.fixed + self.repairable + self.end_of_life

    @property
    def success_rate(self) -> float | None:
        return success_rate(self.fixed, self.decided)

    @property
    def success_percent(self) -> int | None:
        rate = self.success_rate
        return None if rate is None else round(rate * 100)


def status_totals(*, events: int = 0, **filters: Any) -> StatusTotals:
    """Counts per ORDS status from ``impact_summary(**filters)``.

    The same selector as the statistics page and ``manage.py impact_summary``, so
    the figures agree everywhere (likely duplicates are counted once there too).
    Two queries: the default methodology and the aggregate.
    """
    summary = impact_summary(**filters)
    return StatusTotals(
        total=summary.records,
        fixed=summary.fixed,
        repairable=summary.repairable,
        end_of_life=summary.end_of_life,
        unknown=summary.unknown,
        events=events,
    )


def _events_with_totals(events: QuerySet[RepairEvent]) -> QuerySet[RepairEvent]:
    """Each event with its number of entries per status (one grouped query)."""
    return (
        events.select_related("organisation", "site")
        .order_by("-date", "-pk")
        .annotate(
            entries=Count("records"),
            fixed=Count(
                "records", filter=_status_filter(RepairStatus.FIXED, "records__")
            ),
            repairable=Count(
                "records", filter=_status_filter(RepairStatus.REPAIRABLE, "records__")
            ),
            end_of_life=Count(
                "records", filter=_status_filter(RepairStatus.END_OF_LIFE, "records__")
            ),
        )
    )


def _entries(event: RepairEvent) -> list[RepairRecord]:
    entries = list(
        event.records.select_related("product_category", "repairer").order_by("-pk")
    )
    for entry in entries:
        entry.badge = STATUS_BADGES.get(entry.repair_status, "text-bg-light")
    return entries


# --- Events -------------------------------------------------------------------------


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    """Events of the Repair Cafés the user belongs to (coordinators: all cafés)."""
    user = request.user
    if user.is_network_coordinator:
        cafes = list(
            Organisation.objects.filter(type=Organisation.Type.REPAIR_CAFE).order_by(
                "name"
            )
        )
        editable = {c.pk for c in cafes}
        events = RepairEvent.objects.filter(
            organisation__type=Organisation.Type.REPAIR_CAFE
        )
    else:
        memberships = list(
            Membership.objects.filter(
                user=user, organisation__type=Organisation.Type.REPAIR_CAFE
            )
            .select_related("organisation")
            .order_by("organisation__name")
        )
        cafes = [m.organisation for m in memberships]
        editable = {m.organisation_id for m in memberships if m.role >= Role.EDITOR}
        events = RepairEvent.objects.filter(organisation__in=[c.pk for c in cafes])
    selected = None
    cafe_id = request.GET.get("cafe", "")
    if cafe_id.isdigit():
        selected = next((c for c in cafes if c.pk == int(cafe_id)), None)
    if selected is not None:
        events = events.filter(organisation=selected)
    # A "New event" button per café the user logs for; for coordinators (every café)
    # only for the café they filtered on.
    if selected is not None:
        new_event_cafes = [selected] if selected.pk in editable else []
    elif user.is_network_coordinator:
        new_event_cafes = []
    else:
        new_event_cafes = [c for c in cafes if c.pk in editable]
    return render(
        request,
        "repairs/events/event_list.html",
        {
            "cafes": cafes,
            "member_cafes": [] if user.is_network_coordinator else cafes,
            "selected": selected,
            "new_event_cafes": new_event_cafes,
            "page": paginate(request, _events_with_totals(events)),
        },
    )


@login_required
def event_create(request: HttpRequest, pk: int) -> HttpResponse:
    cafe = get_cafe_for_user(request, pk, write=True)
    form = RepairEventForm(request.POST or None, organisation=cafe)
    if request.method == "POST" and form.is_valid():
        try:
            event = repair_event_create(
                organisation=cafe, data=form.event_data(), by=request.user
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Event created. Log its repairs below."))
            return redirect("repairs:event_detail", pk=event.pk)
    return render(
        request,
        "repairs/events/event_form.html",
        {"form": form, "cafe": cafe, "title": _("New repair event")},
        status=422 if form.errors else 200,
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk, write=True)
    form = RepairEventForm(
        request.POST or None, instance=event, organisation=event.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            repair_event_update(event=event, data=form.event_data(), by=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Event saved."))
            return redirect("repairs:event_detail", pk=event.pk)
    return render(
        request,
        "repairs/events/event_form.html",
        {
            "form": form,
            "cafe": event.organisation,
            "event": event,
            "title": _("Edit the event"),
        },
        status=422 if form.errors else 200,
    )


def _entries_context(
    request: HttpRequest,
    event: RepairEvent,
    *,
    form: RepairEntryForm | None = None,
    added: list[RepairRecord] | None = None,
) -> dict:
    can_edit = organisation_role(request.user, event.organisation) >= Role.EDITOR
    if can_edit and form is None:
        form = RepairEntryForm(event=event)
    return {
        "event": event,
        "cafe": event.organisation,
        "can_edit": can_edit,
        "form": form if can_edit else None,
        "entries": _entries(event),
        "totals": status_totals(event_ids=[event.pk]),
        "added": added,
        # One wording for the message and the fragment (same msgid, same plural).
        "added_note": _added_note(added) if added else "",
    }


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's entries and totals, with the fast entry form on top for editors."""
    event = get_event_for_user(request, pk)
    return render(
        request, "repairs/events/event_detail.html", _entries_context(request, event)
    )


@login_required
@require_POST
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Log one or several identical devices.

    With HTMX the answer is the entries block (fresh form, totals, list); without
    JavaScript it is a redirect back to the event page.
    """
    event = get_event_for_user(request, pk, write=True)
    form = RepairEntryForm(request.POST, event=event)
    added = None
    if form.is_valid():
        try:
            added = repair_entries_add(
                event=event,
                data=form.entry_data(),
                quantity=form.cleaned_data["quantity"],
                by=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
    if added:
        note = _added_note(added)
        if not request.htmx:
            messages.success(request, note)
            return redirect("repairs:event_detail", pk=event.pk)
        # The next item is often fixed by the same repairer: keep them selected.
        form = RepairEntryForm(event=event, initial={"repairer": added[0].repairer_id})
    context = _entries_context(request, event, form=form, added=added)
    if request.htmx:
        # 200 even with errors: htmx only swaps successful responses.
        return render(request, "repairs/events/_event_entries.html", context)
    return render(request, "repairs/events/event_detail.html", context, status=422)


def _added_note(added: list[RepairRecord]) -> str:
    first = added[0]
    return ngettext(
        "Logged %(item)s (%(status)s).",
        "Logged %(count)d × %(item)s (%(status)s).",
        len(added),
    ) % {
        "count": len(added),
        "item": first.item_type or first.product_category,
        "status": first.get_repair_status_display(),
    }


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk, write=True)
    event = entry.event
    form = RepairEntryForm(
        request.POST or None, instance=entry, event=event, with_quantity=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            repair_entry_update(entry=entry, data=form.entry_data(), by=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Entry saved."))
            return redirect("repairs:event_detail", pk=event.pk)
    return render(
        request,
        "repairs/events/entry_form.html",
        {"form": form, "entry": entry, "event": event, "cafe": event.organisation},
        status=422 if form.errors else 200,
    )


@login_required
def category_suggest(request: HttpRequest) -> HttpResponse:
    """ORDS categories for the item type being typed ("koffiezet" → Coffee maker).

    HTMX gets the category select with the best match preselected (the current
    choice stays when nothing matches); other callers get JSON.
    """
    text = (request.GET.get("item_type") or "").strip()
    suggestions = suggest_categories(text) if text else []
    if not request.htmx:
        return JsonResponse(
            {
                "item_type": text,
                "suggestions": [
                    {
                        "id": c.pk,
                        "ords_id": c.ords_id,
                        "ords_name": c.ords_name,
                        "name": c.name,
                    }
                    for c in suggestions
                ],
            }
        )
    current = request.GET.get("product_category") or None
    form = CategoryForm(
        initial={"product_category": suggestions[0].pk if suggestions else current}
    )
    return render(
        request,
        "repairs/events/_category_field.html",
        {"field": form["product_category"], "suggestions": suggestions},
    )


# --- Repairers ----------------------------------------------------------------------


@login_required
def repairer_history(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    """What one repairer did at a café: how many, which categories, success rate."""
    cafe = get_cafe_for_user(request, pk)
    records = RepairRecord.objects.filter(
        organisation=cafe, source=RepairRecordSource.REPAIR_CAFE
    )
    # Members, and former members who still have entries here.
    repairer = get_object_or_404(
        get_user_model()
        .objects.filter(
            Q(memberships__organisation=cafe) | Q(repair_records__in=records)
        )
        .distinct(),
        pk=user_pk,
    )
    records = records.filter(repairer=repairer)
    categories = list(
        ProductCategory.objects.filter(
            repair_records__organisation=cafe,
            repair_records__source=RepairRecordSource.REPAIR_CAFE,
            repair_records__repairer=repairer,
        )
        .annotate(
            count=Count("repair_records"),
            fixed=Count(
                "repair_records",
                filter=_status_filter(RepairStatus.FIXED, "repair_records__"),
            ),
            decided=Count(
                "repair_records",
                filter=Q(repair_records__repair_status__in=DECIDED),
            ),
        )
        .order_by("-count", "name_nl")
    )
    for category in categories:
        rate = success_rate(category.fixed, category.decided)
        category.success_percent = None if rate is None else round(rate * 100)
    recent = list(
        records.select_related("event", "product_category").order_by(
            "-event_date", "-pk"
        )[:25]
    )
    for entry in recent:
        entry.badge = STATUS_BADGES.get(entry.repair_status, "text-bg-light")
    # The same records as the totals below, so the event count agrees with them.
    filters = {
        "organisation_ids": [cafe.pk],
        "sources": [RepairRecordSource.REPAIR_CAFE],
        "repairer_ids": [repairer.pk],
    }
    events = repair_records_for_impact(**filters).aggregate(
        events=Count("event", distinct=True)
    )["events"]
    return render(
        request,
        "repairs/events/repairer_history.html",
        {
            "cafe": cafe,
            "repairer": repairer,
            "totals": status_totals(events=events, **filters),
            "categories": categories,
            "recent": recent,
        },
    )


def _add_errors(form: Form, exc: ValidationError) -> None:
    """A service's errors on the form's fields, or above the form for the others."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
