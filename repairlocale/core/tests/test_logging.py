"""No personal data or secrets in the logs (issue 7 §8)."""

import logging

import pytest
from django.urls import reverse

from repairlocale.core.logging import RedactSecretsFilter, axes_client_str, redact

pytestmark = pytest.mark.django_db


def test_secret_links_are_redacted():
    assert redact("Bad Request: /behoeften/link/eyJjaCI6MX0:1x:abc/") == (
        "Bad Request: /behoeften/link/…/"
    )
    assert redact("Not Found: /account/wachtwoord/nieuw/MQ/cz5-abc123/") == (
        "Not Found: /account/wachtwoord/nieuw/…/"
    )
    assert redact("/a/RAD-000001/") == "/a/RAD-000001/"


def test_the_filter_redacts_django_request_records(client, caplog, settings):
    caplog.handler.addFilter(RedactSecretsFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(reverse("needs:link_answer", args=["eyJzZWNyZXQiOjF9:1x:sig"]))
    messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert messages, "a 400 is logged"
    assert all("eyJzZWNyZXQ" not in m for m in messages), messages


def test_failed_logins_are_logged_without_name_or_full_address(
    client, personas, caplog, settings
):
    settings.AXES_ENABLED = True
    settings.AXES_CLIENT_STR_CALLABLE = "repairlocale.core.logging.axes_client_str"
    with caplog.at_level(logging.INFO, logger="axes"):
        client.post(
            reverse("accounts:login"),
            {"username": "viewer", "password": "wrong"},
            REMOTE_ADDR="198.51.100.23",
        )
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "AXES: New login failure" in text
    assert "viewer" not in text and "198.51.100.23" not in text
    assert "198.51.100.…" in axes_client_str("viewer", "198.51.100.23", "", "/", None)
