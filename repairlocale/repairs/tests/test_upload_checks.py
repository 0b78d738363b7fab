"""The ORDS upload page checks the file before anything is saved.

Size limit, and the type from the content (CSV text or an XLSX workbook; the old
.xls and .ods that the reader also opens), never from the name alone. A refused
file leaves no batch and no stored upload, and the form says why.
"""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from repairlocale.repairs.models import ImportBatch
from repairlocale.repairs.views import imports

pytestmark = pytest.mark.django_db

CSV = (
    b"id,data_provider,country,product_category,repair_status,event_date\n"
    b"h_1,Herstelnet,BEL,Toaster,Fixed,2024-03-01\n"
)


@pytest.fixture(autouse=True)
def _english_and_media(client, tmp_path, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in CSV.decode().splitlines():
        sheet.append(line.split(","))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _zip_of(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, data)
    return out.getvalue()


def _post(client, personas, name, data):
    client.force_login(personas.coordinator)
    return client.post(
        reverse("repairs:import_upload"),
        {"file": SimpleUploadedFile(name, data), "data_provider": "Herstelnet"},
    )


def _nothing_saved(settings):
    folder = settings.MEDIA_ROOT / "imports"
    return not ImportBatch.objects.exists() and (
        not folder.exists() or not any(folder.iterdir())
    )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("leeg.csv", b" \n\n", "The file is empty."),
        ("archief.xlsx", _zip_of("data.csv", CSV), "is a ZIP archive, not a"),
        ("kapot.xlsx", b"PK\x03\x04" + b"\x00" * 100, "The workbook is damaged"),
        ("unicode.csv", CSV.decode().encode("utf-16"), "UTF-16"),
        ("scan.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is not CSV text"),
        ("foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not CSV text"),
        ("foto.jpg", b"\xff\xd8\xff", "Upload a CSV or XLSX file"),
    ],
    ids=["empty", "zip", "damaged-xlsx", "utf16", "pdf", "png", "suffix"],
)
def test_a_refused_file_says_why_and_saves_nothing(
    client, personas, settings, name, data, reason
):
    response = _post(client, personas, name, data)
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert response.context["form"].data["data_provider"] == "Herstelnet"  # kept
    assert _nothing_saved(settings)


def test_a_file_over_the_size_limit_is_refused(client, personas, settings, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", len(CSV) - 1)
    response = _post(client, personas, "groot.csv", CSV)
    assert "The file is larger than" in response.content.decode()
    assert _nothing_saved(settings)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("ords.csv", CSV, "csv"),
        ("ords.csv", b"\xef\xbb\xbf" + CSV.replace(b",", b";"), "csv"),
        ("ords.csv", "id,problem\nh_1,Café – «kapot»\n".encode("cp1252"), "csv"),
        ("ords.xlsx", _xlsx(), "xlsx"),
        # The reader sniffs the content too: a workbook named .csv imports fine.
        ("ords.csv", _xlsx(), "xlsx"),
    ],
    ids=["csv", "bom-semicolon", "cp1252", "xlsx", "xlsx-named-csv"],
)
def test_csv_text_and_xlsx_workbooks_are_accepted(name, data, kind):
    assert imports.sniff_upload(io.BytesIO(data)) == kind


def test_an_accepted_xlsx_is_imported(
    client, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, personas, "ords.xlsx", _xlsx())
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.rows_created) == (ImportBatch.Status.DONE, 1)
