"""The public map: GeoJSON, postcode search, municipality pages, no tiles needed."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from repairlocale.network.models import Organisation, Site
from repairlocale.network.tests.factories import OrganisationFactory, SiteFactory
from repairlocale.public.tests.factories import repair_cafe_site
from repairlocale.reuse.tests.factories import ReuseCentreFactory

pytestmark = pytest.mark.django_db


def _geojson(client, **params):
    response = client.get(reverse("public:places_geojson"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_places_are_a_valid_feature_collection_in_lon_lat_order(client, map_rows):
    data = _geojson(client)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float)
    # RFC 7946: longitude first.
    assert by_name["Repair Café Leuven"]["geometry"]["coordinates"] == [4.7005, 50.8798]
    assert by_name["Repair Café Brugge"]["properties"]["category"] == "repair_cafe"


def test_a_site_without_coordinates_falls_back_to_its_municipality(client, map_rows):
    repair_cafe_site("Repair Café Zonder", "8200", None, None)
    feature = next(
        f
        for f in _geojson(client)["features"]
        if f["properties"]["name"] == "Repair Café Zonder"
    )
    assert feature["geometry"]["coordinates"] == [3.2242, 51.2089]  # Brugge's centre
    assert feature["properties"]["approximate"] is True


def test_a_municipality_without_a_centre_uses_the_shipped_canton_centre(client, places):
    repair_cafe_site("Repair Café Leuven", "3000", None, None)
    [feature] = _geojson(client)["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert 4.5 < lon < 4.9 and 50.8 < lat < 51.0  # around Leuven
    assert feature["properties"]["approximate"] is True


def test_only_public_places_and_public_fields_are_shown(client, map_rows):
    cafe = map_rows.brugge.organisation
    cafe.email, cafe.phone = "geheim@example.org", "050 12 34 56"
    cafe.enterprise_number = ""
    cafe.save()
    SiteFactory(organisation=cafe, name="Kantoor", kind=Site.Kind.OFFICE)
    SiteFactory(organisation=cafe, name="Gesloten", is_active=False)
    # A local authority's shop is no repair place; nor is a plain collection point.
    town = OrganisationFactory(name="Stad", type=Organisation.Type.LOCAL_GOVERNMENT)
    SiteFactory(organisation=town, name="Stadswinkel")
    SiteFactory(organisation=town, name="Park", kind=Site.Kind.COLLECTION_POINT)
    body = client.get(reverse("public:places_geojson")).content.decode()
    names = {f["properties"]["name"] for f in json.loads(body)["features"]}
    assert names == {"Repair Café Brugge", "Repair Café Oostkamp", "Repair Café Leuven"}
    assert "geheim@example.org" not in body
    assert "050 12 34 56" not in body


def test_reuse_centres_collection_points_and_repairers_get_their_category(
    client, places
):
    centre = OrganisationFactory(name="Kringwinkel Test")
    ReuseCentreFactory(organisation=centre, code_prefix="KWT")
    SiteFactory(organisation=centre, name="Winkel", kind=Site.Kind.SHOP)
    SiteFactory(
        organisation=centre, name="Recyclagepark", kind=Site.Kind.COLLECTION_POINT
    )
    SiteFactory(organisation=centre, name="Werkplaats", kind=Site.Kind.WORKSHOP)
    unregistered = OrganisationFactory(name="Kringwinkel zonder fiche")
    SiteFactory(organisation=unregistered, name="Andere winkel")
    fixer = OrganisationFactory(
        name="Hersteldienst", type=Organisation.Type.SOCIAL_ENTERPRISE
    )
    SiteFactory(organisation=fixer, name="Atelier", kind=Site.Kind.WORKSHOP)
    data = _geojson(client)
    categories = {
        f["properties"]["name"]: f["properties"]["category"] for f in data["features"]
    }
    assert categories == {
        "Winkel": "reuse_centre",
        "Recyclagepark": "collection_point",
        "Atelier": "repairer",
    }
    only = _geojson(client, category="repairer")
    assert [f["properties"]["name"] for f in only["features"]] == ["Atelier"]
    assert (
        client.get(reverse("public:places_geojson"), {"category": "x"}).status_code
        == 400
    )


def _result_names(response):
    return [p.name for p in response.context["places"]]


def test_a_postcode_search_lists_the_nearest_places_first(client, map_rows):
    response = client.get(reverse("public:map"), {"q": "8000"})
    assert response.status_code == 200
    assert _result_names(response) == [
        "Repair Café Brugge",
        "Repair Café Oostkamp",
        "Repair Café Leuven",
    ]
    distances = [p.distance_km for p in response.context["places"]]
    assert distances == sorted(distances)
    assert distances[0] < 1 and 100 < distances[2] < 120


def test_searching_another_postcode_changes_the_order(client, map_rows):
    response = client.get(reverse("public:map"), {"q": "8020"})
    assert _result_names(response)[:2] == ["Repair Café Oostkamp", "Repair Café Brugge"]


def test_a_municipality_name_works_as_well_as_a_postcode(client, map_rows):
    response = client.get(reverse("public:map"), {"q": "oostkamp"})
    assert _result_names(response)[0] == "Repair Café Oostkamp"
    response = client.get(reverse("public:map"), {"q": "Bruges"})  # the French name
    assert _result_names(response)[0] == "Repair Café Brugge"


def test_an_unknown_postcode_says_so_and_keeps_what_was_typed(client, map_rows):
    response = client.get(reverse("public:map"), {"q": "9999"})
    assert response.context["places"] == []
    html = response.content.decode()
    assert "9999" in html
    assert 'value="9999"' in html


def test_an_ambiguous_name_offers_the_choices(client, map_rows):
    response = client.get(reverse("public:map"), {"q": "e"})  # too short to search
    assert response.context["places"] == []
    response = client.get(reverse("public:map"), {"q": "Bru"})
    names = {m.name_nl for m in response.context["search"].candidates}
    assert names == {"Brugge", "Brussel"}


def test_the_map_page_works_without_tiles(client, map_rows):
    response = client.get(reverse("public:map"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-tile-url=""' in html
    assert "vendor/leaflet/leaflet.js" in html
    assert reverse("public:outlines_geojson") in html
    assert "http" not in response["Content-Security-Policy"]  # nothing from outside
    outlines = client.get(reverse("public:outlines_geojson"))
    assert outlines.status_code == 200
    assert outlines["Content-Type"] == "application/geo+json"
    assert json.loads(outlines.content)["type"] == "FeatureCollection"


@override_settings(
    MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png",
    MAP_TILE_ATTRIBUTION="© Example contributors",
)
def test_a_configured_tile_server_is_handed_to_the_map(client, map_rows):
    html = client.get(reverse("public:map")).content.decode()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert "© Example contributors" in html


def test_the_tile_host_goes_into_the_image_policy():
    from config.settings import _tile_source

    assert _tile_source("") == []
    assert _tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == [
        "https://*.tile.example.org"
    ]
    assert _tile_source("https://tiles.example.org/{z}/{x}/{y}.png") == [
        "https://tiles.example.org"
    ]


def test_the_municipality_page_lists_local_places_and_the_nearest_others(
    client, map_rows
):
    response = client.get(reverse("public:municipality", args=["31022"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Waar breng ik mijn kapot toestel in Oostkamp" in html
    [cafes] = [g for g in response.context["groups"] if g["key"] == "repair_cafe"]
    assert [p.name for p in cafes["places"]] == ["Repair Café Oostkamp"]
    assert cafes["local"] is True


def test_a_municipality_without_places_shows_the_nearest_ones(client, map_rows):
    map_rows.oostkamp.delete()
    response = client.get(reverse("public:municipality", args=["31022"]))
    [cafes] = [g for g in response.context["groups"] if g["key"] == "repair_cafe"]
    assert cafes["places"][0].name == "Repair Café Brugge"
    assert cafes["local"] is False


def test_only_flemish_municipalities_have_a_page(client, map_rows):
    assert client.get(reverse("public:municipality", args=["21004"])).status_code == 404
    assert client.get(reverse("public:municipality", args=["00000"])).status_code == 404


def test_the_english_page_is_in_english(client, map_rows):
    client.cookies["repairlocale_language"] = "en"
    html = client.get(reverse("public:municipality", args=["31022"])).content.decode()
    assert "Where do I bring my broken appliance in Oostkamp" in html
