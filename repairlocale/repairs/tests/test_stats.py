"""The statistics page: who may open it, its figures, the CSV, and that pages agree."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from repairlocale.impact.models import Methodology
from repairlocale.impact.selectors import impact_breakdown, impact_summary
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.repairs.models import ProductCategory, RepairRecord
from repairlocale.repairs.services import repair_entries_add
from repairlocale.repairs.views import stats as stats_views
from repairlocale.reuse.services import DATA_PROVIDER

pytestmark = pytest.mark.django_db

URL = "/herstellingen/statistieken/"
COUNTS = ("records", "fixed", "repairable", "end_of_life", "unknown")


@pytest.fixture(autouse=True)
def _english(client):
    """English pages (the msgids), whatever the catalogue holds."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def records(db):
    """Two providers, a likely duplicate, two years and every status."""
    laptop = RepairRecordFactory(
        category="Laptop", group_identifier="Maakbaar Leuven"
    )  # 1.83 kg, 132.66 kg CO2e
    RepairRecordFactory(category="Coffee maker", group_identifier="Maakbaar Leuven")
    RepairRecordFactory(
        category="Toaster",
        repair_status="End of life",
        group_identifier="Repair Café Gent",
    )
    RepairRecordFactory(
        category="Digital compact camera",  # 0.48 kg, 0.5 x 29.73 = 14.865
        data_provider="The Restart Project",
        source="imported",
        group_identifier="Restart Brixton",
        event_date=datetime.date(2023, 11, 2),
    )
    RepairRecordFactory(
        category="Mobile",
        repair_status="Unknown",
        data_provider="The Restart Project",
        source="imported",
        group_identifier="Restart Brixton",
    )
    # The Leuven laptop, published again by Restart: counted once.
    RepairRecordFactory(
        category="Laptop",
        data_provider="The Restart Project",
        source="imported",
        group_identifier="Maakbaar Leuven",
        likely_duplicate_of=laptop,
    )


def _as_coordinator(client, personas):
    client.force_login(personas.coordinator)
    return client


def _counts(figures):
    return tuple(getattr(figures, name) for name in COUNTS)


# --- Who may and who may not ------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("anon", 302),
        ("viewer", 403),
        ("editor", 403),
        ("manager", 403),
        ("outsider", 403),
        ("hubcoordinator", 403),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_only_network_coordinators_see_the_statistics(
    client, personas, records, person, status
):
    if person != "anon":
        client.force_login(getattr(personas, person))
    assert client.get(URL).status_code == status
    assert client.get(URL, {"format": "csv"}).status_code == status


def test_it_is_the_repairs_stats_url():
    assert reverse("repairs:stats") == URL


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_menu_shows_the_page_to_coordinators_only(client, personas):
    link = f'href="{URL}"'
    client.force_login(personas.coordinator)
    assert link in client.get(reverse("repairs:event_list")).content.decode()
    client.force_login(personas.manager)
    assert link not in client.get(reverse("repairs:event_list")).content.decode()


# --- Figures ------------------------------------------------------------------------


def test_the_totals_are_impact_summary_with_the_default_methodology(
    client, personas, records
):
    response = _as_coordinator(client, personas).get(URL)
    summary = response.context["summary"]
    assert summary == impact_summary()
    assert _counts(summary) == (5, 3, 0, 1, 1)
    # 1.83 + 1.28 + 0.48 kg; 132.66 + 8.75 + 14.865 kg CO2e.
    assert (summary.waste_kg, summary.co2e_kg) == (Decimal("3.59"), Decimal("156.28"))
    content = response.content.decode()
    restart = Methodology.objects.default()
    assert f'href="{restart.get_absolute_url()}"' in content
    assert "Restart Project 2021 LCA 2021.1" in content
    assert '<span class="stat-value" data-total="co2e_kg">156.28</span>' in content


def test_the_breakdown_per_provider_adds_up_to_the_totals(client, personas, records):
    response = _as_coordinator(client, personas).get(URL)
    rows, summary = response.context["rows"], response.context["summary"]
    assert rows == impact_breakdown(group_by="data_provider")
    assert [(r.label, *_counts(r), r.waste_kg, r.co2e_kg) for r in rows] == [
        ("Repair Connects", 3, 2, 0, 1, 0, Decimal("3.11"), Decimal("141.41")),
        ("The Restart Project", 2, 1, 0, 0, 1, Decimal("0.48"), Decimal("14.87")),
    ]
    for name in COUNTS:
        assert sum(getattr(r, name) for r in rows) == getattr(summary, name)
    assert sum(r.waste_kg_exact for r in rows).quantize(Decimal("0.01")) == (
        summary.waste_kg
    )
    # 141.41 + 14.865 = 156.275: the total rounds once (156.28), not the rows.
    assert sum(r.co2e_kg_exact for r in rows) == Decimal("156.275")


def test_the_breakdown_per_group_adds_up_to_the_totals(client, personas, records):
    response = _as_coordinator(client, personas).get(
        URL, {"group_by": "group_identifier"}
    )
    rows, summary = response.context["rows"], response.context["summary"]
    assert [(r.label, r.records) for r in rows] == [
        ("Maakbaar Leuven", 2),
        ("Restart Brixton", 2),
        ("Repair Café Gent", 1),
    ]
    assert sum(r.records for r in rows) == summary.records
    assert response.context["group_label"] == "Group"
    assert "Breakdown: Group" in response.content.decode()


@pytest.mark.parametrize(
    "group_by", ["organisation", "product_category", "year", "data_provider"]
)
def test_every_breakdown_matches_the_selector(client, personas, records, group_by):
    response = _as_coordinator(client, personas).get(URL, {"group_by": group_by})
    assert response.context["rows"] == impact_breakdown(group_by=group_by)


def test_another_methodology_can_be_chosen(client, personas, records):
    client = _as_coordinator(client, personas)
    response = client.get(URL, {"methodology": "anstiftung-displacement:2023.1"})
    summary = response.context["summary"]
    anstiftung = Methodology.objects.get(slug="anstiftung-displacement")
    assert summary == impact_summary(methodology=anstiftung)
    assert summary.methodology_name == "anstiftung displacement 0.3"
    # 0.3 x (265.32 + 17.50 + 29.73) = 93.765
    assert summary.co2e_kg == Decimal("93.77")
    assert summary.waste_kg == Decimal("3.59")
    assert f'href="{anstiftung.get_absolute_url()}"' in response.content.decode()
    assert response.context["rows"] == impact_breakdown(
        group_by="data_provider", methodology=anstiftung
    )


def test_it_filters_by_provider_and_period(client, personas, records):
    client = _as_coordinator(client, personas)
    response = client.get(URL, {"provider": "The Restart Project"})
    assert response.context["summary"] == impact_summary(provider="The Restart Project")
    assert [r.label for r in response.context["rows"]] == ["The Restart Project"]
    response = client.get(URL, {"since": "2024-01-01", "until": "2024-12-31"})
    assert _counts(response.context["summary"]) == (4, 2, 0, 1, 1)


def test_a_reversed_period_or_an_unknown_choice_shows_the_errors(
    client, personas, records
):
    client = _as_coordinator(client, personas)
    response = client.get(URL, {"since": "2024-12-31", "until": "2024-01-01"})
    assert response.status_code == 200
    assert "summary" not in response.context
    assert "The end of the period lies before its start." in (response.content.decode())
    for bad in ({"methodology": "nope:1"}, {"group_by": "brand"}, {"provider": "X"}):
        response = client.get(URL, bad)
        assert "summary" not in response.context
        assert response.context["form"].errors


def test_an_empty_network_shows_an_empty_table(client, personas):
    response = _as_coordinator(client, personas).get(URL)
    assert response.context["summary"].records == 0
    assert "No repair records match these filters." in response.content.decode()


def test_a_long_breakdown_is_cut_on_screen_but_not_in_the_csv(
    client, personas, records, monkeypatch
):
    monkeypatch.setattr(stats_views, "PAGE_ROWS", 2)
    client = _as_coordinator(client, personas)
    response = client.get(URL, {"group_by": "group_identifier"})
    assert len(response.context["rows"]) == 2
    assert response.context["more_rows"] is True
    assert "Only the 2 rows with the most records are shown" in (
        response.content.decode()
    )
    # The totals stay those of every record.
    assert response.context["summary"].records == 5
    download = client.get(URL, {"group_by": "group_identifier", "format": "csv"})
    assert len(list(csv.DictReader(io.StringIO(download.content.decode())))) == 3


# --- CSV ----------------------------------------------------------------------------


def _csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_csv_reads_back_as_the_table_on_screen(client, personas, records):
    client = _as_coordinator(client, personas)
    response = client.get(URL, {"format": "csv"})
    assert response["Content-Disposition"] == (
        'attachment; filename="impact-data_provider-restart-2021-lca-2021.1.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    rows = _csv(response)
    assert list(rows[0]) == [
        "data_provider",
        "records",
        "fixed",
        "repairable",
        "end_of_life",
        "unknown",
        "waste_kg",
        "co2e_kg",
        "methodology",
    ]
    assert rows == [
        {
            "data_provider": "Repair Connects",
            "records": "3",
            "fixed": "2",
            "repairable": "0",
            "end_of_life": "1",
            "unknown": "0",
            "waste_kg": "3.11",
            "co2e_kg": "141.41",
            "methodology": "restart-2021-lca:2021.1",
        },
        {
            "data_provider": "The Restart Project",
            "records": "2",
            "fixed": "1",
            "repairable": "0",
            "end_of_life": "0",
            "unknown": "1",
            "waste_kg": "0.48",
            "co2e_kg": "14.87",
            "methodology": "restart-2021-lca:2021.1",
        },
    ]
    summary = impact_summary()
    assert sum(int(r["records"]) for r in rows) == summary.records
    assert sum(int(r["fixed"]) for r in rows) == summary.fixed


def test_the_csv_per_category_has_the_ords_id_and_the_methodology_chosen(
    client, personas, records
):
    response = _as_coordinator(client, personas).get(
        URL,
        {
            "group_by": "product_category",
            "methodology": "anstiftung-displacement:2023.1",
            "format": "csv",
        },
    )
    rows = _csv(response)
    laptop = ProductCategory.objects.get(ords_name="Laptop")
    [row] = [r for r in rows if r["ords_category_id"] == str(laptop.ords_id)]
    assert row["product_category"] == laptop.name_en
    # 0.3 x 265.32 = 79.596
    assert (row["co2e_kg"], row["methodology"]) == (
        "79.60",
        "anstiftung-displacement:2023.1",
    )
    years = _csv(
        _as_coordinator(client, personas).get(
            URL, {"group_by": "year", "format": "csv"}
        )
    )
    assert [(r["year"], r["records"]) for r in years] == [("2024", "4"), ("2023", "1")]


def test_csv_text_cells_cannot_run_as_formulas(client, personas):
    RepairRecordFactory(data_provider='=HYPERLINK("http://evil")')
    RepairRecordFactory(data_provider="+32 50 12 34 56", group_identifier="@SUM(A1)")
    client = _as_coordinator(client, personas)
    providers = {r["data_provider"] for r in _csv(client.get(URL, {"format": "csv"}))}
    assert providers == {'\'=HYPERLINK("http://evil")', "'+32 50 12 34 56"}
    groups = _csv(client.get(URL, {"group_by": "group_identifier", "format": "csv"}))
    assert sorted(r["group_identifier"] for r in groups) == ["", "'@SUM(A1)"]
    # Numbers stay numbers, never protected as text.
    assert all(not r["records"].startswith("'") for r in groups)


# --- Pages never disagree -------------------------------------------------------------


def test_the_page_the_command_and_the_repair_cafe_pages_agree(client, cafes, event):
    """The same records, counted on four pages and by the command: the same figures."""
    for ords_name, status, quantity in [
        ("Toaster", "Fixed", 3),
        ("Laptop", "Fixed", 1),
        ("Vacuum", "Repairable", 2),
        ("Lamp", "End of life", 1),
        ("Kettle", "Unknown", 1),
    ]:
        data = {
            "product_category": ProductCategory.objects.get(ords_name=ords_name),
            "item_type": ords_name,
            "repair_status": status,
            "repairer": cafes.manager,
        }
        if status == "End of life":
            data["repair_barrier"] = "Spare parts not available"
        repair_entries_add(event=event, data=data, quantity=quantity, by=cafes.host)
    # Records of another provider, and a duplicate of one of ours: not ours to count.
    ours = RepairRecord.objects.filter(event=event).first()
    RepairRecordFactory(category="Laptop", data_provider="The Restart Project")
    RepairRecordFactory(
        category="Toaster", data_provider="Repair Connects", likely_duplicate_of=ours
    )

    client.force_login(cafes.coordinator)
    page = client.get(URL, {"provider": DATA_PROVIDER})
    totals = page.context["summary"]
    assert _counts(totals) == (8, 4, 2, 1, 1)

    out = io.StringIO()
    call_command("impact_summary", "--provider", DATA_PROVIDER, "--json", stdout=out)
    command = json.loads(out.getvalue())["repairs"]
    assert tuple(command[name] for name in COUNTS) == _counts(totals)
    assert Decimal(command["waste_kg"]) == totals.waste_kg
    assert Decimal(command["co2e_kg"]) == totals.co2e_kg
    assert command["waste_kg"] == str(totals.waste_kg)

    event_totals = client.get(reverse("repairs:event_detail", args=[event.pk])).context[
        "totals"
    ]
    history = client.get(
        reverse("repairs:repairer_history", args=[cafes.brugge.pk, cafes.manager.pk])
    ).context["totals"]
    for other in (event_totals, history):
        assert (
            other.total,
            other.fixed,
            other.repairable,
            other.end_of_life,
            other.unknown,
        ) == _counts(totals)

    # And the café's row of the breakdown per organisation is the same again.
    by_cafe = client.get(URL, {"provider": DATA_PROVIDER, "group_by": "organisation"})
    [row] = by_cafe.context["rows"]
    assert (row.label, *_counts(row)) == ("Repair Café Brugge", *_counts(totals))
    assert (row.waste_kg, row.co2e_kg) == (totals.waste_kg, totals.co2e_kg)


# --- Cost -----------------------------------------------------------------------------


def test_the_page_costs_the_same_queries_for_many_records(
    client, personas, records, django_assert_num_queries
):
    client = _as_coordinator(client, personas)
    from repairlocale.dashboards.rollups import rollups_refresh

    client.get(URL)  # warm the session
    # session, user, methodologies, data providers; the breakdown from the rollups:
    # anything stale?, the category values, the month rows, the categories' names
    # (the organisations' too, but these records have none; per group: one query
    # over the records); the totals from the rollups: anything stale?, the month
    # rows (the category values are memoised on the methodology).
    queries = {"organisation": 9, "group_identifier": 8, "product_category": 10}
    with django_assert_num_queries(queries["organisation"]):
        assert client.get(URL, {"group_by": "organisation"}).status_code == 200
    for n, name in enumerate(["Vacuum", "Lamp", "Kettle", "Iron", "Hair dryer"]):
        RepairRecordFactory.create_batch(
            8, category=name, data_provider=f"Provider {n}", group_identifier=name
        )
    # The first read after a write recomputes the slices it touched; after that the
    # cost is the same as with fewer records.
    rollups_refresh()
    for group_by in ("organisation", "group_identifier", "product_category"):
        with django_assert_num_queries(queries[group_by]):
            response = client.get(URL, {"group_by": group_by})
        assert response.context["summary"].records == 45
    # The CSV per data provider: the breakdown without the names, and no totals.
    with django_assert_num_queries(7):
        client.get(URL, {"format": "csv"})
