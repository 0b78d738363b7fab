"""Personal API tokens: created once, stored hashed, last use recorded, revocable."""

import hashlib

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from repairlocale.api.models import ApiToken
from repairlocale.api.tokens import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def _bearer(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_the_page_shows_a_new_token_once_and_stores_only_its_hash(client, personas):
    client.force_login(personas.editor)
    url = reverse("api:token_list")
    response = client.post(url, {"name": "Labelprinter Brugge"})
    assert response.status_code == 200
    token = response.context["new_token"]
    assert token.startswith("rl_") and len(token) > 40
    assert token in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    row = ApiToken.objects.get(user=personas.editor)
    assert row.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert row.prefix == token[:10]
    assert token not in {row.key_hash, row.prefix, row.name}
    assert row.can_write is False  # read-only unless ticked
    # Shown once: the list never shows it again.
    again = client.get(url)
    assert token not in again.content.decode()
    assert row.prefix in again.content.decode()


def test_a_duplicate_name_is_refused_and_kept(client, personas):
    client.force_login(personas.editor)
    url = reverse("api:token_list")
    client.post(url, {"name": "Kassa"})
    response = client.post(url, {"name": "kassa"})
    assert response.status_code == 422
    assert response.context["new_token"] is None
    assert response.context["form"]["name"].value() == "kassa"
    assert ApiToken.objects.filter(user=personas.editor).count() == 1


def test_a_token_authenticates_and_records_its_last_use(personas):
    row, token = api_token_create(user=personas.viewer, name="rapport")
    assert row.last_used_at is None
    with time_machine.travel("2026-05-01 10:00:00+02:00", tick=False):
        response = _bearer(token).get(reverse("api:organisation-list"))
    assert response.status_code == 200
    assert [o["name"] for o in response.json()["results"]] == ["Kringwinkel 't Rad"]
    row.refresh_from_db()
    assert row.last_used_at.isoformat() == "2026-05-01T08:00:00+00:00"


def test_a_revoked_token_stops_working_at_once(client, personas):
    row, token = api_token_create(user=personas.viewer, name="oud")
    assert _bearer(token).get(reverse("api:hub-list")).status_code == 200
    client.force_login(personas.viewer)
    client.post(reverse("api:token_revoke", args=[row.pk]))
    response = _bearer(token).get(reverse("api:hub-list"))
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "authentication_failed"
    page = client.get(reverse("api:token_list")).content.decode()
    assert "ingetrokken op" in page  # "revoked on", in Dutch first


def test_revoking_twice_keeps_the_first_time(personas):
    row, _token = api_token_create(user=personas.viewer, name="twee keer")
    first = api_token_revoke(token=row).revoked_at
    again = api_token_revoke(token=ApiToken.objects.get(pk=row.pk)).revoked_at
    assert again == first


@pytest.mark.parametrize(
    "header",
    ["Bearer rl_doesnotexist", "Bearer", "Bearer a b", "Bearer not-ours"],
)
def test_bad_tokens_get_401(personas, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(reverse("api:hub-list"))
    assert response.status_code == 401
    assert set(response.json()["errors"][0]) == {"code", "detail", "attr"}


def test_the_token_of_a_deactivated_user_stops_working(personas):
    _row, token = api_token_create(user=personas.viewer, name="weg")
    personas.viewer.is_active = False
    personas.viewer.save()
    assert _bearer(token).get(reverse("api:hub-list")).status_code == 401


def test_a_read_only_token_reads_but_never_writes(personas, rad_appliance):
    _row, token = api_token_create(user=personas.editor, name="alleen lezen")
    client = _bearer(token)
    url = reverse("api:appliance-step-list", args=[rad_appliance.code])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "cleaning"}, format="json")
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "permission_denied"
    assert rad_appliance.steps.count() == 1


def test_answers_come_in_the_token_owners_language(personas):
    personas.viewer.preferred_language = "en"
    personas.viewer.save()
    _row, token = api_token_create(user=personas.viewer, name="english")
    response = _bearer(token).get(reverse("api:appliance-detail", args=["RAD-9"]))
    assert response.status_code == 404
    assert response.json()["errors"][0]["detail"] == "Not found."


def test_the_profile_links_to_the_token_page(client, personas):
    client.force_login(personas.viewer)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("api:token_list") in page


def test_administrators_revoke_tokens_but_never_see_or_make_them(client, personas):
    row, token = api_token_create(user=personas.viewer, name="laptop")
    client.force_login(personas.admin)
    changelist = reverse("admin:api_apitoken_changelist")
    page = client.get(reverse("admin:api_apitoken_change", args=[row.pk]))
    assert page.status_code == 200
    assert row.key_hash not in page.content.decode()
    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
    response = client.post(
        changelist, {"action": "revoke", "_selected_action": [row.pk]}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert _bearer(token).get(reverse("api:hub-list")).status_code == 401
