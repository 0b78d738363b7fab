"""Export (JSON, PDF) and erasure of a trainee's personal data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from repairlocale.training.exports import trainee_export_data
from repairlocale.training.pdf import pdf_response
from repairlocale.training.permissions import get_trainee_for_user
from repairlocale.training.services import trainee_erase


@login_required
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, _access = get_trainee_for_user(request, pk)
    response = HttpResponse(
        json.dumps(trainee_export_data(trainee), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="trainee-{trainee.pk}.json"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, _access = get_trainee_for_user(request, pk)
    return pdf_response(
        request,
        "training/pdf/export.html",
        {
            "trainee": trainee,
            "data": trainee_export_data(trainee),
            "printed_at": timezone.localtime(),
        },
        f"trainee-{trainee.pk}.pdf",
    )


@login_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Managers erase a trainee's personal data on request (after confirming)."""
    trainee, _access = get_trainee_for_user(request, pk, manage=True)
    if request.method == "POST":
        if trainee.is_erased:
            messages.info(request, _("This trainee was already erased."))
        elif request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the erasure."))
            return render(request, "training/erase.html", {"trainee": trainee})
        else:
            trainee_erase(trainee=trainee, by=request.user)
            messages.success(
                request,
                _("The personal data was erased; the counted repairs remain."),
            )
        return redirect("training:home")
    return render(request, "training/erase.html", {"trainee": trainee})
