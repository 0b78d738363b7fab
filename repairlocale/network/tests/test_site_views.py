"""Sites: postcode → municipality, Belgium only, nothing lost on bad input."""

import pytest
from django.urls import reverse

from repairlocale.network.models import Site

pytestmark = pytest.mark.django_db


def _data(personas, **overrides):
    data = {
        "organisation": personas.rad.pk,
        "name": "Werkplaats elektro",
        "kind": "workshop",
        "street": "Werkplaatsstraat 7",
        "postcode": "8200",
        "latitude": "",
        "longitude": "",
        "opening_hours": "ma-vr 9-17",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_editor_creates_a_site_and_the_postcode_sets_the_municipality(login, personas):
    response = login(personas.editor).post(
        reverse("network:site_create"), _data(personas)
    )
    site = Site.objects.get(name="Werkplaats elektro")
    assert response.status_code == 302
    assert site.municipality == personas.places.brugge
    assert site.organisation == personas.rad


def test_an_unknown_postcode_is_refused_and_everything_typed_is_kept(login, personas):
    response = login(personas.editor).post(
        reverse("network:site_create"), _data(personas, postcode="9999")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Onbekende postcode 9999" in content
    assert "Werkplaatsstraat 7" in content
    assert "ma-vr 9-17" in content
    assert not Site.objects.filter(name="Werkplaats elektro").exists()


def test_a_foreign_postcode_format_is_refused(login, personas):
    response = login(personas.editor).post(
        reverse("network:site_create"), _data(personas, postcode="4511 AB")
    )
    assert response.status_code == 200
    assert not Site.objects.filter(name="Werkplaats elektro").exists()


def test_coordinates_outside_belgium_are_refused(login, personas):
    response = login(personas.editor).post(
        reverse("network:site_create"),
        _data(personas, latitude="48.856600", longitude="2.352200"),  # Paris
    )
    assert response.status_code == 200
    assert "buiten België" in response.content.decode()
    assert not Site.objects.filter(name="Werkplaats elektro").exists()


def test_one_coordinate_alone_is_refused(login, personas):
    response = login(personas.editor).post(
        reverse("network:site_create"), _data(personas, latitude="51.2")
    )
    assert response.status_code == 200
    assert "beide coördinaten" in response.content.decode()


def test_an_ambiguous_postcode_asks_for_the_municipality(login, personas):
    client = login(personas.editor)
    response = client.post(
        reverse("network:site_create"), _data(personas, postcode="1040")
    )
    assert response.status_code == 200
    assert "meerdere gemeenten" in response.content.decode()
    response = client.post(
        reverse("network:site_create"),
        _data(personas, postcode="1040", municipality="21005"),
    )
    assert response.status_code == 302
    assert Site.objects.get(name="Werkplaats elektro").municipality.name_nl == (
        "Etterbeek"
    )


def test_editing_keeps_the_site_and_changes_the_municipality(login, personas):
    site = personas.rad_site
    response = login(personas.editor).post(
        reverse("network:site_edit", args=[site.pk]),
        _data(personas, name=site.name, postcode="8020"),
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.municipality == personas.places.oostkamp


def test_editor_deletes_a_site(login, personas):
    response = login(personas.editor).post(
        reverse("network:site_delete", args=[personas.rad_site.pk])
    )
    assert response.status_code == 302
    assert not Site.objects.filter(pk=personas.rad_site.pk).exists()


def test_site_list_is_scoped_and_filterable(login, personas):
    client = login(personas.viewer)
    response = client.get(reverse("network:site_list"))
    assert [s.name for s in response.context["page"]] == ["Winkel Brugge"]
    response = login(personas.coordinator).get(
        reverse("network:site_list") + f"?province={personas.places.vbr.pk}"
    )
    assert [s.name for s in response.context["page"]] == ["Winkel Aarschot"]
    response = client.get(reverse("network:site_list") + f"?hub={personas.hub.pk}")
    assert [s.name for s in response.context["page"]] == ["Winkel Brugge"]


def test_site_list_costs_a_fixed_number_of_queries(
    login, personas, django_assert_num_queries
):
    client = login(personas.coordinator)
    client.get(reverse("network:site_list"))
    # session, user, editable-organisations check, count, page, filter choices
    with django_assert_num_queries(7):
        client.get(reverse("network:site_list"))


def test_postcode_lookup_answers_json_and_htmx(login, personas):
    client = login(personas.viewer)
    url = reverse("network:postcode_lookup")
    data = client.get(url, {"postcode": "8000"}).json()
    assert data["municipalities"][0]["name_nl"] == "Brugge"
    assert data["municipalities"][0]["province"] == "West-Vlaanderen"
    assert client.get(url, {"postcode": "9999"}).status_code == 404
    fragment = client.get(url, {"postcode": "1040"}, headers={"HX-Request": "true"})
    content = fragment.content.decode()
    assert "<select" in content and "Etterbeek" in content and "Brussel" in content


def test_the_only_editable_organisation_is_preselected(login, personas):
    response = login(personas.editor).get(reverse("network:site_create"))
    assert response.context["form"].initial["organisation"] == personas.rad.pk
    response = login(personas.coordinator).get(reverse("network:site_create"))
    assert "organisation" not in response.context["form"].initial
