"""Who may open which dashboard (see core/tests/test_permission_matrix.py)."""

import datetime

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, log_in_as

pytestmark = pytest.mark.django_db

LOGGED_IN = dict.fromkeys(PERSONAS, 200) | {"anon": 302, "coach": 200, "trainee": 200}
# An organisation's own dashboard: its members and the coordinators.
RAD_MEMBERS = LOGGED_IN | {
    "outsider": 404,
    "hubcoordinator": 404,
    "coach": 200,
    "trainee": 404,
}

# The funder report: network coordinators (and administrators) only.
COORDINATORS = dict.fromkeys(PERSONAS, 403) | {
    "anon": 302,
    "coordinator": 200,
    "admin": 200,
    "coach": 403,
    "trainee": 403,
}


def _report(p):
    """A finished funder report with both files (created once per test)."""
    from django.core.files.base import ContentFile

    from repairlocale.dashboards.models import FunderReport
    from repairlocale.impact.models import Methodology

    if not hasattr(p, "report"):
        method = Methodology.objects.default()
        p.report = FunderReport.objects.create(
            date_from=datetime.date(2026, 1, 1),
            date_to=datetime.date(2026, 3, 31),
            methodology=method,
            methodology_version=method.version,
            status=FunderReport.Status.DONE,
            progress=100,
        )
        p.report.pdf.save("r.pdf", ContentFile(b"%PDF-1.7"), save=False)
        p.report.xlsx.save("r.xlsx", ContentFile(b"PK"), save=False)
        p.report.save()
    return [p.report.pk]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


ROWS = [
    ("dashboards:flanders", lambda p: [], LOGGED_IN),
    ("dashboards:pilot_regions", lambda p: [], LOGGED_IN),
    ("dashboards:hub", lambda p: [p.hub.pk], LOGGED_IN),
    ("dashboards:organisation", lambda p: [p.rad.pk], RAD_MEMBERS),
    ("dashboards:report_list", lambda p: [], COORDINATORS),
    ("dashboards:report_create", lambda p: [], COORDINATORS),
    ("dashboards:report_detail", _report, COORDINATORS),
    ("dashboards:report_progress", _report, COORDINATORS),
    ("dashboards:report_pdf", _report, COORDINATORS),
    ("dashboards:report_xlsx", _report, COORDINATORS),
    # POST only: a GET by a coordinator is refused with 405 after the checks.
    (
        "dashboards:report_regenerate",
        _report,
        COORDINATORS | {"coordinator": 405, "admin": 405},
    ),
]
COVERED_URLS = {name for name, _args, _statuses in ROWS}


@pytest.mark.parametrize(("name", "args", "statuses"), ROWS, ids=[r[0] for r in ROWS])
def test_dashboard_access(client, all_personas, name, args, statuses):
    url = reverse(name, args=args(all_personas))
    answered = {
        persona: log_in_as(client, all_personas, persona).get(url).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"GET {url}"


def test_only_coordinators_may_generate_a_report_again(client, all_personas):
    from repairlocale.dashboards.models import FunderReport

    [pk] = _report(all_personas)
    FunderReport.objects.filter(pk=pk).update(status=FunderReport.Status.FAILED)
    url = reverse("dashboards:report_regenerate", args=[pk])
    for persona, status in [
        ("anon", 302),
        ("manager", 403),
        ("hubcoordinator", 403),
        ("coach", 403),
        ("trainee", 403),
    ]:
        log_in_as(client, all_personas, persona)
        assert client.post(url).status_code == status, persona
        assert FunderReport.objects.get(pk=pk).attempt == 1
