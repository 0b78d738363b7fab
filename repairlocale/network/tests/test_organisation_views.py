"""Organisation list, detail, create and edit."""

import pytest
from django.urls import reverse

from repairlocale.network.models import Organisation, PilotRegion
from repairlocale.network.tests.factories import OrganisationFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_members_see_only_their_own_organisation(login, personas):
    response = login(personas.editor).get(reverse("network:organisation_list"))
    names = [o.name for o in response.context["page"]]
    assert names == ["Kringwinkel 't Rad"]


def test_coordinators_see_every_organisation(login, personas):
    response = login(personas.coordinator).get(reverse("network:organisation_list"))
    assert response.context["page"].paginator.count == Organisation.objects.count()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=hageland", ["Kringwinkel Hageland"]),
        ("type=hub", ["Circular Hub Brugge"]),
        ("pilot_region=brugge", ["Kringwinkel 't Rad"]),
        ("province={vbr}", ["Kringwinkel Hageland"]),
        # in the hub's region (site in Brugge) or partnering with it
        ("hub={hub}", ["Kringwinkel 't Rad"]),
    ],
)
def test_list_filters(login, personas, query, expected):
    query = query.format(vbr=personas.places.vbr.pk, hub=personas.hub.pk)
    response = login(personas.coordinator).get(
        reverse("network:organisation_list") + "?" + query
    )
    assert [o.name for o in response.context["page"]] == expected


def test_list_costs_a_fixed_number_of_queries(
    login, personas, django_assert_num_queries
):
    client = login(personas.coordinator)
    for n in range(30):
        SiteFactory(organisation=OrganisationFactory(), postcode="8000", name=f"S{n}")
    client.get(reverse("network:organisation_list"))  # warm the demo-banner cache
    # session, user, count, page, filter choices (provinces, hubs)
    with django_assert_num_queries(6):
        response = client.get(reverse("network:organisation_list"))
    assert response.status_code == 200


def test_detail_shows_sites_partnerships_and_members_to_managers(login, personas):
    response = login(personas.manager).get(personas.rad.get_absolute_url())
    content = response.content.decode()
    assert "Winkel Brugge" in content
    assert "Circular Hub Brugge" in content
    assert personas.viewer.email in content


def test_detail_hides_the_member_list_from_editors(login, personas):
    response = login(personas.editor).get(personas.rad.get_absolute_url())
    assert personas.viewer.email not in response.content.decode()


def test_coordinator_creates_an_organisation(login, personas):
    response = login(personas.coordinator).post(
        reverse("network:organisation_create"),
        {
            "name": "  Kringwinkel   Hageland  Oost ",
            "type": "reuse_centre",
            "pilot_region": "vlaams_brabant",
            "enterprise_number": "BE 0123 456 749",
            "website": "kringwinkel.example",
        },
    )
    organisation = Organisation.objects.get(name="Kringwinkel Hageland Oost")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.enterprise_number == "0123.456.749"
    assert organisation.pilot_region == PilotRegion.VLAAMS_BRABANT
    assert organisation.website == "https://kringwinkel.example"


def test_a_duplicate_name_within_a_type_is_refused_and_input_kept(login, personas):
    response = login(personas.coordinator).post(
        reverse("network:organisation_create"),
        {
            "name": "kringwinkel 't rad",
            "type": "reuse_centre",
            "description": "Wat ik typte",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Er bestaat al een organisatie met deze naam en dit type." in content
    assert "Wat ik typte" in content
    assert Organisation.objects.filter(name__iexact="kringwinkel 't rad").count() == 1


def test_a_wrong_enterprise_number_is_explained(login, personas):
    response = login(personas.coordinator).post(
        reverse("network:organisation_create"),
        {"name": "Nieuw", "type": "company", "enterprise_number": "0123.456.748"},
    )
    assert response.status_code == 200
    assert "controlegetal" in response.content.decode()
    assert not Organisation.objects.filter(name="Nieuw").exists()


def test_manager_edits_their_organisation(login, personas):
    response = login(personas.manager).post(
        reverse("network:organisation_edit", args=[personas.rad.pk]),
        {
            "name": "Kringwinkel 't Rad",
            "type": "reuse_centre",
            "pilot_region": "brugge",
            "phone": "050 12 34 56",
        },
    )
    assert response.status_code == 302
    personas.rad.refresh_from_db()
    assert personas.rad.phone == "050 12 34 56"


def test_a_manager_cannot_move_their_organisation_to_another_type_or_region(
    login, personas
):
    """Type and pilot region decide which pilot and funder figures count it."""
    page = login(personas.manager).get(
        reverse("network:organisation_edit", args=[personas.rad.pk])
    )
    assert page.context["form"].fields["pilot_region"].disabled
    response = login(personas.manager).post(
        reverse("network:organisation_edit", args=[personas.rad.pk]),
        {
            "name": "Kringwinkel 't Rad",
            "type": "company",
            "pilot_region": "vlaams_brabant",
            "phone": "050 99 99 99",
        },
    )
    assert response.status_code == 302
    personas.rad.refresh_from_db()
    assert personas.rad.phone == "050 99 99 99"
    assert personas.rad.pilot_region == PilotRegion.BRUGGE
    assert personas.rad.type == Organisation.Type.REUSE_CENTRE


def test_a_coordinator_moves_an_organisation_to_another_region(login, personas):
    response = login(personas.coordinator).post(
        reverse("network:organisation_edit", args=[personas.rad.pk]),
        {
            "name": "Kringwinkel 't Rad",
            "type": "reuse_centre",
            "pilot_region": "vlaams_brabant",
        },
    )
    assert response.status_code == 302
    personas.rad.refresh_from_db()
    assert personas.rad.pilot_region == PilotRegion.VLAAMS_BRABANT


def test_editor_cannot_post_an_edit(login, personas):
    response = login(personas.editor).post(
        reverse("network:organisation_edit", args=[personas.rad.pk]),
        {"name": "Gekaapt", "type": "reuse_centre"},
    )
    assert response.status_code == 403
    personas.rad.refresh_from_db()
    assert personas.rad.name == "Kringwinkel 't Rad"


def test_parent_choices_are_limited_to_visible_organisations(login, personas):
    response = login(personas.manager).get(
        reverse("network:organisation_edit", args=[personas.rad.pk])
    )
    parents = list(response.context["form"].fields["parent"].queryset)
    assert personas.other not in parents
    assert personas.rad not in parents
