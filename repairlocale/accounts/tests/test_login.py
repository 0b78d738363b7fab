"""Logging in and out, in the person's own language."""

import pytest
from django.conf import settings
from django.urls import reverse

from repairlocale.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_login_page_is_dutch_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="nl-be">' in content
    assert "Wachtwoord vergeten?" in content


def test_pages_need_a_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_login_starts_the_session_in_the_preferred_language(client):
    UserFactory(username="anna", preferred_language="en")
    response = client.post(
        reverse("accounts:login"), {"username": "anna", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("core:home"))
    assert '<html lang="en">' in page.content.decode()


def test_a_wrong_password_keeps_the_username_and_explains(client):
    UserFactory(username="anna")
    response = client.post(
        reverse("accounts:login"), {"username": "anna", "password": "fout"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="anna"' in content
    assert "alert-danger" in content


def test_logout_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_the_preferred_language_applies_without_a_cookie(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    assert '<html lang="en">' in client.get(reverse("core:home")).content.decode()
