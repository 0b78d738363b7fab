"""A full or read-only media folder gives a clear error, not a half-written record.

The photo is posted through the real view (cases: activity photos). Where the tests
run as root, chmod 0555 does not stop writes; the storage is then made to raise the
error the kernel would give (EROFS, ENOSPC, EACCES).
"""

import errno
import io
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from repairlocale.cases.models import ActivityPhoto, Tag
from repairlocale.cases.tests.factories import ActivityFactory
from repairlocale.ops.middleware import StorageErrorMiddleware

pytestmark = pytest.mark.django_db


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def _files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def _post_photo(client, personas):
    activity = ActivityFactory(hub=personas.hub)
    client.force_login(personas.hubcoordinator)
    return client.post(
        reverse("cases:activity_photo_add", args=[activity.pk]),
        {"image": _photo(), "caption": "De stand"},
    )


def test_the_middleware_is_installed(settings):
    path = f"{StorageErrorMiddleware.__module__}.{StorageErrorMiddleware.__name__}"
    assert path in settings.MIDDLEWARE
    assert not settings.DATABASES["default"].get("ATOMIC_REQUESTS")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a 0555 folder")
def test_a_read_only_media_folder(client, personas, settings, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    media.chmod(0o555)
    settings.MEDIA_ROOT = media
    try:
        response = _post_photo(client, personas)
    finally:
        media.chmod(0o755)
    assert response.status_code == 503
    assert not ActivityPhoto.objects.exists()
    assert _files(media) == []


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (errno.EROFS, "De opslag van de server kan nu niet beschreven worden."),
        (errno.EACCES, "De opslag van de server kan nu niet beschreven worden."),
        (errno.ENOSPC, "De opslag van de server is vol."),
    ],
)
def test_a_storage_error_gives_a_clear_page_and_no_row(
    client, personas, settings, tmp_path, monkeypatch, code, text
):
    settings.MEDIA_ROOT = tmp_path

    def refuse(self, name, content):
        raise OSError(code, os.strerror(code), name)

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)
    response = _post_photo(client, personas)

    assert response.status_code == 503
    assert response["Retry-After"] == "600"
    page = response.content.decode()
    assert "Je bestand kon niet opgeslagen worden" in page
    assert text in page
    assert "Er is niets opgeslagen" in page
    # No path or file name of the server in the page.
    assert str(tmp_path) not in page
    assert not ActivityPhoto.objects.exists()
    assert _files(tmp_path) == []


def test_the_page_in_english(client, personas, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(
        FileSystemStorage,
        "_save",
        lambda self, name, content: (_ for _ in ()).throw(OSError(errno.ENOSPC, "")),
    )
    personas.hubcoordinator.preferred_language = "en"
    personas.hubcoordinator.save()
    client.cookies["repairlocale_language"] = "en"
    response = _post_photo(client, personas)
    assert response.status_code == 503
    assert "The server's storage is full." in response.content.decode()


@pytest.mark.urls("repairlocale.ops.tests.urls_faults")
class TestRollback:
    """Rows written before storage fails are rolled back (ATOMIC_REQUESTS is off)."""

    def _post(self, client, **data):
        # multipart/form-data, as every upload form sends it
        return client.post("/write-then-fail/", data)

    def test_rows_of_a_failed_upload_request_are_rolled_back(self, client, caplog):
        response = self._post(client, name="half-written", fail=str(errno.ENOSPC))
        assert response.status_code == 503
        assert not Tag.objects.filter(name="half-written").exists()
        assert "ENOSPC" in caplog.text

    def test_any_exception_rolls_the_upload_request_back(self, client):
        client.raise_request_exception = False
        response = self._post(client, name="half-written", fail=str(errno.EIO))
        assert response.status_code == 500
        assert not Tag.objects.filter(name="half-written").exists()

    def test_a_successful_upload_request_commits(self, client):
        assert self._post(client, name="whole").status_code == 200
        assert Tag.objects.filter(name="whole").exists()
