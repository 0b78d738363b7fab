"""Fault test: the worker generating a funder report is killed (SIGKILL).

The report is left "running" with nobody working on it; once its heartbeat is
older than the allowed silence the page shows it as interrupted, and the
coordinator generates it again: the same row, the same figures as any report of
that period, both files. Runs on SQLite (the test database is a file) and on
PostgreSQL; the worker is a real process on the test database.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from repairlocale.dashboards.models import FunderReport
from repairlocale.dashboards.report import report_snapshot
from repairlocale.dashboards.tasks import funder_report_generate
from repairlocale.dashboards.tests.test_report import Q1, _scenario
from repairlocale.impact.models import Methodology

pytestmark = pytest.mark.django_db(transaction=True)

WORKER = Path(__file__).with_name("fault_worker.py")


def _database_url() -> str:
    """The test database, for another process."""
    data = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{data['NAME']}"
    auth = data["USER"] or ""
    if data.get("PASSWORD"):
        auth += f":{data['PASSWORD']}"
    host = f"{data['HOST'] or '127.0.0.1'}:{data['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{data['NAME']}"


def _start_worker(report: FunderReport, media: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "MEDIA_ROOT": str(media),
    }
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(report.pk)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _pending_report() -> FunderReport:
    method = Methodology.objects.default()
    return FunderReport.objects.create(
        date_from=Q1[0],
        date_to=Q1[1],
        region="brugge",
        methodology=method,
        methodology_version=method.version,
        language="nl-be",
    )


def test_a_killed_worker_leaves_an_interrupted_report_that_regenerates(
    client, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = media = tmp_path / "media"
    settings.FUNDER_REPORT_STALE_SECONDS = 1
    _scenario(personas)
    report = _pending_report()

    worker = _start_worker(report, media)
    try:
        line = worker.stdout.readline()
        assert line.strip() == "rendering", worker.stderr.read()
        report.refresh_from_db()
        assert report.status == FunderReport.Status.RUNNING
        assert report.heartbeat_at is not None and report.progress >= 80
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=10) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.stdout.close()
        worker.stderr.close()

    # Right after the kill the heartbeat is still fresh: "running".
    report.refresh_from_db()
    assert report.status == FunderReport.Status.RUNNING and not report.pdf
    client.force_login(personas.coordinator)
    detail = reverse("dashboards:report_detail", args=[report.pk])
    regenerate = reverse("dashboards:report_regenerate", args=[report.pk])
    if not report.interrupted:
        assert client.post(regenerate).status_code == 302
        report.refresh_from_db()
        assert report.attempt == 1 and report.status == FunderReport.Status.RUNNING
    # Then the silence outlasts the allowed one: "interrupted", polling stops.
    time.sleep(1.2)
    report.refresh_from_db()
    assert report.interrupted
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl-be"
    page = client.get(detail).content.decode()
    assert "Onderbroken" in page and regenerate in page
    fragment = client.get(
        reverse("dashboards:report_progress", args=[report.pk])
    ).content.decode()
    assert "hx-get" not in fragment

    # Generating it again: the same row, the figures any run of the period gives.
    with translation.override("nl-be"):
        expected = report_snapshot(
            date_from=Q1[0],
            date_to=Q1[1],
            region="brugge",
            methodology=report.methodology,
        )
    response = client.post(regenerate)
    assert response.status_code == 302 and response.url == detail
    assert FunderReport.objects.count() == 1
    report.refresh_from_db()
    assert report.status == FunderReport.Status.DONE, report.message
    assert report.attempt == 2 and report.progress == 100
    assert report.snapshot == expected
    pdf = client.get(reverse("dashboards:report_pdf", args=[report.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert sorted(p.suffix for p in media.rglob("*") if p.is_file()) == [
        ".pdf",
        ".xlsx",
    ]
    # A finished report is not generated again.
    assert client.post(regenerate).status_code == 302
    report.refresh_from_db()
    assert report.attempt == 2


def test_a_superseded_worker_writes_nothing(personas, settings, tmp_path):
    """A worker of an older attempt that comes back to life leaves the row alone."""
    settings.MEDIA_ROOT = tmp_path
    report = _pending_report()
    stale = FunderReport.objects.get(pk=report.pk)
    FunderReport.objects.filter(pk=report.pk).update(attempt=2)
    funder_report_generate(stale)
    report.refresh_from_db()
    assert report.status == FunderReport.Status.PENDING and report.attempt == 2
    assert not list(Path(tmp_path).rglob("*.pdf"))
