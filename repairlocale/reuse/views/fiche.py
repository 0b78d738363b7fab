"""The fiche of one appliance at /a/<code>/ (the URL printed on its label)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.network.models import Membership
from repairlocale.network.permissions import organisation_role
from repairlocale.reuse.forms import STEP_FORMS, PhotoAddForm, initial_from
from repairlocale.reuse.models import Appliance, ApplianceStatus, Step, StepKind
from repairlocale.reuse.permissions import get_appliance_for_user
from repairlocale.reuse.selectors import NEXT_STEPS
from repairlocale.reuse.services import step_record


def _normalise(code: str) -> str:
    return code.strip().upper()


def _fiche_context(
    request, appliance, *, form=None, kind=None, correcting=None, photo_form=None
):
    steps = list(
        appliance.steps.select_related(
            "performed_by", "repairer", "supervisor", "corrects"
        ).order_by("sequence")
    )
    corrected_ids = {s.corrects_id for s in steps if s.corrects_id}
    role = organisation_role(request.user, appliance.organisation)
    can_edit = role is not None and role >= Membership.Role.EDITOR
    choices = NEXT_STEPS.get(appliance.status, [])
    if can_edit and form is None and choices and not appliance.is_closed:
        kind = (
            request.GET.get("stap") if request.GET.get("stap") in STEP_FORMS else None
        )
        kind = kind or choices[0]
        form = STEP_FORMS[kind](organisation=appliance.organisation)
    return {
        "appliance": appliance,
        "steps": steps,
        "corrected_ids": corrected_ids,
        "can_edit": can_edit,
        "form": form,
        "kind": kind,
        "kind_label": StepKind(kind).label if kind else "",
        "next_kinds": [(k, StepKind(k).label) for k in choices],
        "correcting": correcting,
        "photos": list(appliance.photos.select_related("taken_by")),
        "photo_form": (photo_form or PhotoAddForm()) if can_edit else None,
    }


def appliance_fiche(request: HttpRequest, code: str) -> HttpResponse:
    """Members see the whole fiche; anyone else only the public part."""
    code = _normalise(code)
    appliance = (
        Appliance.objects.select_related(
            "organisation", "site", "product_category", "source_municipality"
        )
        .filter(code=code)
        .first()
    )
    if appliance is None:
        return render(request, "reuse/unknown_code.html", {"code": code}, status=404)
    if organisation_role(request.user, appliance.organisation) is None:
        pricing = (
            appliance.steps.effective()
            .filter(kind=StepKind.PRICING)
            .order_by("-sequence")
            .first()
        )
        return render(
            request,
            "reuse/public_fiche.html",
            {
                "appliance": appliance,
                "prepared": appliance.status
                in (ApplianceStatus.FOR_SALE, ApplianceStatus.SOLD),
                "warranty_months": pricing.warranty_months if pricing else None,
            },
        )
    return render(request, "reuse/fiche.html", _fiche_context(request, appliance))


@login_required
@require_POST
def step_add(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    appliance = get_appliance_for_user(request, _normalise(code), write=True)
    if kind not in STEP_FORMS:
        raise Http404
    corrects = None
    if request.POST.get("corrects"):
        corrects = get_object_or_404(
            Step, pk=request.POST["corrects"], appliance=appliance
        )
    form = STEP_FORMS[kind](request.POST, organisation=appliance.organisation)
    if form.is_valid():
        try:
            step = step_record(
                appliance=appliance,
                kind=kind,
                performed_by=request.user,
                data=form.step_data(),
                corrects=corrects,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(step)s recorded. Status: %(status)s.")
                % {
                    "step": step.get_kind_display(),
                    "status": appliance.get_status_display(),
                },
            )
            return redirect(appliance)
    context = _fiche_context(
        request, appliance, form=form, kind=kind, correcting=corrects
    )
    return render(
        request, "reuse/fiche.html", context, status=422 if form.errors else 200
    )


@login_required
def step_correct(request: HttpRequest, code: str, sequence: int) -> HttpResponse:
    """Start a correction: the step's form, filled with its values."""
    appliance = get_appliance_for_user(request, _normalise(code), write=True)
    original = get_object_or_404(Step, appliance=appliance, sequence=sequence)
    form = STEP_FORMS[original.kind](
        initial=initial_from(original), organisation=appliance.organisation
    )
    return render(
        request,
        "reuse/fiche.html",
        _fiche_context(
            request, appliance, form=form, kind=original.kind, correcting=original
        ),
    )


@login_required
def scan(request: HttpRequest) -> HttpResponse:
    """A box a barcode/QR scanner types into: code or full label URL."""
    raw = (request.GET.get("code") or "").strip()
    if raw:
        code = _normalise(raw.rstrip("/").rsplit("/", 1)[-1] if "/a/" in raw else raw)
        if not code or "/" in code:
            # Not a code a label can carry (a stray "/" from the scanner).
            return render(request, "reuse/unknown_code.html", {"code": raw}, status=404)
        return redirect(reverse("appliance_fiche", args=[code]))
    return render(request, "reuse/scan.html")
