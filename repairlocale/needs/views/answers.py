"""A hub's answer form: by personal link (no account) or signed in.

Drafts save on every change (HTMX posts the whole form and gets back a status line);
"Submit" checks that every question has an answer. Until the deadline everything
stays editable; after it the form is read-only and saving is refused, the draft
kept as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from repairlocale.core.ratelimit import (
    client_address,
    hit,
    is_limited,
    rate_limited,
    too_many_requests,
)
from repairlocale.needs import services
from repairlocale.needs.forms import AnswerSheet
from repairlocale.needs.links import LinkExpired, LinkInvalid, load_token
from repairlocale.needs.models import CampaignHub
from repairlocale.needs.permissions import campaign_hub_role, get_campaign_hub_for_user
from repairlocale.network.models import Membership


def _answer(
    request: HttpRequest, campaign_hub: CampaignHub, *, can_write: bool, via_link: bool
) -> HttpResponse:
    campaign = campaign_hub.campaign
    closed = campaign.is_past_deadline
    status = 200
    error = ""
    if request.method == "POST" and can_write:
        submit = "submit" in request.POST
        sheet = AnswerSheet(campaign_hub, request.POST)
        if closed:
            try:
                services._check_open(campaign, timezone.now())
            except services.DeadlinePassed as exc:
                error = " ".join(exc.messages)
            status = 409
        elif sheet.is_valid(submit=submit):
            stage = sheet.stage_form.cleaned_data
            try:
                campaign_hub = services.answers_save(
                    campaign_hub=campaign_hub,
                    answers=sheet.answers(),
                    stage=stage["stage"],
                    stage_comment=stage["stage_comment"],
                    submit=submit,
                    user=request.user,
                )
            except services.DeadlinePassed as exc:
                error = " ".join(exc.messages)
                status = 409
            else:
                if request.htmx:
                    return render(
                        request,
                        "needs/_save_status.html",
                        {"campaign_hub": campaign_hub},
                    )
                if submit:
                    messages.success(
                        request,
                        _(
                            "Thank you: your answers were submitted. You can change "
                            "them until the deadline."
                        ),
                    )
                else:
                    messages.success(request, _("Your draft was saved."))
                return redirect(request.path)
        else:
            error = _("Some answers need your attention: see the marked questions.")
            status = 400
        if request.htmx:
            # htmx only swaps successful responses: the message is the content.
            return render(
                request,
                "needs/_save_status.html",
                {"campaign_hub": campaign_hub, "error": error},
            )
        if status == 409:
            sheet = AnswerSheet(campaign_hub, disabled=True)
    else:
        sheet = AnswerSheet(campaign_hub, disabled=closed or not can_write)
    return render(
        request,
        "needs/answer.html",
        {
            "campaign": campaign,
            "campaign_hub": campaign_hub,
            "sheet": sheet,
            "closed": closed,
            "can_write": can_write and not closed,
            "via_link": via_link,
            "error": error,
        },
        status=status,
    )


@login_required
@never_cache
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    campaign_hub = get_campaign_hub_for_user(
        request, pk, write=request.method == "POST"
    )
    role = campaign_hub_role(request.user, campaign_hub)
    return _answer(
        request,
        campaign_hub,
        can_write=role is not None and role >= Membership.Role.EDITOR,
        via_link=False,
    )


# Failed links per client address and window: a few typos are fine, a script
# trying tokens is not (the signature makes guessing hopeless; this keeps it cheap).
LINK_FAILURE_WINDOW = 15 * 60


def _link_failure_key(request: HttpRequest) -> str:
    return f"needs-link-failures:{client_address(request)}"


@never_cache
@rate_limited("needs-link", setting="NEEDS_LINK_RATE_LIMIT", default=120)
def link_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link: opens this hub's answer form, nothing else.

    Rate limited per client address: ``NEEDS_LINK_RATE_LIMIT`` requests a minute
    (drafts save on every change, so generous), and after
    ``NEEDS_LINK_FAILURE_LIMIT`` invalid or expired links in 15 minutes every
    link answers 429 until the window ends.
    """
    failure_limit = getattr(settings, "NEEDS_LINK_FAILURE_LIMIT", 20)
    retry = is_limited(
        _link_failure_key(request), limit=failure_limit, window=LINK_FAILURE_WINDOW
    )
    if retry is not None:
        return too_many_requests(request, retry)
    try:
        campaign_hub = load_token(token)
    except (LinkExpired, LinkInvalid) as error:
        hit(_link_failure_key(request), limit=failure_limit, window=LINK_FAILURE_WINDOW)
        expired = isinstance(error, LinkExpired)
        return render(
            request,
            "needs/link_problem.html",
            {"expired": expired},
            status=410 if expired else 400,
        )
    return _answer(request, campaign_hub, can_write=True, via_link=True)
