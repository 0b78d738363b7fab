"""Password reset by e-mail, including an expired link."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from repairlocale.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _reset_link(client, email):
    client.post(reverse("accounts:password_reset"), {"email": email})
    assert len(mail.outbox) == 1
    return re.search(
        r"https?://[^/]+(/account/wachtwoord/nieuw/\S+/)", mail.outbox[0].body
    )


def test_a_reset_mail_is_sent_and_the_link_sets_a_new_password(client):
    user = UserFactory(username="pieter", email="pieter@example.org")
    match = _reset_link(client, "pieter@example.org")
    response = client.get(match.group(1), follow=True)
    assert response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0],
        {
            "new_password1": "Nieuw-wachtwoord-26",
            "new_password2": "Nieuw-wachtwoord-26",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nieuw-wachtwoord-26")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "niemand@example.org"}
    )
    assert response.status_code == 302
    assert mail.outbox == []


def test_an_expired_link_is_explained(client, settings):
    UserFactory(email="late@example.org")
    with time_machine.travel(datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)):
        match = _reset_link(client, "late@example.org")
    later = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC) + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    with time_machine.travel(later):
        response = client.get(match.group(1), follow=True)
    assert response.status_code == 200
    assert not response.context["validlink"]
    assert "verlopen" in response.content.decode()


def test_a_weak_new_password_is_refused(client):
    UserFactory(email="zwak@example.org")
    match = _reset_link(client, "zwak@example.org")
    response = client.get(match.group(1), follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
