"""Trainee list, profile, edit and the workshop evidence page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from repairlocale.training import selectors
from repairlocale.training.forms import TraineeForm
from repairlocale.training.models import Level
from repairlocale.training.permissions import (
    Access,
    get_employer_for_user,
    get_trainee_for_user,
    managed_organisations,
    may_see_aggregates,
)
from repairlocale.training.services import trainee_save


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The trainees whose names the user may see; a trainee goes to their page."""
    trainees = list(selectors.visible_trainees(request.user))
    own = (
        getattr(request.user, "trainee", None)
        if request.user.is_authenticated
        else None
    )
    if own is not None and trainees == [own]:
        return redirect(own)
    return render(
        request,
        "training/home.html",
        {
            "trainees": trainees,
            "employers": managed_organisations(request.user).order_by("name"),
            "aggregates": may_see_aggregates(request.user),
            "coordinator": request.user.is_network_coordinator,
        },
    )


def _save_trainee(request, form, organisation, trainee=None):
    try:
        return trainee_save(
            organisation=organisation,
            data=form.trainee_data(),
            coaches=list(form.cleaned_data["coaches"]),
            trainee=trainee,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc)
    return None


@login_required
def trainee_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    organisation = get_employer_for_user(request, org_pk)
    form = TraineeForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        trainee = _save_trainee(request, form, organisation)
        if trainee is not None:
            messages.success(request, _("Trainee added."))
            return redirect(trainee)
    return render(
        request,
        "training/trainee_form.html",
        {"form": form, "organisation": organisation, "trainee": None},
    )


@login_required
def trainee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, _access = get_trainee_for_user(request, pk, manage=True)
    if trainee.is_erased:
        messages.error(request, _("This trainee was erased and cannot be changed."))
        return redirect(trainee)
    form = TraineeForm(
        request.POST or None, instance=trainee, organisation=trainee.organisation
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_trainee(request, form, trainee.organisation, trainee) is not None
    ):
        messages.success(request, _("Trainee saved."))
        return redirect(trainee)
    return render(
        request,
        "training/trainee_form.html",
        {"form": form, "organisation": trainee.organisation, "trainee": trainee},
    )


@login_required
def trainee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What the trainee can do, did this month and should do next."""
    trainee, access = get_trainee_for_user(request, pk)
    today = timezone.localdate()
    month_start = today.replace(day=1)
    evidence = selectors.trainee_evidence(trainee)
    profile = selectors.trainee_profile(trainee)
    return render(
        request,
        "training/trainee_detail.html",
        {
            "trainee": trainee,
            "access": access,
            "can_write": access.can_write,
            "can_manage": access == Access.MANAGER,
            "profile": profile,
            "progress": selectors.progress_over_time(trainee),
            "next": selectors.what_next(trainee, profile),
            "evidence": evidence,
            "month": selectors.trainee_evidence(trainee, since=month_start),
            "month_start": month_start,
            "suggestions": (
                selectors.suggestions_for(trainee, evidence=evidence)
                if access.can_write
                else []
            ),
            "attestations": [
                (a, a.expiry_state(today)) for a in trainee.attestations.all()
            ],
            "coaches": trainee.coaches.all(),
            "levels": Level,
        },
    )


@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, access = get_trainee_for_user(request, pk)
    data = selectors.trainee_evidence(trainee)
    longest = max((m for _d, m, _n in data.minutes_by_month), default=0)
    return render(
        request,
        "training/evidence.html",
        {
            "trainee": trainee,
            "access": access,
            "evidence": data,
            "longest": longest,
            "max_family": max((f.repairs for f in data.families), default=0),
        },
    )
