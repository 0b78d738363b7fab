"""Anonymised training figures per organisation and per pilot region."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from repairlocale.training import selectors
from repairlocale.training.forms import PeriodForm
from repairlocale.training.models import OutflowKind, TraineeStatus
from repairlocale.training.permissions import managed_organisations


def _scope(request):
    """Coordinators: every organisation (None); managers: the ones they manage."""
    if request.user.is_network_coordinator:
        return None
    managed = list(managed_organisations(request.user))
    if not managed:
        raise PermissionDenied
    return managed


def _data(request):
    organisations = _scope(request)
    form = PeriodForm(request.GET or None)
    period = form.period()
    return form, {
        "by_organisation": selectors.overview_by_organisation(
            organisations=organisations, period=period
        ),
        "by_region": selectors.overview_by_pilot_region(
            organisations=organisations, period=period
        ),
        "all_organisations": organisations is None,
    }


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    form, data = _data(request)
    return render(
        request,
        "training/overview.html",
        {
            "form": form,
            **data,
            "statuses": TraineeStatus.choices,
            "outflows": [(k, label) for k, label in OutflowKind.choices if k],
            "query": request.GET.urlencode(),
        },
    )


@login_required
def overview_csv(request: HttpRequest) -> HttpResponse:
    _form, data = _data(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="training-overview.csv"'
    writer = csv.writer(response)
    statuses = TraineeStatus.values
    outflows = [k for k in OutflowKind.values if k]
    writer.writerow(
        [
            _("group"),
            _("trainees"),
            *statuses,
            *(f"outflow_{k}" for k in outflows),
            _("assessed trainees"),
            _("average level"),
            _("repairs"),
            _("fixed"),
            _("safety tests"),
        ]
    )
    rows = [(r["label"], r) for r in data["by_region"]] + [
        (r["organisation"].name, r) for r in data["by_organisation"]
    ]
    for label, row in rows:
        writer.writerow(
            [
                label,
                row["trainees"],
                *(row["by_status"][s] for s in statuses),
                *(row["outflow"][k] for k in outflows),
                row["assessed_trainees"],
                row["average_level"] if row["average_level"] is not None else "",
                row["repairs"],
                row["repairs_fixed"],
                row["safety_tests"],
            ]
        )
    return response
