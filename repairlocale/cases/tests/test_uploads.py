"""Photo uploads: metadata stripped, random names, bombs and huge requests refused,
nothing left behind on refusal."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from repairlocale.cases.models import ActivityPhoto
from repairlocale.cases.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _jpeg_with_gps(name="jan-peeters-thuis.jpg"):
    image = Image.new("RGB", (60, 40), "red")
    exif = Image.Exif()
    exif[0x013B] = "Jan Peeters"  # Artist
    exif[0x010E] = "Thuis, Kerkstraat 1, Brugge"  # ImageDescription
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _files(media):
    return sorted(p for p in media.rglob("*") if p.is_file())


def _post(client, activity, upload):
    return client.post(
        reverse("cases:activity_photo_add", args=[activity.pk]),
        {"image": upload, "caption": "De stand"},
    )


def test_a_photo_loses_its_metadata_and_its_name(client, personas, media):
    upload = _jpeg_with_gps()
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif()  # the test file does carry EXIF
    upload.seek(0)
    activity = ActivityFactory(hub=personas.hub)
    client.force_login(personas.hubcoordinator)
    assert _post(client, activity, upload).status_code == 302
    photo = ActivityPhoto.objects.get()
    assert "jan" not in photo.image.name and photo.image.name.endswith(".jpg")
    with Image.open(media / photo.image.name) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert stored.size == (60, 40)


def test_a_decompression_bomb_is_refused_and_nothing_is_stored(client, personas, media):
    buffer = io.BytesIO()
    # 8000 x 6000 = 48 megapixels in a few kilobytes.
    Image.new("1", (8000, 6000)).save(buffer, "PNG")
    upload = SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")
    activity = ActivityFactory(hub=personas.hub)
    client.force_login(personas.hubcoordinator)
    response = _post(client, activity, upload)
    assert response.status_code == 400
    assert "pixels" in response.text
    assert not ActivityPhoto.objects.exists()
    assert _files(media) == []


def test_a_failed_save_leaves_no_file(client, personas, media, monkeypatch):
    from repairlocale.cases import services

    def broken_save(self, *args, **kwargs):
        self.image.save(self.image.name, self.image.file, save=False)
        raise RuntimeError("database gone")

    monkeypatch.setattr(ActivityPhoto, "save", broken_save)
    activity = ActivityFactory(hub=personas.hub)
    with pytest.raises(RuntimeError):
        services.activity_photo_add(activity=activity, image=_jpeg_with_gps())
    assert _files(media) == []


def test_an_upload_past_the_ceiling_is_not_read(client, personas, media, settings):
    settings.FILE_UPLOAD_HANDLERS = [
        "repairlocale.core.uploads.LimitedUploadHandler",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ]
    settings.UPLOAD_MAX_BYTES = 10_000
    activity = ActivityFactory(hub=personas.hub)
    client.force_login(personas.hubcoordinator)
    big = SimpleUploadedFile("groot.jpg", b"\xff" * 50_000, content_type="image/jpeg")
    response = _post(client, activity, big)
    assert response.status_code == 400
    assert "groter dan" in response.text
    assert not ActivityPhoto.objects.exists()
    # A photo under the ceiling still goes through.
    assert _post(client, activity, _jpeg_with_gps()).status_code == 302


def test_the_ords_import_keeps_its_larger_ceiling(settings):
    from repairlocale.core.uploads import upload_max_bytes

    assert upload_max_bytes("/praktijk/activiteiten/1/fotos/") == 30 * 1024 * 1024
    assert upload_max_bytes("/herstellingen/imports/nieuw/") > 200 * 1024 * 1024
