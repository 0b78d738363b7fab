"""A reuse centre's workshop: work queues and intake."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from repairlocale.core.pagination import paginate
from repairlocale.network.models import Membership, Site
from repairlocale.network.permissions import organisation_role
from repairlocale.reuse.forms import IntakeForm
from repairlocale.reuse.models import Appliance, ApplianceStatus
from repairlocale.reuse.permissions import centres_for, get_centre_for_user
from repairlocale.reuse.selectors import QUEUES, queue_counts
from repairlocale.reuse.services import appliance_register


@login_required
def centre_list(request: HttpRequest) -> HttpResponse:
    centres = centres_for(request.user)
    # A scanned label that is not registered yet: go straight to the intake form.
    code = request.GET.get("code", "").strip()
    if len(centres) == 1:
        if code:
            return redirect(
                reverse("reuse:intake", args=[centres[0].pk])
                + "?"
                + urlencode({"code": code})
            )
        return redirect("reuse:centre_detail", pk=centres[0].pk)
    return render(request, "reuse/centre_list.html", {"centres": centres, "code": code})


@login_required
def centre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Work queues per status, and the appliances of the chosen queue."""
    centre = get_centre_for_user(request, pk)
    site_id = request.GET.get("site")
    site_id = int(site_id) if site_id and site_id.isdigit() else None
    status = request.GET.get("status")
    if status not in ApplianceStatus.values:
        status = ApplianceStatus.AWAITING_TRIAGE
    appliances = Appliance.objects.filter(organisation=centre, status=status).for_list()
    if site_id:
        appliances = appliances.filter(site_id=site_id)
    counts = queue_counts(organisation=centre, site_id=site_id)
    role = organisation_role(request.user, centre)
    return render(
        request,
        "reuse/centre_detail.html",
        {
            "centre": centre,
            "queues": [(s, ApplianceStatus(s).label, counts[s]) for s in QUEUES],
            "status": status,
            "status_label": ApplianceStatus(status).label,
            "page": paginate(request, appliances.order_by("intake_date", "pk")),
            "sites": Site.objects.filter(organisation=centre).order_by("name"),
            "site_id": site_id,
            "can_edit": role >= Membership.Role.EDITOR,
        },
    )


@login_required
def intake(request: HttpRequest, pk: int) -> HttpResponse:
    centre = get_centre_for_user(request, pk, write=True)
    initial = {"code": request.GET.get("code", "")}
    form = IntakeForm(
        request.POST or None,
        request.FILES or None,
        organisation=centre,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            appliances = appliance_register(
                organisation=centre,
                registered_by=request.user,
                data=form.appliance_data(),
                quantity=form.cleaned_data["quantity"],
                code=form.cleaned_data["code"],
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Registered %(code)s.",
                    "Registered %(count)d appliances: %(code)s to %(last)s.",
                    len(appliances),
                )
                % {
                    "count": len(appliances),
                    "code": appliances[0].code,
                    "last": appliances[-1].code,
                },
            )
            if len(appliances) == 1:
                return redirect(appliances[0])
            return redirect("reuse:centre_detail", pk=centre.pk)
    if request.method == "POST" and request.FILES and form.errors:
        # A browser cannot keep chosen files across a page with errors.
        form.add_error(None, _("Choose the photos again before you save."))
    return render(
        request,
        "reuse/intake.html",
        {"form": form, "centre": centre, "title": _("Register an appliance")},
    )
