"""Campaigns: coordinators create, send and read them; hubs see their invitations."""

from __future__ import annotations

from io import BytesIO, StringIO

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.needs import exports, selectors, services
from repairlocale.needs.forms import CampaignForm
from repairlocale.needs.links import link_path
from repairlocale.needs.models import Campaign, CampaignHub, Stage
from repairlocale.needs.permissions import (
    get_campaign_for_coordinator,
    require_coordinator,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Coordinators: every campaign. Hub members: their hubs' invitations."""
    campaigns = None
    if request.user.is_network_coordinator:
        campaigns = Campaign.objects.all()
    return render(
        request,
        "needs/campaign_list.html",
        {
            "campaigns": campaigns,
            "invitations": selectors.open_campaign_hubs_for(request.user),
        },
    )


def _save(request: HttpRequest, campaign: Campaign | None) -> HttpResponse:
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in ("name", "deadline", "invitation_nl", "invitation_en")
        }
        try:
            if campaign is None:
                campaign = services.campaign_create(
                    **fields,
                    previous=data["previous"],
                    activities=data["activities"],
                    hubs=data["hubs"],
                    created_by=request.user,
                )
            else:
                services.campaign_update(
                    campaign=campaign,
                    previous=data["previous"],
                    activities=data["activities"],
                    hubs=data["hubs"],
                    **fields,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The campaign was saved."))
            return redirect(campaign)
    return render(
        request, "needs/campaign_form.html", {"form": form, "campaign": campaign}
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    return _save(request, None)


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, get_campaign_for_coordinator(request, pk))


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Response status per hub, with each hub's personal link to pass on."""
    campaign = get_campaign_for_coordinator(request, pk)
    hubs = list(selectors.campaign_hubs(campaign))
    for campaign_hub in hubs:
        campaign_hub.link = request.build_absolute_uri(link_path(campaign_hub))
    return render(
        request,
        "needs/campaign_detail.html",
        {"campaign": campaign, "hubs": hubs},
    )


@login_required
@require_POST
def campaign_invite(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_coordinator(request, pk)
    try:
        sent = services.campaign_send_invitations(campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Invitations sent by e-mail: %(count)d.") % {"count": sent}
        )
    return redirect(campaign)


@login_required
@require_POST
def campaign_hub_renew_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace a hub's personal link (e.g. sent to the wrong person)."""
    require_coordinator(request)
    campaign_hub = get_object_or_404(
        CampaignHub.objects.select_related("campaign", "hub"), pk=pk
    )
    services.campaign_hub_renew_link(campaign_hub=campaign_hub)
    messages.success(
        request,
        _("%(hub)s has a new personal link; the old one no longer works.")
        % {"hub": campaign_hub.hub},
    )
    return redirect(campaign_hub.campaign)


@login_required
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_coordinator(request, pk)
    results = selectors.campaign_results(campaign)
    return render(
        request,
        "needs/campaign_results.html",
        {
            "campaign": campaign,
            "results": results,
            "demand_changes": selectors.demand_changes(campaign, results),
            "interest_levels": selectors.INTEREST_CLASS.items(),
        },
    )


@login_required
def campaign_stages(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_coordinator(request, pk)
    results = selectors.campaign_results(campaign)
    return render(
        request,
        "needs/campaign_stages.html",
        {
            "campaign": campaign,
            "results": results,
            "changes": selectors.stage_changes(campaign, results),
            "stages": Stage.choices,
            "points": selectors.hub_points(results),
            "tile_url": getattr(settings, "MAP_TILE_URL", ""),
            "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
        },
    )


@login_required
def campaign_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    campaign = get_campaign_for_coordinator(request, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    columns = exports.answer_columns()
    rows = exports.answer_rows(campaign)
    filename = f"{slugify(campaign.name) or 'campagne'}.{fmt}"
    if fmt == "csv":
        out = StringIO()
        exports.write_csv(columns, rows, out)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        buffer = BytesIO()
        exports.write_xlsx(columns, rows, buffer, title=campaign.name)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
