"""Partnerships between organisations and hubs."""

import pytest
from django.urls import reverse

from repairlocale.network.models import Partnership

pytestmark = pytest.mark.django_db


def test_editor_records_a_partnership(login, personas):
    response = login(personas.editor).post(
        reverse("network:partnership_create"),
        {
            "organisation": personas.rad.pk,
            "hub": personas.other_hub.pk,
            "role": "advisor",
            "start_date": "2025-02-01",
            "description": "Uitwisseling tussen de pilootregio's",
        },
    )
    assert response.status_code == 302
    assert Partnership.objects.filter(
        organisation=personas.rad, hub=personas.other_hub, role="advisor"
    ).exists()


def test_an_end_before_the_start_is_refused_with_input_kept(login, personas):
    response = login(personas.editor).post(
        reverse("network:partnership_create"),
        {
            "organisation": personas.rad.pk,
            "hub": personas.other_hub.pk,
            "role": "partner",
            "start_date": "2025-02-01",
            "end_date": "2024-12-31",
            "description": "Mijn tekst",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "De einddatum ligt vóór de begindatum." in content
    assert "Mijn tekst" in content
    assert (
        not Partnership.objects.filter(hub=personas.other_hub, role="partner")
        .filter(organisation=personas.rad)
        .exists()
    )


def test_a_duplicate_partnership_is_refused(login, personas):
    p = personas.rad_partnership
    response = login(personas.editor).post(
        reverse("network:partnership_create"),
        {
            "organisation": p.organisation.pk,
            "hub": p.hub.pk,
            "role": p.role,
            "start_date": p.start_date.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()


def test_editor_cannot_attach_another_organisation(login, personas):
    response = login(personas.editor).post(
        reverse("network:partnership_create"),
        {
            "organisation": personas.other.pk,
            "hub": personas.hub.pk,
            "role": "partner",
            "start_date": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert not Partnership.objects.filter(
        organisation=personas.other, hub=personas.hub
    ).exists()


def test_hub_manager_edits_a_partnership_with_their_hub(login, personas):
    p = personas.rad_partnership
    response = login(personas.hubcoordinator).post(
        reverse("network:partnership_edit", args=[p.pk]),
        {
            "organisation": p.organisation.pk,
            "hub": p.hub.pk,
            "role": "lead",
            "start_date": p.start_date.isoformat(),
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.role == "lead"


def test_partnership_list_is_scoped_and_filters_running_ones(login, personas):
    client = login(personas.viewer)
    response = client.get(reverse("network:partnership_list"))
    assert list(response.context["page"]) == [personas.rad_partnership]
    response = login(personas.coordinator).get(
        reverse("network:partnership_list") + "?active=false"
    )
    assert list(response.context["page"]) == []


def test_partnership_list_costs_a_fixed_number_of_queries(
    login, personas, django_assert_num_queries
):
    client = login(personas.coordinator)
    client.get(reverse("network:partnership_list"))
    with django_assert_num_queries(6):
        client.get(reverse("network:partnership_list"))
