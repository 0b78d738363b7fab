"""One person's repairs across the workshop (hergebruikfiche) and Repair Cafés.

Who may look (house style §10): the person themself; managers of the organisations
the repairs were done for (only those organisations' repairs); network coordinators,
for staff and volunteers. A trainee's repairs belong to the training app, where only
their coaches see them: for a trainee this page opens for the trainee alone, and a
staff member's history leaves out the repairs their trainees did. Non-members get
404, members of such an organisation without the manager role 403.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from repairlocale.core.pagination import paginate
from repairlocale.impact.selectors import (
    HISTORY_SOURCES,
    repairer_history,
    repairer_records,
)
from repairlocale.network.models import Membership
from repairlocale.repairs.models import RepairRecord, RepairRecordSource
from repairlocale.repairs.views.events import STATUS_BADGES

Role = Membership.Role


def _is_trainee(person) -> bool:
    from repairlocale.training.models import Trainee

    return Trainee.objects.filter(user=person).exists()


def history_scope(viewer, person) -> tuple[list[int] | None, bool]:
    """(organisations the viewer may see the person's repairs of, or None for all;
    whether repairs done by a trainee are included: never on this page).

    Raises Http404 / PermissionDenied."""
    if viewer.pk == person.pk:
        # Repairs their trainees did stay out of a supervisor's own history too.
        return None, False
    if _is_trainee(person):
        raise Http404  # coaches read it in the training app
    if viewer.is_network_coordinator:
        return None, False
    organisations = set(
        RepairRecord.objects.filter(
            repairer=person, source__in=HISTORY_SOURCES, trainee__isnull=True
        )
        .exclude(organisation=None)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    roles = dict(
        Membership.objects.filter(
            user=viewer, organisation_id__in=organisations
        ).values_list("organisation_id", "role")
    )
    managed = sorted(pk for pk, role in roles.items() if role >= Role.MANAGER)
    if managed:
        return managed, False
    if roles:
        raise PermissionDenied
    raise Http404


def _record_link(record: RepairRecord) -> str | None:
    if record.source == RepairRecordSource.REPAIR_CAFE and record.event_id:
        return reverse("repairs:event_detail", args=[record.event_id])
    step = record.workshop_step
    if record.source == RepairRecordSource.WORKSHOP and step is not None:
        return reverse("appliance_fiche", args=[step.appliance.code])
    return None


@login_required
def person_history(request: HttpRequest, user_pk: int) -> HttpResponse:
    """How many, which categories, success rate, minutes per repair, per month.

    Queries: the person, the scope (one or two), the methodology and three
    aggregates (impact.selectors.repairer_history), then one page of records.
    """
    person = get_object_or_404(get_user_model(), pk=user_pk, is_active=True)
    organisation_ids, with_trainee = history_scope(request.user, person)
    history = repairer_history(
        repairer_id=person.pk,
        organisation_ids=organisation_ids,
        include_trainee_repairs=with_trainee,
    )
    records = (
        repairer_records(
            repairer_id=person.pk,
            organisation_ids=organisation_ids,
            include_trainee_repairs=with_trainee,
        )
        .select_related("product_category", "organisation", "workshop_step__appliance")
        .order_by("-event_date", "-pk")
    )
    page = paginate(request, records)
    for record in page.object_list:
        record.badge = STATUS_BADGES.get(record.repair_status, "text-bg-light")
        record.link = _record_link(record)
    return render(
        request,
        "repairs/people/history.html",
        {
            "person": person,
            "history": history,
            "page": page,
            "limited": organisation_ids is not None,
            "own": request.user.pk == person.pk,
        },
    )
