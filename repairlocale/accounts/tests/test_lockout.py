"""Brute-force protection on the login form (django-axes)."""

import pytest
from django.urls import reverse

from repairlocale.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def _login(client, username, password, **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        **extra,
    )


def test_five_wrong_passwords_lock_that_account_from_that_address(client, personas):
    for _ in range(4):
        assert _login(client, "editor", "wrong password").status_code == 200
    # The fifth failure locks the pair; now even the right password is refused,
    # with a page that says what to do.
    assert _login(client, "editor", "wrong password").status_code == 429
    response = _login(client, "editor", PASSWORD)
    assert response.status_code == 429
    content = response.content.decode()
    assert "Te veel mislukte aanmeldingen" in content
    assert "15 minuten" in content
    assert "_auth_user_id" not in client.session
    # Someone else at the same workshop address still gets in.
    response = _login(client, "viewer", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.viewer.pk)


def test_a_success_before_the_limit_resets_the_count(client, personas):
    for _ in range(4):
        _login(client, "editor", "wrong password")
    assert _login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "editor", "wrong password")
    assert _login(client, "editor", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_lock(client, personas):
    """Without a trusted proxy, X-Forwarded-For is the client's word: ignored."""
    for i in range(5):
        _login(
            client,
            "editor",
            "wrong password",
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        )
    response = _login(
        client, "editor", PASSWORD, headers={"X-Forwarded-For": "198.51.100.7"}
    )
    assert response.status_code == 429
