"""Security review of accounts (docs/security-review.md, H5-1, H5-5, H5-7 to H5-9).

Before the fixes anyone could ask for any number of reset mails (a mailbox and our
mail server flooded); the link in the mail took its host from the request's Host
header, so a forged host received the reset token; passwords of 10 characters were
accepted and a login on a shared workshop PC lasted two weeks; the e-mail address
changed without the password (nor a word to the old address); API tokens outlived
a password reset.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from repairlocale.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_reset_mails_for_one_address_are_limited(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    UserFactory(email="pieter@example.org")
    url = reverse("accounts:password_reset")
    statuses = [
        client.post(url, {"email": "Pieter@example.org "}).status_code for _ in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_reset_requests_from_one_client_are_limited(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 4
    url = reverse("accounts:password_reset")
    statuses = [
        client.post(url, {"email": f"iemand{n}@example.org"}).status_code
        for n in range(6)
    ]
    assert statuses == [302, 302, 302, 302, 429, 429]
    limited = client.post(url, {"email": "nog-iemand@example.org"})
    assert limited["Retry-After"]


def test_the_limit_does_not_tell_whether_an_account_exists(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 1
    UserFactory(email="pieter@example.org")
    url = reverse("accounts:password_reset")
    for email in ("pieter@example.org", "niemand@example.org"):
        assert client.post(url, {"email": email}).status_code == 302
        assert client.post(url, {"email": email}).status_code == 429


def test_the_reset_link_ignores_a_forged_host(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    settings.SITE_URL = "https://repair.example"
    UserFactory(email="pieter@example.org")
    client.post(
        reverse("accounts:password_reset"),
        {"email": "pieter@example.org"},
        HTTP_HOST="evil.example",
    )
    [message] = mail.outbox
    assert "evil.example" not in message.body
    assert "https://repair.example/account/wachtwoord/nieuw/" in message.body


def test_a_password_needs_twelve_characters(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password_change")
    short = "Kort-wacht1"  # 11 characters, not common, not numeric
    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": short, "new_password2": short},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("new_password2", "password_too_short")
    twelve = "Kort-wacht12"
    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": twelve, "new_password2": twelve},
    )
    assert response.status_code == 302


def test_a_login_lasts_a_working_day(client):
    UserFactory(username="anna")
    response = client.post(
        reverse("accounts:login"), {"username": "anna", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == 12 * 60 * 60


def _profile_post(user, **changes):
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "preferred_language": "nl-be",
        **changes,
    }


def test_a_new_email_address_needs_the_password(client):
    user = UserFactory(email="lies@example.org")
    client.force_login(user)
    url = reverse("accounts:profile")
    response = client.post(url, _profile_post(user, email="thief@example.org"))
    assert response.status_code == 200
    assert response.context["form"].has_error("current_password")
    user.refresh_from_db()
    assert user.email == "lies@example.org"
    response = client.post(
        url,
        _profile_post(user, email="lies@example.net", current_password=PASSWORD),
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "lies@example.net"
    # The old address hears of it.
    [message] = mail.outbox
    assert message.to == ["lies@example.org"] and "lies@example.net" in message.body


def test_other_changes_need_no_password(client):
    user = UserFactory(email="lies@example.org")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), _profile_post(user, first_name="Lies")
    )
    assert response.status_code == 302
    assert mail.outbox == []


def test_without_the_password_the_form_does_not_tell_an_address_is_taken(client):
    UserFactory(email="taken@example.org")
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:profile")
    taken = client.post(url, _profile_post(user, email="taken@example.org"))
    free = client.post(url, _profile_post(user, email="free@example.org"))
    assert taken.context["form"].errors == free.context["form"].errors


def test_a_password_reset_revokes_the_api_tokens(client):
    from repairlocale.api.tokens import api_token_authenticate, api_token_create

    user = UserFactory(email="pieter@example.org")
    _row, token = api_token_create(user=user, name="Integratie", can_write=True)
    client.post(reverse("accounts:password_reset"), {"email": "pieter@example.org"})
    [message] = mail.outbox
    path = re.search(r"https?://[^/]+(/account/wachtwoord/nieuw/\S+/)", message.body)
    form_page = client.get(path.group(1), follow=True)
    new = "Nieuw-wachtwoord-26"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert api_token_authenticate(token) is None
    api = client.get(
        reverse("api:organisation-list"), HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert api.status_code == 401
