"""Who opens the repairs app's newer pages (the older ones are in the core matrix).

The person whose history is asked for is the editor of Kringwinkel 't Rad, with one
workshop repair there: they see it themselves, the centre's manager and the network
coordinators see it, the centre's viewer gets 403, everyone else 404. A trainee's
history opens for the trainee alone.
"""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, log_in_as
from repairlocale.repairs.tests.history_helpers import workshop_repair

pytestmark = pytest.mark.django_db


def _history(p):
    workshop_repair(organisation=p.rad, by=p.editor)
    return [p.editor.pk]


def _trainee_history(p):
    workshop_repair(organisation=p.rad, by=p.coach, trainee=p.trainee_file)
    return [p.trainee.pk]


ROWS = [
    pytest.param(
        "repairs:person_history",
        _history,
        {
            "anon": 302,
            "viewer": 403,
            "editor": 200,
            "manager": 200,
            "outsider": 404,
            "hubcoordinator": 404,
            "coordinator": 200,
            "admin": 200,
            # A colleague of the editor at 't Rad, not their manager.
            "coach": 403,
            "trainee": 404,
        },
        id="person_history",
    ),
    # A trainee's repairs belong to the training app: this page opens for the
    # trainee alone, not even for their coach who supervised the repair.
    pytest.param(
        "repairs:person_history",
        _trainee_history,
        {**dict.fromkeys(PERSONAS, 404), "anon": 302, "coach": 404, "trainee": 200},
        id="person_history-trainee",
    ),
]
COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.mark.parametrize(("name", "args", "statuses"), ROWS)
def test_view_access(client, all_personas, name, args, statuses):
    url = reverse(name, args=args(all_personas))
    answered = {
        persona: log_in_as(client, all_personas, persona).get(url).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"GET {url}"
