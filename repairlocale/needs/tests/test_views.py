"""Coordinators create campaigns and edit the catalogue; bad input keeps the form."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from repairlocale.needs.models import Campaign, CatalogueActivity

pytestmark = pytest.mark.django_db


def _campaign_data(personas, activity, **extra):
    deadline = timezone.localtime() + datetime.timedelta(days=14)
    return {
        "name": "Behoeftenmapping 2026",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "invitation_nl": "Beste hub",
        "invitation_en": "Dear hub",
        "activities": [activity.pk],
        "hubs": [personas.hub.pk, personas.other_hub.pk],
        **extra,
    }


def test_a_coordinator_creates_and_sends_a_campaign(login, personas):
    client = login(personas.coordinator)
    activity = CatalogueActivity.objects.first()
    response = client.post(
        reverse("needs:campaign_create"), _campaign_data(personas, activity)
    )
    campaign = Campaign.objects.get(name="Behoeftenmapping 2026")
    assert response.url == campaign.get_absolute_url()
    assert campaign.campaign_hubs.count() == 2
    assert campaign.created_by == personas.coordinator
    client.post(reverse("needs:campaign_invite", args=[campaign.pk]))
    assert len(mail.outbox) == 1  # only Brugge has an address (its coordinator)
    # The hub coordinator now finds the invitation and opens the form.
    client.force_login(personas.hubcoordinator)
    page = client.get(reverse("needs:campaign_list"))
    ch = campaign.campaign_hubs.get(hub=personas.hub)
    assert reverse("needs:answer", args=[ch.pk]) in page.text
    assert client.get(reverse("needs:answer", args=[ch.pk])).status_code == 200


def test_a_deadline_in_the_past_is_refused_and_the_form_kept(login, personas):
    client = login(personas.coordinator)
    activity = CatalogueActivity.objects.first()
    response = client.post(
        reverse("needs:campaign_create"),
        _campaign_data(personas, activity, deadline="2020-01-01T12:00"),
    )
    assert response.status_code == 200
    assert "De deadline moet in de toekomst liggen." in response.text
    assert 'value="Behoeftenmapping 2026"' in response.text
    assert not Campaign.objects.exists()


def test_a_coordinator_edits_the_catalogue(login, personas):
    client = login(personas.coordinator)
    activity = CatalogueActivity.objects.first()
    url = reverse("needs:catalogue_edit", args=[activity.pk])
    data = {
        "theme": activity.theme,
        "name_nl": "Herstelcafé op school",
        "name_en": "Repair café at school",
        "effort": "low",
        "order": "3",
        "is_active": "",
    }
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.name_nl, activity.is_active) == ("Herstelcafé op school", False)
    # A retired activity is hidden from hubs but not from coordinators.
    assert "Niet meer actief" in client.get(reverse("needs:catalogue_list")).text
    client.force_login(personas.hubcoordinator)
    assert (
        "Herstelcafé op school" not in client.get(reverse("needs:catalogue_list")).text
    )
    response = client.post(url, data)
    assert response.status_code == 403


def test_a_duplicate_name_shows_an_error(login, personas):
    client = login(personas.coordinator)
    existing = CatalogueActivity.objects.first()
    response = client.post(
        reverse("needs:catalogue_create"),
        {"theme": "inspire", "name_nl": existing.name_nl, "effort": "low", "order": 0},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.text
