"""Who may open the public map and the embeds: everyone, logged in or not.

The showcase keeps its own table (cases app). Embeds of organisations that are not
public answer 404 to everyone: test_embed_views.py.
"""

import pytest
from django.urls import reverse

PERSONAS = [
    "anon",
    "viewer",
    "editor",
    "manager",
    "outsider",
    "hubcoordinator",
    "coordinator",
    "admin",
]

COVERED_URLS = {
    "public:map",
    "public:places_geojson",
    "public:outlines_geojson",
    "public:municipality",
    "public:embed_widget",
    "public:embed_json",
}

EVERYONE = dict.fromkeys(PERSONAS, 200)

ROWS = [
    pytest.param("public:map", lambda p: [], EVERYONE, id="map"),
    pytest.param("public:places_geojson", lambda p: [], EVERYONE, id="places"),
    pytest.param("public:outlines_geojson", lambda p: [], EVERYONE, id="outlines"),
    pytest.param(
        "public:municipality",
        lambda p: [p.places.brugge.nis_code],
        EVERYONE,
        id="municipality",
    ),
    pytest.param(
        "public:embed_widget",
        lambda p: ["organisatie", p.rad.pk],
        EVERYONE,
        id="embed_widget-organisation",
    ),
    pytest.param(
        "public:embed_json",
        lambda p: ["organisatie", p.rad.pk],
        EVERYONE,
        id="embed_json-organisation",
    ),
    pytest.param(
        "public:embed_json", lambda p: ["hub", p.hub.pk], EVERYONE, id="embed_json-hub"
    ),
    pytest.param(
        "public:embed_widget",
        lambda p: ["pilootregio", "vlaams_brabant"],
        EVERYONE,
        id="embed_widget-pilot",
    ),
]


def test_the_table_covers_every_url_of_the_map_and_embeds():
    assert {row.values[0] for row in ROWS} == COVERED_URLS


@pytest.mark.parametrize(("name", "args", "statuses"), ROWS)
def test_view_access(client, personas, name, args, statuses):
    url = reverse(name, args=args(personas))
    for persona in PERSONAS:
        client.logout()
        if persona != "anon":
            client.force_login(getattr(personas, persona))
        response = client.get(url)
        assert response.status_code == statuses[persona], (persona, url)
        assert client.post(url).status_code == 405, (persona, url)
