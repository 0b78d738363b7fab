"""Anonymised training figures per organisation and per pilot region."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from repairlocale.reuse.exports import safe_text
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
    # Managers see every trainee of their own organisations by name anyway; groups
    # of anyone else's trainees that are too small show their head count only.
    managed = {o.pk for o in managed_organisations(request.user)}
    by_organisation = [
        row
        if row["organisation"].pk in managed
        else selectors.suppress_small_group(row)
        for row in selectors.overview_by_organisation(
            organisations=organisations, period=period
        )
    ]
    by_region = selectors.overview_by_pilot_region(
        organisations=organisations, period=period
    )
    if organisations is None:
        by_region = [selectors.suppress_small_group(row) for row in by_region]
    return form, {
        "by_organisation": [{"suppressed": False, **r} for r in by_organisation],
        "by_region": [{"suppressed": False, **r} for r in by_region],
        "all_organisations": organisations is None,
    }


def _cell(value):
    return "" if value is None else value


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
            "min_group_size": selectors.MIN_GROUP_SIZE,
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
                # An organisation's name is typed by its managers: never a formula.
                safe_text(str(label)),
                row["trainees"],
                *(_cell(row["by_status"][s]) for s in statuses),
                *(_cell(row["outflow"][k]) for k in outflows),
                _cell(row["assessed_trainees"]),
                _cell(row["average_level"]),
                _cell(row["repairs"]),
                _cell(row["repairs_fixed"]),
                _cell(row["safety_tests"]),
            ]
        )
    return response
