"""The development plan (POP) and the trainee's attestations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.training import selectors
from repairlocale.training.forms import (
    ActionForm,
    AttestationForm,
    GoalForm,
    MeetingForm,
)
from repairlocale.training.models import PlanAction, PlanGoal
from repairlocale.training.pdf import pdf_response
from repairlocale.training.permissions import get_trainee_for_user
from repairlocale.training.services import (
    action_add,
    attestation_add,
    goal_add,
    meeting_add,
    plan_item_set_status,
)


def _competencies():
    version = selectors.current_framework()
    return list(version.competencies.all()) if version else []


def plan_context(trainee, access, **forms) -> dict:
    competencies = _competencies()
    names = {c.code: c.name for c in competencies}
    goals = list(trainee.goals.prefetch_related("actions"))
    for goal in goals:
        goal.competency_name = names.get(goal.competency_code, goal.competency_code)
    return {
        "trainee": trainee,
        "access": access,
        "can_write": access.can_write,
        "goals": goals,
        "meetings": trainee.review_meetings.select_related("recorded_by"),
        "goal_form": forms.get("goal_form") or GoalForm(competencies=competencies),
        "action_form": forms.get("action_form") or ActionForm(trainee=trainee),
        "meeting_form": forms.get("meeting_form")
        or MeetingForm(initial={"held_on": timezone.localdate()}),
        "goal_statuses": PlanGoal.Status.choices,
        "action_statuses": PlanAction.Status.choices,
        "today": timezone.localdate(),
    }


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, access = get_trainee_for_user(request, pk)
    return render(request, "training/plan.html", plan_context(trainee, access))


def _plan_post(request, pk, form_name, make_form, save):
    """Validate one of the plan page's forms; on error show the page again."""
    trainee, access = get_trainee_for_user(request, pk, write=True)
    if trainee.is_erased:
        messages.error(request, _("This trainee was erased and cannot be changed."))
        return redirect("training:plan", trainee.pk)
    form = make_form(trainee)
    if form.is_valid():
        try:
            save(trainee, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Development plan updated."))
            return redirect("training:plan", trainee.pk)
    context = plan_context(trainee, access, **{form_name: form})
    return render(request, "training/plan.html", context)


@login_required
@require_POST
def goal_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_post(
        request,
        pk,
        "goal_form",
        lambda trainee: GoalForm(request.POST, competencies=_competencies()),
        lambda trainee, form: goal_add(trainee=trainee, data=form.cleaned_data),
    )


@login_required
@require_POST
def action_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(trainee, form):
        data = dict(form.cleaned_data)
        action_add(goal=data.pop("goal"), data=data)

    return _plan_post(
        request,
        pk,
        "action_form",
        lambda trainee: ActionForm(request.POST, trainee=trainee),
        save,
    )


@login_required
@require_POST
def meeting_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_post(
        request,
        pk,
        "meeting_form",
        lambda trainee: MeetingForm(request.POST),
        lambda trainee, form: meeting_add(
            trainee=trainee, data=form.cleaned_data, by=request.user
        ),
    )


@login_required
@require_POST
def plan_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the status of a goal or an action in one tap."""
    trainee, _access = get_trainee_for_user(request, pk, write=True)
    if request.POST.get("item") == "goal":
        item = get_object_or_404(
            PlanGoal, pk=request.POST.get("id") or 0, trainee=trainee
        )
    else:
        item = get_object_or_404(
            PlanAction, pk=request.POST.get("id") or 0, goal__trainee=trainee
        )
    try:
        plan_item_set_status(item=item, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status changed."))
    return redirect("training:plan", trainee.pk)


@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, access = get_trainee_for_user(request, pk)
    context = plan_context(trainee, access)
    context["profile"] = selectors.trainee_profile(trainee)
    context["printed_at"] = timezone.localtime()
    return pdf_response(
        request, "training/pdf/plan.html", context, f"pop-{trainee.pk}.pdf"
    )


@login_required
def attestation_create(request: HttpRequest, pk: int) -> HttpResponse:
    trainee, _access = get_trainee_for_user(request, pk, write=True)
    form = AttestationForm(
        request.POST or None,
        initial={"issued_by": trainee.organisation.name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            attestation_add(trainee=trainee, data=form.cleaned_data)
        except ValidationError as exc:
            for name, errors in getattr(exc, "error_dict", {None: exc}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Attestation saved."))
            return redirect(trainee)
    return render(
        request, "training/attestation_form.html", {"trainee": trainee, "form": form}
    )
