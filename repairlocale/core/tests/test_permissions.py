"""Who may open the privacy pages (register, export and erasure of a person)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

COVERED_URLS = {
    "core:privacy_register",
    "core:privacy_people",
    "core:privacy_person",
    "core:privacy_person_export",
    "core:privacy_person_erase",
    "accounts:my_data",
}

PERSONAS = [
    "viewer",
    "editor",
    "manager",
    "outsider",
    "hubcoordinator",
    "coordinator",
    "admin",
]
COORDINATORS = {"coordinator": 200, "admin": 200}


@pytest.mark.parametrize(
    ("name", "args", "allowed"),
    [
        ("core:privacy_register", lambda p: [], COORDINATORS),
        ("core:privacy_people", lambda p: [], COORDINATORS),
        ("core:privacy_person", lambda p: [p.viewer.pk], COORDINATORS),
        ("core:privacy_person_export", lambda p: [p.viewer.pk], COORDINATORS),
        # Everyone downloads their own data.
        ("accounts:my_data", lambda p: [], dict.fromkeys(PERSONAS, 200)),
    ],
)
def test_get_access(client, personas, name, args, allowed):
    url = reverse(name, args=args(personas))
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for persona in PERSONAS:
        client.force_login(getattr(personas, persona))
        status = client.get(url).status_code
        assert status == allowed.get(persona, 403), (persona, status)


def test_erasure_is_for_coordinators_only(client, personas):
    url = reverse("core:privacy_person_erase", args=[personas.viewer.pk])
    assert client.post(url, {"confirm": "viewer"}).status_code == 302
    personas.viewer.refresh_from_db()
    assert personas.viewer.erased_at is None  # anonymous was sent to the login
    for persona in ["viewer", "editor", "manager", "outsider", "hubcoordinator"]:
        client.force_login(getattr(personas, persona))
        assert client.post(url, {"confirm": "viewer"}).status_code == 403
    client.force_login(personas.coordinator)
    assert client.get(url).status_code == 405
    assert client.post(url, {"confirm": "viewer"}).status_code == 302
    personas.viewer.refresh_from_db()
    assert personas.viewer.is_erased


def test_only_administrators_erase_coordinators_and_nobody_themself(client, personas):
    client.force_login(personas.coordinator)
    url = reverse("core:privacy_person_erase", args=[personas.admin.pk])
    assert client.post(url, {"confirm": "admin"}).status_code == 403
    own = reverse("core:privacy_person_erase", args=[personas.coordinator.pk])
    assert client.post(own, {"confirm": "coordinator"}).status_code == 403
    client.force_login(personas.admin)
    url = reverse("core:privacy_person_erase", args=[personas.coordinator.pk])
    assert client.post(url, {"confirm": "coordinator"}).status_code == 302
