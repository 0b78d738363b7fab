"""Who may open every page of the pilot projects.

Network coordinators (and administrators) manage pilots; members of a partner
organisation read them (403 when they try to edit); anyone else gets 404 on a
pilot and an empty list.
"""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, expected_statuses, log_in_as


def _row(name, args, method, **expected):
    statuses = expected_statuses(expected)
    return pytest.param(name, args, method, statuses, id=f"{method}-{name}")


def _none(pilot):
    return []


def _pilot(pilot):
    return [pilot.pk]


# Kringwinkel 't Rad is the pilot's partner: its viewer, editor and manager read.
PARTNERS_READ = {
    "default": 200,
    "outsider": 404,
    "hubcoordinator": 404,
    "coach": 200,
    "trainee": 404,
}
COORDINATORS_MANAGE = {
    "default": 403,
    "outsider": 404,
    "hubcoordinator": 404,
    "coordinator": 200,
    "admin": 200,
    "coach": 403,
    "trainee": 404,
}

ROWS = [
    _row("pilots:pilot_list", _none, "get", default=200, coach=200, trainee=200),
    _row("pilots:pilot_detail", _pilot, "get", **PARTNERS_READ),
    _row("pilots:pilot_edit", _pilot, "get", **COORDINATORS_MANAGE),
    _row("pilots:pilot_edit", _pilot, "post", **COORDINATORS_MANAGE),
    _row(
        "pilots:pilot_create",
        _none,
        "get",
        default=403,
        coordinator=200,
        admin=200,
        coach=403,
        trainee=403,
    ),
]

COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.mark.django_db
@pytest.mark.parametrize("name,args,method,statuses", ROWS)
def test_view_access(client, all_personas, pilot, name, args, method, statuses):
    url = reverse(name, args=args(pilot))
    answered = {
        persona: getattr(log_in_as(client, all_personas, persona), method)(
            url
        ).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"{method.upper()} {url}"


@pytest.mark.django_db
def test_the_list_shows_only_the_pilots_of_ones_organisations(client, personas, pilot):
    client.force_login(personas.outsider)
    assert pilot.title not in client.get(reverse("pilots:pilot_list")).text
    client.force_login(personas.viewer)
    assert pilot.title in client.get(reverse("pilots:pilot_list")).text
