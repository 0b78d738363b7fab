"""The funder report: PDF, XLSX and snapshot agree with the dashboards; reproducible."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from repairlocale.cases.models import Activity, Case, Factor, PublicationStatus
from repairlocale.dashboards import selectors
from repairlocale.dashboards import tasks as report_tasks
from repairlocale.dashboards.models import FunderReport
from repairlocale.dashboards.report import report_snapshot, snapshot_figure
from repairlocale.dashboards.report_files import format_value, render_report_xlsx
from repairlocale.dashboards.selectors import Scope
from repairlocale.dashboards.tasks import funder_report_generate, funder_report_request
from repairlocale.impact.models import Methodology
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.needs.models import (
    ActivityAnswer,
    Campaign,
    CampaignHub,
    CatalogueActivity,
    Interest,
    ResponseStatus,
    Stage,
    Theme,
)
from repairlocale.repairs.models import RepairStatus
from repairlocale.reuse.tests.test_inflow import build_scenario

pytestmark = pytest.mark.django_db

d = datetime.date
Q1 = (d(2026, 1, 1), d(2026, 3, 31))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _scenario(personas):
    """The inflow scenario of the reuse tests plus Repair Café records in Brugge."""
    build_scenario(personas)
    for status, day in [
        (RepairStatus.FIXED, d(2026, 1, 17)),
        (RepairStatus.FIXED, d(2026, 2, 21)),
        (RepairStatus.END_OF_LIFE, d(2026, 2, 21)),
        (RepairStatus.REPAIRABLE, d(2026, 3, 7)),
    ]:
        RepairRecordFactory(
            organisation=personas.rad, repair_status=status, event_date=day
        )
    RepairRecordFactory(organisation=personas.other, event_date=d(2026, 3, 14))
    _cases(personas)
    _needs(personas)


def _needs(personas):
    """A campaign of March 2026 answered by the Brugge hub; Smart Loops not yet."""
    personas.hub.pilot_region = "brugge"
    personas.hub.save()
    personas.other_hub.pilot_region = "vlaams_brabant"
    personas.other_hub.save()
    moment = timezone.make_aware(datetime.datetime(2026, 3, 1, 9))
    campaign = Campaign.objects.create(
        name="Behoeftenmapping 2026",
        deadline=moment + datetime.timedelta(days=20),
        invitation_nl="Uitnodiging",
        invitation_en="Invitation",
        invited_at=moment,
    )
    talks = CatalogueActivity.objects.create(
        theme=Theme.INSPIRE, name_nl="Infosessie herstel", order=1
    )
    fair = CatalogueActivity.objects.create(
        theme=Theme.INSPIRE, name_nl="Herstelbeurs", order=2
    )
    campaign.activities.add(talks, fair)
    answered = CampaignHub.objects.create(
        campaign=campaign,
        hub=personas.hub,
        status=ResponseStatus.SUBMITTED,
        stage=Stage.EXPLORING,
    )
    CampaignHub.objects.create(campaign=campaign, hub=personas.other_hub)
    for activity, interest in [(talks, Interest.STRONG), (fair, Interest.DOING)]:
        ActivityAnswer.objects.create(
            campaign_hub=answered, activity=activity, interest=interest
        )


def _cases(personas):
    """Activities and a case with lessons; drafts and other periods are left out."""
    kind = CatalogueActivity.objects.create(
        theme=Theme.INSPIRE, name_nl="Herstelmoment in de bib", name_en="Library fix"
    )
    published = PublicationStatus.PUBLISHED
    for org, day, people, status in [
        (personas.rad, d(2026, 2, 10), 30, published),
        (personas.other, d(2026, 3, 1), 12, published),
        (personas.rad, d(2026, 2, 11), 99, PublicationStatus.DRAFT),
        (personas.rad, d(2025, 12, 1), 99, published),
    ]:
        Activity.objects.create(
            organisation=org,
            title=f"Activiteit {day}",
            date=day,
            activity_type=kind,
            target_group=Activity.TargetGroup.RESIDENTS,
            participants=people,
            status=status,
        )
    moment = timezone.make_aware(datetime.datetime(2026, 1, 20, 10))
    case = Case.objects.create(
        organisation=personas.rad,
        title="Bewarend inzamelen op het recyclagepark",
        theme=Theme.PRESERVING_COLLECTION,
        summary_nl="Samenvatting.",
        status=published,
        published_at=moment,
    )
    draft = Case.objects.create(
        organisation=personas.rad,
        title="Nog niet klaar",
        theme=Theme.PRESERVING_COLLECTION,
        summary_nl="Samenvatting.",
    )
    for owner, kind_, text in [
        (case, Factor.Kind.SUCCESS, "Een vaste ophaaldag"),
        (case, Factor.Kind.FAILURE, "Te weinig opslagruimte"),
        (draft, Factor.Kind.SUCCESS, "Geheim"),
    ]:
        Factor.objects.create(
            case=owner, kind=kind_, factor=text, theme=Theme.PRESERVING_COLLECTION
        )


def _generate(client, region="project", language="nl-be"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("dashboards:report_create"),
        {"date_from": "2026-01-01", "date_to": "2026-03-31", "region": region},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return FunderReport.objects.get()


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def _download(client, name, report) -> bytes:
    response = client.get(reverse(name, args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return _flat("\n".join(page.extract_text() for page in reader.pages))


def test_the_pdf_the_xlsx_and_the_dashboards_hold_the_same_figures(
    client, personas, django_capture_on_commit_callbacks
):
    _scenario(personas)
    client.force_login(personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        report = _generate(client, region="brugge")
    report.refresh_from_db()
    assert report.status == FunderReport.Status.DONE, report.message
    assert report.progress == 100
    assert report.methodology == Methodology.objects.default()
    assert report.methodology_version == report.methodology.version
    assert report.data_timestamp is not None and report.generated_at is not None

    # The dashboards' figures for the same period and pilot region.
    scope = Scope(*Q1, organisation_ids=(personas.rad.pk,))
    inflow = selectors.inflow(scope).total
    repairs = selectors.repairs(scope).total
    reuse = selectors.reuse_impact(scope)
    assert inflow.appliances > 0 and repairs.records > 0 and reuse.appliances > 0
    dashboard = client.get(
        reverse("dashboards:flanders"),
        {"date_from": "2026-01-01", "date_to": "2026-03-31", "pilot_region": "brugge"},
    ).context["panels"][0]
    assert dashboard["inflow"].total.appliances == inflow.appliances
    assert dashboard["repairs"].total.co2e_kg == repairs.co2e_kg

    # The snapshot: typed figures equal to the selectors'.
    inflow_total = snapshot_figure(report.snapshot, "inflow")[-1]
    assert inflow_total[1:4] == [inflow.appliances, inflow.kg_in, inflow.rejected]
    assert inflow_total[5] == inflow.sold
    assert inflow_total[10:12] == [inflow.revenue, inflow.kg_reused]
    repairs_total = snapshot_figure(report.snapshot, "repairs")[-1]
    assert repairs_total[1:6] == [
        repairs.records,
        repairs.fixed,
        repairs.repairable,
        repairs.end_of_life,
        repairs.unknown,
    ]
    impact_rows = snapshot_figure(report.snapshot, "impact")
    assert impact_rows[0][2:] == [repairs.fixed, repairs.waste_kg, repairs.co2e_kg]
    assert impact_rows[1][2:] == [reuse.appliances, reuse.waste_kg, reuse.co2e_kg]

    # The XLSX: one sheet per section, real numbers with number formats.
    workbook = load_workbook(
        io.BytesIO(_download(client, "dashboards:report_xlsx", report))
    )
    assert workbook.sheetnames == [
        "Rapport",
        "Activiteiten en samenwerkingen",
        "Behoeftenmapping",
        "Instroom",
        "Herstellingen",
        "Doelgroepmedewerkers",
        "Impact",
        "Geleerde lessen",
    ]
    sheet = workbook["Instroom"]
    total_row = next(r for r in sheet.iter_rows() if r[0].value == "Totaal")
    assert [c.value for c in total_row[1:4]] == [
        inflow.appliances,
        float(inflow.kg_in),
        inflow.rejected,
    ]
    assert total_row[1].number_format == "0" and total_row[2].number_format == "0.00"
    assert total_row[10].value == float(inflow.revenue)
    assert (
        isinstance(total_row[4].value, float) and total_row[4].number_format == "0.0%"
    )
    impact_sheet = workbook["Impact"]
    repair_row = next(
        r for r in impact_sheet.iter_rows() if r[0].value == "Herstelling"
    )
    assert [c.value for c in repair_row[2:5]] == [
        repairs.fixed,
        float(repairs.waste_kg),
        float(repairs.co2e_kg),
    ]
    overview = {
        r[0]: r[1] for r in workbook["Rapport"].iter_rows(values_only=True) if r
    }
    assert overview["Versie methodologie"] == report.methodology.version

    # The PDF: the same rows, as printed in Dutch.
    text = _pdf_text(_download(client, "dashboards:report_pdf", report))
    assert "Rapport Repair Locale – periode 1-1-2026 tot 31-3-2026 – Brugge" in text
    with translation.override("nl-be"):
        for section, row in [
            ("inflow", inflow_total),
            ("repairs", repairs_total),
            ("impact", impact_rows[0]),
            ("impact", impact_rows[1]),
        ]:
            kinds = [
                k
                for s in report.snapshot["sections"]
                if s["key"] == section
                for _h, k in s["tables"][0]["columns"]
            ]
            cells = zip(row, kinds, strict=True)
            printed = " ".join(format_value(v, k) for v, k in cells)
            assert _flat(printed) in text, printed
        assert report.methodology.name in text

        # Activities per type and campaign results: the dashboard's rows, the
        # snapshot's, the XLSX's and the PDF's are the same.
        brugge = dashboard["charts"]
        activity_rows = snapshot_figure(report.snapshot, "partnerships", 4)
        campaign_rows = snapshot_figure(report.snapshot, "needs", 3)
        by_type = next(c for c in brugge if c.slug == "activities-type")
        assert activity_rows == by_type.rows == [["Herstelmoment in de bib", 1, 30]]
        campaigns = next(c for c in brugge if c.slug == "campaigns")
        assert campaign_rows == [
            [
                "Behoeftenmapping 2026",
                1,
                1,
                1.0,
                "Infosessie herstel (score 2)",
            ]
        ]
        [shown] = campaigns.rows
        assert shown[0] == campaign_rows[0][0] and shown[6] == campaign_rows[0][4]
        assert shown[2:4] == campaign_rows[0][1:3]
        assert shown[5] == Decimal(100) * Decimal(str(campaign_rows[0][3]))
        sheets = {
            "partnerships": workbook["Activiteiten en samenwerkingen"],
            "needs": workbook["Behoeftenmapping"],
        }
        for section, index, row in [
            ("partnerships", 4, activity_rows[0]),
            ("needs", 3, campaign_rows[0]),
        ]:
            cells = [r for r in sheets[section].iter_rows() if r[0].value == row[0]][-1]
            assert [c.value for c in cells[: len(row)]] == row
            kinds = [
                k
                for s in report.snapshot["sections"]
                if s["key"] == section
                for _h, k in s["tables"][index]["columns"]
            ]
            printed = " ".join(
                format_value(v, k) for v, k in zip(row, kinds, strict=True)
            )
            assert _flat(printed) in text, printed
        assert cells[3].number_format == "0.0%"
        # Page numbers in the margin.
        assert re.search(r"1 / \d+", text)


def test_the_whole_project_covers_both_pilot_regions(personas):
    _scenario(personas)
    method = Methodology.objects.default()
    with translation.override("en"):
        project = report_snapshot(
            date_from=Q1[0], date_to=Q1[1], region="project", methodology=method
        )
        brugge = report_snapshot(
            date_from=Q1[0], date_to=Q1[1], region="brugge", methodology=method
        )
        brabant = report_snapshot(
            date_from=Q1[0], date_to=Q1[1], region="vlaams_brabant", methodology=method
        )
    totals = [snapshot_figure(s, "repairs")[-1][1] for s in (project, brugge, brabant)]
    assert totals[0] == totals[1] + totals[2] > 0
    assert project["organisations"] is None
    assert brugge["organisations"] == [personas.rad.pk]
    # Partnerships of the region only (the fixture's two run since 2024).
    assert len(snapshot_figure(project, "partnerships", 1)) == 2
    [row] = snapshot_figure(brugge, "partnerships", 1)
    assert row[:2] == [personas.hub.name, personas.rad.name]
    # Published activities of the period: both regions, then Brugge alone.
    assert snapshot_figure(project, "partnerships", 2)[:2] == [
        ["Activities carried out", 2],
        ["Participants reached", 42],
    ]
    [activity] = snapshot_figure(brugge, "partnerships", 3)
    assert activity == [
        d(2026, 2, 10),
        "Activiteit 2026-02-10",
        personas.rad.name,
        "Library fix",
        "Residents",
        30,
    ]
    # The lessons of the published case only, in Brugge; none in Vlaams-Brabant.
    assert snapshot_figure(brugge, "lessons") == [
        ["Published cases", 1],
        ["Success factors", 1],
        ["Failure factors", 1],
    ]
    factors = [r[2] for r in snapshot_figure(project, "lessons", 1)]
    assert sorted(factors) == ["Een vaste ophaaldag", "Te weinig opslagruimte"]
    assert snapshot_figure(brabant, "lessons", 1) == []
    # The needs mapping: both hubs invited, one answered (the Brugge hub).
    assert snapshot_figure(project, "needs") == [
        ["Behoeftenmapping 2026", d(2026, 3, 21), 2, 1, 1]
    ]
    assert snapshot_figure(brabant, "needs") == [
        ["Behoeftenmapping 2026", d(2026, 3, 21), 1, 0, 0]
    ]
    assert snapshot_figure(brugge, "needs", 1) == [
        ["Behoeftenmapping 2026", "Infosessie herstel", 1, 0, 0, 0, 2],
        ["Behoeftenmapping 2026", "Herstelbeurs", 0, 0, 1, 0, 0],
    ]
    stages = dict(snapshot_figure(project, "needs", 2))
    assert stages["Exploring"] == 1 and sum(stages.values()) == 1


def test_regenerating_the_same_period_gives_the_same_figures(personas, monkeypatch):
    _scenario(personas)
    # The PDF is rendered in the first test; here the figures are what matters.
    monkeypatch.setattr(report_tasks, "render_report_pdf", lambda r, s: b"%PDF-1.7")
    method = Methodology.objects.default()
    reports = []
    for _attempt in range(2):
        with translation.override("nl-be"):
            report = funder_report_request(
                date_from=Q1[0], date_to=Q1[1], region="project", methodology=method
            )
        reports.append(funder_report_generate(report))
    first, second = reports
    assert first.status == second.status == FunderReport.Status.DONE
    assert first.pk != second.pk
    assert first.snapshot == second.snapshot
    assert first.data_timestamp == second.data_timestamp
    first.refresh_from_db()
    assert first.snapshot == second.snapshot  # as stored, through JSON

    # New data in the period: a new regeneration differs, and says so.
    RepairRecordFactory(organisation=personas.rad, event_date=d(2026, 3, 20))
    third = funder_report_generate(
        funder_report_request(
            date_from=Q1[0], date_to=Q1[1], region="project", methodology=method
        )
    )
    assert third.snapshot != first.snapshot
    assert (
        snapshot_figure(third.snapshot, "repairs")[-1][1]
        == snapshot_figure(first.snapshot, "repairs")[-1][1] + 1
    )


def _files(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def test_a_failing_generation_is_marked_failed_and_writes_no_file(
    personas, monkeypatch
):
    _scenario(personas)
    method = Methodology.objects.default()

    def broken(report, snapshot):
        raise RuntimeError("vl-convert is missing")

    monkeypatch.setattr(report_tasks, "render_report_pdf", broken)
    with translation.override("en"):
        report = funder_report_generate(
            funder_report_request(
                date_from=Q1[0], date_to=Q1[1], region="project", methodology=method
            )
        )
    report.refresh_from_db()
    assert report.status == FunderReport.Status.FAILED
    assert report.message == "The report could not be generated: vl-convert is missing"
    assert not report.pdf and not report.xlsx and report.snapshot == {}
    assert _files(settings.MEDIA_ROOT) == []


def test_a_failure_after_the_first_file_removes_it(personas, monkeypatch):
    _scenario(personas)
    monkeypatch.setattr(report_tasks, "render_report_pdf", lambda r, s: b"%PDF-1.7")
    original = FileSystemStorage.save

    def save(self, name, content, max_length=None):
        if name.endswith(".xlsx"):
            raise OSError("disk full")
        return original(self, name, content, max_length=max_length)

    monkeypatch.setattr(FileSystemStorage, "save", save)
    report = funder_report_generate(
        funder_report_request(
            date_from=Q1[0],
            date_to=Q1[1],
            region="brugge",
            methodology=Methodology.objects.default(),
            language="en",
        )
    )
    assert report.status == FunderReport.Status.FAILED
    assert "disk full" in report.message
    assert _files(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"date_from": "2026-03-31", "date_to": "2026-01-01", "region": "project"},
            "date_to",
            "The end of the period lies before its start.",
        ),
        (
            {"date_from": "2015-01-01", "date_to": "2026-01-01", "region": "project"},
            "date_to",
            "A report covers at most five years.",
        ),
        (
            {"date_from": "31-31-2026", "date_to": "2026-01-01", "region": "project"},
            "date_from",
            "Enter a valid date.",
        ),
        (
            {"date_from": "2026-01-01", "date_to": "2026-03-31", "region": "gent"},
            "region",
            "Select a valid choice. gent is not one of the available choices.",
        ),
    ],
)
def test_bad_input_shows_what_is_wrong_and_writes_nothing(
    client, personas, data, field, error
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(personas.coordinator)
    response = client.post(reverse("dashboards:report_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    # What was typed stays in the form.
    assert f'value="{data["date_from"]}"' in response.content.decode()
    assert not FunderReport.objects.exists()


def test_the_progress_fragment_polls_until_the_report_is_finished(client, personas):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(personas.coordinator)
    report = FunderReport.objects.create(
        date_from=Q1[0],
        date_to=Q1[1],
        methodology=Methodology.objects.default(),
        methodology_version="x",
        status=FunderReport.Status.RUNNING,
        progress=40,
    )
    url = reverse("dashboards:report_progress", args=[report.pk])
    running = client.get(url).content.decode()
    assert f'hx-get="{url}"' in running and 'value="40"' in running
    page = client.get(reverse("dashboards:report_detail", args=[report.pk]))
    assert f'hx-get="{url}"' in page.content.decode()

    FunderReport.objects.filter(pk=report.pk).update(
        status=FunderReport.Status.FAILED, message="Something broke"
    )
    failed = client.get(url).content.decode()
    assert "hx-get" not in failed and "Something broke" in failed
    # Without files there is nothing to download.
    assert (
        client.get(reverse("dashboards:report_pdf", args=[report.pk])).status_code
        == 404
    )
    listing = client.get(reverse("dashboards:report_list")).content.decode()
    assert reverse("dashboards:report_detail", args=[report.pk]) in listing


def test_the_spreadsheet_keeps_formula_like_names_as_text(personas):
    personas.rad.name = '=HYPERLINK("http://x")'
    personas.rad.save()
    method = Methodology.objects.default()
    with translation.override("en"):
        report = FunderReport(
            date_from=Q1[0],
            date_to=Q1[1],
            methodology=method,
            methodology_version=method.version,
        )
        snapshot = report_snapshot(
            date_from=Q1[0], date_to=Q1[1], region="brugge", methodology=method
        )
        workbook = load_workbook(io.BytesIO(render_report_xlsx(report, snapshot)))
    cells = [
        c.value
        for row in workbook["Activities and partnerships"].iter_rows()
        for c in row
        if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells == ['\'=HYPERLINK("http://x")']


def test_the_report_list_reads_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    method = Methodology.objects.default()
    for month in (1, 2, 3):
        FunderReport.objects.create(
            date_from=d(2026, month, 1),
            date_to=d(2026, month, 28),
            methodology=method,
            methodology_version=method.version,
            requested_by=personas.coordinator,
        )
    client.force_login(personas.coordinator)
    # Session and user, the count and one page of reports (with their requesters).
    with django_assert_max_num_queries(6):
        response = client.get(reverse("dashboards:report_list"))
    assert len(response.context["page"]) == 3
