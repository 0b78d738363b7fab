"""Reading ORDS files as published and as uploaded: encodings, delimiters, XLSX, values.

The files under files/ are written for these tests (invented rows; nothing copied
from the published datasets); each reproduces quirks of real files.
"""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from repairlocale.repairs import ords_schema
from repairlocale.repairs.models import ProductCategory, RepairBarrier, RepairStatus
from repairlocale.repairs.ords import (
    ORDS_COLUMNS,
    OrdsFileError,
    OrdsReader,
    RowError,
    RowNormaliser,
    normalise_header,
    parse_age,
    parse_barrier,
    parse_brand,
    parse_country,
    parse_date,
    parse_status,
    parse_year,
)

FILES = Path(__file__).parent / "files"
TODAY = datetime.date(2025, 6, 1)
HEADER = b"id,data_provider,country,product_category,repair_status,event_date\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _rows(source, **kwargs):
    with OrdsReader(source, **kwargs) as reader:
        return reader, list(reader)


def test_the_mapping_holds_the_fourteen_v03_columns_in_order():
    assert list(ORDS_COLUMNS) == [
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
    ]


def test_the_columns_are_those_the_export_writes():
    assert tuple(ORDS_COLUMNS) == ords_schema.ORDS_COLUMNS


def test_it_reads_utf8_with_a_bom_and_numbers_lines_like_an_editor():
    reader, rows = _rows(FILES / "ords_v03_quirks_bom.csv")
    assert reader.encoding == "utf-8-sig"
    assert reader.delimiter == ","
    assert reader.header[0] == "id"  # the BOM is not part of the first column
    lines = [line for line, _row in rows]
    assert lines == list(range(2, 10))
    first = rows[0][1]
    assert first["id"] == "herstelnet_1"
    assert first["group_identifier"] == "Repair Café Kessel-Lo"
    assert rows[3][1]["problem"] == 'Snoer gebroken, "isolatie" vergaan'


def test_it_reads_windows_1252_with_semicolons():
    reader, rows = _rows(FILES / "ords_cp1252_semicolon.csv")
    assert reader.delimiter == ";"
    assert reader.encoding == "windows-1252"
    assert rows[0][1]["problem"].startswith("Café-toestel")
    assert "€" in rows[0][1]["problem"]
    assert rows[1][1]["partner_product_category"] == "Föhn"
    assert rows[1][1]["problem"] == "Ventilator; draait traag"


def test_it_keeps_utf8_intact_in_a_file_that_mixes_in_windows_1252():
    data = (
        "id,data_provider,country,product_category,repair_status,event_date,problem\n"
        "a_1,P,BEL,Lamp,Fixed,2023-01-01,Café\n"
    ).encode() + "a_2,P,BEL,Lamp,Fixed,2023-01-01,Café\n".encode("cp1252")
    _reader, rows = _rows(io.BytesIO(data))
    assert [row["problem"] for _line, row in rows] == ["Café", "Café"]


def test_it_reads_a_v01_file_with_date_and_model_columns():
    reader, rows = _rows(FILES / "ords_v01.csv")
    assert "event_date" in reader.header  # "date" in v0.1
    assert "model" in reader.columns
    assert "language" not in reader.columns
    assert rows[0][1]["event_date"] == "2019-06-01"


def test_it_reads_a_workbook(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Data Provider", "Country", "Product Category ID"])
    sheet.append(["xl_1", "Werkbladnet", "BEL", 36])
    sheet.append([None, None, None, None])  # a blank row is skipped
    sheet.append(["xl_2", "Werkbladnet", "BEL", 14.0])
    workbook.save(tmp_path / "upload.xlsx")
    # product_category_id stands in for product_category; the rest is missing
    with pytest.raises(OrdsFileError) as error:
        OrdsReader(tmp_path / "upload.xlsx")
    assert "repair_status, event_date" in str(error.value)

    sheet["E1"], sheet["F1"] = "repair_status", "event_date"
    sheet["E2"], sheet["F2"] = "Fixed", datetime.datetime(2024, 2, 3)
    sheet["E4"], sheet["F4"] = "Repairable", datetime.date(2024, 2, 4)
    workbook.save(tmp_path / "upload.xlsx")
    reader, rows = _rows(tmp_path / "upload.xlsx")
    assert reader.format == "xlsx"
    assert rows == [
        (
            2,
            {
                "id": "xl_1",
                "data_provider": "Werkbladnet",
                "country": "BEL",
                "product_category_id": "36",
                "repair_status": "Fixed",
                "event_date": "2024-02-03",
            },
        ),
        (
            4,
            {
                "id": "xl_2",
                "data_provider": "Werkbladnet",
                "country": "BEL",
                "product_category_id": "14",
                "repair_status": "Repairable",
                "event_date": "2024-02-04",
            },
        ),
    ]
    assert reader.fraction_read == 1.0


def test_it_names_the_expected_columns_when_they_are_missing():
    with pytest.raises(OrdsFileError) as error:
        OrdsReader(FILES / "not_ords.csv")
    message = str(error.value)
    assert "id, data_provider, country, product_category, repair_status" in message
    assert ", ".join(ORDS_COLUMNS) in message


def test_the_provider_column_may_be_replaced_by_an_override():
    data = (
        b"id,country,product_category,repair_status,event_date\n"
        b"a_1,BEL,Lamp,Fixed,2023-01-01\n"
    )
    with pytest.raises(OrdsFileError):
        OrdsReader(io.BytesIO(data))
    _reader, rows = _rows(io.BytesIO(data), data_provider="Eigen")
    assert len(rows) == 1


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\n", b"PK\x03\x04garbage that is no zip", b"\xd0\xcf\x11\xe0junk"],
    ids=["empty", "blank", "fake-xlsx", "fake-xls"],
)
def test_unreadable_files_raise_one_clear_error(data):
    with pytest.raises(OrdsFileError):
        OrdsReader(io.BytesIO(data))


def test_a_missing_path_is_a_file_error(tmp_path):
    with pytest.raises(OrdsFileError) as error:
        OrdsReader(tmp_path / "nowhere.csv")
    assert "cannot be opened" in str(error.value)


def test_rows_the_parser_cannot_read_or_too_wide_rows_are_row_errors():
    data = (
        "id,data_provider,country,product_category,repair_status,event_date\n"
        "a_1,P,BEL,Lamp,Fixed,2023-01-01,extra\n"
        "a_2,P,BEL,Lamp,Fixed,2023-01-01,,\n"  # empty trailing cells are fine
        '"' + "x" * 200_000 + '"\n'
        "a_3,P,BEL,Lamp,Fixed,2023-01-01\n"
    ).encode()
    _reader, rows = _rows(io.BytesIO(data))
    assert isinstance(rows[0], RowError) and rows[0].line == 2
    assert rows[1][0] == 3
    assert isinstance(rows[2], RowError) and rows[2].line == 4
    assert rows[3][0] == 5


def test_a_quoted_newline_keeps_the_line_numbers_right():
    data = (
        b"id,data_provider,country,product_category,repair_status,event_date,problem\n"
        b'a_1,P,BEL,Lamp,Fixed,2023-01-01,"two\nlines"\n'
        b"a_2,P,BEL,Lamp,Fixed,2023-01-01,one line\n"
    )
    _reader, rows = _rows(io.BytesIO(data))
    assert [line for line, _row in rows] == [2, 4]
    assert rows[0][1]["problem"] == "two\nlines"


def test_nul_characters_are_dropped():
    data = HEADER + b"a\x00_1,P,BEL,Lamp,Fixed,2023-01-01\n"
    _reader, rows = _rows(io.BytesIO(data))
    assert rows[0][1]["id"] == "a_1"


def test_it_reads_from_a_stream_that_cannot_seek():
    class Pipe(io.RawIOBase):
        def __init__(self, data):
            self._data = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            return self._data.readinto(buffer)

    data = HEADER + b"a_1,P,BEL,Lamp,Fixed,2023-01-01\n"
    _reader, rows = _rows(Pipe(data))
    assert len(rows) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffid", "id"),
        (" Product Category ID ", "product_category_id"),
        ("REPAIR-STATUS", "repair_status"),
        ("date", "event_date"),
    ],
)
def test_headers_are_normalised(raw, expected):
    assert normalise_header(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("No way to open product", RepairBarrier.NO_WAY_TO_OPEN),
        ("No way to open the product", RepairBarrier.NO_WAY_TO_OPEN),
        ("Item too worn out", RepairBarrier.ITEM_TOO_WORN_OUT),
        ("Product too worn out", RepairBarrier.ITEM_TOO_WORN_OUT),
        ("Too worn out", RepairBarrier.ITEM_TOO_WORN_OUT),
        ("SPARE PARTS NOT AVAILABLE", RepairBarrier.SPARE_PARTS_NOT_AVAILABLE),
        ("  lack of   equipment. ", RepairBarrier.LACK_OF_EQUIPMENT),
        ("", ""),
        ("Owner lost interest", None),
    ],
)
def test_barrier_spellings(raw, expected):
    assert parse_barrier(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Fixed", RepairStatus.FIXED),
        ("fixed", RepairStatus.FIXED),
        ("end of life", RepairStatus.END_OF_LIFE),
        ("End-of-life", RepairStatus.END_OF_LIFE),
        ("END_OF_LIFE", RepairStatus.END_OF_LIFE),
        ("Repairable ", RepairStatus.REPAIRABLE),
        ("Unknown", RepairStatus.UNKNOWN),
        ("", None),
        ("Broken", None),
    ],
)
def test_status_spellings(raw, expected):
    assert parse_status(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2015", 2015),
        ("2015.0", 2015),
        ("????", None),
        ("", None),
        ("around 2000", None),
        ("1200", None),
        ("2031", None),
        ("2026", 2026),
    ],
)
def test_years(raw, expected):
    assert parse_year(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15", Decimal("15.0")),
        ("2,5", Decimal("2.5")),
        ("0.25", Decimal("0.3")),
        ("", None),
        ("old", None),
    ],
)
def test_ages(raw, expected):
    assert parse_age(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Unknown", ""), ("unknown", ""), ("-", ""), ("Onbekend", ""), ("Miele", "Miele")],
)
def test_unknown_brands_are_empty(raw, expected):
    assert parse_brand(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("BEL", "BEL"), ("bel", "BEL"), ("BE", "BEL"), ("uk", "GBR"), ("XX", None)],
)
def test_country_codes(raw, expected):
    assert parse_country(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-02-11", datetime.date(2023, 2, 11)),
        ("2023-02-11 00:00:00", datetime.date(2023, 2, 11)),
        ("11/02/2023", datetime.date(2023, 2, 11)),
        ("11.02.2023", datetime.date(2023, 2, 11)),
        ("31/02/2023", None),
        ("2023-13-01", None),
        ("yesterday", None),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.django_db
class TestRowNormaliser:
    HEADER = list(ORDS_COLUMNS)

    def _row(self, **values):
        row = dict.fromkeys(self.HEADER, "")
        row.update(
            id="n_1",
            data_provider="Herstelnet",
            country="BEL",
            product_category="Toaster",
            product_category_id="31",
            repair_status="Fixed",
            event_date="2024-05-04",
        )
        row.update(values)
        return row

    def _normalise(self, header=None, **values):
        normaliser = RowNormaliser(header or self.HEADER, today=TODAY)
        return normaliser.normalise(7, self._row(**values))

    def test_a_clean_row(self):
        values, errors = self._normalise(brand="Unknown", problem="Geen warmte")
        assert errors == []
        assert values["product_category_id"] == (
            ProductCategory.objects.get(ords_id=31).pk
        )
        assert values["brand"] == ""
        assert values["event_date"] == datetime.date(2024, 5, 4)
        assert values["repair_status"] == "Fixed"

    def test_an_age_of_150_is_left_empty_with_a_note(self):
        values, errors = self._normalise(product_age="150")
        assert values["product_age"] is None
        assert [(e.line, e.column, e.value, e.refused) for e in errors] == [
            (7, "product_age", "150", False)
        ]

    def test_an_unknown_category_refuses_the_row(self):
        values, errors = self._normalise(product_category_id="99")
        assert values is None
        assert [(e.column, e.value) for e in errors] == [("product_category_id", "99")]

    def test_the_category_is_found_by_name_in_older_files(self):
        header = [
            c for c in self.HEADER if c not in ("product_category_id", "product_age")
        ]
        values, errors = self._normalise(header, product_category="blender")
        assert errors == []
        assert values["product_category_id"] == (
            ProductCategory.objects.get(ords_name="Food processor").pk
        )
        assert "product_age" not in values  # the file has no such column

    def test_every_problem_of_a_row_is_reported(self):
        values, errors = self._normalise(
            id="", repair_status="Broken", event_date="someday", country="Belgium"
        )
        assert values is None
        assert {e.column for e in errors} == {
            "id",
            "repair_status",
            "event_date",
            "country",
        }

    def test_a_date_in_the_future_is_refused(self):
        values, errors = self._normalise(event_date="2030-01-01")
        assert values is None
        assert errors[0].column == "event_date"

    def test_cells_our_export_protected_against_formulas_are_restored(self):
        values, errors = self._normalise(problem="'=SUM(A1)", brand="'-")
        assert errors == []
        assert values["problem"] == "=SUM(A1)"
        assert values["brand"] == ""  # "-" is an unknown brand

    def test_long_texts_are_cut_with_a_note(self):
        values, errors = self._normalise(brand="B" * 130)
        assert values["brand"] == "B" * 120
        assert errors[0].column == "brand" and not errors[0].refused
