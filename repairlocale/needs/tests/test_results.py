"""Results: the heatmap and the demand ranking equal the answers; exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from repairlocale.needs import selectors, services
from repairlocale.needs.tests.factories import (
    CampaignFactory,
    CampaignHubFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(campaign):
    a, b = campaign.activities
    services.answers_save(
        campaign_hub=campaign.brugge,
        answers={a.pk: {"interest": "strong"}, b.pk: {"interest": "doing"}},
        stage="first_activities",
        stage_comment='=HYPERLINK("http://evil")',
    )
    services.answers_save(
        campaign_hub=campaign.loops,
        answers={a.pk: {"interest": "some", "barriers": "-geen tijd"}},
        stage="exploring",
    )
    return campaign


def test_heatmap_cells_equal_the_answers(answered):
    results = selectors.campaign_results(answered.campaign)
    grid = {
        (row.campaign_hub.hub.name, activity.name_nl): cell.interest
        for row in results.heatmap
        for activity, cell in zip(results.activities, row.cells, strict=True)
    }
    a, b = answered.activities
    assert grid == {
        ("Circular Hub Brugge", a.name_nl): "strong",
        ("Circular Hub Brugge", b.name_nl): "doing",
        ("Smart Loops", a.name_nl): "some",
        ("Smart Loops", b.name_nl): "",
    }


def test_demand_ranks_strong_interest_first(answered):
    results = selectors.campaign_results(answered.campaign)
    a, b = answered.activities
    assert [(r.activity, r.demand) for r in results.demand] == [(a, 3), (b, 0)]
    assert results.demand[0].counts == {"none": 0, "some": 1, "strong": 1, "doing": 0}
    assert results.demand[1].counts["doing"] == 1


def test_the_results_page_shows_the_figures(login, personas, answered):
    client = login(personas.coordinator)
    response = client.get(
        reverse("needs:campaign_results", args=[answered.campaign.pk])
    )
    assert response.status_code == 200
    html = response.text
    assert html.count('class="heat-strong" data-interest="strong"') == 1
    assert html.count('class="heat-some" data-interest="some"') == 1
    assert html.count('class="heat-doing" data-interest="doing"') == 1
    assert html.count('class="heat-empty" data-interest=""') == 1


def test_the_results_page_costs_a_fixed_number_of_queries(
    login, personas, answered, django_assert_max_num_queries
):
    client = login(personas.coordinator)
    url = reverse("needs:campaign_results", args=[answered.campaign.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        client.get(url)


def test_change_since_the_previous_campaign(login, personas, answered):
    previous = CampaignFactory(name="Behoeftenmapping 2023")
    previous.activities.set(answered.activities)
    old = CampaignHubFactory(campaign=previous, hub=personas.hub)
    services.answers_save(
        campaign_hub=old,
        answers={answered.activities[0].pk: {"interest": "some"}},
        stage="not_on_agenda",
    )
    answered.campaign.previous = previous
    answered.campaign.save()
    results = selectors.campaign_results(answered.campaign)
    changes = {
        c.hub.name: c.delta for c in selectors.stage_changes(answered.campaign, results)
    }
    assert changes == {"Circular Hub Brugge": 2, "Smart Loops": None}
    demand = selectors.demand_changes(answered.campaign, results)
    assert [(d.demand, d.previous_demand, d.delta) for d in demand] == [
        (3, 1, 2),
        (0, 0, 0),
    ]
    client = login(personas.coordinator)
    page = client.get(reverse("needs:campaign_stages", args=[answered.campaign.pk]))
    assert "▲ +2" in page.text


def test_csv_export_escapes_formulas(login, personas, answered):
    client = login(personas.coordinator)
    response = client.get(
        reverse("needs:campaign_export", args=[answered.campaign.pk, "csv"])
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 1 + 4  # header + 2 hubs x 2 activities
    brugge = [r for r in rows if r[0] == "Circular Hub Brugge"]
    assert brugge[0][4] == '\'=HYPERLINK("http://evil")'
    loops = [r for r in rows if r[0] == "Smart Loops"]
    assert loops[0][11] == "'-geen tijd"


def test_xlsx_export_has_real_numbers(login, personas, answered):
    client = login(personas.coordinator)
    response = client.get(
        reverse("needs:campaign_export", args=[answered.campaign.pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4
    strong = next(r for r in rows if r[0] == "Circular Hub Brugge" and r[8] == 2)
    assert strong[3] == 3  # stage rank as a number


def test_an_unknown_export_format_is_404(login, personas, answered):
    client = login(personas.coordinator)
    url = reverse("needs:campaign_export", args=[answered.campaign.pk, "pdf"])
    assert client.get(url).status_code == 404


def test_the_stage_map_places_hubs_at_their_municipalities(login, personas, answered):
    from decimal import Decimal

    for municipality, lat, lon in [
        (personas.places.brugge, "51.2", "3.2"),
        (personas.places.oostkamp, "51.1", "3.3"),
    ]:
        municipality.latitude, municipality.longitude = Decimal(lat), Decimal(lon)
        municipality.save()
    results = selectors.campaign_results(answered.campaign)
    assert selectors.hub_points(results) == [
        {
            "name": "Circular Hub Brugge",
            "stage": "Eerste activiteiten",
            "css": "stage-3",
            "lat": 51.15,
            "lon": 3.25,
        }
    ]
    client = login(personas.coordinator)
    page = client.get(reverse("needs:campaign_stages", args=[answered.campaign.pk]))
    assert 'id="stage-map"' in page.text and 'id="stage-points"' in page.text
