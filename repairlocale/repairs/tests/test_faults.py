"""Fault: a real ``manage.py ords_import`` process killed (SIGKILL) mid-way.

The test writes its own ORDS file (16,000 rows, every 160th invalid), starts the
command in a subprocess on the test database (SQLite: the test database file;
PostgreSQL: the test database), kills it right after the first chunk is committed,
then runs the import again to the end and checks that every valid row is there
once, that the error report names every invalid row, that the killed batch is shown
as interrupted (not running forever) and that chunks were committed whole.
"""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from repairlocale.accounts.models import GlobalRole
from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.repairs.importer import mark_stale_batches
from repairlocale.repairs.models import ImportBatch, ProductCategory, RepairRecord

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 16_000
INVALID_EVERY = 160
CHUNK = 500
PROVIDER = "Storingstest"
HEADER = [
    "id",
    "data_provider",
    "country",
    "partner_product_category",
    "product_category",
    "product_category_id",
    "brand",
    "year_of_manufacture",
    "product_age",
    "repair_status",
    "repair_barrier_if_end_of_life",
    "group_identifier",
    "event_date",
    "problem",
]
ROOT = Path(settings.BASE_DIR)


def _write_file(path: Path) -> tuple[set[str], set[int]]:
    """The ORDS file; returns the valid ids and the line numbers of invalid rows."""
    toaster = ProductCategory.objects.get(ords_name="Toaster")
    valid, invalid_lines = set(), set()
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for n in range(1, ROWS + 1):
            external_id = f"fault_{n}"
            status = "Fixed"
            if n % INVALID_EVERY == 0:
                status = "Kapot"  # not an ORDS status: refused
                invalid_lines.add(n + 1)  # the header is line 1
            else:
                valid.add(external_id)
            writer.writerow(
                [
                    external_id,
                    PROVIDER,
                    "BEL",
                    "Broodrooster",
                    toaster.ords_name,
                    toaster.ords_id,
                    "Philips",
                    "2015",
                    "8",
                    status,
                    "",
                    f"Repair Café {n % 40}",
                    f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                    f"Verwarmt niet ({n})",
                ]
            )
    return valid, invalid_lines


def _database_url() -> str:
    """The test database, as a URL the settings of a subprocess read."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def _command(path: Path, errors: Path) -> list[str]:
    return [
        sys.executable,
        str(ROOT / "manage.py"),
        "ords_import",
        str(path),
        "--chunk-size",
        str(CHUNK),
        "--errors",
        str(errors),
    ]


def _env() -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": _database_url()}
    env["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    return env


def test_a_killed_import_is_completed_by_a_rerun_and_shown_interrupted(
    tmp_path, client
):
    path = tmp_path / "storing.csv"
    valid, invalid_lines = _write_file(path)

    # 1. Start the import and kill it once its first chunk is committed.
    process = subprocess.Popen(
        _command(path, tmp_path / "errors-1.csv"),
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            created = (
                ImportBatch.objects.filter(file_name=path.name)
                .values_list("rows_created", flat=True)
                .first()
            )
            if created:
                break
            assert process.poll() is None, "the import ended before it was killed"
            time.sleep(0.01)
        else:
            pytest.fail("no chunk was committed within 60 s")
        process.send_signal(signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL

    # The killed batch still says RUNNING; only whole chunks were committed.
    killed = ImportBatch.objects.get(file_name=path.name)
    assert killed.status == ImportBatch.Status.RUNNING
    saved = RepairRecord.objects.filter(data_provider=PROVIDER).count()
    assert 0 < saved < len(valid)
    assert saved % CHUNK == 0

    # 2. Run it again, to the end.
    errors = tmp_path / "errors-2.csv"
    rerun = subprocess.run(
        _command(path, errors),
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]

    # Every valid row once, none twice.
    records = RepairRecord.objects.filter(data_provider=PROVIDER)
    ids = list(records.values_list("external_id", flat=True))
    assert len(ids) == len(set(ids)) == len(valid)
    assert set(ids) == valid

    # The rerun's batch: done, with the complete error report.
    done = ImportBatch.objects.exclude(pk=killed.pk).get(file_name=path.name)
    assert done.status == ImportBatch.Status.DONE
    assert done.rows_read == ROWS
    assert done.rows_failed == len(invalid_lines)
    assert done.rows_created + done.rows_unchanged == len(valid)
    assert done.rows_unchanged == saved
    reported = {
        int(row["line"]) for row in csv.DictReader(done.error_report.splitlines())
    }
    assert reported == invalid_lines
    with errors.open(encoding="utf-8") as file:
        assert {int(row["line"]) for row in csv.DictReader(file)} == invalid_lines

    # The killed batch is no longer shown as running.
    killed.refresh_from_db()
    assert killed.status == ImportBatch.Status.INTERRUPTED
    assert killed.finished_at is not None
    coordinator = UserFactory(global_role=GlobalRole.NETWORK_COORDINATOR)
    client.force_login(coordinator)
    page = client.get(reverse("repairs:import_list"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Onderbroken" in page.content.decode()
    detail = client.get(reverse("repairs:import_detail", args=[killed.pk]))
    assert b"hx-get" not in detail.content  # no endless polling


def test_a_silent_running_batch_is_marked_interrupted_after_the_timeout():
    """A worker on another machine cannot be checked: its heartbeat can."""
    from datetime import timedelta

    from django.utils import timezone

    from repairlocale.repairs.importer import STALE_AFTER

    now = timezone.now()
    silent = ImportBatch.objects.create(
        file_name="elders.csv",
        status=ImportBatch.Status.RUNNING,
        worker="another-host:4242",
        heartbeat_at=now - STALE_AFTER - timedelta(seconds=5),
    )
    alive = ImportBatch.objects.create(
        file_name="bezig.csv",
        status=ImportBatch.Status.RUNNING,
        worker="another-host:4243",
        heartbeat_at=now,
    )
    ours = ImportBatch.objects.create(
        file_name="hier.csv",
        status=ImportBatch.Status.RUNNING,
        worker=f"{socket.gethostname()}:{os.getpid()}",
        heartbeat_at=now,
    )
    assert mark_stale_batches() == 1
    statuses = dict(ImportBatch.objects.values_list("file_name", "status"))
    assert statuses == {
        "elders.csv": ImportBatch.Status.INTERRUPTED,
        "bezig.csv": ImportBatch.Status.RUNNING,
        "hier.csv": ImportBatch.Status.RUNNING,
    }
    silent.refresh_from_db()
    assert silent.finished_at == silent.heartbeat_at
    assert alive.pk and ours.pk
