"""Activities and needs-mapping campaign results on every dashboard.

Each dashboard's figures, chart, table and CSV equal the selectors of the cases
and needs apps (``activity_summary``, ``campaign_summaries``) for its scope.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from repairlocale.cases.selectors import activity_summary
from repairlocale.dashboards.tests.test_report import _scenario
from repairlocale.needs.models import Campaign, CampaignHub
from repairlocale.needs.selectors import campaign_summaries

pytestmark = pytest.mark.django_db

d = datetime.date
Q1 = {"date_from": "2026-01-01", "date_to": "2026-03-31"}
PERIOD = {"date_from": d(2026, 1, 1), "date_to": d(2026, 3, 31)}


def _chart(panel, slug):
    return next(c for c in panel["charts"] if c.slug == slug)


def _dashboards(personas):
    """(url name, url args, query, scope of the selectors) for every dashboard."""
    return [
        ("dashboards:flanders", [], {}, {}),
        (
            "dashboards:flanders",
            [],
            {"pilot_region": "brugge"},
            {"pilot_region": "brugge"},
        ),
        (
            "dashboards:hub",
            [personas.hub.pk],
            {},
            {"hub_ids": (personas.hub.pk,)},
        ),
        (
            "dashboards:organisation",
            [personas.hub_org.pk],
            {},
            {"hub_ids": (personas.hub.pk,)},
        ),
        ("dashboards:organisation", [personas.rad.pk], {}, {"hub_ids": ()}),
    ]


def _expected_campaigns(scope):
    return campaign_summaries(
        **PERIOD,
        pilot_region=scope.get("pilot_region", ""),
        hub_ids=scope.get("hub_ids"),
    )


def test_every_dashboard_shows_the_campaign_results_of_its_hubs(client, personas):
    _scenario(personas)
    client.force_login(personas.coordinator)
    seen = set()
    for name, args, query, scope in _dashboards(personas):
        response = client.get(reverse(name, args=args), {**Q1, **query})
        assert response.status_code == 200
        [panel] = response.context["panels"]
        expected = _expected_campaigns(scope)
        got = panel["campaigns"]
        assert [(s.campaign.pk, s.invited, s.responded, s.submitted) for s in got] == [
            (s.campaign.pk, s.invited, s.responded, s.submitted) for s in expected
        ]
        chart = _chart(panel, "campaigns")
        assert [r[2:5] for r in chart.rows] == [
            [s.invited, s.responded, s.submitted] for s in expected
        ]
        seen.add(tuple(r[2] for r in chart.rows))
    # Flanders: both hubs invited, one answered; Brugge and its hub: one of one.
    [flanders] = _expected_campaigns({})
    assert (flanders.invited, flanders.responded, flanders.response_rate) == (
        2,
        1,
        0.5,
    )
    [brugge] = _expected_campaigns({"pilot_region": "brugge"})
    assert (brugge.invited, brugge.responded, brugge.response_rate) == (1, 1, 1.0)
    # The main need: the talks (strong interest); the fair is already done.
    assert [n.activity.name_nl for n in brugge.main_needs] == ["Infosessie herstel"]
    assert _expected_campaigns({"hub_ids": ()}) == []
    assert seen == {(2,), (1,), ()}


def test_the_campaign_table_downloads_as_csv(client, personas):
    _scenario(personas)
    client.force_login(personas.viewer)
    response = client.get(reverse("dashboards:flanders"), {**Q1, "csv": "0-campaigns"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Campagne", "Deadline", "Uitgenodigde hubs"]
    [row] = rows[1:]
    assert row[0] == "Behoeftenmapping 2026"
    assert row[2:6] == ["2", "1", "1", "50.0"]
    assert "Infosessie herstel" in row[6]


def test_a_hub_not_invited_and_a_campaign_outside_the_period_are_left_out(
    client, personas
):
    _scenario(personas)
    old = Campaign.objects.get()
    later = Campaign.objects.create(
        name="Behoeftenmapping 2027",
        deadline=old.deadline + datetime.timedelta(days=365),
        invited_at=old.invited_at + datetime.timedelta(days=365),
        invitation_nl="x",
        invitation_en="x",
    )
    CampaignHub.objects.create(campaign=later, hub=personas.hub)
    client.force_login(personas.coordinator)
    response = client.get(reverse("dashboards:hub", args=[personas.other_hub.pk]), Q1)
    [panel] = response.context["panels"]
    [summary] = panel["campaigns"]
    assert summary.campaign == old and summary.invited == 1
    assert summary.responded == 0 and summary.response_rate == 0
    assert summary.main_needs == []


def test_every_dashboard_shows_the_activities_of_its_scope(client, personas):
    _scenario(personas)
    client.force_login(personas.coordinator)
    for name, args, query, scope in _dashboards(personas):
        if name == "dashboards:organisation" and args == [personas.rad.pk]:
            scope = {"organisation_ids": (personas.rad.pk,), "hub_ids": ()}
        elif name == "dashboards:organisation":
            scope = {**scope, "organisation_ids": (personas.hub_org.pk,)}
        elif name == "dashboards:hub":
            from repairlocale.dashboards.views import hub_organisations

            scope = {**scope, "organisation_ids": hub_organisations(personas.hub)}
        response = client.get(reverse(name, args=args), {**Q1, **query})
        [panel] = response.context["panels"]
        expected = activity_summary(**PERIOD, **scope)
        assert (panel["activities"], panel["participants"]) == (
            expected.activities,
            expected.participants,
        )
        by_type = _chart(panel, "activities-type")
        assert by_type.rows == [
            [c.label, c.activities, c.participants] for c in expected.by_type
        ]
        by_month = _chart(panel, "activities-month")
        assert sum(r[1] for r in by_month.rows) == expected.activities
    # Flanders: the two published activities of Q1 (a draft and December left out).
    everyone = activity_summary(**PERIOD)
    assert (everyone.activities, everyone.participants) == (2, 42)
    brugge = activity_summary(**PERIOD, pilot_region="brugge")
    assert (brugge.activities, brugge.participants) == (1, 30)
    assert [(c.activities, c.participants) for c in brugge.by_month] == [(1, 30)]


def test_response_rate_is_shown_in_percent_with_one_decimal(personas):
    from repairlocale.dashboards.charts import response_percent

    _scenario(personas)
    [summary] = campaign_summaries(**PERIOD)
    assert response_percent(summary) == Decimal("50.0")
