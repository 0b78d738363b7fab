"""Submit, publish and return: the same three actions for activities and cases."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from repairlocale.cases import services
from repairlocale.cases.forms import ReturnForm
from repairlocale.cases.models import PublicationStatus
from repairlocale.cases.permissions import can_write, require_coordinator


def submit(request: HttpRequest, obj) -> HttpResponse:
    if not can_write(request.user, obj):
        raise PermissionDenied
    try:
        services.publication_submit(obj=obj, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent to the network coordinators for review."))
    return redirect(obj)


def publish(request: HttpRequest, obj) -> HttpResponse:
    require_coordinator(request.user)
    try:
        services.publication_publish(obj=obj, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Published: the public showcase shows it now."))
    return redirect(obj)


def return_to_draft(request: HttpRequest, obj) -> HttpResponse:
    require_coordinator(request.user)
    if obj.status == PublicationStatus.DRAFT:
        messages.error(request, _("This is already a draft."))
        return redirect(obj)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.publication_return(
            obj=obj, by=request.user, comment=form.cleaned_data["comment"]
        )
        messages.success(request, _("Sent back to the author as a draft."))
        return redirect(obj)
    return render(
        request,
        "cases/return_form.html",
        {"form": form, "object": obj, "title": _("Send back for changes")},
    )
