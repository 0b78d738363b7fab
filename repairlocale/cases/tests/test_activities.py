"""Logging activities: the form, links, photo uploads, following up an answer."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from repairlocale.cases.models import Activity, ActivityPhoto
from repairlocale.cases.tests.factories import ActivityFactory, CatalogueActivityFactory
from repairlocale.cases.validators import MAX_PHOTO_BYTES

pytestmark = pytest.mark.django_db


def _png(name="foto.png", content_type="image/png", size=(40, 30), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def _data(personas, **overrides):
    data = {
        "title": "Herstelcafé op de markt",
        "date": "2026-03-14",
        "hub": personas.hub.pk,
        "activity_type": CatalogueActivityFactory(name_nl="Herstelcafé").pk,
        "target_group": "residents",
        "description": "Veertig bezoekers.",
        "partners": [personas.rad.pk],
        "participants": "40",
        "outputs": "22 toestellen hersteld",
        "links": "www.example.org/verslag\nhttps://example.org/fotos",
    }
    data.update(overrides)
    return data


def test_a_hub_coordinator_logs_an_activity(client, personas):
    client.force_login(personas.hubcoordinator)
    response = client.post(reverse("cases:activity_create"), _data(personas))
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.hub == personas.hub
    assert activity.status == "draft"
    assert list(activity.partners.all()) == [personas.rad]
    assert activity.link_list == [
        "https://www.example.org/verslag",
        "https://example.org/fotos",
    ]


def test_a_bad_link_is_shown_and_the_form_keeps_what_was_typed(client, personas):
    client.force_login(personas.hubcoordinator)
    response = client.post(
        reverse("cases:activity_create"), _data(personas, links="geen adres hier")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["links"]
    assert "Herstelcafé op de markt" in response.content.decode()
    assert not Activity.objects.exists()


def test_an_activity_follows_up_its_own_hubs_campaign_answer(client, personas):
    from repairlocale.needs.models import ActivityAnswer, Campaign, CampaignHub

    catalogue = CatalogueActivityFactory(name_nl="Herstelcafé")
    campaign = Campaign.objects.create(
        **{
            f.name: f.get_default()
            for f in Campaign._meta.concrete_fields
            if f.has_default() and not f.primary_key
        },
        **_campaign_required_fields(personas),
    )
    answer = ActivityAnswer.objects.create(
        campaign_hub=CampaignHub.objects.create(campaign=campaign, hub=personas.hub),
        activity=catalogue,
    )
    other = ActivityAnswer.objects.create(
        campaign_hub=CampaignHub.objects.create(
            campaign=campaign, hub=personas.other_hub
        ),
        activity=catalogue,
    )
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("cases:activity_create"), _data(personas, follows_up=other.pk)
    )
    assert response.context["form"].errors["follows_up"]
    response = client.post(
        reverse("cases:activity_create"), _data(personas, follows_up=answer.pk)
    )
    assert response.status_code == 302
    assert Activity.objects.get().follows_up == answer


def _campaign_required_fields(personas):
    """Whatever the needs app requires of a campaign: a name and a deadline."""
    import datetime

    from repairlocale.needs.models import Campaign

    values = {}
    for field in Campaign._meta.concrete_fields:
        if field.primary_key or field.has_default() or field.null or field.blank:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        internal = field.get_internal_type()
        if internal == "ForeignKey":
            values[field.name] = personas.coordinator
        elif internal == "DateTimeField":
            values[field.name] = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
        elif internal == "DateField":
            values[field.name] = datetime.date(2030, 1, 1)
        else:
            values[field.name] = "Behoeftenmapping 2026"
    return values


class TestPhotos:
    def _activity(self, personas):
        return ActivityFactory(hub=personas.hub)

    def _post(self, client, activity, upload):
        return client.post(
            reverse("cases:activity_photo_add", args=[activity.pk]),
            {"image": upload, "caption": "De stand"},
        )

    def test_a_real_photo_is_stored(self, client, personas, media):
        activity = self._activity(personas)
        client.force_login(personas.hubcoordinator)
        assert self._post(client, activity, _png()).status_code == 302
        photo = ActivityPhoto.objects.get()
        assert photo.caption == "De stand"
        assert (media / photo.image.name).exists()

    def test_a_script_renamed_to_jpg_is_refused(self, client, personas, media):
        activity = self._activity(personas)
        client.force_login(personas.hubcoordinator)
        fake = SimpleUploadedFile(
            "foto.jpg", b"<script>alert(1)</script>", content_type="image/jpeg"
        )
        response = self._post(client, activity, fake)
        assert response.status_code == 400
        assert not ActivityPhoto.objects.exists()

    def test_a_declared_type_that_lies_is_refused(self, client, personas, media):
        activity = self._activity(personas)
        client.force_login(personas.hubcoordinator)
        response = self._post(
            client, activity, _png("foto.jpg", content_type="image/jpeg")
        )
        assert response.status_code == 400
        response = self._post(client, activity, _png(content_type="text/html"))
        assert response.status_code == 400
        assert not ActivityPhoto.objects.exists()

    def test_a_gif_is_refused(self, client, personas, media):
        activity = self._activity(personas)
        client.force_login(personas.hubcoordinator)
        response = self._post(
            client, activity, _png("a.gif", content_type="image/gif", fmt="GIF")
        )
        assert response.status_code == 400

    def test_a_photo_over_the_limit_is_refused(self, client, personas, media):
        from django.core.exceptions import ValidationError

        from repairlocale.cases.validators import validate_photo

        big = _png()
        big.size = MAX_PHOTO_BYTES + 1
        with pytest.raises(ValidationError) as error:
            validate_photo(big)
        assert error.value.code == "photo_too_large"
