"""Who opens the repairs app's newer pages (the older ones are in the core matrix).

The person whose history is asked for is the editor of Kringwinkel 't Rad, with one
workshop repair there: they see it themselves, the centre's manager and the network
coordinators see it, the centre's viewer gets 403, everyone else 404.
"""

import pytest
from django.urls import reverse

from repairlocale.repairs.tests.history_helpers import workshop_repair

pytestmark = pytest.mark.django_db

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


def _history(p):
    workshop_repair(organisation=p.rad, by=p.editor)
    return [p.editor.pk]


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
        },
        id="person_history",
    ),
]
COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.mark.parametrize(("name", "args", "statuses"), ROWS)
def test_view_access(client, personas, name, args, statuses):
    url = reverse(name, args=args(personas))
    for persona in PERSONAS:
        client.logout()
        if persona != "anon":
            client.force_login(getattr(personas, persona))
        response = client.get(url)
        assert response.status_code == statuses[persona], (
            f"{persona} GET {url}: {response.status_code}, expected {statuses[persona]}"
        )
