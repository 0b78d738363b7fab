"""Who may open every page of the pilot projects.

Network coordinators (and administrators) manage pilots; members of a partner
organisation read them (403 when they try to edit); anyone else gets 404 on a
pilot and an empty list.
"""

import pytest
from django.urls import reverse

PERSONAS = [
    "anon",
    "viewer",
    "editor",
    "manager",
    "outsider",
    "hubcoordinator",
    "coordinator",
    "admin",
]


def _row(name, args, method, **expected):
    default = expected.pop("default")
    statuses = {p: expected.get(p, default) for p in PERSONAS}
    statuses["anon"] = expected.get("anon", 302)
    return pytest.param(name, args, method, statuses, id=f"{method}-{name}")


def _none(pilot):
    return []


def _pilot(pilot):
    return [pilot.pk]


# Kringwinkel 't Rad is the pilot's partner: its viewer, editor and manager read.
PARTNERS_READ = {"default": 200, "outsider": 404, "hubcoordinator": 404}
COORDINATORS_MANAGE = {
    "default": 403,
    "outsider": 404,
    "hubcoordinator": 404,
    "coordinator": 200,
    "admin": 200,
}

ROWS = [
    _row("pilots:pilot_list", _none, "get", default=200),
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
    ),
]

COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.mark.django_db
@pytest.mark.parametrize("name,args,method,statuses", ROWS)
def test_view_access(client, personas, pilot, name, args, method, statuses):
    url = reverse(name, args=args(pilot))
    for persona, expected in statuses.items():
        client.logout()
        if persona != "anon":
            client.force_login(getattr(personas, persona))
        response = getattr(client, method)(url)
        assert response.status_code == expected, (persona, response.status_code)


@pytest.mark.django_db
def test_the_list_shows_only_the_pilots_of_ones_organisations(client, personas, pilot):
    client.force_login(personas.outsider)
    assert pilot.title not in client.get(reverse("pilots:pilot_list")).text
    client.force_login(personas.viewer)
    assert pilot.title in client.get(reverse("pilots:pilot_list")).text
