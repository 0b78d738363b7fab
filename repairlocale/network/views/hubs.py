"""Hubs of the Circulair Werk(t) network and the municipalities they cover."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from repairlocale.core.pagination import paginate
from repairlocale.network.filters import HubFilter
from repairlocale.network.forms import HubForm
from repairlocale.network.models import Hub, Partnership
from repairlocale.network.permissions import can_edit_hub, get_hub_for_user
from repairlocale.network.selectors import hub_coverage_by_province


@login_required
def hub_list(request: HttpRequest) -> HttpResponse:
    filterset = HubFilter(request.GET, queryset=Hub.objects.for_list())
    return render(
        request,
        "network/hub_list.html",
        {
            "filter": filterset,
            "page": paginate(request, filterset.qs.order_by("name")),
            "can_create": request.user.is_network_coordinator,
        },
    )


@login_required
def hub_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hub = get_hub_for_user(request, pk)
    return render(
        request,
        "network/hub_detail.html",
        {
            "hub": hub,
            "coverage": hub_coverage_by_province(hub),
            "partnerships": Partnership.objects.visible_to(request.user)
            .filter(hub=hub)
            .for_list(),
            "can_edit": can_edit_hub(request.user, hub),
        },
    )


@login_required
def hub_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_network_coordinator:
        raise PermissionDenied
    form = HubForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            hub = form.save()
        messages.success(request, _("Hub %(name)s created.") % {"name": hub})
        return redirect(hub)
    return render(
        request,
        "network/hub_form.html",
        {"form": form, "title": _("New hub"), "cancel_url": "network:hub_list"},
    )


@login_required
def hub_edit(request: HttpRequest, pk: int) -> HttpResponse:
    hub = get_hub_for_user(request, pk, write=True)
    form = HubForm(
        request.POST or None,
        instance=hub,
        can_change_identity=request.user.is_network_coordinator,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Changes saved."))
        return redirect(hub)
    return render(
        request,
        "network/hub_form.html",
        {
            "form": form,
            "object": hub,
            "title": _("Edit %(name)s") % {"name": hub},
            "cancel_href": hub.get_absolute_url(),
        },
    )
