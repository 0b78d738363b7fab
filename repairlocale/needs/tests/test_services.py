"""Campaign life cycle: create, invite, answer as draft, submit, deadline, reminders."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from repairlocale.needs import services
from repairlocale.needs.models import ActivityAnswer, CampaignHub, CatalogueActivity
from repairlocale.needs.tests.factories import CatalogueActivityFactory
from repairlocale.network.models import Hub

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_seeded_with_every_theme():
    themes = set(CatalogueActivity.objects.values_list("theme", flat=True))
    assert themes == {
        "inspire",
        "connect",
        "detect",
        "preserving_collection",
        "training",
        "repair_services",
    }
    assert not CatalogueActivity.objects.filter(name_en="").exists()


def test_campaign_life_cycle(personas):
    personas.hub.email = "hub@example.org"
    personas.hub.save()
    activity = CatalogueActivityFactory()
    campaign = services.campaign_create(
        name="Ronde 1",
        deadline=timezone.now() + datetime.timedelta(days=20),
        invitation_nl="Beste hub",
        invitation_en="Dear hub",
        activities=[activity],
        hubs=[personas.hub, personas.other_hub],
        created_by=personas.coordinator,
    )
    assert campaign.campaign_hubs.count() == 2

    assert services.campaign_send_invitations(campaign=campaign) == 1  # one has mail
    message = mail.outbox[0]
    assert set(message.to) == {"hub@example.org", "hubcoordinator@example.org"}
    assert "Beste hub" in message.body and "Dear hub" in message.body
    assert "/behoeften/link/" in message.body
    # A second run invites nobody again.
    assert services.campaign_send_invitations(campaign=campaign) == 0
    assert len(mail.outbox) == 1

    ch = campaign.campaign_hubs.get(hub=personas.hub)
    ch = services.answers_save(
        campaign_hub=ch,
        answers={activity.pk: {"interest": "strong", "partners": "OCMW"}},
        stage="exploring",
        stage_comment="",
    )
    assert ch.status == "draft"
    ch = services.answers_save(
        campaign_hub=ch,
        answers={activity.pk: {"interest": "some"}},
        submit=True,
        user=personas.hubcoordinator,
    )
    assert ch.status == "submitted" and ch.submitted_by == personas.hubcoordinator
    answer = ActivityAnswer.objects.get()
    assert (answer.interest, answer.partners) == ("some", "OCMW")


def test_removing_a_hub_keeps_one_that_answered(campaign, personas):
    services.answers_save(
        campaign_hub=campaign.brugge,
        answers={campaign.activities[0].pk: {"interest": "none"}},
    )
    services.campaign_set_hubs(campaign=campaign.campaign, hubs=[])
    assert list(campaign.campaign.campaign_hubs.all()) == [campaign.brugge]


def test_answers_after_the_deadline_are_refused_and_the_draft_kept(campaign):
    activity = campaign.activities[0]
    services.answers_save(
        campaign_hub=campaign.brugge, answers={activity.pk: {"interest": "strong"}}
    )
    later = campaign.campaign.deadline + datetime.timedelta(minutes=1)
    with pytest.raises(services.DeadlinePassed) as error:
        services.answers_save(
            campaign_hub=campaign.brugge,
            answers={activity.pk: {"interest": "none"}},
            now=later,
        )
    assert "deadline" in str(error.value)
    assert ActivityAnswer.objects.get().interest == "strong"


def test_an_activity_outside_the_campaign_is_refused(campaign):
    other = CatalogueActivityFactory()
    with pytest.raises(services.ValidationError):
        services.answers_save(
            campaign_hub=campaign.brugge, answers={other.pk: {"interest": "some"}}
        )
    assert not ActivityAnswer.objects.exists()


def test_reminders_are_sent_once_per_round(campaign, personas):
    for hub in Hub.objects.all():
        hub.email = f"{hub.pk}@example.org"
        hub.save()
    deadline = campaign.campaign.deadline
    services.answers_save(
        campaign_hub=campaign.loops,
        answers={campaign.activities[0].pk: {"interest": "some"}},
        submit=True,
    )
    # Too early: no round has started.
    assert services.campaign_send_reminders(now=deadline - datetime.timedelta(9)) == 0
    first = deadline - datetime.timedelta(days=6)
    assert services.campaign_send_reminders(now=first) == 1  # Brugge only
    assert services.campaign_send_reminders(now=first) == 0
    assert (
        services.campaign_send_reminders(now=first + datetime.timedelta(hours=5)) == 0
    )
    second = deadline - datetime.timedelta(days=1)
    assert services.campaign_send_reminders(now=second) == 1
    assert services.campaign_send_reminders(now=second) == 0
    # After the deadline nobody is reminded.
    assert services.campaign_send_reminders(now=deadline) == 0
    assert len(mail.outbox) == 2
    assert (
        "Reminder" in mail.outbox[0].subject or "Herinnering" in mail.outbox[0].subject
    )
    brugge = CampaignHub.objects.get(pk=campaign.brugge.pk)
    assert brugge.reminders_sent == 2


def test_the_reminder_command_is_idempotent(campaign):
    campaign.brugge.hub.email = "brugge@example.org"
    campaign.brugge.hub.save()
    moment = campaign.campaign.deadline - datetime.timedelta(days=3)
    with time_machine.travel(moment, tick=False):
        out = io.StringIO()
        call_command("send_campaign_reminders", stdout=out)
        call_command("send_campaign_reminders", stdout=out)
    # Smart Loops has no address; Brugge is reminded once.
    assert out.getvalue().splitlines() == ["1 reminder(s) sent.", "0 reminder(s) sent."]
    assert len(mail.outbox) == 1
    assert CampaignHub.objects.get(pk=campaign.brugge.pk).reminders_sent == 1
