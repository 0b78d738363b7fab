"""The dashboards show the rollup figures, as charts, tables and CSV."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from repairlocale.dashboards import selectors
from repairlocale.dashboards.selectors import Scope
from repairlocale.network.models import PilotRegion
from repairlocale.network.tests.factories import OrganisationFactory
from repairlocale.reuse.tests.test_inflow import build_scenario

pytestmark = pytest.mark.django_db

Q1 = {"date_from": "2026-01-01", "date_to": "2026-03-31"}


def _spec(content, dom_id):
    start = content.index(f'id="{dom_id}-spec"')
    start = content.index(">", start) + 1
    return json.loads(content[start : content.index("</script>", start)])


def test_the_flanders_dashboard_shows_the_rollup_figures(client, personas):
    build_scenario(personas)
    client.force_login(personas.coordinator)
    response = client.get(reverse("dashboards:flanders"), Q1)
    assert response.status_code == 200
    content = response.content.decode()
    figures = selectors.inflow(
        Scope(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    )
    assert figures.total.appliances > 0
    [panel] = response.context["panels"]
    assert panel["inflow"].total.appliances == figures.total.appliances
    spec = _spec(content, "chart-0-inflow-channel")
    assert spec["mark"]["type"] == "bar"
    plotted = sum(v["c2"] for v in spec["data"]["values"])
    assert plotted == figures.total.appliances
    # The accessible table carries the same rows.
    assert "Figures as a table" in content or "Cijfers als tabel" in content


def test_each_chart_downloads_as_csv(client, personas):
    build_scenario(personas)
    client.force_login(personas.viewer)
    response = client.get(
        reverse("dashboards:flanders"), {**Q1, "csv": "0-inflow-channel"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    total = sum(int(r[2]) for r in rows[1:])
    assert (
        total
        == selectors.inflow(
            Scope(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
        ).total.appliances
    )
    assert (
        client.get(reverse("dashboards:flanders"), {"csv": "9-nothing"}).status_code
        == 404
    )


def test_the_pilot_regions_stand_side_by_side(client, personas):
    build_scenario(personas)
    client.force_login(personas.viewer)
    response = client.get(reverse("dashboards:pilot_regions"), Q1)
    labels = [p["label"] for p in response.context["panels"]]
    assert labels == [
        str(PilotRegion.BRUGGE.label),
        str(PilotRegion.VLAAMS_BRABANT.label),
    ]
    brugge = response.context["panels"][0]["inflow"].total.appliances
    rad_only = selectors.inflow(
        Scope(
            datetime.date(2026, 1, 1),
            datetime.date(2026, 3, 31),
            organisation_ids=(personas.rad.pk,),
        )
    ).total.appliances
    assert brugge >= rad_only > 0


def test_the_organisation_filter_offers_only_ones_own_organisations(client, personas):
    other = OrganisationFactory(name="Kringwinkel Elders")
    client.force_login(personas.viewer)
    response = client.get(reverse("dashboards:flanders"))
    choices = list(response.context["form"].fields["organisation"].queryset)
    assert personas.rad in choices and other not in choices
    # Choosing someone else's organisation is refused like any invalid choice.
    response = client.get(reverse("dashboards:flanders"), {"organisation": other.pk})
    assert response.status_code == 400


def test_a_reversed_period_is_a_clear_error(client, personas):
    client.force_login(personas.viewer)
    response = client.get(
        reverse("dashboards:flanders"),
        {"date_from": "2026-03-01", "date_to": "2026-01-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date_to"]


def test_trainees_and_activities_are_counted_without_names(client, personas):
    from repairlocale.cases.models import PublicationStatus
    from repairlocale.cases.tests.factories import ActivityFactory
    from repairlocale.training.tests.factories import TraineeFactory

    TraineeFactory(
        organisation=personas.rad,
        first_name="Zoë",
        last_name="Vermeersch",
        start_date=datetime.date(2026, 1, 5),
    )
    ActivityFactory(
        organisation=personas.rad,
        status=PublicationStatus.PUBLISHED,
        participants=40,
    )
    ActivityFactory(organisation=personas.rad, participants=99)  # a draft
    client.force_login(personas.viewer)
    response = client.get(
        reverse("dashboards:organisation", args=[personas.rad.pk]), Q1
    )
    [panel] = response.context["panels"]
    assert panel["training"]["trainees"] == 1
    assert (panel["activities"], panel["participants"]) == (1, 40)
    content = response.content.decode()
    assert "Vermeersch" not in content and "Zoë" not in content
