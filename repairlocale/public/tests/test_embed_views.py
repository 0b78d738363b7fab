"""Embeddable figures: only public aggregates, framable and CORS on the embeds only,
cached, rate-limited."""

import datetime
import json

import pytest
from django.test import override_settings
from django.urls import reverse

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.network.models import Organisation, PilotRegion, Site
from repairlocale.network.tests.factories import OrganisationFactory, SiteFactory
from repairlocale.repairs.models import RepairStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def cafe(places):
    """A public Repair Café: a site, two fixed repairs and one not, by one person."""
    org = OrganisationFactory(
        name="Repair Café Brugge",
        type=Organisation.Type.REPAIR_CAFE,
        email="geheim@example.org",
        phone="050 12 34 56",
        pilot_region=PilotRegion.BRUGGE,
    )
    SiteFactory(organisation=org, name="Buurthuis", kind=Site.Kind.WORKSHOP)
    repairer = UserFactory(
        username="gerda", first_name="Gerda", last_name="Geheimschrijver"
    )
    for status in (RepairStatus.FIXED, RepairStatus.FIXED, RepairStatus.END_OF_LIFE):
        RepairRecordFactory(
            organisation=org,
            category="Toaster",
            repair_status=status,
            repairer=repairer,
            event_date=datetime.date(2025, 3, 1),
        )
    return org


def _json(client, scope, key):
    response = client.get(reverse("public:embed_json", args=[scope, key]))
    return response, (
        json.loads(response.content) if response.status_code == 200 else None
    )


def test_the_json_has_the_figures_and_names_the_methodology(client, cafe):
    response, data = _json(client, "organisatie", cafe.pk)
    assert response.status_code == 200
    assert data["name"] == "Repair Café Brugge"
    assert data["repairs"]["records"] == 3
    assert data["repairs"]["fixed"] == 2
    assert data["repairs"]["waste_prevented_kg"] > 0
    assert data["repairs"]["co2e_prevented_kg"] > 0
    assert data["methodology"]["version"] == "2021.1"
    assert data["methodology"]["url"].startswith("http")
    assert data["methodology"]["url"].endswith(
        "/impact/methode/restart-2021-lca/2021.1/"
    )


def test_the_figures_equal_the_impact_selector(client, cafe):
    from repairlocale.impact.selectors import impact_summary

    summary = impact_summary(organisation_ids=[cafe.pk])
    _, data = _json(client, "organisatie", cafe.pk)
    assert data["repairs"]["co2e_prevented_kg"] == float(summary.co2e_kg)
    assert data["repairs"]["waste_prevented_kg"] == float(summary.waste_kg)


def test_embeds_expose_no_people_and_no_contact_details(client, cafe):
    bodies = [
        client.get(reverse("public:embed_json", args=["organisatie", cafe.pk])),
        client.get(reverse("public:embed_widget", args=["organisatie", cafe.pk])),
        client.get(reverse("public:embed_json", args=["pilootregio", "brugge"])),
    ]
    for response in bodies:
        assert response.status_code == 200
        text = response.content.decode()
        for secret in ("Gerda", "Geheimschrijver", "gerda", "geheim@", "050 12 34 56"):
            assert secret not in text


def test_an_organisation_without_a_public_presence_has_no_embed(client, cafe):
    hidden = OrganisationFactory(name="Intern", type=Organisation.Type.OTHER)
    SiteFactory(organisation=hidden, name="Kantoor", kind=Site.Kind.OFFICE)
    closed = OrganisationFactory(name="Gesloten", type=Organisation.Type.REPAIR_CAFE)
    SiteFactory(organisation=closed, name="Oud adres", is_active=False)
    for org in (hidden, closed):
        for name in ("public:embed_json", "public:embed_widget"):
            url = reverse(name, args=["organisatie", org.pk])
            assert client.get(url).status_code == 404
    assert client.get("/insluiten/organisatie/999999.json").status_code == 404
    assert client.get("/insluiten/organisatie/abc.json").status_code == 404
    assert client.get("/insluiten/pilootregio/gent.json").status_code == 404
    assert client.get("/insluiten/hub/1x/").status_code == 404


def test_hub_and_pilot_region_embeds_add_up_their_organisations(client, personas, cafe):
    # Kringwinkel 't Rad (Brugge pilot, partner of the hub) has a shop in Brugge.
    RepairRecordFactory(organisation=personas.rad, repair_status=RepairStatus.FIXED)
    _, region = _json(client, "pilootregio", "brugge")
    assert region["name"] == "Brugge"
    assert region["organisations"] == 2
    assert region["repairs"]["records"] == 4
    _, hub = _json(client, "hub", personas.hub.pk)
    assert hub["name"] == "Circular Hub Brugge"
    # The hub's municipalities (Brugge, Oostkamp) hold the café and 't Rad.
    assert hub["repairs"]["records"] == 4
    assert "municipalities" not in json.dumps(hub)


def test_only_the_widget_may_be_framed_and_only_the_json_is_cors(client, cafe):
    widget = client.get(reverse("public:embed_widget", args=["organisatie", cafe.pk]))
    assert widget.status_code == 200
    assert "X-Frame-Options" not in widget
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert "Access-Control-Allow-Origin" not in widget

    data = client.get(reverse("public:embed_json", args=["organisatie", cafe.pk]))
    assert data["Access-Control-Allow-Origin"] == "*"
    assert data["Content-Type"] == "application/json"

    for url in (reverse("public:map"), reverse("accounts:login")):
        page = client.get(url)
        assert page["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
        assert "Access-Control-Allow-Origin" not in page


def test_the_widget_speaks_dutch_or_english(client, cafe):
    url = reverse("public:embed_widget", args=["organisatie", cafe.pk])
    dutch = client.get(url).content.decode()
    assert 'lang="nl-be"' in dutch
    assert "Hersteld" in dutch
    english = client.get(url, {"lang": "en"}).content.decode()
    assert 'lang="en"' in english
    assert "Fixed" in english


def test_figures_are_cached(client, cafe, django_assert_num_queries):
    url = reverse("public:embed_json", args=["organisatie", cafe.pk])
    first = json.loads(client.get(url).content)
    RepairRecordFactory(organisation=cafe, repair_status=RepairStatus.FIXED)
    # Only the public-organisation lookup runs; the figures come from the cache.
    with django_assert_num_queries(1):
        second = json.loads(client.get(url).content)
    assert second["repairs"]["records"] == first["repairs"]["records"] == 3
    assert set(client.get(url)["Cache-Control"].split(", ")) == {
        "public",
        "max-age=900",
    }


@override_settings(EMBED_RATE_LIMIT=3)
def test_a_client_that_calls_too_often_gets_429_with_retry_after(client, cafe):
    url = reverse("public:embed_json", args=["organisatie", cafe.pk])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Access-Control-Allow-Origin"] == "*"
    # Another client is not affected.
    other = client.get(url, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_the_organisation_page_offers_the_copy_paste_snippet(client, personas, cafe):
    client.force_login(personas.manager)
    html = client.get(personas.rad.get_absolute_url()).content.decode()
    widget = reverse("public:embed_widget", args=["organisatie", personas.rad.pk])
    assert f"&lt;iframe src=&quot;http://testserver{widget}" in html or (
        f'&lt;iframe src="http://testserver{widget}"' in html
    )
    assert reverse("public:embed_json", args=["organisatie", personas.rad.pk]) in html
