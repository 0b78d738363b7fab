"""Who may open the audit trail pages.

An object's history: the managers of the owning organisation and the network's
coordinators (and administrators); for a trainee or an assessment only the
employer's managers and the trainee's coaches, never a global role. Anyone else
gets 404. The change log answers every signed-in person with what they may read.
"""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, expected_statuses, log_in_as


def _row(name, args, **expected):
    statuses = expected_statuses(expected)
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


RAD_MANAGERS = {
    "default": 404,
    "manager": 200,
    "coordinator": 200,
    "admin": 200,
    "coach": 404,
    "trainee": 404,
}
HUB_MANAGERS = {
    "default": 404,
    "hubcoordinator": 200,
    "coordinator": 200,
    "admin": 200,
    "coach": 404,
    "trainee": 404,
}
# The trainee reads their own file, not who changed it.
TRAINEE_PEOPLE = {"default": 404, "manager": 200, "coach": 200, "trainee": 404}
COORDINATORS = {
    "default": 404,
    "coordinator": 200,
    "admin": 200,
    "coach": 404,
    "trainee": 404,
}

ROWS = [
    _row("audit:log", _none, default=200, coach=200, trainee=200),
    _row("audit:object_history", _organisation, **RAD_MANAGERS),
    _row(
        "audit:object_history",
        _other_organisation,
        default=404,
        outsider=200,
        coordinator=200,
        admin=200,
        coach=404,
        trainee=404,
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
    _row("audit:object_history", _unknown_kind, default=404, coach=404, trainee=404),
]

COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "statuses"), ROWS)
def test_view_access(client, all_personas, audit, name, args, statuses):
    url = reverse(name, args=args(all_personas, audit))
    answered = {
        persona: log_in_as(client, all_personas, persona).get(url).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"GET {url}"


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
