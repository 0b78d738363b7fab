"""Who may open which dashboard (see core/tests/test_permission_matrix.py)."""

import pytest
from django.urls import reverse

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
LOGGED_IN = dict.fromkeys(PERSONAS, 200) | {"anon": 302}
# An organisation's own dashboard: its members and the coordinators.
RAD_MEMBERS = LOGGED_IN | {"outsider": 404, "hubcoordinator": 404}

ROWS = [
    ("dashboards:flanders", lambda p: [], LOGGED_IN),
    ("dashboards:pilot_regions", lambda p: [], LOGGED_IN),
    ("dashboards:hub", lambda p: [p.hub.pk], LOGGED_IN),
    ("dashboards:organisation", lambda p: [p.rad.pk], RAD_MEMBERS),
]
COVERED_URLS = {name for name, _args, _statuses in ROWS}


@pytest.mark.parametrize(("name", "args", "statuses"), ROWS, ids=[r[0] for r in ROWS])
def test_dashboard_access(client, personas, name, args, statuses):
    url = reverse(name, args=args(personas))
    for persona in PERSONAS:
        client.logout()
        if persona != "anon":
            client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == statuses[persona], persona
