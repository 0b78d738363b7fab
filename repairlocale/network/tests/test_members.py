"""Managers invite and manage their organisation's members."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from repairlocale.accounts.models import User
from repairlocale.network.models import Membership

pytestmark = pytest.mark.django_db


def _invite(client, personas, **overrides):
    data = {
        "email": "nieuw@kringwinkel.example",
        "first_name": "Nora",
        "last_name": "Nieuw",
        "role": Membership.Role.EDITOR,
    }
    data.update(overrides)
    with_callbacks = client.post(
        reverse("network:member_invite", args=[personas.rad.pk]), data
    )
    return with_callbacks


def test_manager_invites_a_new_person_who_sets_a_password(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, personas)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@kringwinkel.example")
    assert not user.has_usable_password()
    assert user.memberships.get().role == Membership.Role.EDITOR
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Kringwinkel 't Rad" in mail.outbox[0].subject
    link = re.search(r"https?://\S+/account/wachtwoord/nieuw/\S+/", body).group(0)
    client.logout()
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0],
        {
            "new_password1": "Herstel-2026-Brugge",
            "new_password2": "Herstel-2026-Brugge",
        },
    )
    assert response.status_code == 302
    assert client.login(username=user.username, password="Herstel-2026-Brugge")


def test_inviting_an_existing_account_adds_a_membership(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.manager)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, personas, email=personas.outsider.email.upper())
    assert personas.outsider.memberships.filter(organisation=personas.rad).exists()
    assert User.objects.filter(email__iexact=personas.outsider.email).count() == 1
    assert "wachtwoord/nieuw" not in mail.outbox[0].body


def test_inviting_a_member_twice_is_refused(client, personas):
    client.force_login(personas.manager)
    response = _invite(client, personas, email=personas.viewer.email)
    assert response.status_code == 200
    assert "al lid" in response.content.decode()


def test_manager_changes_a_role(client, personas):
    client.force_login(personas.manager)
    membership = personas.rad.memberships.get(user=personas.viewer)
    client.post(
        reverse("network:member_role", args=[personas.rad.pk, membership.pk]),
        {"role": Membership.Role.EDITOR},
    )
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EDITOR


def test_the_last_manager_cannot_step_down_or_leave(client, personas):
    client.force_login(personas.manager)
    membership = personas.rad.memberships.get(user=personas.manager)
    response = client.post(
        reverse("network:member_role", args=[personas.rad.pk, membership.pk]),
        {"role": Membership.Role.VIEWER},
        follow=True,
    )
    assert "minstens één beheerder" in response.content.decode()
    client.post(reverse("network:member_remove", args=[personas.rad.pk, membership.pk]))
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MANAGER


def test_a_membership_of_another_organisation_is_not_found(client, personas):
    client.force_login(personas.manager)
    foreign = personas.other.memberships.get()
    response = client.post(
        reverse("network:member_remove", args=[personas.rad.pk, foreign.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_an_invalid_role_changes_nothing(client, personas):
    client.force_login(personas.manager)
    membership = personas.rad.memberships.get(user=personas.viewer)
    client.post(
        reverse("network:member_role", args=[personas.rad.pk, membership.pk]),
        {"role": "99"},
    )
    membership.refresh_from_db()
    assert membership.role == Membership.Role.VIEWER
