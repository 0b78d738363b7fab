"""Campaign links are rate limited per client address, proxy-aware like the lockout."""

import pytest
from django.urls import reverse

from repairlocale.needs import links

pytestmark = pytest.mark.django_db


def test_too_many_requests_get_a_clear_429_page(client, campaign, settings):
    settings.NEEDS_LINK_RATE_LIMIT = 3
    path = links.link_path(campaign.brugge)
    for _ in range(3):
        assert client.get(path).status_code == 200
    response = client.get(path)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Te veel aanvragen" in response.text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Too many requests" in client.get(path).text


def test_the_limit_is_per_address(client, campaign, settings):
    settings.NEEDS_LINK_RATE_LIMIT = 2
    path = links.link_path(campaign.brugge)
    for _ in range(2):
        client.get(path, REMOTE_ADDR="10.0.0.1")
    assert client.get(path, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get(path, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_forwarded_for_header_is_ignored_without_a_trusted_proxy(
    client, campaign, settings
):
    settings.NEEDS_LINK_RATE_LIMIT = 2
    path = links.link_path(campaign.brugge)
    for n in range(2):
        client.get(path, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    # A client cannot escape the limit by inventing addresses.
    assert client.get(path, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_counts(
    client, campaign, settings
):
    settings.NEEDS_LINK_RATE_LIMIT = 2
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = [
        "HTTP_X_FORWARDED_FOR",
        "REMOTE_ADDR",
    ]
    path = links.link_path(campaign.brugge)
    for _ in range(2):
        client.get(path, HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1")
    assert (
        client.get(path, HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1").status_code
        == 429
    )
    assert (
        client.get(path, HTTP_X_FORWARDED_FOR="198.51.100.8, 10.0.0.1").status_code
        == 200
    )


def test_repeated_bad_links_block_the_address_but_save_nothing(
    client, campaign, settings
):
    settings.NEEDS_LINK_FAILURE_LIMIT = 3
    bad = reverse("needs:link_answer", args=["not-a-token"])
    for _ in range(3):
        assert client.get(bad).status_code == 400
    assert client.get(bad).status_code == 429
    # Even a good link waits until the window ends: the address is guessing.
    response = client.post(
        links.link_path(campaign.brugge),
        {f"a{campaign.activities[0].pk}-interest": "strong"},
    )
    assert response.status_code == 429
    assert not campaign.brugge.answers.exists()
    # Another address is not affected.
    good = links.link_path(campaign.brugge)
    assert client.get(good, REMOTE_ADDR="10.9.9.9").status_code == 200


def test_the_signed_in_answer_form_is_not_rate_limited(client, campaign, settings):
    settings.NEEDS_LINK_RATE_LIMIT = 1
    client.get(links.link_path(campaign.brugge))
    assert client.get(links.link_path(campaign.brugge)).status_code == 429
    assert reverse("needs:answer", args=[campaign.brugge.pk])  # separate view
