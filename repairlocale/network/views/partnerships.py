"""Partnerships between organisations and hubs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.core.pagination import paginate
from repairlocale.network.filters import PartnershipFilter
from repairlocale.network.forms import PartnershipForm
from repairlocale.network.models import Membership, Organisation, Partnership
from repairlocale.network.permissions import (
    get_organisation_for_user,
    get_partnership_for_user,
    organisations_editable_by,
    partnership_role,
    pk_from_query,
)


@login_required
def partnership_list(request: HttpRequest) -> HttpResponse:
    filterset = PartnershipFilter(
        request.GET, queryset=Partnership.objects.visible_to(request.user).for_list()
    )
    return render(
        request,
        "network/partnership_list.html",
        {
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "can_create": organisations_editable_by(request.user).exists(),
        },
    )


@login_required
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    role = partnership_role(request.user, partnership)
    return render(
        request,
        "network/partnership_detail.html",
        {"partnership": partnership, "can_edit": role >= Membership.Role.EDITOR},
    )


@login_required
def partnership_create(request: HttpRequest) -> HttpResponse:
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
    if request.GET.get("hub", "").isdigit():
        initial["hub"] = int(request.GET["hub"])
    form = PartnershipForm(
        request.POST or None, initial=initial, organisation_queryset=editable
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            partnership = form.save()
        messages.success(request, _("Partnership recorded."))
        return redirect(partnership)
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "title": _("New partnership"),
            "cancel_url": "network:partnership_list",
        },
    )


@login_required
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk, write=True)
    form = PartnershipForm(
        request.POST or None,
        instance=partnership,
        # Hub managers may edit a partnership of an organisation they do not belong to.
        organisation_queryset=Organisation.objects.filter(
            Q(pk__in=organisations_editable_by(request.user).values("pk"))
            | Q(pk=partnership.organisation_id)
        ),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Changes saved."))
        return redirect(partnership)
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "object": partnership,
            "title": _("Edit partnership"),
            "cancel_href": partnership.get_absolute_url(),
        },
    )


@login_required
@require_POST
def partnership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk, write=True)
    partnership.delete()
    messages.success(request, _("Partnership deleted."))
    return redirect("network:partnership_list")
