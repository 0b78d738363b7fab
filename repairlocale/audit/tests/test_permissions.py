"""Who may open the audit trail pages.

An object's history: the managers of the owning organisation and the network's
coordinators (and administrators); for a trainee or an assessment only the
employer's managers and the trainee's coaches, never a global role. Anyone else
gets 404. The change log answers every signed-in person with what they may read.
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
    "coach",
    "trainee",
]


def _row(name, args, **expected):
    default = expected.pop("default")
    statuses = {p: expected.get(p, default) for p in PERSONAS}
    statuses["anon"] = expected.get("anon", 302)
    return pytest.param(name, args, statuses, id=f"{name}-{args.__name__}")


def _none(p, a):
    return []


def _organisation(p, a):
    return ["organisation", p.rad.pk]


def _other_organisation(p, a):
    return ["organisation", p.other.pk]


def _site(p, a):
    return ["site", p.rad_site.pk]


def _hub(p, a):
    return ["hub", p.hub.pk]


def _membership(p, a):
    return ["membership", p.rad.memberships.get(user=p.viewer).pk]


def _appliance(p, a):
    return ["appliance", a.appliance.pk]


def _step(p, a):
    return ["step", a.step.pk]


def _trainee(p, a):
    return ["trainee", a.trainee.pk]


def _assessment(p, a):
    return ["assessment", a.assessment.pk]


def _methodology(p, a):
    from repairlocale.impact.models import Methodology

    return ["methodology", Methodology.objects.default().pk]


def _unknown_kind(p, a):
    return ["user", p.manager.pk]


RAD_MANAGERS = {"default": 404, "manager": 200, "coordinator": 200, "admin": 200}
HUB_MANAGERS = {
    "default": 404,
    "hubcoordinator": 200,
    "coordinator": 200,
    "admin": 200,
}
TRAINEE_PEOPLE = {"default": 404, "manager": 200, "coach": 200}
COORDINATORS = {"default": 404, "coordinator": 200, "admin": 200}

ROWS = [
    _row("audit:log", _none, default=200),
    _row("audit:object_history", _organisation, **RAD_MANAGERS),
    _row(
        "audit:object_history",
        _other_organisation,
        default=404,
        outsider=200,
        coordinator=200,
        admin=200,
    ),
    _row("audit:object_history", _site, **RAD_MANAGERS),
    _row("audit:object_history", _hub, **HUB_MANAGERS),
    _row("audit:object_history", _membership, **RAD_MANAGERS),
    _row("audit:object_history", _appliance, **RAD_MANAGERS),
    _row("audit:object_history", _step, **RAD_MANAGERS),
    # Personal data of a trainee: no global role opens it.
    _row("audit:object_history", _trainee, **TRAINEE_PEOPLE),
    _row("audit:object_history", _assessment, **TRAINEE_PEOPLE),
    _row("audit:object_history", _methodology, **COORDINATORS),
    _row("audit:object_history", _unknown_kind, default=404),
]

COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "statuses"), ROWS)
def test_view_access(client, personas, audit, name, args, statuses):
    url = reverse(name, args=args(personas, audit))
    for persona, expected in statuses.items():
        client.logout()
        if persona in ("coach", "trainee"):
            client.force_login(
                getattr(audit, "coach" if persona == "coach" else "trainee_user")
            )
        elif persona != "anon":
            client.force_login(getattr(personas, persona))
        response = client.get(url)
        assert response.status_code == expected, (persona, response.status_code)


@pytest.mark.django_db
def test_a_deleted_object_keeps_its_history_for_the_same_people(
    client, personas, audit
):
    site_pk = personas.rad_site.pk
    personas.rad_site.delete()
    url = reverse("audit:object_history", args=["site", site_pk])
    client.force_login(personas.manager)
    assert client.get(url).status_code == 200
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("audit:object_history", args=["site", 999999])).status_code
        == 404
    )
