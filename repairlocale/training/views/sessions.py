"""Training sessions and attendance.

Anyone signed in sees the sessions and how many attend; names appear only for the
trainees whose personal data the viewer may see.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from repairlocale.network.models import Organisation
from repairlocale.training.forms import AttendanceForm, SessionForm
from repairlocale.training.models import Attendance, Trainee, TrainingSession
from repairlocale.training.permissions import managed_organisations
from repairlocale.training.services import attendance_set, session_create


def _writable_trainees(user):
    """Trainees whose attendance ``user`` records: as their manager or coach."""
    return (
        Trainee.objects.personal_for(user)
        .exclude(user=user)
        .filter(erased_at__isnull=True)
        .select_related("organisation")
    )


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = (
        TrainingSession.objects.select_related("organiser")
        .annotate(
            registered=Count("attendances"),
            attended=Count(
                "attendances", filter=Q(attendances__status=Attendance.Status.ATTENDED)
            ),
        )
        .order_by("-date")
    )
    return render(
        request,
        "training/session_list.html",
        {
            "sessions": sessions,
            "can_create": request.user.is_network_coordinator
            or managed_organisations(request.user).exists(),
        },
    )


@login_required
def session_create_view(request: HttpRequest) -> HttpResponse:
    coordinator = request.user.is_network_coordinator
    organisers = (
        Organisation.objects.all()
        if coordinator
        else managed_organisations(request.user)
    )
    if not coordinator and not organisers.exists():
        raise PermissionDenied
    form = SessionForm(
        request.POST or None, organisers=organisers, coordinator=coordinator
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = session_create(data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Session created."))
            return redirect(session)
    return render(request, "training/session_form.html", {"form": form})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        TrainingSession.objects.select_related("organiser"), pk=pk
    )
    writable = _writable_trainees(request.user)
    form = AttendanceForm(request.POST or None, trainees=writable)
    if request.method == "POST":
        if not writable.exists():
            raise PermissionDenied
        if form.is_valid():
            try:
                attendance_set(
                    session=session,
                    trainee=form.cleaned_data["trainee"],
                    status=form.cleaned_data["status"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Attendance saved."))
                return redirect(session)
    visible_ids = set(
        Trainee.objects.personal_for(request.user).values_list("pk", flat=True)
    )
    attendances = list(session.attendances.select_related("trainee"))
    counts = {
        status: sum(1 for a in attendances if a.status == status)
        for status in Attendance.Status.values
    }
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "named": [a for a in attendances if a.trainee_id in visible_ids],
            "counts": [(label, counts[v]) for v, label in Attendance.Status.choices],
            "total": len(attendances),
            "form": form if writable.exists() else None,
        },
    )
