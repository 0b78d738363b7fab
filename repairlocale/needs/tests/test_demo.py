"""The demo needs mapping: two rounds for the demo hubs, idempotent, readable."""

import datetime

import pytest
from django.urls import reverse

from repairlocale.accounts.models import User
from repairlocale.needs.demo import seed
from repairlocale.needs.models import ActivityAnswer, Campaign, CampaignHub
from repairlocale.network.demo import demo_seed
from repairlocale.network.reference import reference_data_load
from repairlocale.pilots.demo import seed as pilots_seed

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


def test_demo_is_idempotent_and_shows_results(client):
    assert "no demo hubs" in seed(today=TODAY)
    reference_data_load()
    demo_seed(random_passwords=False)
    first = seed(today=TODAY)
    counts = (ActivityAnswer.objects.count(), CampaignHub.objects.count())
    assert seed(today=TODAY) == first
    assert (ActivityAnswer.objects.count(), CampaignHub.objects.count()) == counts
    current = Campaign.objects.get(name="Behoeftenmapping 2025")
    assert current.previous.name == "Behoeftenmapping 2023"
    statuses = set(current.campaign_hubs.values_list("status", flat=True))
    assert statuses == {"not_started", "draft", "submitted"}

    client.force_login(User.objects.get(username="coordinator"))
    for name in ("campaign_results", "campaign_stages", "campaign_detail"):
        assert (
            client.get(reverse(f"needs:{name}", args=[current.pk])).status_code == 200
        )
    # The hub coordinator of Circular Hub Brugge finds the invitation.
    client.force_login(User.objects.get(username="hubcoordinator"))
    assert "Behoeftenmapping 2025" in client.get(reverse("needs:campaign_list")).text

    # The pilot demo builds on the same organisations.
    assert pilots_seed(today=TODAY) == pilots_seed(today=TODAY)
    client.force_login(User.objects.get(username="viewer"))
    page = client.get(reverse("pilots:pilot_list"))
    assert "Bewarend inzamelen van elektro in de regio Brugge" in page.text
