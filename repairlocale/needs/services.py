"""Needs-mapping workflows: create and send campaigns, save answers, remind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from repairlocale.needs.links import absolute_link
from repairlocale.needs.models import (
    ActivityAnswer,
    Campaign,
    CampaignHub,
    CatalogueActivity,
    ResponseStatus,
)
from repairlocale.network.models import Hub, Membership

if TYPE_CHECKING:
    from repairlocale.accounts.models import User

ANSWER_FIELDS = ("interest", "timing", "partners", "barriers", "comment")


class DeadlinePassed(ValidationError):
    """Answers arrive after the campaign's deadline; drafts stay as they were."""


@transaction.atomic
def campaign_create(
    *,
    name: str,
    deadline: datetime,
    invitation_nl: str,
    invitation_en: str,
    activities: Iterable[CatalogueActivity],
    hubs: Iterable[Hub],
    previous: Campaign | None = None,
    created_by: User | None = None,
    is_demo: bool = False,
) -> Campaign:
    campaign = Campaign(
        name=name,
        deadline=deadline,
        invitation_nl=invitation_nl,
        invitation_en=invitation_en,
        previous=previous,
        created_by=created_by,
        is_demo=is_demo,
    )
    campaign.full_clean()
    campaign.save()
    campaign.activities.set(activities)
    campaign_set_hubs(campaign=campaign, hubs=hubs)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    activities: Iterable[CatalogueActivity],
    hubs: Iterable[Hub],
    **fields: Any,
) -> Campaign:
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    campaign.activities.set(activities)
    campaign_set_hubs(campaign=campaign, hubs=hubs)
    return campaign


def campaign_set_hubs(*, campaign: Campaign, hubs: Iterable[Hub]) -> None:
    """Invite exactly ``hubs``; a hub that already answered keeps its answers."""
    wanted = {hub.pk for hub in hubs}
    current = set(campaign.campaign_hubs.values_list("hub_id", flat=True))
    campaign.campaign_hubs.filter(
        hub_id__in=current - wanted, status=ResponseStatus.NOT_STARTED
    ).delete()
    CampaignHub.objects.bulk_create(
        [CampaignHub(campaign=campaign, hub_id=pk) for pk in wanted - current]
    )


def hub_recipients(hub: Hub) -> list[str]:
    """Who receives a hub's invitation: the hub's address and its organisation's
    editors and managers."""
    addresses = [hub.email] if hub.email else []
    if hub.organisation_id:
        addresses += Membership.objects.filter(
            organisation_id=hub.organisation_id,
            role__gte=Membership.Role.EDITOR,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    seen: dict[str, None] = {}
    for address in addresses:
        if address:
            seen.setdefault(address.lower(), None)
    return list(seen)


def _send_campaign_mail(
    *, campaign_hub: CampaignHub, template: str, reminder_round: int = 0
) -> bool:
    """One bilingual e-mail (Dutch first, English below) to an invited hub."""
    recipients = hub_recipients(campaign_hub.hub)
    if not recipients:
        return False
    campaign = campaign_hub.campaign
    context = {
        "campaign": campaign,
        "hub": campaign_hub.hub,
        "link": absolute_link(campaign_hub),
        "reminder_round": reminder_round,
    }
    parts = []
    for language in ("nl-be", "en"):
        with translation.override(language):
            parts.append(
                render_to_string(
                    f"needs/email/{template}.txt",
                    {
                        **context,
                        "deadline": date_format(
                            timezone.localtime(campaign.deadline), "DATETIME_FORMAT"
                        ),
                        "invitation": campaign.invitation,
                    },
                )
            )
            if language == "nl-be":
                subject_nl = _subject(template, campaign)
            else:
                subject_en = _subject(template, campaign)
    message = EmailMultiAlternatives(
        subject=f"{subject_nl} / {subject_en}",
        body="\n\n----------\n\n".join(part.strip() for part in parts) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.send()
    return True


def _subject(template: str, campaign: Campaign) -> str:
    if template == "reminder":
        return _("Reminder: %(name)s") % {"name": campaign.name}
    return _("Invitation: %(name)s") % {"name": campaign.name}


def campaign_send_invitations(*, campaign: Campaign, now=None) -> int:
    """E-mail each hub not yet invited its personal link; returns how many were sent.

    Idempotent: a hub that was invited is not invited again.
    """
    moment = now or timezone.now()
    if moment >= campaign.deadline:
        raise DeadlinePassed(_("The deadline of this campaign has passed."))
    sent = 0
    pending = campaign.campaign_hubs.filter(invited_at__isnull=True).select_related(
        "hub", "campaign"
    )
    for campaign_hub in pending:
        with transaction.atomic():
            # Marked first, under a row lock, so two runs cannot both send.
            locked = CampaignHub.objects.select_for_update().get(pk=campaign_hub.pk)
            if locked.invited_at is not None:
                continue
            locked.invited_at = moment
            locked.save(update_fields=["invited_at", "updated_at"])
            if _send_campaign_mail(campaign_hub=campaign_hub, template="invitation"):
                sent += 1
    if campaign.invited_at is None:
        campaign.invited_at = moment
        campaign.save(update_fields=["invited_at", "updated_at"])
    return sent


def campaign_send_reminders(*, now=None) -> int:
    """Remind every invited hub that has not submitted, once per reminder round.

    The round is how many of ``Campaign.REMINDER_DAYS_BEFORE`` have passed; a hub
    whose ``reminders_sent`` already equals it is skipped, so running the command
    twice (or every hour) sends nothing new.
    """
    moment = now or timezone.now()
    sent = 0
    for campaign in Campaign.objects.open(moment):
        round_ = campaign.reminder_round(moment)
        if not round_:
            continue
        due = campaign.campaign_hubs.filter(
            invited_at__isnull=False, reminders_sent__lt=round_
        ).exclude(status=ResponseStatus.SUBMITTED)
        for campaign_hub in due.select_related("hub", "campaign"):
            with transaction.atomic():
                locked = CampaignHub.objects.select_for_update().get(pk=campaign_hub.pk)
                if locked.reminders_sent >= round_:
                    continue
                locked.reminders_sent = round_
                locked.last_reminded_at = moment
                locked.save(
                    update_fields=["reminders_sent", "last_reminded_at", "updated_at"]
                )
                if _send_campaign_mail(
                    campaign_hub=campaign_hub,
                    template="reminder",
                    reminder_round=round_,
                ):
                    sent += 1
    return sent


def _check_open(campaign: Campaign, moment: datetime) -> None:
    if moment >= campaign.deadline:
        deadline = date_format(timezone.localtime(campaign.deadline), "DATETIME_FORMAT")
        raise DeadlinePassed(
            _(
                "The deadline (%(deadline)s) has passed: answers can no longer be "
                "changed. Your draft has been kept."
            )
            % {"deadline": deadline}
        )


@transaction.atomic
def answers_save(
    *,
    campaign_hub: CampaignHub,
    answers: Mapping[int, Mapping[str, str]],
    stage: str | None = None,
    stage_comment: str | None = None,
    submit: bool = False,
    user: User | None = None,
    now=None,
) -> CampaignHub:
    """Save a hub's answers as a draft (or submit them) while the campaign is open.

    ``answers`` maps catalogue activity ids (of the campaign's selection) to their
    field values. Submitting keeps the answers editable until the deadline.
    """
    moment = now or timezone.now()
    campaign_hub = CampaignHub.objects.select_for_update().get(pk=campaign_hub.pk)
    _check_open(campaign_hub.campaign, moment)
    allowed = set(campaign_hub.campaign.activities.values_list("pk", flat=True))
    existing = {a.activity_id: a for a in campaign_hub.answers.all()}
    for activity_id, values in answers.items():
        if activity_id not in allowed:
            raise ValidationError(_("This activity is not part of the campaign."))
        answer = existing.get(activity_id)
        if answer is None:
            if not any((values.get(name) or "").strip() for name in ANSWER_FIELDS):
                continue  # nothing said about this activity yet: no empty row
            answer = ActivityAnswer(campaign_hub=campaign_hub, activity_id=activity_id)
        for name in ANSWER_FIELDS:
            if name in values:
                setattr(answer, name, (values[name] or "").strip())
        answer.full_clean()
        answer.save()
    if stage is not None:
        campaign_hub.stage = stage
    if stage_comment is not None:
        campaign_hub.stage_comment = stage_comment.strip()
    campaign_hub.last_saved_at = moment
    if submit:
        campaign_hub.status = ResponseStatus.SUBMITTED
        campaign_hub.submitted_at = moment
        campaign_hub.submitted_by = user if user and user.is_authenticated else None
    elif campaign_hub.status == ResponseStatus.NOT_STARTED:
        campaign_hub.status = ResponseStatus.DRAFT
    campaign_hub.full_clean()
    campaign_hub.save()
    return campaign_hub


def campaign_hub_renew_link(*, campaign_hub: CampaignHub) -> CampaignHub:
    """Give the hub a new personal link; every link sent before stops working."""
    from repairlocale.needs.models.campaigns import _new_nonce

    campaign_hub.token_nonce = _new_nonce()
    campaign_hub.save(update_fields=["token_nonce", "updated_at"])
    return campaign_hub
