"""A NUL byte in the address is a clear 400, never a database error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_middleware(settings):
    settings.MIDDLEWARE = [
        "repairlocale.core.middleware.RejectNulBytesMiddleware",
        *settings.MIDDLEWARE,
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/a/RAD-%00/",
        "/netwerk/postcode/?postcode=8000%00",
        "/hergebruik/scan/?code=%00",
    ],
)
def test_nul_bytes_are_refused(client, personas, with_middleware, url):
    client.force_login(personas.editor)
    response = client.get(url)
    assert response.status_code == 400


def test_ordinary_addresses_pass(client, personas, with_middleware):
    client.force_login(personas.editor)
    assert client.get("/netwerk/postcode/?postcode=8000").status_code in (200, 404)
