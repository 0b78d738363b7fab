"""Repair records (scoped), the ORDS export and the impact summary through the API:
the same figures and files as the pages, from the same modules."""

import csv
import io
import json

import pytest
from django.urls import reverse

from repairlocale.api.tests.factories import RepairRecordFactory
from repairlocale.impact.selectors import impact_summary, reuse_impact
from repairlocale.repairs.exports import iter_ords_csv, ords_rows, records_for_export
from repairlocale.repairs.ords_schema import ORDS_COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(personas):
    return {
        "rad": RepairRecordFactory(
            organisation=personas.rad, problem="Bel 0470 12 34 56 als klaar"
        ),
        "other": RepairRecordFactory(
            organisation=personas.other, repair_status="Repairable"
        ),
        "imported": RepairRecordFactory(
            source="imported", data_provider="Repair Connects", external_id="rc_1"
        ),
    }


def test_members_read_their_organisations_records_only(api, personas, records):
    url = reverse("api:repairrecord-list")
    ids = {r["id"] for r in api(personas.viewer).get(url).json()["results"]}
    assert ids == {records["rad"].pk}
    ids = {r["id"] for r in api(personas.coordinator).get(url).json()["results"]}
    assert ids == {r.pk for r in records.values()}
    detail = reverse("api:repairrecord-detail", args=[records["imported"].pk])
    assert api(personas.manager).get(detail).status_code == 404
    assert api(personas.coordinator).get(detail).status_code == 200


def test_a_record_is_its_ords_row(api, personas, records):
    url = reverse("api:repairrecord-detail", args=[records["rad"].pk])
    row = api(personas.viewer).get(url).json()
    assert row["ords_id"] == f"repairlocale-{records['rad'].pk}"
    assert row["product_category"] == "Toaster"
    assert row["repair_status"] == "Fixed"
    assert row["problem"] == "Bel [phone] als klaar"  # scrubbed as in the export
    assert row["organisation"] == personas.rad.pk
    assert set(ORDS_COLUMNS) - {"id"} <= set(row)


def test_record_filters(api, personas, records):
    url = reverse("api:repairrecord-list")
    client = api(personas.coordinator)
    rows = client.get(url, {"repair_status": "Repairable"}).json()["results"]
    assert [r["id"] for r in rows] == [records["other"].pk]
    rows = client.get(url, {"source": "imported"}).json()["results"]
    assert [r["id"] for r in rows] == [records["imported"].pk]
    assert client.get(url, {"event_date_after": "2027-01-01"}).json()["count"] == 0


def test_the_ords_export_is_the_export_modules_file(api, personas, records):
    client = api(personas.coordinator)
    response = client.get(reverse("api:ords-export"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    expected = "".join(iter_ords_csv(ords_rows(records_for_export())))
    assert body == expected
    assert next(csv.reader(io.StringIO(body))) == list(ORDS_COLUMNS)

    response = client.get(
        reverse("api:ords-export"), {"format": "json", "providers": "Repair Connects"}
    )
    rows = json.loads(b"".join(response.streaming_content))
    assert [r["id"] for r in rows] == ["rc-1"]


def test_the_ords_export_validates_its_parameters(api, personas, records):
    response = api(personas.coordinator).get(
        reverse("api:ords-export"),
        {"since": "2026-05-01", "until": "2026-01-01", "format": "xml"},
    )
    assert response.status_code == 400
    assert {e["attr"] for e in response.json()["errors"]} == {"until", "format"}


def test_the_impact_summary_equals_the_selectors(api, personas, records):
    url = reverse("api:impact-summary")
    body = api(personas.coordinator).get(url).json()
    expected = impact_summary()
    assert body["organisations"] is None
    assert body["repairs"]["records"] == expected.records == 3
    assert body["repairs"]["fixed"] == expected.fixed
    assert body["repairs"]["co2e_kg"] == float(expected.co2e_kg)
    assert body["reuse"]["appliances"] == reuse_impact().appliances
    assert body["methodology"]["version"] == expected.methodology_version

    mine = api(personas.viewer).get(url).json()
    scoped = impact_summary(organisation_ids=[personas.rad.pk])
    assert mine["organisations"] == [personas.rad.pk]
    assert mine["repairs"]["records"] == scoped.records == 1
    assert mine["repairs"]["waste_kg"] == float(scoped.waste_kg)


def test_the_impact_summary_refuses_what_you_may_not_see(api, personas, records):
    url = reverse("api:impact-summary")
    response = api(personas.viewer).get(url, {"organisation": personas.other.pk})
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "organisation"
    response = api(personas.viewer).get(url, {"methodology": "nope"})
    assert response.json()["errors"][0] == {
        "code": "does_not_exist",
        "detail": response.json()["errors"][0]["detail"],
        "attr": "methodology",
    }
    ok = api(personas.coordinator).get(url, {"organisation": personas.other.pk})
    assert ok.json()["repairs"]["records"] == 1
