"""The ORDS upload pages: who may use them, the background import, live progress."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from repairlocale.core.tests.personas import PERSONAS, expected_statuses, log_in_as
from repairlocale.repairs.models import ImportBatch, RepairRecord

FILES = Path(__file__).parent / "files"

pytestmark = pytest.mark.django_db

# Network coordinators and administrators only; anonymous visitors log in first.
STATUSES = expected_statuses(
    {"default": 403, "coordinator": 200, "admin": 200, "coach": 403, "trainee": 403}
)


@pytest.fixture(autouse=True)
def _english_and_media(client, tmp_path, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def batch():
    return ImportBatch.objects.create(
        file_name="restart.csv",
        status=ImportBatch.Status.RUNNING,
        rows_read=4000,
        progress=40,
    )


def _urls(batch):
    return [
        reverse("repairs:import_list"),
        reverse("repairs:import_upload"),
        reverse("repairs:import_detail", args=[batch.pk]),
        reverse("repairs:import_progress", args=[batch.pk]),
        reverse("repairs:import_errors", args=[batch.pk]),
    ]


def test_only_network_coordinators_may_open_the_import_pages(
    client, all_personas, batch
):
    for url in _urls(batch):
        client.logout()
        response = client.get(url)
        assert response["Location"].startswith(reverse("accounts:login"))
        answered = {
            persona: log_in_as(client, all_personas, persona).get(url).status_code
            for persona in PERSONAS
        }
        assert answered == STATUSES, url


def test_others_cannot_upload(client, personas):
    client.force_login(personas.manager)
    response = client.post(
        reverse("repairs:import_upload"),
        {"file": SimpleUploadedFile("x.csv", (FILES / "ords_v021.csv").read_bytes())},
    )
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_an_unknown_batch_is_404(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(reverse("repairs:import_detail", args=[999])).status_code == 404


def test_an_upload_runs_in_the_background_and_shows_its_results(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.coordinator)
    upload = SimpleUploadedFile(
        "ords_v03_quirks_bom.csv", (FILES / "ords_v03_quirks_bom.csv").read_bytes()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("repairs:import_upload"),
            {"file": upload, "data_provider": " Herstelnet "},
        )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("repairs:import_detail", args=[batch.pk])
    assert batch.uploaded_by == personas.coordinator
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.rows_created, batch.rows_failed) == (6, 2)
    assert RepairRecord.objects.count() == 6
    # The upload waited under MEDIA_ROOT/imports/ and is gone once imported.
    assert list((Path(settings.MEDIA_ROOT) / "imports").iterdir()) == []

    page = client.get(response["Location"])
    assert page.status_code == 200
    content = page.content.decode()
    assert "ords_v03_quirks_bom.csv" in content
    assert "hx-get" not in content  # done: no more polling
    assert reverse("repairs:import_errors", args=[batch.pk]) in content

    errors = client.get(reverse("repairs:import_errors", args=[batch.pk]))
    assert errors["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ords_v03_quirks_bom-errors.csv"' in errors["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(errors.content.decode())))
    assert rows[0] == ["line", "column", "value", "reason"]
    assert [row[:2] for row in rows[1:]] == [
        ["3", "product_age"],
        ["6", "product_category_id"],
        ["7", "event_date"],
        ["9", "product_age"],
    ]


def test_a_dry_run_upload_saves_no_records(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.admin)
    upload = SimpleUploadedFile("v021.csv", (FILES / "ords_v021.csv").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("repairs:import_upload"), {"file": upload, "dry_run": "on"})
    batch = ImportBatch.objects.get()
    assert batch.dry_run and batch.rows_created == 2
    assert not RepairRecord.objects.exists()
    page = client.get(reverse("repairs:import_detail", args=[batch.pk]))
    assert "Would be new" in page.content.decode()


def test_an_unreadable_upload_shows_why(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.coordinator)
    upload = SimpleUploadedFile("people.csv", (FILES / "not_ords.csv").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("repairs:import_upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    page = client.get(reverse("repairs:import_detail", args=[batch.pk]))
    assert "the column(s) id, data_provider" in page.content.decode()


def test_the_form_refuses_other_file_types(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("repairs:import_upload"),
        {"file": SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff")},
    )
    assert response.status_code == 200
    assert "Upload a CSV or XLSX file" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_progress_fragment_polls_while_the_import_runs(client, personas, batch):
    client.force_login(personas.coordinator)
    url = reverse("repairs:import_progress", args=[batch.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content  # a fragment, not a page
    assert f'hx-get="{url}"' in content
    assert 'hx-trigger="every 1s"' in content
    assert '<progress class="w-100" max="100" value="40"' in content
    assert "4,000 rows read" in content
    assert "no-store" in response["Cache-Control"]

    batch.status = ImportBatch.Status.DONE
    batch.progress = 100
    batch.rows_created = 3990
    batch.rows_failed = 10
    batch.message = "10000 rows read."
    batch.save()
    content = client.get(url).content.decode()
    assert "hx-get" not in content
    assert "<progress" not in content
    assert "3,990" in content
    assert "10000 rows read." in content
    # No error report, no download button.
    assert reverse("repairs:import_errors", args=[batch.pk]) not in content


def test_the_page_has_no_inline_script_or_style(client, personas, batch):
    client.force_login(personas.coordinator)
    for url in _urls(batch)[:4]:
        content = client.get(url).content.decode()
        assert "style=" not in content
        assert "<style" not in content
        assert "<script>" not in content


def test_an_empty_error_report_downloads_as_a_header(client, personas, batch):
    client.force_login(personas.coordinator)
    response = client.get(reverse("repairs:import_errors", args=[batch.pk]))
    assert response.content.decode() == "line,column,value,reason\n"


def test_the_list_costs_the_same_queries_for_any_number_of_batches(
    client, personas, django_assert_max_num_queries
):
    client.force_login(personas.coordinator)
    for n in range(30):
        ImportBatch.objects.create(file_name=f"file{n}.csv", uploaded_by=personas.admin)
    # session, user, count, one page of batches (with their uploader), demo flag
    with django_assert_max_num_queries(6):
        response = client.get(reverse("repairs:import_list"))
    assert response.status_code == 200
    assert "file29.csv" in response.content.decode()
