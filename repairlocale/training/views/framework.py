"""The competency framework: everyone reads it, network coordinators edit drafts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.training.forms import CompetencyForm, PublishForm
from repairlocale.training.models import Competency, CompetencyArea, FrameworkVersion
from repairlocale.training.permissions import may_edit_framework
from repairlocale.training.services import (
    competency_save,
    framework_draft_create,
    framework_publish,
)


def _require_editor(request) -> None:
    if not may_edit_framework(request.user):
        raise PermissionDenied


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/framework_list.html",
        {
            "versions": FrameworkVersion.objects.select_related("published_by"),
            "current": FrameworkVersion.objects.current(),
            "can_edit": may_edit_framework(request.user),
        },
    )


@login_required
def framework_detail(request: HttpRequest, number: int) -> HttpResponse:
    version = get_object_or_404(FrameworkVersion, number=number)
    can_edit = may_edit_framework(request.user)
    if version.is_draft and not can_edit:
        raise PermissionDenied
    competencies = list(version.competencies.all())
    areas = [
        (label, [c for c in competencies if c.area == code])
        for code, label in CompetencyArea.choices
    ]
    return render(
        request,
        "training/framework_detail.html",
        {
            "version": version,
            "areas": [(label, items) for label, items in areas if items],
            "can_edit": can_edit and version.is_draft,
            "publish_form": PublishForm(),
        },
    )


@login_required
@require_POST
def framework_draft(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    try:
        draft = framework_draft_create(by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("training:framework_list")
    messages.success(request, _("Draft created from the current version."))
    return redirect(draft)


@login_required
@require_POST
def framework_publish_view(request: HttpRequest, number: int) -> HttpResponse:
    _require_editor(request)
    version = get_object_or_404(FrameworkVersion, number=number)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what changed in this version."))
        return redirect(version)
    try:
        framework_publish(
            version=version, note=form.cleaned_data["note"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Version published: new assessments use it."))
    return redirect(version)


def _competency_form(request, competency, version):
    form = CompetencyForm(request.POST or None, instance=competency)
    if request.method == "POST" and form.is_valid():
        try:
            competency_save(competency=form.instance)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Competency saved."))
            return redirect(version)
    return render(
        request,
        "training/competency_form.html",
        {"form": form, "version": version, "competency": competency},
    )


@login_required
def competency_add(request: HttpRequest, number: int) -> HttpResponse:
    _require_editor(request)
    version = get_object_or_404(FrameworkVersion, number=number)
    if not version.is_draft:
        raise PermissionDenied
    position = version.competencies.count() + 1
    return _competency_form(
        request, Competency(version=version, position=position), version
    )


@login_required
def competency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    competency = get_object_or_404(Competency.objects.select_related("version"), pk=pk)
    if not competency.version.is_draft:
        raise PermissionDenied
    return _competency_form(request, competency, competency.version)
