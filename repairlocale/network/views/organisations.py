"""Organisations: list, detail, create, edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from repairlocale.core.pagination import paginate
from repairlocale.network.filters import OrganisationFilter
from repairlocale.network.forms import OrganisationForm
from repairlocale.network.models import Membership, Organisation, Partnership, Site
from repairlocale.network.permissions import (
    get_organisation_for_user,
    organisation_role,
)


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    base = Organisation.objects.visible_to(request.user).for_list()
    filterset = OrganisationFilter(request.GET, queryset=base)
    page = paginate(request, filterset.qs.order_by("name"))
    return render(
        request,
        "network/organisation_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_create": request.user.is_network_coordinator,
        },
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    role = organisation_role(request.user, organisation)
    context = {
        "organisation": organisation,
        "role": role,
        "can_edit": role >= Membership.Role.EDITOR,
        "can_manage": role >= Membership.Role.MANAGER,
        "sites": Site.objects.filter(organisation=organisation).for_list(),
        "partnerships": Partnership.objects.filter(organisation=organisation)
        .for_list()
        .order_by("-start_date"),
        "children": organisation.children.order_by("name"),
        "hubs": organisation.hubs.order_by("name"),
    }
    if context["can_manage"]:
        context["memberships"] = organisation.memberships.select_related(
            "user"
        ).order_by("-role", "user__first_name", "user__last_name")
    return render(request, "network/organisation_detail.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_network_coordinator:
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save()
        messages.success(
            request, _("Organisation %(name)s created.") % {"name": organisation}
        )
        return redirect(organisation)
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "title": _("New organisation"),
            "cancel_url": "network:organisation_list",
        },
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, manage=True)
    form = OrganisationForm(
        request.POST or None,
        instance=organisation,
        parent_queryset=Organisation.objects.visible_to(request.user),
        classification_locked=not request.user.is_network_coordinator,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Changes saved."))
        return redirect(organisation)
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "object": organisation,
            "title": _("Edit %(name)s") % {"name": organisation},
            "cancel_href": organisation.get_absolute_url(),
        },
    )
