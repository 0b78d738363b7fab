"""Personal links: open one hub's form without an account; tampered or expired links
show what to do."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from repairlocale.needs import links
from repairlocale.needs.models import ActivityAnswer, CampaignHub

pytestmark = pytest.mark.django_db


def test_a_link_opens_the_hubs_form_without_an_account(client, campaign):
    response = client.get(links.link_path(campaign.brugge))
    assert response.status_code == 200
    assert "Circular Hub Brugge" in response.text
    assert "Herstelcafé op de markt" in response.text


def test_a_link_saves_a_draft_by_htmx(client, campaign):
    activity = campaign.activities[0]
    response = client.post(
        links.link_path(campaign.brugge),
        {f"a{activity.pk}-interest": "strong", f"a{activity.pk}-partners": "OCMW"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'data-save-state="saved"' in response.text
    answer = ActivityAnswer.objects.get()
    assert (answer.campaign_hub, answer.interest) == (campaign.brugge, "strong")
    assert CampaignHub.objects.get(pk=campaign.brugge.pk).status == "draft"


def test_a_tampered_link_shows_what_to_do(client, campaign):
    token = links.make_token(campaign.brugge)
    response = client.get(reverse("needs:link_answer", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "vraag de netwerkcoördinator" in response.text
    forged = signing.dumps({"ch": campaign.loops.pk, "n": "guess"}, salt=links.SALT)
    assert client.get(reverse("needs:link_answer", args=[forged])).status_code == 400


def test_another_salt_does_not_open_a_form(client, campaign):
    token = signing.dumps({"ch": campaign.brugge.pk, "n": campaign.brugge.token_nonce})
    assert client.get(reverse("needs:link_answer", args=[token])).status_code == 400


def test_an_expired_link_says_so(client, campaign):
    path = links.link_path(campaign.brugge)
    later = datetime.datetime.now(datetime.UTC) + links.LINK_MAX_AGE
    with time_machine.travel(later + datetime.timedelta(days=1)):
        response = client.get(path)
    assert response.status_code == 410
    assert "Deze link is vervallen" in response.text


def test_a_new_link_revokes_the_old_one(login, personas, campaign):
    client = login(personas.coordinator)
    old = links.link_path(campaign.brugge)
    response = client.post(
        reverse("needs:campaign_hub_renew_link", args=[campaign.brugge.pk])
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 400
    campaign.brugge.refresh_from_db()
    assert client.get(links.link_path(campaign.brugge)).status_code == 200


def test_after_the_deadline_saving_is_refused_and_the_draft_kept(client, campaign):
    activity = campaign.activities[0]
    path = links.link_path(campaign.brugge)
    client.post(path, {f"a{activity.pk}-interest": "some"})
    with time_machine.travel(campaign.campaign.deadline + datetime.timedelta(hours=1)):
        response = client.post(path, {f"a{activity.pk}-interest": "none"})
        assert response.status_code == 409
        assert "De deadline (" in response.text and "is verstreken" in response.text
        page = client.get(path)
    assert page.status_code == 200 and "disabled" in page.text
    assert ActivityAnswer.objects.get().interest == "some"


def test_submitting_requires_every_answer(client, campaign):
    first, second = campaign.activities
    path = links.link_path(campaign.brugge)
    response = client.post(
        path,
        {
            f"a{first.pk}-interest": "some",
            f"a{first.pk}-barriers": "Tijd",
            "submit": "",
        },
    )
    assert response.status_code == 400
    assert "Kies uw interesse voor u indient." in response.text
    assert 'value="Tijd"' in response.text or "Tijd</textarea>" in response.text
    assert not ActivityAnswer.objects.exists()
    response = client.post(
        path,
        {
            f"a{first.pk}-interest": "some",
            f"a{second.pk}-interest": "doing",
            "stage": "structural",
            "submit": "",
        },
    )
    assert response.status_code == 302
    assert CampaignHub.objects.get(pk=campaign.brugge.pk).status == "submitted"
