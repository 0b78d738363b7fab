"""Profile, password change and the language switch."""

import pytest
from django.conf import settings
from django.urls import reverse

from repairlocale.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_profile_saves_the_preferred_language(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Lies",
            "last_name": "Peeters",
            "email": user.email,
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert user.first_name == "Lies"


def test_profile_refuses_an_address_used_by_another_account(client):
    other = UserFactory()
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Typed",
            "last_name": "",
            "email": other.email.upper(),
            "preferred_language": "nl-be",
        },
    )
    assert response.status_code == 200
    assert 'value="Typed"' in response.content.decode()
    user.refresh_from_db()
    assert user.first_name != "Typed"


def test_the_language_switch_remembers_the_choice(client):
    user = UserFactory(preferred_language="nl-be")
    client.force_login(user)
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "/"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_anonymous_visitors_can_switch_language(client):
    response = client.post(
        reverse("accounts:set_language"),
        {"language": "en", "next": reverse("accounts:login")},
    )
    assert response.status_code == 302
    page = client.get(reverse("accounts:login"))
    assert '<html lang="en">' in page.content.decode()


def test_password_change_checks_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "Nieuw-wachtwoord-26",
            "new_password2": "Nieuw-wachtwoord-26",
        },
    )
    assert response.status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Nieuw-wachtwoord-26",
            "new_password2": "Nieuw-wachtwoord-26",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nieuw-wachtwoord-26")
