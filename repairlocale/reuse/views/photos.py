"""Appliance photos: served only to members of the centre, added and removed by
its editors. Never through a public media URL."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from repairlocale.network.permissions import organisation_role
from repairlocale.reuse.forms import PhotoAddForm
from repairlocale.reuse.models import Appliance, AppliancePhoto
from repairlocale.reuse.permissions import get_appliance_for_user
from repairlocale.reuse.photos import CONTENT_TYPES
from repairlocale.reuse.services import photo_delete, photos_add
from repairlocale.reuse.views.fiche import _fiche_context


def _member_photo(request: HttpRequest, code: str, pk: int) -> AppliancePhoto:
    """The photo, for members of the appliance's centre; 404 for anyone else.

    Not logged-in visitors get 404 too (not a login redirect): the label's URL is
    public, its photos are not.
    """
    appliance = get_object_or_404(
        Appliance.objects.select_related("organisation"), code=code.strip().upper()
    )
    if organisation_role(request.user, appliance.organisation) is None:
        raise Http404
    return get_object_or_404(AppliancePhoto, pk=pk, appliance=appliance)


def _serve(field) -> FileResponse:
    if not field.name:
        raise Http404
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    extension = field.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        handle, content_type=CONTENT_TYPES.get(extension, "application/octet-stream")
    )
    # Only the signed-in member's browser may keep it; never a shared cache.
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def appliance_photo(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The photo at full size."""
    return _serve(_member_photo(request, code, pk).image)


@require_GET
def appliance_photo_thumbnail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The gallery's small version (photos moved from the old single field have
    none: the full photo is served)."""
    photo = _member_photo(request, code, pk)
    return _serve(photo.thumbnail if photo.thumbnail else photo.image)


@login_required
@require_POST
def appliance_photo_add(request: HttpRequest, code: str) -> HttpResponse:
    appliance = get_appliance_for_user(request, code, write=True)
    form = PhotoAddForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = photos_add(
                appliance=appliance,
                photos=form.cleaned_data["photos"],
                kind=form.cleaned_data["kind"],
                caption=form.cleaned_data["caption"],
                taken_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Added %(count)d photo.", "Added %(count)d photos.", len(added)
                )
                % {"count": len(added)},
            )
            return redirect(appliance.get_absolute_url() + "#photos")
    context = _fiche_context(request, appliance, photo_form=form)
    return render(request, "reuse/fiche.html", context, status=422)


@login_required
@require_POST
def appliance_photo_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    appliance = get_appliance_for_user(request, code, write=True)
    photo = get_object_or_404(AppliancePhoto, pk=pk, appliance=appliance)
    photo_delete(photo=photo)
    messages.success(request, _("Photo deleted."))
    return redirect(appliance.get_absolute_url() + "#photos")
