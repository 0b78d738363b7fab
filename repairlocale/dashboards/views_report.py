"""The funder report pages, for network coordinators: list, request, progress, files.

Generating a report runs in the background (django-tasks); its page polls a small
fragment every second (htmx) until the report is done or failed. The files are
served through these views, after the permission check, never from MEDIA_URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from repairlocale.core.pagination import paginate
from repairlocale.dashboards.forms import default_period
from repairlocale.dashboards.models import FunderReport
from repairlocale.dashboards.report_files import report_title
from repairlocale.dashboards.report_forms import FunderReportForm
from repairlocale.dashboards.tasks import (
    funder_report_regenerate,
    funder_report_request,
)
from repairlocale.impact.selectors import methodology_resolve

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _require_coordinator(request: HttpRequest) -> None:
    if not request.user.is_network_coordinator:
        raise PermissionDenied


def _get_report(request: HttpRequest, pk: int) -> FunderReport:
    _require_coordinator(request)
    return get_object_or_404(
        FunderReport.objects.select_related("methodology", "requested_by"), pk=pk
    )


def _title(report: FunderReport) -> str:
    return report_title(report.date_from, report.date_to, report.get_region_display())


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """Every generated report, newest first (the count and one page of rows)."""
    _require_coordinator(request)
    reports = FunderReport.objects.select_related("requested_by").defer("snapshot")
    return render(
        request, "dashboards/report/list.html", {"page": paginate(request, reports)}
    )


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    if request.method == "POST":
        form = FunderReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            report = funder_report_request(
                date_from=data["date_from"],
                date_to=data["date_to"],
                region=data["region"],
                methodology=methodology_resolve(),
                requested_by=request.user,
                language=get_language(),
            )
            messages.success(request, _("The report is being generated."))
            return redirect("dashboards:report_detail", report.pk)
        status = 400
    else:
        start, end = default_period(timezone.localdate())
        form = FunderReportForm(initial={"date_from": start, "date_to": end})
        status = 200
    return render(request, "dashboards/report/form.html", {"form": form}, status=status)


def _progress_context(report: FunderReport) -> dict:
    return {"report": report, "title": _title(report)}


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk)
    return render(request, "dashboards/report/detail.html", _progress_context(report))


@login_required
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The fragment the report page polls every second while it is generated."""
    report = _get_report(request, pk)
    response = render(
        request, "dashboards/report/_progress.html", _progress_context(report)
    )
    patch_cache_control(response, no_cache=True, no_store=True)
    return response


@login_required
def report_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    """Generate a failed or interrupted report again, in the same row (POST)."""
    report = _get_report(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if report.can_regenerate:
        funder_report_regenerate(report)
        messages.success(request, _("The report is being generated again."))
    else:
        messages.error(
            request, _("Only a failed or interrupted report can be generated again.")
        )
    return redirect("dashboards:report_detail", report.pk)


def _download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    report = _get_report(request, pk)
    field = getattr(report, kind)
    if report.status != FunderReport.Status.DONE or not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=field.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[kind],
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    return _download(request, pk, "pdf")


@login_required
def report_xlsx(request: HttpRequest, pk: int) -> FileResponse:
    return _download(request, pk, "xlsx")
