"""Who may open the privacy pages (register, export and erasure of a person)."""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, expected_statuses, log_in_as

pytestmark = pytest.mark.django_db

COVERED_URLS = {
    "core:privacy_register",
    "core:privacy_people",
    "core:privacy_person",
    "core:privacy_person_export",
    "core:privacy_person_erase",
    "accounts:my_data",
}

# The privacy pages: network coordinators and administrators; anonymous visitors
# go to the login page.
COORDINATORS = expected_statuses(
    {"default": 403, "coordinator": 200, "admin": 200, "coach": 403, "trainee": 403}
)
# Everyone downloads their own data, the trainee too.
SIGNED_IN = expected_statuses({"default": 200, "coach": 200, "trainee": 200})


@pytest.mark.parametrize(
    ("name", "args", "statuses"),
    [
        ("core:privacy_register", lambda p: [], COORDINATORS),
        ("core:privacy_people", lambda p: [], COORDINATORS),
        ("core:privacy_person", lambda p: [p.viewer.pk], COORDINATORS),
        ("core:privacy_person_export", lambda p: [p.viewer.pk], COORDINATORS),
        ("accounts:my_data", lambda p: [], SIGNED_IN),
    ],
)
def test_get_access(client, all_personas, name, args, statuses):
    url = reverse(name, args=args(all_personas))
    answered = {
        persona: log_in_as(client, all_personas, persona).get(url).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"GET {url}"


def test_erasure_is_for_coordinators_only(client, all_personas):
    personas = all_personas
    url = reverse("core:privacy_person_erase", args=[personas.viewer.pk])
    assert client.post(url, {"confirm": "viewer"}).status_code == 302
    personas.viewer.refresh_from_db()
    assert personas.viewer.erased_at is None  # anonymous was sent to the login
    for persona in [
        "viewer",
        "editor",
        "manager",
        "outsider",
        "hubcoordinator",
        "coach",
        "trainee",
    ]:
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
