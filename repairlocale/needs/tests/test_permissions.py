"""Who may open every page of the needs mapping.

Coordinators (and administrators) run campaigns and edit the catalogue: everyone
else gets 403 there. An invitation's answer form opens to members of the hub's
organisation (viewers read, editors answer) and to coordinators; other people get
404. The personal link opens that one form to anyone who holds it.
"""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS as ALL_PERSONAS
from repairlocale.core.tests.personas import expected_statuses, log_in_as
from repairlocale.needs.links import make_token
from repairlocale.network.models import Membership

# The ten personas and a viewer of the hub's organisation.
PERSONAS = [*ALL_PERSONAS, "hubviewer"]


def _row(name, args, method, **expected):
    statuses = expected_statuses(expected, names=PERSONAS)
    return pytest.param(name, args, method, statuses, id=f"{method}-{name}")


def _none(c):
    return []


def _campaign(c):
    return [c.campaign.pk]


def _csv(c):
    return [c.campaign.pk, "csv"]


def _activity(c):
    return [c.activities[0].pk]


def _brugge(c):
    return [c.brugge.pk]


def _token(c):
    return [make_token(c.brugge)]


COORDINATORS = {
    "default": 403,
    "coordinator": 200,
    "admin": 200,
    "coach": 403,
    "trainee": 403,
}
HUB_MEMBERS = {
    "default": 404,
    "hubcoordinator": 200,
    "hubviewer": 200,
    "coordinator": 200,
    "admin": 200,
    "coach": 404,
    "trainee": 404,
}

ROWS = [
    _row("needs:campaign_list", _none, "get", default=200, coach=200, trainee=200),
    _row("needs:catalogue_list", _none, "get", default=200, coach=200, trainee=200),
    _row("needs:catalogue_create", _none, "get", **COORDINATORS),
    _row("needs:catalogue_edit", _activity, "get", **COORDINATORS),
    _row("needs:campaign_create", _none, "get", **COORDINATORS),
    _row("needs:campaign_detail", _campaign, "get", **COORDINATORS),
    _row("needs:campaign_edit", _campaign, "get", **COORDINATORS),
    _row("needs:campaign_results", _campaign, "get", **COORDINATORS),
    _row("needs:campaign_stages", _campaign, "get", **COORDINATORS),
    _row("needs:campaign_export", _csv, "get", **COORDINATORS),
    _row(
        "needs:campaign_invite",
        _campaign,
        "post",
        default=403,
        coordinator=302,
        admin=302,
        coach=403,
        trainee=403,
    ),
    _row("needs:answer", _brugge, "get", **HUB_MEMBERS),
    _row(
        "needs:answer",
        _brugge,
        "post",
        **{
            **HUB_MEMBERS,
            "hubviewer": 403,
            "hubcoordinator": 302,
            "coordinator": 302,
            "admin": 302,
        },
    ),
    _row(
        "needs:link_answer",
        _token,
        "get",
        default=200,
        anon=200,
        coach=200,
        trainee=200,
    ),
    _row(
        "needs:campaign_hub_renew_link",
        _brugge,
        "post",
        default=403,
        coordinator=302,
        admin=302,
        coach=403,
        trainee=403,
    ),
]

COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.fixture
def hubviewer(personas):
    from repairlocale.accounts.tests.factories import UserFactory
    from repairlocale.network.tests.factories import MembershipFactory

    user = UserFactory(username="hubviewer")
    MembershipFactory(
        user=user, organisation=personas.hub_org, role=Membership.Role.VIEWER
    )
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("name,args,method,statuses", ROWS)
def test_view_access(
    client, all_personas, hubviewer, campaign, name, args, method, statuses
):
    all_personas.hubviewer = hubviewer
    url = reverse(name, args=args(campaign))
    answered = {
        persona: getattr(log_in_as(client, all_personas, persona), method)(
            url
        ).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"{method.upper()} {url}"
