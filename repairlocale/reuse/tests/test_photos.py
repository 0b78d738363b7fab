"""Appliance photos: several at intake and later, checks, EXIF removal, access."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from repairlocale.reuse.models import AppliancePhoto, PhotoKind
from repairlocale.reuse.photos import clean_photo
from repairlocale.reuse.services import photos_add
from repairlocale.reuse.tests.test_fiche_views import _intake_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

GPS_IFD = 0x8825


def jpeg(name="foto.jpg", *, gps=False, size=(64, 48), color="red"):
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "Telefoonmerk"  # Make
        exif[GPS_IFD] = {1: "N", 2: (51.0, 12.0, 30.0), 3: "E", 4: (3.0, 13.0, 5.0)}
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 40), (0, 128, 0, 128)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def stored_files(media):
    return sorted(p for p in media.rglob("*") if p.is_file())


def add_url(appliance):
    return reverse("appliance_photo_add", args=[appliance.code])


# --- Intake with several photos -----------------------------------------------


def test_intake_takes_several_photos_at_once(client, personas, centre, media):
    client.force_login(personas.editor)
    response = client.post(
        reverse("reuse:intake", args=[personas.rad.pk]),
        {**_intake_data(), "photos": [jpeg(), png()], "camera": jpeg("camera.jpg")},
    )
    assert response.status_code == 302
    photos = list(AppliancePhoto.objects.order_by("position"))
    assert [p.position for p in photos] == [1, 2, 3]
    assert {p.kind for p in photos} == {PhotoKind.INTAKE}
    assert {p.taken_by for p in photos} == {personas.editor}
    assert photos[1].image.name.endswith(".png")
    # Random names, never the uploader's, and a thumbnail for each.
    assert all("foto" not in p.image.name for p in photos)
    assert len(stored_files(media)) == 6


def test_the_intake_form_offers_the_camera(client, personas, centre):
    client.force_login(personas.editor)
    content = client.get(reverse("reuse:intake", args=[personas.rad.pk])).content
    content = content.decode()
    assert 'name="photos"' in content and "multiple" in content
    assert 'capture="environment"' in content
    assert 'accept="image/*"' in content


def test_a_bad_photo_at_intake_registers_nothing(client, personas, centre, media):
    client.force_login(personas.editor)
    fake = SimpleUploadedFile(
        "foto.jpg", b"#!/bin/sh\necho gotcha\n", content_type="image/jpeg"
    )
    response = client.post(
        reverse("reuse:intake", args=[personas.rad.pk]),
        {**_intake_data(brand="Zelfgekozen"), "photos": [jpeg(), fake]},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "foto.jpg" in str(form.errors["photos"])
    assert form["brand"].value() == "Zelfgekozen"  # input kept
    assert not personas.rad.appliances.exists()
    assert stored_files(media) == []


def test_bulk_intake_takes_no_photos(client, personas, centre, media):
    client.force_login(personas.editor)
    response = client.post(
        reverse("reuse:intake", args=[personas.rad.pk]),
        {**_intake_data(quantity="3"), "photos": [jpeg()]},
    )
    assert response.status_code == 200
    assert "photos" in response.context["form"].errors
    assert not personas.rad.appliances.exists()


# --- Checks -------------------------------------------------------------------


def test_exif_and_gps_positions_are_removed(client, personas, appliance, media):
    upload = jpeg(gps=True)
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the test file has a position
    upload.seek(0)
    client.force_login(personas.editor)
    response = client.post(add_url(appliance), {"photos": [upload], "kind": "defect"})
    assert response.status_code == 302
    photo = AppliancePhoto.objects.get()
    for field in (photo.image, photo.thumbnail):
        data = (media / field.name).read_bytes()
        assert b"Exif" not in data
        assert b"Telefoonmerk" not in data
        with Image.open(io.BytesIO(data)) as stored:
            assert stored.format == "JPEG"
            assert not stored.getexif()
            assert not stored.getexif().get_ifd(GPS_IFD)


def test_a_text_file_named_jpg_is_refused(personas):
    fake = SimpleUploadedFile("foto.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(Exception) as error:
        clean_photo(fake)
    assert error.value.code == "photo_unreadable"


def test_other_image_formats_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    gif = SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")
    with pytest.raises(Exception) as error:
        clean_photo(gif)
    assert error.value.code == "photo_format"


def test_a_photo_over_the_size_limit_is_refused(
    client, personas, appliance, media, monkeypatch
):
    monkeypatch.setattr("repairlocale.reuse.photos.MAX_PHOTO_BYTES", 500)
    big = jpeg(size=(400, 400))
    assert big.size > 500
    client.force_login(personas.editor)
    response = client.post(add_url(appliance), {"photos": [big], "kind": "defect"})
    assert response.status_code == 422
    errors = str(response.context["photo_form"].errors["photos"])
    assert "limit" in errors or "limiet" in errors
    assert not AppliancePhoto.objects.exists()
    assert stored_files(media) == []


def test_too_many_photos_at_once_are_refused(client, personas, appliance, media):
    client.force_login(personas.editor)
    response = client.post(
        add_url(appliance),
        {"photos": [png(f"{n}.png") for n in range(21)], "kind": "other"},
    )
    assert response.status_code == 422
    assert "photos" in response.context["photo_form"].errors
    assert not AppliancePhoto.objects.exists()


def test_the_limit_per_appliance_writes_nothing_half(personas, appliance, media):
    photos_add(
        appliance=appliance,
        photos=[clean_photo(png()) for _ in range(19)],
        kind="other",
        taken_by=personas.editor,
    )
    before = stored_files(media)
    with pytest.raises(Exception) as error:
        photos_add(
            appliance=appliance,
            photos=[clean_photo(png()), clean_photo(png())],
            kind="other",
            taken_by=personas.editor,
        )
    assert error.value.code == "photo_count"
    assert AppliancePhoto.objects.count() == 19
    assert stored_files(media) == before


def test_files_written_before_a_failure_are_removed(
    personas, appliance, media, monkeypatch
):
    calls = {"n": 0}
    original = AppliancePhoto.save

    def fail_on_second(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AppliancePhoto, "save", fail_on_second)
    with pytest.raises(RuntimeError):
        photos_add(
            appliance=appliance,
            photos=[clean_photo(jpeg()), clean_photo(png())],
            kind="repair",
            taken_by=personas.editor,
        )
    assert not AppliancePhoto.objects.exists()
    assert stored_files(media) == []


# --- The gallery and access ---------------------------------------------------


@pytest.fixture
def photo(personas, appliance):
    return photos_add(
        appliance=appliance,
        photos=[clean_photo(jpeg())],
        kind="defect",
        caption="Gebarsten deksel",
        taken_by=personas.editor,
    )[0]


def _photo_urls(photo):
    args = [photo.appliance.code, photo.pk]
    return reverse("appliance_photo", args=args), reverse(
        "appliance_photo_thumbnail", args=args
    )


def test_members_see_the_gallery_and_the_photo(client, personas, photo):
    full, small = _photo_urls(photo)
    client.force_login(personas.viewer)
    content = client.get(photo.appliance.get_absolute_url()).content.decode()
    assert f'href="{full}"' in content and f'src="{small}"' in content
    assert "Gebarsten deksel" in content
    assert "/media/" not in content
    response = client.get(full)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    assert client.get(small).status_code == 200
    # Viewers get no upload form and no delete buttons.
    assert add_url(photo.appliance) not in content
    assert "verwijderen" not in content


def test_coordinators_see_every_centre_s_photos(client, personas, photo):
    client.force_login(personas.coordinator)
    assert client.get(_photo_urls(photo)[0]).status_code == 200


@pytest.mark.parametrize("who", ["anon", "outsider", "hubcoordinator"])
def test_strangers_get_404_and_the_public_fiche_shows_no_photo(
    client, personas, photo, who
):
    if who != "anon":
        client.force_login(getattr(personas, who))
    for url in _photo_urls(photo):
        assert client.get(url).status_code == 404
    content = client.get(photo.appliance.get_absolute_url()).content.decode()
    assert "fotos" not in content
    assert "Gebarsten deksel" not in content


def test_a_photo_of_another_appliance_is_not_found(client, personas, photo, centre):
    from repairlocale.reuse.tests.factories import ApplianceFactory

    other = ApplianceFactory(organisation=personas.rad, code="RAD-000002")
    client.force_login(personas.editor)
    url = reverse("appliance_photo", args=[other.code, photo.pk])
    assert client.get(url).status_code == 404


def test_viewers_cannot_add_or_delete(client, personas, photo):
    client.force_login(personas.viewer)
    appliance = photo.appliance
    assert (
        client.post(add_url(appliance), {"photos": [jpeg()], "kind": "defect"})
    ).status_code == 403
    url = reverse("appliance_photo_delete", args=[appliance.code, photo.pk])
    assert client.post(url).status_code == 403
    assert AppliancePhoto.objects.count() == 1


def test_an_editor_adds_later_and_deletes_a_mistaken_photo(
    client, personas, photo, media, django_capture_on_commit_callbacks
):
    appliance = photo.appliance
    client.force_login(personas.editor)
    response = client.post(
        add_url(appliance),
        {"photos": [png(), jpeg()], "kind": "repair", "caption": "Na herstelling"},
    )
    assert response["Location"].endswith("#photos")
    added = list(AppliancePhoto.objects.filter(kind="repair").order_by("position"))
    assert [p.position for p in added] == [2, 3]
    assert {p.caption for p in added} == {"Na herstelling"}
    files = [media / photo.image.name, media / photo.thumbnail.name]
    assert all(f.exists() for f in files)
    url = reverse("appliance_photo_delete", args=[appliance.code, photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not AppliancePhoto.objects.filter(pk=photo.pk).exists()
    assert not any(f.exists() for f in files)
    assert client.get(url).status_code == 405  # POST only


def test_an_empty_upload_is_a_form_error(client, personas, appliance):
    client.force_login(personas.editor)
    response = client.post(add_url(appliance), {"kind": "defect"})
    assert response.status_code == 422
    assert "photos" in response.context["photo_form"].errors
