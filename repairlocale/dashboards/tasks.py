"""Background work of the dashboards: generating a funder report (django-tasks).

``funder_report_request`` writes the report row and queues the task once the row is
committed; the task reads the figures, renders both files, and only then stores
them and marks the report done, in one transaction. Any error marks it failed with
a message and removes whatever file it had written: a report is complete or it
has no files at all.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from repairlocale.dashboards.models import FunderReport
from repairlocale.dashboards.report import data_timestamp, report_snapshot
from repairlocale.dashboards.report_files import render_report_pdf, render_report_xlsx
from repairlocale.impact.models import Methodology

logger = logging.getLogger(__name__)


def funder_report_request(
    *,
    date_from: date,
    date_to: date,
    region: str,
    methodology: Methodology,
    requested_by=None,
    language: str | None = None,
) -> FunderReport:
    """Create a waiting report and queue its generation after the commit."""
    report = FunderReport(
        date_from=date_from,
        date_to=date_to,
        region=region,
        methodology=methodology,
        methodology_version=methodology.version,
        language=language or translation.get_language() or "nl-be",
        requested_by=requested_by,
    )
    report.full_clean()
    with transaction.atomic():
        report.save()
        transaction.on_commit(lambda: funder_report_task.enqueue(report.pk))
    return report


def _set_progress(report: FunderReport, percent: int) -> None:
    report.progress = min(100, max(report.progress, percent))
    FunderReport.objects.filter(pk=report.pk).update(progress=report.progress)


def _file_name(report: FunderReport, suffix: str) -> str:
    return (
        f"rapport-repair-locale-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}-"
        f"{report.region}-{report.pk}.{suffix}"
    )


def funder_report_generate(report: FunderReport) -> FunderReport:
    """Compute the figures and both files of a report, in the report's language."""
    FunderReport.objects.filter(pk=report.pk).update(
        status=FunderReport.Status.RUNNING, progress=5, message=""
    )
    report.status, report.progress = FunderReport.Status.RUNNING, 5
    written: list = []
    try:
        with translation.override(report.language):
            stamp = data_timestamp()
            snapshot = report_snapshot(
                date_from=report.date_from,
                date_to=report.date_to,
                region=report.region,
                methodology=report.methodology,
                progress=lambda p: _set_progress(report, p),
            )
            report.data_timestamp = stamp
            report.generated_at = timezone.now()
            report.snapshot = snapshot
            xlsx = render_report_xlsx(report, snapshot)
            _set_progress(report, 80)
            pdf = render_report_pdf(report, snapshot)
            _set_progress(report, 95)
        # Both files exist in memory: only now is anything written to storage.
        for field, content, suffix in (
            (report.pdf, pdf, "pdf"),
            (report.xlsx, xlsx, "xlsx"),
        ):
            field.save(_file_name(report, suffix), ContentFile(content), save=False)
            written.append(field.name)
        report.status = FunderReport.Status.DONE
        report.progress = 100
        report.message = ""
        with transaction.atomic():
            report.save()
    except Exception as error:
        logger.exception("Funder report %s failed", report.pk)
        for name in written:
            report.pdf.storage.delete(name)
        with translation.override(report.language):
            message = _("The report could not be generated: %(error)s") % {
                "error": str(error) or error.__class__.__name__
            }
        FunderReport.objects.filter(pk=report.pk).update(
            status=FunderReport.Status.FAILED,
            message=message,
            snapshot={},
            pdf="",
            xlsx="",
            generated_at=None,
            data_timestamp=None,
        )
        report.refresh_from_db()
    return report


@task()
def funder_report_task(report_id: int) -> dict:
    """Generate one funder report (queued by ``funder_report_request``)."""
    report = FunderReport.objects.select_related("methodology").get(pk=report_id)
    funder_report_generate(report)
    return {"status": report.status, "message": report.message}
