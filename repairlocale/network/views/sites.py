"""Sites of organisations: list, detail, create, edit, and the postcode lookup."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.core.pagination import paginate
from repairlocale.network.filters import SiteFilter
from repairlocale.network.forms import SiteForm
from repairlocale.network.models import Membership, Site
from repairlocale.network.permissions import (
    get_organisation_for_user,
    get_site_for_user,
    organisation_role,
    organisations_editable_by,
    pk_from_query,
)


@login_required
def site_list(request: HttpRequest) -> HttpResponse:
    filterset = SiteFilter(
        request.GET, queryset=Site.objects.visible_to(request.user).for_list()
    )
    page = paginate(
        request, filterset.qs.distinct().order_by("organisation__name", "name")
    )
    return render(
        request,
        "network/site_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_create": organisations_editable_by(request.user).exists(),
        },
    )


@login_required
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_site_for_user(request, pk)
    role = organisation_role(request.user, site.organisation)
    return render(
        request,
        "network/site_detail.html",
        {"site": site, "can_edit": role >= Membership.Role.EDITOR},
    )


@login_required
def site_create(request: HttpRequest) -> HttpResponse:
    editable = organisations_editable_by(request.user)
    if not editable.exists():
        raise PermissionDenied
    initial = {}
    if request.GET.get("organisation"):
        organisation = get_organisation_for_user(
            request, pk_from_query(request.GET["organisation"]), write=True
        )
        initial["organisation"] = organisation.pk
    elif len(only := editable[:2]) == 1:
        # Workshop staff usually belong to one organisation: spare them the choice.
        initial["organisation"] = only[0].pk
    form = SiteForm(
        request.POST or None, initial=initial, organisation_queryset=editable
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            site = form.save()
        messages.success(request, _("Site %(name)s created.") % {"name": site.name})
        return redirect(site)
    return render(
        request,
        "network/site_form.html",
        {
            "form": form,
            "title": _("New site"),
            "cancel_url": "network:site_list",
        },
    )


@login_required
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_site_for_user(request, pk, write=True)
    form = SiteForm(
        request.POST or None,
        instance=site,
        organisation_queryset=organisations_editable_by(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Changes saved."))
        return redirect(site)
    return render(
        request,
        "network/site_form.html",
        {
            "form": form,
            "object": site,
            "title": _("Edit %(name)s") % {"name": site.name},
            "cancel_href": site.get_absolute_url(),
        },
    )


@login_required
@require_POST
def site_delete(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_site_for_user(request, pk, write=True)
    organisation = site.organisation
    site.delete()
    messages.success(request, _("Site %(name)s deleted.") % {"name": site.name})
    return redirect(organisation)
