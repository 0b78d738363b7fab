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
    """Record progress and a heartbeat; only for the report's current attempt."""
    report.progress = min(100, max(report.progress, percent))
    report.heartbeat_at = timezone.now()
    FunderReport.objects.filter(pk=report.pk, attempt=report.attempt).update(
        progress=report.progress, heartbeat_at=report.heartbeat_at
    )


class Superseded(Exception):
    """The report was regenerated meanwhile: this worker's attempt is void."""


def funder_report_regenerate(report: FunderReport) -> FunderReport:
    """Generate a failed or interrupted report again, in the same row.

    The row is claimed under a row lock: the attempt is raised, so that the old
    worker, should it still be alive, writes nothing more; its files (if any) are
    removed; the task is queued after the commit. The same period, region and
    methodology give the same figures; no second report row is made.
    """
    with transaction.atomic():
        current = FunderReport.objects.select_for_update().get(pk=report.pk)
        if not current.can_regenerate:
            raise ValueError(
                _("Only a failed or interrupted report can be generated again.")
            )
        old_files = [f.name for f in (current.pdf, current.xlsx) if f]
        FunderReport.objects.filter(pk=report.pk).update(
            status=FunderReport.Status.PENDING,
            progress=0,
            message="",
            snapshot={},
            pdf="",
            xlsx="",
            generated_at=None,
            data_timestamp=None,
            started_at=None,
            heartbeat_at=None,
            attempt=current.attempt + 1,
        )
        pk = report.pk

        def _after_commit():
            for name in old_files:
                current.pdf.storage.delete(name)
            funder_report_task.enqueue(pk)

        transaction.on_commit(_after_commit)
    report.refresh_from_db()
    return report


def _file_name(report: FunderReport, suffix: str) -> str:
    return (
        f"rapport-repair-locale-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}-"
        f"{report.region}-{report.pk}.{suffix}"
    )


def funder_report_generate(report: FunderReport) -> FunderReport:
    """Compute the figures and both files of a report, in the report's language.

    The worker beats (``heartbeat_at``) at every progress step; a report left
    ``running`` without a beat for ``STALE_SECONDS`` shows as interrupted and can
    be generated again. Everything is written for the attempt this worker started
    with only: a regeneration meanwhile makes its results void.
    """
    now = timezone.now()
    claimed = FunderReport.objects.filter(
        pk=report.pk,
        attempt=report.attempt,
        status__in=[FunderReport.Status.PENDING, FunderReport.Status.RUNNING],
    ).update(
        status=FunderReport.Status.RUNNING,
        progress=5,
        message="",
        started_at=now,
        heartbeat_at=now,
    )
    if not claimed:
        report.refresh_from_db()
        return report
    report.status, report.progress = FunderReport.Status.RUNNING, 5
    report.started_at = report.heartbeat_at = now
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
        report.heartbeat_at = timezone.now()
        with transaction.atomic():
            current = (
                FunderReport.objects.select_for_update()
                .filter(pk=report.pk)
                .values_list("attempt", flat=True)
                .first()
            )
            if current != report.attempt:
                raise Superseded
            report.save()
    except Superseded:
        logger.warning("Funder report %s was regenerated meanwhile", report.pk)
        for name in written:
            report.pdf.storage.delete(name)
        report.refresh_from_db()
    except Exception as error:
        logger.exception("Funder report %s failed", report.pk)
        for name in written:
            report.pdf.storage.delete(name)
        with translation.override(report.language):
            message = _("The report could not be generated: %(error)s") % {
                "error": str(error) or error.__class__.__name__
            }
        FunderReport.objects.filter(pk=report.pk, attempt=report.attempt).update(
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
