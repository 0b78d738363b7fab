"""Dashboards: Flanders, the pilot regions side by side, a hub region, an organisation.

Everyone logged in sees the network's aggregate figures (as restarters.net shows
its network stats); the organisation filter lists only the organisations the
person belongs to (coordinators: all), and an organisation's own dashboard opens
for its members and the coordinators only (404 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _

from repairlocale.dashboards import charts, selectors
from repairlocale.dashboards.forms import DashboardFilterForm
from repairlocale.dashboards.selectors import Scope
from repairlocale.impact.selectors import methodology_resolve
from repairlocale.network.models import Hub, Organisation, PilotRegion
from repairlocale.network.permissions import get_organisation_for_user
from repairlocale.reuse.exports import write_csv

PILOT_REGIONS = [PilotRegion.BRUGGE, PilotRegion.VLAAMS_BRABANT]


def _visible_organisations(user):
    if user.is_network_coordinator:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user).distinct()


def _figures(scope: Scope) -> dict[str, Any]:
    """Every figure and chart of one dashboard column, from the rollups."""
    method = methodology_resolve()
    # One read of the rollups for both inflow charts.
    inflow = selectors.inflow_tables(scope, ("channel", "month"))
    by_channel, by_month = inflow["channel"], inflow["month"]
    # The month table's total is the period's total: one query for both.
    repairs_month = selectors.repairs(scope, group_by="month", methodology=method)
    repairs_total = repairs_month
    reuse = selectors.reuse_impact(scope, methodology=method)
    activities = selectors.activities(scope)
    campaigns = selectors.campaigns(scope)
    return {
        **_people_and_activities(scope, activities),
        "activity_summary": activities,
        "campaigns": campaigns,
        "scope": scope,
        "inflow": by_channel,
        "repairs": repairs_total,
        "reuse": reuse,
        "co2e_total": repairs_total.total.co2e_kg + reuse.co2e_kg,
        "charts": [
            charts.inflow_by_channel(by_channel),
            charts.inflow_by_month(by_month),
            charts.repairs_by_month(repairs_month),
            charts.impact(repairs_total, reuse),
            charts.activities_by_type(activities),
            charts.activities_by_month(activities),
            charts.campaigns(campaigns),
        ],
    }


def _people_and_activities(scope: Scope, activities) -> dict[str, Any]:
    """Trainees (anonymised counts) and the published activities' reach.

    Everyone who may open the dashboard sees it, most of whom may open no trainee
    page: a group of trainees too small to stay anonymous shows its head count only.
    """
    from repairlocale.training.selectors import suppress_small_group, training_overview

    ids = scope.organisation_ids
    organisations = (
        None if ids is None else list(Organisation.objects.filter(pk__in=ids))
    )
    period = (scope.date_from, scope.date_to)
    return {
        "training": suppress_small_group(
            training_overview(organisations=organisations, period=period)
        ),
        "activities": activities.activities,
        "participants": activities.participants,
    }


def _csv(chart: charts.Chart, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    write_csv(chart.columns, chart.rows, response)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}-{chart.slug}.csv"
    )
    return response


def _respond(
    request: HttpRequest,
    *,
    title: str,
    form: DashboardFilterForm,
    columns: list[tuple[str, Scope]],
    filename: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    panels = [{"label": label, **_figures(scope)} for label, scope in columns]
    wanted = request.GET.get("csv")
    if wanted:
        for index, panel in enumerate(panels):
            for chart in panel["charts"]:
                if f"{index}-{chart.slug}" == wanted:
                    return _csv(chart, filename)
        raise Http404
    query = {k: v for k, v in request.GET.items() if k != "csv" and v}
    for index, panel in enumerate(panels):
        for chart in panel["charts"]:
            chart.csv_query = "?" + urlencode({**query, "csv": f"{index}-{chart.slug}"})
            chart.dom_id = f"chart-{index}-{chart.slug}"
            chart.spec_id = f"{chart.dom_id}-spec"
    return render(
        request,
        "dashboards/dashboard.html",
        {"title": title, "form": form, "panels": panels, **(extra or {})},
    )


def _base_scope(form: DashboardFilterForm) -> dict[str, Any]:
    data = form.cleaned_data
    category = data.get("product_category")
    return {
        "date_from": data["date_from"],
        "date_to": data["date_to"],
        "product_category_id": category.pk if category else None,
        "channel": data.get("channel") or "",
    }


def _hubs_of(organisation_id: int) -> tuple[int, ...]:
    """The hubs an organisation leads: their activities and campaigns are its own."""
    return tuple(
        Hub.objects.filter(organisation_id=organisation_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _region_ids(region: str) -> tuple[int, ...]:
    return tuple(
        Organisation.objects.filter(pilot_region=region).values_list("pk", flat=True)
    )


def _invalid(request, form, title):
    return render(
        request,
        "dashboards/dashboard.html",
        {"title": title, "form": form, "panels": []},
        status=400,
    )


@login_required
def flanders(request: HttpRequest) -> HttpResponse:
    visible = _visible_organisations(request.user)
    form = DashboardFilterForm(
        request.GET, today=timezone.localdate(), organisations=visible
    )
    title = _("Dashboard Flanders")
    if not form.is_valid():
        return _invalid(request, form, title)
    base = _base_scope(form)
    organisation = form.cleaned_data.get("organisation")
    region = form.cleaned_data.get("pilot_region")
    label = _("All of Flanders")
    ids = None
    people: dict[str, Any] = {}
    if organisation:
        ids, label = (organisation.pk,), organisation.name
        people = {"hub_ids": _hubs_of(organisation.pk)}
    elif region:
        ids, label = _region_ids(region), str(PilotRegion(region).label)
        people = {"pilot_region": region}
    return _respond(
        request,
        title=title,
        form=form,
        columns=[(label, Scope(organisation_ids=ids, **people, **base))],
        filename="dashboard-vlaanderen",
    )


@login_required
def pilot_regions(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET, today=timezone.localdate())
    title = _("Pilot regions side by side")
    if not form.is_valid():
        return _invalid(request, form, title)
    base = _base_scope(form)
    return _respond(
        request,
        title=title,
        form=form,
        columns=[
            (
                str(PilotRegion(r).label),
                Scope(organisation_ids=_region_ids(r), pilot_region=r, **base),
            )
            for r in PILOT_REGIONS
        ],
        filename="dashboard-pilootregio",
    )


def hub_organisations(hub: Hub) -> tuple[int, ...]:
    """The hub's own organisation and those with an active site in its region."""
    ids = set(
        Organisation.objects.filter(
            sites__municipality__in=hub.municipalities.all(), sites__is_active=True
        ).values_list("pk", flat=True)
    )
    if hub.organisation_id:
        ids.add(hub.organisation_id)
    return tuple(sorted(ids))


@login_required
def hub(request: HttpRequest, pk: int) -> HttpResponse:
    hub = get_object_or_404(Hub, pk=pk)
    form = DashboardFilterForm(
        request.GET, today=timezone.localdate(), fixed_scope=True
    )
    title = _("Dashboard hub region %(name)s") % {"name": hub.name}
    if not form.is_valid():
        return _invalid(request, form, title)
    return _respond(
        request,
        title=title,
        form=form,
        columns=[
            (
                hub.name,
                Scope(
                    organisation_ids=hub_organisations(hub),
                    hub_ids=(hub.pk,),
                    **_base_scope(form),
                ),
            )
        ],
        filename=f"dashboard-hub-{hub.pk}",
        extra={"hub": hub},
    )


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for_user(request, pk)
    form = DashboardFilterForm(
        request.GET, today=timezone.localdate(), fixed_scope=True
    )
    title = _("Dashboard %(name)s") % {"name": org.name}
    if not form.is_valid():
        return _invalid(request, form, title)
    return _respond(
        request,
        title=title,
        form=form,
        columns=[
            (
                org.name,
                Scope(
                    organisation_ids=(org.pk,),
                    hub_ids=_hubs_of(org.pk),
                    **_base_scope(form),
                ),
            )
        ],
        filename=f"dashboard-organisatie-{org.pk}",
        extra={"organisation": org},
    )
