"""The public showcase: published cases and activities, no login needed."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from repairlocale.cases import selectors
from repairlocale.cases.models import Activity, Case
from repairlocale.network.models import Hub, PilotRegion


def share_links(request: HttpRequest, title: str) -> dict:
    """Plain share URLs, no third-party scripts: mail, LinkedIn, Facebook, WhatsApp."""
    url = request.build_absolute_uri()
    u, t = quote(url, safe=""), quote(title, safe="")
    return {
        "url": url,
        "email": f"mailto:?subject={t}&body={u}",
        "linkedin": f"https://www.linkedin.com/sharing/share-offsite/?url={u}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={u}",
        "whatsapp": f"https://wa.me/?text={t}%20{u}",
    }


def showcase(request: HttpRequest) -> HttpResponse:
    hubs = selectors.showcase_hubs().order_by("-pilot_region", "name")
    return render(
        request,
        "cases/public/index.html",
        {
            "cases": Case.objects.published().for_list()[:12],
            "activities": Activity.objects.published().for_list()[:12],
            "hubs": hubs,
            "regions": [r for r in PilotRegion if r],
        },
    )


def showcase_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.published().for_list(), pk=pk)
    return render(
        request,
        "cases/public/case.html",
        {
            "case": case,
            "factors": case.factors.all(),
            "partners": case.partners.all(),
            "share": share_links(request, case.title),
        },
    )


def showcase_activity(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.published().for_list(), pk=pk)
    return render(
        request,
        "cases/public/activity.html",
        {
            "activity": activity,
            "partners": activity.partners.all(),
            "photos": activity.photos.all(),
            "share": share_links(request, activity.title),
        },
    )


def showcase_hub(request: HttpRequest, pk: int) -> HttpResponse:
    hub = get_object_or_404(Hub, pk=pk)
    return render(
        request,
        "cases/public/hub.html",
        {
            "hub": hub,
            "cases": Case.objects.published().for_list().filter(hub=hub),
            "activities": Activity.objects.published().for_list().filter(hub=hub),
            "share": share_links(request, hub.name),
        },
    )
