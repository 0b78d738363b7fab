"""Who may open the public map and the embeds: everyone, logged in or not.

The showcase keeps its own table (cases app). Embeds of organisations that are not
public answer 404 to everyone: test_embed_views.py.
"""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, log_in_as

COVERED_URLS = {
    "public:map",
    "public:places_geojson",
    "public:outlines_geojson",
    "public:municipality",
    "public:embed_widget",
    "public:embed_json",
}

# The coach and the trainee too: nothing here depends on who asks.
EVERYONE = dict.fromkeys(PERSONAS, 200) | {"coach": 200, "trainee": 200}

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
def test_view_access(client, all_personas, name, args, statuses):
    url = reverse(name, args=args(all_personas))
    answered, posted = {}, {}
    for persona in PERSONAS:
        log_in_as(client, all_personas, persona)
        answered[persona] = client.get(url).status_code
        posted[persona] = client.post(url).status_code
    assert answered == statuses, f"GET {url}"
    assert posted == dict.fromkeys(PERSONAS, 405), f"POST {url}"
