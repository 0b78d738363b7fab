"""Assessing a trainee, the assessment history, and evidence-based suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.training import selectors
from repairlocale.training.forms import AssessmentForm
from repairlocale.training.models import Competency, Level
from repairlocale.training.permissions import get_trainee_for_user
from repairlocale.training.services import assessments_record, suggestion_decide


@login_required
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, _access = get_trainee_for_user(request, pk, write=True)
    version = selectors.current_framework()
    competencies = list(version.competencies.all()) if version else []
    current = {
        code: a.level for code, a in selectors.latest_assessments(trainee).items()
    }
    form = AssessmentForm(
        request.POST or None, competencies=competencies, current=current
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = assessments_record(
                trainee=trainee,
                assessor=request.user,
                assessed_on=form.cleaned_data["assessed_on"],
                levels=form.levels(),
                evidence=form.cleaned_data["evidence"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(count)s assessments recorded.") % {"count": len(created)},
            )
            return redirect(trainee)
    return render(
        request,
        "training/assessment_form.html",
        {"trainee": trainee, "form": form, "version": version},
    )


@login_required
def assessment_history(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, access = get_trainee_for_user(request, pk)
    assessments = trainee.assessments.select_related(
        "competency__version", "assessor"
    ).order_by("-assessed_on", "-pk")
    return render(
        request,
        "training/assessment_history.html",
        {"trainee": trainee, "access": access, "assessments": assessments},
    )


@login_required
@require_POST
def suggestion_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, _access = get_trainee_for_user(request, pk, write=True)
    try:
        level = int(request.POST.get("level", ""))
        Level(level)
    except ValueError:
        return HttpResponseBadRequest(_("Unknown level."))
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        return HttpResponseBadRequest(_("Unknown decision."))
    competency = get_object_or_404(Competency, pk=request.POST.get("competency") or 0)
    try:
        suggestion_decide(
            trainee=trainee,
            competency=competency,
            level=level,
            confirm=decision == "confirm",
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Suggestion confirmed: the assessment is recorded.")
            if decision == "confirm"
            else _("Suggestion rejected."),
        )
    return redirect(trainee)
