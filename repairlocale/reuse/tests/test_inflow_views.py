"""The inflow quality pages: who may see them, what they show, what they export."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from repairlocale.network.models import Site
from repairlocale.network.tests.factories import SiteFactory
from repairlocale.reuse.tests.test_inflow import PC, build_scenario, register

pytestmark = pytest.mark.django_db

Q1 = {"date_from": "2026-01-01", "date_to": "2026-03-31"}


@pytest.fixture(autouse=True)
def _english_and_april(client):
    """English labels (the msgids) and a fixed today: 15 April 2026."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with (
        translation.override("en"),
        time_machine.travel(datetime.datetime(2026, 4, 15, 10, 0), tick=False),
    ):
        yield


@pytest.fixture
def scenario(personas):
    return build_scenario(personas)


def _url(personas):
    return reverse("reuse:inflow", args=[personas.rad.pk])


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def _xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.active.iter_rows())


# --- Who may see the pages -------------------------------------------------------


def test_it_sends_anonymous_visitors_to_the_login(client, personas):
    for url in [_url(personas), reverse("reuse:inflow_compare")]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_it_hides_a_centre_from_outsiders(login, personas):
    assert login(personas.outsider).get(_url(personas)).status_code == 404
    export = login(personas.outsider).get(_url(personas), {"format": "csv"})
    assert export.status_code == 404


def test_a_viewer_of_the_centre_sees_its_figures(login, personas, scenario):
    response = login(personas.viewer).get(_url(personas), Q1)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.total.appliances == 10
    assert [r.label for r in report.rows] == [
        "Preserving collection at a recycling park",
        "Home pickup",
    ]
    html = response.content.decode()
    assert "Home pickup" in html
    assert "33.3" in html  # share of preserving collection sold
    assert "115.50" in html  # revenue of the quarter
    assert "Contains a cathode-ray tube (CRT)" in html


def test_a_network_coordinator_sees_every_centre(login, personas, scenario):
    response = login(personas.coordinator).get(_url(personas), Q1)
    assert response.status_code == 200


def test_the_centre_page_links_to_its_inflow_quality(login, personas):
    response = login(personas.viewer).get(
        reverse("reuse:centre_detail", args=[personas.rad.pk])
    )
    assert _url(personas) in response.content.decode()


# --- Filters ---------------------------------------------------------------------


def test_it_shows_the_last_twelve_months_per_channel_by_default(
    login, personas, scenario
):
    response = login(personas.viewer).get(_url(personas))
    report = response.context["report"]
    assert (report.date_from, report.date_to) == (
        datetime.date(2025, 5, 1),
        datetime.date(2026, 4, 15),
    )
    assert report.group_by == "channel"
    assert report.total.appliances == 11  # the quarter and December 2025
    assert 'value="2025-05-01"' in response.content.decode()


def test_it_filters_by_channel_and_groups_by_month(login, personas, scenario):
    response = login(personas.viewer).get(
        _url(personas), {**Q1, "channel": PC, "group_by": "month"}
    )
    report = response.context["report"]
    assert [(r.label, r.appliances) for r in report.rows] == [
        ("January 2026", 2),
        ("February 2026", 3),
        ("March 2026", 1),
    ]


def test_a_period_that_ends_before_it_starts_is_refused(login, personas):
    response = login(personas.viewer).get(
        _url(personas), {"date_from": "2026-03-01", "date_to": "2026-02-01"}
    )
    assert response.status_code == 200
    assert response.context["report"] is None
    assert "The end of the period lies before its start." in response.content.decode()


def test_the_page_costs_a_fixed_number_of_queries(
    login, personas, scenario, django_assert_num_queries
):
    client = login(personas.viewer)
    client.get(_url(personas))  # fills the cached demo-data flag every page reads
    # session, user, centre, role, category choices, the report's two queries
    with django_assert_num_queries(7):
        client.get(_url(personas), {**Q1, "group_by": "site"})
    for day in range(1, 21):
        register(
            personas,
            channel=PC,
            intake=datetime.date(2026, 2, day),
            kg="1.00",
            site=SiteFactory(organisation=personas.rad, name=f"Park {day}"),
        )
    with django_assert_num_queries(7):
        response = client.get(_url(personas), {**Q1, "group_by": "site"})
    assert len(response.context["report"].rows) == 22


# --- Exports ---------------------------------------------------------------------


def test_the_csv_export_holds_the_same_table_with_plain_numbers(
    login, personas, scenario
):
    response = login(personas.viewer).get(_url(personas), {**Q1, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="inflow-kringwinkel-t-rad-2026-01-01-2026-03-31.csv"'
    )
    header, pc, hp, total = _csv(response)
    assert header[:6] == [
        "Collection channel",
        "Appliances in",
        "kg in",
        "Rejected at triage",
        "Share rejected",
        "Rejected: Very outdated or no market value",
    ]
    assert header[-8:] == [
        "Reached sale",
        "Share reaching sale",
        "With a repair",
        "Fixed",
        "Repair success rate",
        "Median days to sale",
        "Revenue (EUR)",
        "kg re-used",
    ]
    assert pc == [
        "Preserving collection at a recycling park",
        "6", "18.00", "1", "0.1667", "1", "1", "0", "0", "0",
        "2", "0.3333", "2", "1", "0.5", "15.0", "55.50", "5.00",
    ]  # fmt: skip
    assert hp[0] == "Home pickup"
    assert total == [
        "Total",
        "10", "46.00", "3", "0.3", "2", "1", "0", "0", "1",
        "3", "0.3", "4", "2", "0.5", "20.0", "115.50", "11.00",
    ]  # fmt: skip


def test_the_xlsx_export_has_numeric_cells_and_number_formats(
    login, personas, scenario
):
    response = login(personas.viewer).get(_url(personas), {**Q1, "format": "xlsx"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    header, pc, _hp, total = _xlsx(response)
    assert header[0].value == "Collection channel"
    assert [c.value for c in total[:5]] == ["Total", 10, 46, 3, 0.3]
    assert isinstance(pc[1].value, int)
    assert isinstance(pc[2].value, float | int)
    assert pc[4].value == 0.1667
    assert pc[4].number_format == "0.0%"
    assert total[-3].value == 20
    assert total[-2].value == 115.5
    assert total[-2].number_format == "#,##0.00"
    assert all(cell.data_type == "n" for cell in total[1:])


def test_text_that_looks_like_a_formula_is_escaped_in_both_exports(
    login, personas, scenario
):
    Site.objects.filter(pk=scenario.park.pk).update(name='=HYPERLINK("http://x")')
    SiteFactory(organisation=personas.rad, name="@SUM(A1)")
    client = login(personas.viewer)
    query = {**Q1, "group_by": "site"}

    rows = _csv(client.get(_url(personas), {**query, "format": "csv"}))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'

    cells = _xlsx(client.get(_url(personas), {**query, "format": "xlsx"}))
    assert cells[1][0].value == '\'=HYPERLINK("http://x")'
    assert cells[1][0].data_type == "s"


def test_the_export_links_keep_the_filters(login, personas, scenario):
    response = login(personas.viewer).get(_url(personas), {**Q1, "channel": PC})
    urls = dict(response.context["export_urls"])
    assert urls["csv"] == (
        "?date_from=2026-01-01&date_to=2026-03-31&channel=preserving_collection"
        "&group_by=channel&format=csv"
    )
    assert urls["xlsx"].endswith("&format=xlsx")


# --- Pilot regions ---------------------------------------------------------------


def test_a_network_coordinator_compares_both_pilot_regions(login, personas, scenario):
    response = login(personas.coordinator).get(reverse("reuse:inflow_compare"), Q1)
    assert response.status_code == 200
    brugge, brabant = response.context["comparison"].regions
    assert (brugge.label, brugge.report.total.appliances) == ("Brugge", 10)
    assert (brabant.label, brabant.report.total.appliances) == ("Vlaams-Brabant", 2)
    html = response.content.decode()
    assert "Every reuse centre of each pilot region is counted." in html


def test_a_member_compares_only_the_centres_they_belong_to(login, personas, scenario):
    response = login(personas.viewer).get(reverse("reuse:inflow_compare"), Q1)
    brugge, brabant = response.context["comparison"].regions
    assert brugge.report.total.appliances == 10
    assert brabant.report.total.appliances == 0
    assert "Only the reuse centres you belong to are counted." in (
        response.content.decode()
    )

    response = login(personas.outsider).get(reverse("reuse:inflow_compare"), Q1)
    brugge, brabant = response.context["comparison"].regions
    assert (brugge.report.total.appliances, brabant.report.total.appliances) == (0, 2)


def test_the_comparison_exports_one_row_per_region_and_group(login, personas, scenario):
    response = login(personas.coordinator).get(
        reverse("reuse:inflow_compare"), {**Q1, "format": "csv"}
    )
    rows = _csv(response)
    assert rows[0][:3] == ["Pilot region", "Collection channel", "Appliances in"]
    assert [row[:3] for row in rows[1:]] == [
        ["Brugge", "Preserving collection at a recycling park", "6"],
        ["Brugge", "Home pickup", "4"],
        ["Brugge", "Total", "10"],
        ["Vlaams-Brabant", "Preserving collection at a recycling park", "1"],
        ["Vlaams-Brabant", "Home pickup", "1"],
        ["Vlaams-Brabant", "Total", "2"],
    ]


def test_the_comparison_costs_a_fixed_number_of_queries(
    login, personas, scenario, django_assert_num_queries
):
    client = login(personas.viewer)
    client.get(reverse("reuse:inflow_compare"))  # fills the cached demo-data flag
    # session, user, category choices, the comparison's two queries
    with django_assert_num_queries(5):
        client.get(reverse("reuse:inflow_compare"), {**Q1, "group_by": "month"})
    for day in range(1, 21):
        register(personas, channel=PC, intake=datetime.date(2025, 5, day), kg="1")
    with django_assert_num_queries(5):
        response = client.get(reverse("reuse:inflow_compare"), {"group_by": "month"})
    assert len(response.context["comparison"].regions[0].report.rows) == 5
