"""Personal campaign links: a signed token per invited hub, usable without an account.

The token carries the invited hub's id and a nonce stored on it, signed with the
project's SECRET_KEY and a salt of its own, and expires after ``LINK_MAX_AGE``.
Changing the nonce (``campaign_hub_renew_link``) revokes every link sent before.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from repairlocale.needs.models import CampaignHub

SALT = "repairlocale.needs.campaign-link"
# Long enough to cover a campaign from invitation to deadline and a late correction.
LINK_MAX_AGE = timedelta(days=getattr(settings, "NEEDS_LINK_MAX_AGE_DAYS", 120))


class LinkExpired(Exception):
    """The signature is valid but older than LINK_MAX_AGE."""


class LinkInvalid(Exception):
    """Tampered with, revoked, or for a hub that is no longer invited."""


def make_token(campaign_hub: CampaignHub) -> str:
    return signing.dumps(
        {"ch": campaign_hub.pk, "n": campaign_hub.token_nonce}, salt=SALT, compress=True
    )


def link_path(campaign_hub: CampaignHub) -> str:
    return reverse("needs:link_answer", args=[make_token(campaign_hub)])


def absolute_link(campaign_hub: CampaignHub) -> str:
    return settings.SITE_URL + link_path(campaign_hub)


def load_token(token: str) -> CampaignHub:
    """The invited hub a token opens; raises LinkExpired or LinkInvalid."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(data, dict):
        raise LinkInvalid
    pk = data.get("ch")
    # Only a signed token gets here, but a signed value of the wrong shape (a
    # string, a float, a number past bigint) must not turn into a server error.
    if type(pk) is not int or not 0 < pk < 2**63:
        raise LinkInvalid
    campaign_hub = (
        CampaignHub.objects.select_related("campaign", "hub").filter(pk=pk).first()
    )
    if campaign_hub is None or campaign_hub.token_nonce != data.get("n"):
        raise LinkInvalid
    return campaign_hub
