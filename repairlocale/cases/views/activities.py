"""The activity log: what hubs and organisations carried out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.cases import services
from repairlocale.cases.filters import ActivityFilter
from repairlocale.cases.forms import ActivityForm, PhotoForm
from repairlocale.cases.models import Activity
from repairlocale.cases.permissions import (
    can_write,
    get_activity_for_user,
    writable_organisations,
)
from repairlocale.cases.views import _publication
from repairlocale.core.pagination import paginate
from repairlocale.core.uploads import upload_max_bytes


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    filterset = ActivityFilter(
        request.GET, queryset=Activity.objects.visible_to(request.user).for_list()
    )
    return render(
        request,
        "cases/activity_list.html",
        {
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "can_create": writable_organisations(request.user).exists(),
        },
    )


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk)
    return render(
        request,
        "cases/activity_detail.html",
        {
            "activity": activity,
            "object": activity,
            "can_edit": can_write(request.user, activity),
            "photo_form": PhotoForm(),
        },
    )


def _activity_form(request, *, activity: Activity | None, title: str) -> HttpResponse:
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = services.activity_save(
            activity=form.save(commit=False),
            partners=form.cleaned_data["partners"],
            by=request.user,
        )
        messages.success(request, _("Activity saved."))
        return redirect(saved)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": title,
            "cancel_href": activity.get_absolute_url()
            if activity
            else reverse("cases:activity_list"),
        },
    )


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    if not writable_organisations(request.user).exists():
        raise PermissionDenied
    return _activity_form(request, activity=None, title=_("Log an activity"))


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, write=True)
    return _activity_form(request, activity=activity, title=_("Edit activity"))


@login_required
@require_POST
def activity_photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, write=True)
    form = PhotoForm(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        # core.uploads.LimitedUploadHandler stopped reading the file.
        form.add_error(
            "image",
            _("The file is larger than %(limit)s.")
            % {"limit": filesizeformat(upload_max_bytes(request.path))},
        )
    if form.is_valid():
        services.activity_photo_add(
            activity=activity,
            image=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"],
        )
        messages.success(request, _("Photo added."))
        return redirect(activity)
    return render(
        request,
        "cases/activity_detail.html",
        {
            "activity": activity,
            "object": activity,
            "can_edit": True,
            "photo_form": form,
        },
        status=400,
    )


@login_required
@require_POST
def activity_photo_delete(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, write=True)
    photo = get_object_or_404(activity.photos, pk=photo_pk)
    photo.image.delete(save=False)
    photo.delete()
    messages.success(request, _("Photo removed."))
    return redirect(activity)


@login_required
@require_POST
def activity_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication.submit(request, get_activity_for_user(request, pk))


@login_required
@require_POST
def activity_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication.publish(request, get_activity_for_user(request, pk))


@login_required
def activity_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication.return_to_draft(request, get_activity_for_user(request, pk))
