"""The activity catalogue: everyone signed in reads it, coordinators edit it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from repairlocale.needs.forms import CatalogueActivityForm
from repairlocale.needs.models import CatalogueActivity, Theme
from repairlocale.needs.permissions import require_coordinator


@login_required
def catalogue_list(request: HttpRequest) -> HttpResponse:
    activities = CatalogueActivity.objects.all()
    if not request.user.is_network_coordinator:
        activities = activities.filter(is_active=True)
    by_theme = {value: [] for value in Theme.values}
    for activity in activities:
        by_theme[activity.theme].append(activity)
    themes = [
        (label, by_theme[value]) for value, label in Theme.choices if by_theme[value]
    ]
    return render(
        request,
        "needs/catalogue_list.html",
        {"themes": themes, "can_edit": request.user.is_network_coordinator},
    )


def _edit(request: HttpRequest, activity: CatalogueActivity | None) -> HttpResponse:
    form = CatalogueActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(request, _("“%(name)s” was saved.") % {"name": saved})
        return redirect("needs:catalogue_list")
    return render(
        request, "needs/catalogue_form.html", {"form": form, "activity": activity}
    )


@login_required
def catalogue_create(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    return _edit(request, None)


@login_required
def catalogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    return _edit(request, get_object_or_404(CatalogueActivity, pk=pk))
