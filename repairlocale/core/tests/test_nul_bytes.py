"""A NUL byte in the address is a clear 400, never a database error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/a/RAD-%00/",
        "/netwerk/postcode/?postcode=8000%00",
        "/hergebruik/scan/?code=%00",
    ],
)
def test_nul_bytes_are_refused(client, personas, url):
    client.force_login(personas.editor)
    response = client.get(url)
    assert response.status_code == 400


def test_ordinary_addresses_pass(client, personas):
    client.force_login(personas.editor)
    assert client.get("/netwerk/postcode/?postcode=8000").status_code in (200, 404)


def test_the_api_answers_with_its_own_error_body(client, personas):
    client.force_login(personas.editor)
    response = client.get("/api/v1/appliances/?q=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["code"] == "invalid"


def test_the_guard_is_in_the_settings(settings):
    assert (
        settings.MIDDLEWARE[1]
        == "repairlocale.core.middleware.RejectNulBytesMiddleware"
    )
