"""Pilot projects: coordinators manage them, partner organisations read them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from repairlocale.pilots.forms import FORMSETS, PilotForm
from repairlocale.pilots.models import MilestoneStatus, PilotProject
from repairlocale.pilots.permissions import get_pilot_for_user
from repairlocale.pilots.selectors import goal_progress


@login_required
def pilot_list(request: HttpRequest) -> HttpResponse:
    pilots = PilotProject.objects.visible_to(request.user).prefetch_related(
        "partners__organisation"
    )
    return render(
        request,
        "pilots/pilot_list.html",
        {"pilots": pilots, "can_manage": request.user.is_network_coordinator},
    )


@login_required
def pilot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pilot = get_pilot_for_user(request, pk)
    progress = goal_progress(pilot)
    return render(
        request,
        "pilots/pilot_detail.html",
        {
            "pilot": pilot,
            "progress": progress,
            "period": progress[0].period if progress else None,
            "partners": pilot.partners.select_related("organisation"),
            "milestones": pilot.milestones.all(),
            "links": pilot.links.all(),
            "can_manage": request.user.is_network_coordinator,
            "statuses": MilestoneStatus,
        },
    )


def _edit(request: HttpRequest, pilot: PilotProject | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    instance = pilot or PilotProject()
    form = PilotForm(data, instance=instance)
    formsets = [
        (label, cls(data, instance=instance, prefix=prefix))
        for prefix, label, cls in FORMSETS
    ]
    if data is not None:
        valid = [form.is_valid()] + [fs.is_valid() for _, fs in formsets]
        if all(valid):
            with transaction.atomic():
                saved = form.save()
                for _label, formset in formsets:
                    formset.instance = saved
                    formset.save()
            messages.success(request, _("The pilot project was saved."))
            return redirect(saved)
    return render(
        request,
        "pilots/pilot_form.html",
        {"form": form, "formsets": formsets, "pilot": pilot},
    )


@login_required
def pilot_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_network_coordinator:
        raise PermissionDenied
    return _edit(request, None)


@login_required
def pilot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_pilot_for_user(request, pk, write=True))
