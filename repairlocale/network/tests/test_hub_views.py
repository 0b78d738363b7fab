"""Hubs and the municipalities they cover."""

import pytest
from django.urls import reverse

from repairlocale.network.models import Hub

pytestmark = pytest.mark.django_db


def test_hub_coordinator_edits_the_coverage_of_their_hub(login, personas):
    hub = personas.hub
    response = login(personas.hubcoordinator).post(
        reverse("network:hub_edit", args=[hub.pk]),
        {
            "description": "Hubregio Brugge en omgeving",
            "municipalities": [personas.places.brugge.pk],
        },
    )
    assert response.status_code == 302
    hub.refresh_from_db()
    assert list(hub.municipalities.all()) == [personas.places.brugge]
    assert hub.description == "Hubregio Brugge en omgeving"


def test_hub_coordinator_cannot_hand_the_hub_to_another_organisation(login, personas):
    hub = personas.hub
    login(personas.hubcoordinator).post(
        reverse("network:hub_edit", args=[hub.pk]),
        {
            "name": "Renamed",
            "organisation": personas.rad.pk,
            "municipalities": [personas.places.brugge.pk],
        },
    )
    hub.refresh_from_db()
    assert hub.name == "Circular Hub Brugge"
    assert hub.organisation == personas.hub_org


def test_only_flemish_municipalities_can_be_covered(login, personas):
    response = login(personas.coordinator).get(
        reverse("network:hub_edit", args=[personas.hub.pk])
    )
    choices = list(response.context["form"].fields["municipalities"].queryset)
    assert personas.places.brussel not in choices
    assert personas.places.leuven in choices


def test_coordinator_creates_a_hub(login, personas):
    response = login(personas.coordinator).post(
        reverse("network:hub_create"),
        {
            "name": "CICO Hub",
            "pilot_region": "",
            "municipalities": [personas.places.leuven.pk],
        },
    )
    assert response.status_code == 302
    assert Hub.objects.get(name="CICO Hub").municipalities.count() == 1


def test_a_duplicate_hub_name_is_refused(login, personas):
    response = login(personas.coordinator).post(
        reverse("network:hub_create"), {"name": "Smart Loops"}
    )
    assert response.status_code == 200
    assert Hub.objects.filter(name="Smart Loops").count() == 1


def test_hub_detail_groups_coverage_by_province(login, personas):
    response = login(personas.viewer).get(personas.hub.get_absolute_url())
    coverage = response.context["coverage"]
    assert [(p.name_nl, [m.name_nl for m in ms]) for p, ms in coverage] == [
        ("West-Vlaanderen", ["Brugge", "Oostkamp"])
    ]


def test_hub_detail_shows_only_partnerships_the_reader_may_see(login, personas):
    response = login(personas.outsider).get(personas.hub.get_absolute_url())
    assert list(response.context["partnerships"]) == []
    response = login(personas.viewer).get(personas.hub.get_absolute_url())
    assert list(response.context["partnerships"]) == [personas.rad_partnership]


def test_hub_list_filters_by_province(login, personas):
    response = login(personas.viewer).get(
        reverse("network:hub_list") + f"?province={personas.places.wvl.pk}"
    )
    assert [h.name for h in response.context["page"]] == ["Circular Hub Brugge"]
    response = login(personas.viewer).get(reverse("network:hub_list") + "?q=oostkamp")
    assert [h.name for h in response.context["page"]] == ["Circular Hub Brugge"]


def test_hub_list_costs_a_fixed_number_of_queries(
    login, personas, django_assert_num_queries
):
    client = login(personas.viewer)
    client.get(reverse("network:hub_list"))
    with django_assert_num_queries(5):
        client.get(reverse("network:hub_list"))
